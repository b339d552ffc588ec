/**
 * The span editor's behaviour as a pure state machine: what every key, click and list pick does to
 * the editor's own state (caret, selection, the selected span, proposal or relation, a relation
 * being drawn) and, when it edits the answer, the one next result to hand to the view. Caret and
 * selection are not history; every step that returns `change` is one undo step.
 *
 * Keyboard model: the caret moves by grapheme (←/→) or by word (Alt+←/→); Shift extends a
 * selection; a label key labels the selection, or the word at the caret when nothing is selected.
 * ↑/↓ select spans and proposals in reading order, then relations. With a span selected, a label
 * key relabels it and Shift+←/→ moves its end (the label key then applies the new range).
 */
import { addRelation, addSpan, compareSpans, deleteRelation, deleteSpan, labelName, updateSpan, type Span, type SpanRules, type SpansResult } from './model';
import { acceptAll, acceptProposal, pendingProposals, type Proposal, type Proposals } from './proposals';
import type { Range, TextIndex } from './textIndex';

export type Selected = { kind: 'span'; id: string } | { kind: 'proposal'; id: string } | { kind: 'relation'; index: number } | null;

export interface EditorState {
  /** Selection ends in code points; equal when there is only a caret. */
  anchor: number;
  caret: number;
  selected: Selected;
  /** A relation being drawn from this span (Alt+R pressed once). */
  relationFrom: string | null;
  /** Both ends chosen; waiting for the relation label key. */
  picking: { from: string; to: string } | null;
  message: string | null;
}

export interface Item {
  kind: 'span' | 'proposal';
  span: Span | Proposal;
}

export interface EditorContext {
  index: TextIndex;
  rules: SpanRules & { snapToTokens: boolean };
  value: SpansResult;
  proposals: Proposals;
  pending: readonly Proposal[];
  /** Accepted spans and pending proposals in reading order. */
  items: readonly Item[];
}

export type SpanCommand =
  | { type: 'move'; direction: 'left' | 'right'; by: 'char' | 'token'; extend: boolean }
  | { type: 'cycle'; direction: 'next' | 'previous' }
  | { type: 'label'; label: string }
  | { type: 'delete' }
  | { type: 'relation' }
  | { type: 'pickRelation'; label: string }
  | { type: 'deselect' }
  | { type: 'acceptAll' }
  | { type: 'acceptOne' }
  | { type: 'rejectOne' }
  | { type: 'mouseSelect'; range: Range }
  | { type: 'click'; at: number }
  | { type: 'pick'; selected: Selected };

export interface EditorEvent {
  type: 'span-added' | 'span-selected' | 'relation-added' | 'span-refused' | 'proposals-accepted';
  detail: Record<string, unknown>;
}

export interface Step {
  state: EditorState;
  change?: SpansResult;
  events?: EditorEvent[];
}

/** Everything the state machine reads, derived from the result (with its rejections) and the proposals. */
export function editorContext(index: TextIndex, rules: EditorContext['rules'], value: SpansResult, proposals: Proposals): EditorContext {
  const pending = pendingProposals(proposals, value, new Set(value.rejected ?? []));
  const items: Item[] = [
    ...value.spans.map((span) => ({ kind: 'span' as const, span })),
    ...pending.map((span) => ({ kind: 'proposal' as const, span })),
  ].sort((a, b) => compareSpans(a.span, b.span));
  return { index, rules, value, proposals, pending, items };
}

export function initialState(): EditorState {
  return { anchor: 0, caret: 0, selected: null, relationFrom: null, picking: null, message: null };
}

export function selectionRange(state: EditorState): Range | null {
  return state.anchor === state.caret ? null : { start: Math.min(state.anchor, state.caret), end: Math.max(state.anchor, state.caret) };
}

export function selectedItem(ctx: EditorContext, state: EditorState): Item | null {
  const sel = state.selected;
  if (!sel || sel.kind === 'relation') return null;
  return ctx.items.find((i) => i.kind === sel.kind && i.span.id === sel.id) ?? null;
}

/** The state with anything that no longer exists (after undo, or an accept elsewhere) let go. */
export function normalize(ctx: EditorContext, state: EditorState): EditorState {
  const spanIds = (id: string | null | undefined) => id != null && ctx.value.spans.some((s) => s.id === id);
  const sel = state.selected;
  const selectedOk = !sel || (sel.kind === 'relation' ? sel.index < ctx.value.relations.length : selectedItem(ctx, state) !== null);
  const picking = state.picking && spanIds(state.picking.from) && spanIds(state.picking.to) ? state.picking : null;
  const relationFrom = spanIds(state.relationFrom) ? state.relationFrom : null;
  const clamp = (n: number) => Math.max(0, Math.min(ctx.index.length, n));
  const anchor = clamp(state.anchor);
  const caret = clamp(state.caret);
  if (selectedOk && picking === state.picking && relationFrom === state.relationFrom && anchor === state.anchor && caret === state.caret) return state;
  return { ...state, selected: selectedOk ? sel : null, picking, relationFrom, anchor, caret };
}

const at = (state: EditorState, cp: number): EditorState => ({ ...state, anchor: cp, caret: cp });
const said = (state: EditorState, message: string | null): Step => ({ state: { ...state, message } });
const refused = (state: EditorState, reason: string): Step => ({ state: { ...state, message: reason }, events: [{ type: 'span-refused', detail: { reason } }] });
const excerpt = (ctx: EditorContext, r: Range) => {
  const text = ctx.index.slice(r.start, Math.min(r.end, r.start + 40));
  return r.end - r.start > 40 ? `${text}…` : text;
};

function snapped(ctx: EditorContext, range: Range): Range | null {
  return ctx.rules.snapToTokens ? ctx.index.snapToTokens(range) : ctx.index.snapToStops(range);
}

function move(ctx: EditorContext, state: EditorState, cmd: Extract<SpanCommand, { type: 'move' }>): Step {
  const { index } = ctx;
  const step = (cp: number) =>
    cmd.by === 'char'
      ? cmd.direction === 'left' ? index.previousStop(cp) : index.nextStop(cp)
      : cmd.direction === 'left' ? index.tokenLeft(cp) : index.tokenRight(cp);
  const base = { ...state, message: null };
  if (cmd.extend) {
    const item = selectedItem(ctx, state);
    // Extending from a selected span or proposal starts from its range: that is how keys resize it.
    const [anchor, caret] = item && state.anchor === state.caret ? [item.span.start, item.span.end] : [state.anchor, state.caret];
    return { state: { ...base, anchor, caret: step(caret), selected: item ? state.selected : null } };
  }
  const range = selectionRange(state);
  const caret = range && cmd.by === 'char' ? (cmd.direction === 'left' ? range.start : range.end) : step(state.caret);
  return { state: { ...at(base, caret), selected: null } };
}

function selectStep(ctx: EditorContext, state: EditorState, selected: Selected): Step {
  if (!selected) return { state: { ...state, selected: null, message: null } };
  if (selected.kind === 'relation') return { state: { ...state, selected, message: null, anchor: state.caret } };
  const item = ctx.items.find((i) => i.kind === selected.kind && i.span.id === selected.id);
  if (!item) return { state };
  return {
    state: { ...at(state, item.span.start), selected, message: null },
    events: [{ type: 'span-selected', detail: { id: item.span.id, kind: item.kind, label: item.span.label } }],
  };
}

function cycle(ctx: EditorContext, state: EditorState, direction: 'next' | 'previous'): Step {
  // While drawing a relation only accepted spans can be its other end.
  const drawing = state.relationFrom !== null;
  const items = drawing ? ctx.items.filter((i) => i.kind === 'span') : ctx.items;
  const order: Selected[] = [
    ...items.map((i) => ({ kind: i.kind, id: i.span.id })),
    ...(drawing ? [] : ctx.value.relations.map((_, index) => ({ kind: 'relation' as const, index }))),
  ];
  if (order.length === 0) return said(state, 'No spans yet.');
  const same = (a: Selected, b: Selected) =>
    a !== null && b !== null && a.kind === b.kind && (a.kind === 'relation' ? a.index === (b as { index: number }).index : a.id === (b as { id: string }).id);
  const current = order.findIndex((o) => same(o, state.selected));
  let next: number;
  if (current >= 0) next = (current + (direction === 'next' ? 1 : -1) + order.length) % order.length;
  else if (direction === 'next') next = Math.max(0, items.findIndex((i) => i.span.start >= state.caret));
  else {
    const before = items.findLastIndex((i) => i.span.start < state.caret);
    next = before >= 0 ? before : order.length - 1;
  }
  return selectStep(ctx, state, order[next] ?? null);
}

function label(ctx: EditorContext, state: EditorState, labelId: string): Step {
  const range = selectionRange(state);
  const target = range ? snapped(ctx, range) : null;
  if (range && !target) return refused(state, 'Only white space is selected.');
  const item = selectedItem(ctx, state);
  const taken = ctx.proposals.spans.map((p) => p.id);
  const outcome = item?.kind === 'span'
    ? updateSpan(ctx.rules, ctx.value, item.span.id, { label: labelId, ...(target ? { range: target } : {}) })
    : item?.kind === 'proposal'
      ? acceptProposal(ctx.rules, ctx.value, item.span as Proposal, ctx.proposals, { label: labelId, ...(target ? { range: target } : {}) })
      : (() => {
          const where = target ?? ctx.index.tokenAt(state.caret);
          if (!where) return { ok: false as const, reason: 'Move the caret onto a word or select some text, then press a label key.' };
          return addSpan(ctx.rules, ctx.value, where, labelId, { taken });
        })();
  if (!outcome.ok) return refused(state, outcome.reason);
  const span = outcome.result.spans.find((s) => s.id === outcome.spanId)!;
  const events: EditorEvent[] = item?.kind === 'span'
    ? []
    : [{ type: 'span-added', detail: { id: span.id, label: span.label, start: span.start, end: span.end, origin: span.origin } }];
  // Reviewing proposals goes on to the next one, as after Alt+Enter.
  const following = item?.kind === 'proposal' ? nextProposal(ctx, item.span.id) : null;
  if (following) return { state: { ...at(state, startOf(ctx, following.id)), selected: following, message: null }, change: outcome.result, events };
  return { state: { ...at(state, span.end), selected: { kind: 'span', id: span.id }, message: null }, change: outcome.result, events };
}

const startOf = (ctx: EditorContext, id: string) => ctx.items.find((i) => i.span.id === id)?.span.start ?? 0;

function remove(ctx: EditorContext, state: EditorState): Step {
  const sel = state.selected;
  if (sel?.kind === 'relation') {
    const result = deleteRelation(ctx.value, sel.index);
    const selected = sel.index < result.relations.length ? sel : null;
    return { state: { ...state, selected, message: null }, change: result };
  }
  if (sel?.kind === 'span') {
    // A deleted span that came from a proposal stays decided: the proposal does not come back.
    const span = ctx.value.spans.find((s) => s.id === sel.id);
    const deleted = deleteSpan(ctx.value, sel.id);
    const fromModel = span?.origin === 'prediction' || span?.origin === 'prediction-changed';
    return { state: { ...state, selected: null, message: null }, change: fromModel ? withRejected(deleted, [sel.id]) : deleted };
  }
  if (sel?.kind === 'proposal') return reject(ctx, state);
  return said(state, 'Select a span (↑/↓) or a relation to delete it.');
}

/** The pending proposal after `id` in reading order, to review proposals one key at a time. */
function nextProposal(ctx: EditorContext, id: string): { kind: 'proposal'; id: string } | null {
  const from = ctx.items.findIndex((i) => i.span.id === id);
  const next = ctx.items.slice(from + 1).find((i) => i.kind === 'proposal' && i.span.id !== id);
  return next ? { kind: 'proposal', id: next.span.id } : null;
}

/** The result with these proposal ids recorded as rejected (saved with the answer; undoable). */
function withRejected(value: SpansResult, ids: readonly string[]): SpansResult {
  return { ...value, rejected: [...new Set([...(value.rejected ?? []), ...ids])] };
}

function reject(ctx: EditorContext, state: EditorState): Step {
  const item = selectedItem(ctx, state);
  if (item?.kind !== 'proposal') return { state };
  const step = selectStep(ctx, { ...state, message: 'Proposal rejected.' }, nextProposal(ctx, item.span.id));
  return { ...step, change: withRejected(ctx.value, [item.span.id]) };
}

function acceptOne(ctx: EditorContext, state: EditorState): Step {
  const item = selectedItem(ctx, state);
  if (item?.kind !== 'proposal') return { state };
  const outcome = acceptProposal(ctx.rules, ctx.value, item.span as Proposal, ctx.proposals);
  if (!outcome.ok) return refused(state, outcome.reason);
  const span = outcome.result.spans.find((s) => s.id === outcome.spanId)!;
  const following = nextProposal(ctx, item.span.id);
  const selected: Selected = following ?? { kind: 'span', id: span.id };
  const next = following ? startOf(ctx, following.id) : span.start;
  return {
    state: { ...at(state, next), selected, message: null },
    change: outcome.result,
    events: [{ type: 'span-added', detail: { id: span.id, label: span.label, start: span.start, end: span.end, origin: span.origin } }],
  };
}

function relation(ctx: EditorContext, state: EditorState): Step {
  const item = selectedItem(ctx, state);
  const span = item?.kind === 'span' ? item.span : null;
  if (state.relationFrom === null) {
    if (!span) return said(state, 'Select a span first (↑/↓ or a click), then press Alt+R.');
    return said({ ...state, relationFrom: span.id }, `Relation from “${excerpt(ctx, span)}”: select the other span (↑/↓ or a click), then press Alt+R.`);
  }
  if (span?.id === state.relationFrom) return said({ ...state, relationFrom: null }, 'Relation cancelled.');
  if (!span) return said(state, 'Select the other span (↑/↓ or a click), then press Alt+R.');
  const ends = { from: state.relationFrom, to: span.id };
  const only = ctx.rules.relations.length === 1 ? ctx.rules.relations[0]! : null;
  if (only) return pickRelation(ctx, { ...state, picking: ends }, only.id);
  return said({ ...state, picking: ends }, 'Which relation? Press its key (Esc cancels).');
}

function pickRelation(ctx: EditorContext, state: EditorState, labelId: string): Step {
  if (!state.picking) return { state };
  const added = addRelation(ctx.rules, ctx.value, { ...state.picking, label: labelId });
  const cleared = { ...state, picking: null, relationFrom: null };
  if (!added.ok) return refused(cleared, added.reason);
  const index = added.result.relations.length - 1;
  return {
    state: { ...cleared, selected: { kind: 'relation', index }, message: `Related by ${labelName({ labels: ctx.rules.relations }, labelId)}.` },
    change: added.result,
    events: [{ type: 'relation-added', detail: { ...state.picking, label: labelId } }],
  };
}

function deselect(state: EditorState): Step {
  if (state.picking || state.relationFrom) return said({ ...state, picking: null, relationFrom: null }, 'Relation cancelled.');
  if (state.anchor !== state.caret) return said(at(state, state.caret), null);
  return said({ ...state, selected: null }, null);
}

function clickAt(ctx: EditorContext, state: EditorState, cp: number): Step {
  const drawing = state.relationFrom !== null;
  // The innermost span under the pointer: the shortest one containing it.
  let best: Item | null = null;
  for (const item of ctx.items) {
    if (item.span.start > cp) break;
    if (cp < item.span.end && (!drawing || item.kind === 'span') && (!best || item.span.end - item.span.start < best.span.end - best.span.start)) best = item;
  }
  if (!best) return { state: { ...at(state, cp), selected: null, message: null } };
  const step = selectStep(ctx, state, { kind: best.kind, id: best.span.id });
  return { ...step, state: { ...step.state, anchor: cp, caret: cp } };
}

export function apply(ctx: EditorContext, current: EditorState, cmd: SpanCommand): Step {
  const state = normalize(ctx, current);
  switch (cmd.type) {
    case 'move': return move(ctx, state, cmd);
    case 'cycle': return cycle(ctx, state, cmd.direction);
    case 'label': return label(ctx, state, cmd.label);
    case 'delete': return remove(ctx, state);
    case 'relation': return relation(ctx, state);
    case 'pickRelation': return pickRelation(ctx, state, cmd.label);
    case 'deselect': return deselect(state);
    case 'acceptOne': return acceptOne(ctx, state);
    case 'rejectOne': return reject(ctx, state);
    case 'acceptAll': {
      const out = acceptAll(ctx.rules, ctx.value, ctx.pending, ctx.proposals);
      const message = `Accepted ${out.accepted} proposal${out.accepted === 1 ? '' : 's'}${out.refused ? `; ${out.refused} refused (they overlap other spans)` : ''}.`;
      if (out.accepted === 0) return said(state, message);
      return { state: { ...state, selected: null, message }, change: out.result, events: [{ type: 'proposals-accepted', detail: { count: out.accepted } }] };
    }
    case 'mouseSelect': {
      const range = snapped(ctx, cmd.range);
      if (!range) return { state: { ...at(state, cmd.range.end), selected: null, message: null } };
      return { state: { ...state, anchor: range.start, caret: range.end, selected: null, message: null } };
    }
    case 'click': return clickAt(ctx, state, cmd.at);
    case 'pick': return selectStep(ctx, state, cmd.selected);
  }
}
