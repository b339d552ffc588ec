/**
 * The spans and relations editor (EditorProps for a 'spans' control): the task text with its spans
 * and the model's proposals, the span list beside it, relations below. Owns only transient state
 * (caret, selection, the selected item, a relation being drawn); every edit of
 * the answer goes out through `onChange` once per action, which makes it one undo step.
 *
 * Keys: registers the 'spans' key layer (caret, selection, cycling, delete, relations, proposals)
 * with the control's label hotkeys as label keys — or, while a relation label is being picked, the
 * relation labels' keys. A command it cannot act on right now is left unhandled, so it falls through
 * to the labeling view (Enter submits, PageUp/PageDown change task). Backspace is always claimed:
 * with nothing selected it would otherwise clear every span of the task.
 *
 * Emits app events for tests and the benchmark: span-added, span-selected, relation-added,
 * span-refused, proposals-accepted, span-editor-ready {renderMs}, span-editor-painted {firstPaintMs}.
 */
import { Text } from '@mantine/core';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { displayKey, normalizeKey, type CommandId, type CommandSpec } from '../../../../shared/keymap';
import type { spansControlSchema } from '../../../../shared/pack/labelConfig';
import type { z } from 'zod';
import { emitAppEvent } from '../../appEvents';
import { useCommandHandlers } from '../../keys/commands';
import { useResolvedKeymap } from '../../keys/resolvedKeymap';
import type { CommandHandlers } from '../../keys/registry';
import { isMac } from '../../platform';
import type { EditorProps } from '../editors/types';
import { apply, editorContext, initialState, normalize, type Selected, type SpanCommand } from './editorState';
import { LabelLegend } from './LabelLegend';
import { emptyResult, type SpansResult } from './model';
import { collectProposals, type Proposals } from './proposals';
import { RelationList, RelationPicker, relationKeys } from './RelationList';
import { SpanList } from './SpanList';
import { SpanText } from './SpanText';
import { TextIndex } from './textIndex';

export type SpansControl = z.infer<typeof spansControlSchema>;

function sameProposals<T extends { prediction: object; result: object }>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((p, i) => p.result === b[i]!.result && p.prediction === b[i]!.prediction);
}

/**
 * Proposals rebuilt only when the predictions behind them change: the view passes a new array on
 * every render, and new proposal objects would make the painter redo every proposal's range.
 */
function useProposals(input: EditorProps<SpansControl, SpansResult>['proposals']): Proposals {
  const [memo, setMemo] = useState(() => ({ input, out: collectProposals(input) }));
  if (sameProposals(memo.input, input)) return memo.out;
  const out = collectProposals(input);
  setMemo({ input, out }); // derived state, updated during render as React recommends
  return out;
}

export function SpanEditor({ task, control, value: given, proposals: proposed, onChange }: EditorProps<SpansControl, SpansResult>) {
  const [mountedAt] = useState(() => performance.now());
  const index = useMemo(() => new TextIndex(task.data.text ?? ''), [task.data.text]);
  const rules = useMemo(
    () => ({ labels: control.labels, allowOverlap: control.allowOverlap, relations: control.relations, snapToTokens: control.snapToTokens }),
    [control],
  );
  const value = useMemo(() => given ?? emptyResult(control.id), [given, control.id]);
  const proposals = useProposals(proposed);
  const [rawState, setRawState] = useState(initialState);
  const ctx = useMemo(() => editorContext(index, rules, value, proposals), [index, rules, value, proposals]);
  const { pending, items } = ctx;
  const state = normalize(ctx, rawState);

  // A fresh closure each render: the key layer is refreshed after every render, and React renders
  // between two key presses, so a key always acts on the state it was pressed in.
  const dispatch = (command: SpanCommand) => {
    const step = apply(ctx, state, command);
    setRawState(step.state);
    if (step.change) onChange(step.change);
    for (const event of step.events ?? []) emitAppEvent(event.type, event.detail);
  };

  const relKeys = useMemo(() => relationKeys(control.relations, normalizeKey), [control.relations]);
  const picking = state.picking !== null;
  const hotkeys = useMemo(() => control.labels.map((label) => ({ label, key: label.hotkey ? normalizeKey(label.hotkey) : null })), [control.labels]);
  // Rebuilt each render like the handlers (the layer is refreshed after every render anyway).
  const labelKeys = new Map<string, () => void>();
  if (picking) for (const [key, id] of relKeys) labelKeys.set(key, () => dispatch({ type: 'pickRelation', label: id }));
  else for (const { label, key } of hotkeys) if (key) labelKeys.set(key, () => dispatch({ type: 'label', label: label.id }));
  // A stable click handler for the memoized legend, calling the latest dispatch.
  const latest = useRef(dispatch);
  useLayoutEffect(() => {
    latest.current = dispatch;
  });
  const onLabel = useCallback((label: string) => latest.current({ type: 'label', label }), []);

  const move = (direction: 'left' | 'right', by: 'char' | 'token', extend: boolean) => () => dispatch({ type: 'move', direction, by, extend });
  const anySelectable = items.length + value.relations.length > 0;
  const proposalSelected = state.selected?.kind === 'proposal';
  const canDeselect = picking || state.relationFrom !== null || state.anchor !== state.caret || state.selected !== null || state.message !== null;
  const handlers: CommandHandlers = {
    'span:caretLeft': move('left', 'char', false),
    'span:caretRight': move('right', 'char', false),
    'span:tokenLeft': move('left', 'token', false),
    'span:tokenRight': move('right', 'token', false),
    'span:extendLeft': move('left', 'char', true),
    'span:extendRight': move('right', 'char', true),
    'span:extendTokenLeft': move('left', 'token', true),
    'span:extendTokenRight': move('right', 'token', true),
    'span:next': anySelectable ? () => dispatch({ type: 'cycle', direction: 'next' }) : undefined,
    'span:previous': anySelectable ? () => dispatch({ type: 'cycle', direction: 'previous' }) : undefined,
    'span:delete': () => dispatch({ type: 'delete' }),
    'span:relation': control.relations.length > 0 ? () => dispatch({ type: 'relation' }) : undefined,
    'span:deselect': canDeselect ? () => dispatch({ type: 'deselect' }) : undefined,
    'prediction:acceptAll': pending.length > 0 ? () => dispatch({ type: 'acceptAll' }) : undefined,
    'prediction:acceptOne': proposalSelected ? () => dispatch({ type: 'acceptOne' }) : undefined,
    'prediction:rejectOne': proposalSelected ? () => dispatch({ type: 'rejectOne' }) : undefined,
  };
  useCommandHandlers(handlers, { context: 'spans', labelKeys });

  // How long this task took to show, for `npm run bench`: render, commit, highlights and tag layout
  // (the microtask runs after the re-render that places the tags), then the first painted frame.
  useLayoutEffect(() => {
    queueMicrotask(() => {
      emitAppEvent('span-editor-ready', { taskId: task.id, spans: value.spans.length, chars: index.length, renderMs: performance.now() - mountedAt });
      requestAnimationFrame(() => requestAnimationFrame(() => emitAppEvent('span-editor-painted', { taskId: task.id, firstPaintMs: performance.now() - mountedAt })));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measured once, when the task is first shown
  }, []);

  const keyOf = keyShower(useResolvedKeymap().commands);
  const pick = (selected: Selected) => dispatch({ type: 'pick', selected });
  const selectedRelation = state.selected?.kind === 'relation' ? value.relations[state.selected.index] ?? null : null;
  const spanText = (id: string) => {
    const span = value.spans.find((s) => s.id === id);
    return span ? index.slice(span.start, span.end) : id;
  };

  return (
    <div data-testid="span-editor" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <LabelLegend labels={hotkeys} pending={pending.length} acceptAllKey={keyOf('prediction:acceptAll')} onLabel={onLabel} />
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <SpanText index={index} items={items} labels={control.labels} state={state} relationEnds={selectedRelation} onMouse={dispatch} />
          <Text size="xs" px="md" py={4} c={state.message ? undefined : 'dimmed'} data-testid="span-message" aria-live="polite" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            {state.message ?? hint(state, control.relations.length > 0, keyOf)}
          </Text>
          {state.picking && (
            <RelationPicker labels={control.relations} keys={relKeys} from={spanText(state.picking.from)} to={spanText(state.picking.to)} onPick={(label) => dispatch({ type: 'pickRelation', label })} />
          )}
          <RelationList relations={value.relations} spans={value.spans} relationLabels={control.relations} index={index} selected={state.selected} onPick={pick} />
        </div>
        <div style={{ width: 300, display: 'flex', flexDirection: 'column', borderLeft: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="xs" fw={600} px="sm" py={4} c="dimmed">
            {value.spans.length} span{value.spans.length === 1 ? '' : 's'}
          </Text>
          <SpanList items={items} labels={control.labels} index={index} selected={state.selected} onPick={pick} />
        </div>
      </div>
    </div>
  );
}

type KeyOf = (id: CommandId) => string;

/** The key shown for a command: its first key in the profile's keymap (rebound keys included). */
function keyShower(commands: readonly CommandSpec[]): KeyOf {
  return (id) => {
    const key = commands.find((c) => c.id === id)?.keys[0];
    return key ? displayKey(key, isMac()) : '';
  };
}

function hint(state: { selected: Selected; anchor: number; caret: number }, relations: boolean, keyOf: KeyOf): string {
  if (state.selected?.kind === 'proposal') return `Proposal: ${keyOf('prediction:acceptOne')} accepts, ${keyOf('prediction:rejectOne')} rejects, a label key accepts it with that label.`;
  if (state.selected?.kind === 'span') {
    return `Span: a label key relabels it, ${keyOf('span:extendLeft')} / ${keyOf('span:extendRight')} then a label key moves its end, ${keyOf('span:delete')} deletes it${relations ? `, ${keyOf('span:relation')} starts a relation` : ''}.`;
  }
  if (state.selected?.kind === 'relation') return `Relation: ${keyOf('span:delete')} deletes it.`;
  if (state.anchor !== state.caret) return 'Press a label key to label the selection.';
  return `${keyOf('span:caretLeft')} ${keyOf('span:caretRight')} move the caret (${keyOf('span:tokenRight')} by word), ${keyOf('span:extendRight')} selects; a label key labels the selection or the word at the caret; ${keyOf('span:previous')} ${keyOf('span:next')} select spans.`;
}
