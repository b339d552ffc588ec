/**
 * The span editor's state machine, headless: keys move the caret and select, label keys label,
 * spans are cycled, relabeled, deleted, related, proposals accepted and rejected. Every editing
 * action goes through the real answer history (history.ts) and is undoable and redoable; caret and
 * selection moves are not history.
 */
import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../shared/pack/task';
import { historyReducer, startHistory, type AnswerHistory } from '../../../../renderer/src/annotate/history';
import { apply, editorContext, initialState, normalize, selectionRange, type EditorState, type SpanCommand, type Step } from '../../../../renderer/src/annotate/spans/editorState';
import { emptyResult, type Span, type SpansResult } from '../../../../renderer/src/annotate/spans/model';
import { collectProposals } from '../../../../renderer/src/annotate/spans/proposals';
import { TextIndex } from '../../../../renderer/src/annotate/spans/textIndex';
import { ENTITY_RULES, TEXT } from './fixtures';

/** A test editor: the state machine over the real history reducer, with deterministic ids. */
function testEditor(options: { text?: string; spans?: Span[]; relations?: SpansResult['relations']; proposals?: Span[]; score?: number; rules?: Partial<typeof ENTITY_RULES> } = {}) {
  const index = new TextIndex(options.text ?? TEXT);
  const rules = { ...ENTITY_RULES, ...options.rules };
  const start = options.spans ? [{ ...emptyResult('entities'), spans: options.spans, relations: options.relations ?? [] }] : [];
  const predicted = { ...emptyResult('entities'), spans: options.proposals ?? [] };
  const prediction: Prediction = { model: 'ner', modelVersion: '2', score: options.score ?? 0.9, result: [predicted] };
  const proposals = collectProposals(options.proposals ? [{ prediction, result: predicted }] : []);
  let history: AnswerHistory = startHistory(start);
  let state: EditorState = initialState();
  const value = () => (history.present[0] as SpansResult | undefined) ?? emptyResult('entities');
  const ctx = () => editorContext(index, rules, value(), proposals);
  return {
    run(...commands: SpanCommand[]): Step {
      let step: Step = { state };
      for (const command of commands) {
        step = apply(ctx(), state, command);
        state = step.state;
        if (step.change) history = historyReducer(history, { type: 'setResult', result: step.change });
      }
      return step;
    },
    undo: () => void (history = historyReducer(history, { type: 'undo' })),
    redo: () => void (history = historyReducer(history, { type: 'redo' })),
    get value() { return value(); },
    get state() { return normalize(ctx(), state); },
    get steps() { return history.past.length; },
    pending: () => ctx().pending.map((p) => p.id),
  };
}
type TestEditor = ReturnType<typeof testEditor>;

const right = (by: 'char' | 'token', extend = false): SpanCommand => ({ type: 'move', direction: 'right', by, extend });
const left = (by: 'char' | 'token', extend = false): SpanCommand => ({ type: 'move', direction: 'left', by, extend });
const label = (id: string): SpanCommand => ({ type: 'label', label: id });

/** tldraw's rule: every editing action is one step, undone and redone exactly. */
function expectUndoableAndRedoable(editor: TestEditor, ...commands: SpanCommand[]) {
  const before = editor.value;
  const steps = editor.steps;
  editor.run(...commands);
  const after = editor.value;
  expect(after).not.toEqual(before);
  expect(editor.steps).toBe(steps + 1);
  editor.undo();
  expect(editor.value).toEqual(before);
  editor.redo();
  expect(editor.value).toEqual(after);
}

describe('caret and selection (not history)', () => {
  it('moves by word and by grapheme, extends with Shift, collapses on a plain move', () => {
    const e = testEditor();
    e.run(right('token'), right('token'));
    expect(e.state.caret).toBe(12);
    e.run(right('token', true), right('token', true));
    expect(selectionRange(e.state)).toEqual({ start: 12, end: 22 });
    e.run(left('char'));
    expect(e.state).toMatchObject({ anchor: 12, caret: 12 });
    expect(e.steps).toBe(0);
  });

  it('steps over 👍🏽 in one move (two code points)', () => {
    const e = testEditor();
    e.run({ type: 'click', at: 43 }, right('char'));
    expect(e.state.caret).toBe(45);
  });
});

describe('labeling', () => {
  it('labels a selection snapped to whole words: undoable and redoable', () => {
    const e = testEditor();
    expectUndoableAndRedoable(e, { type: 'mouseSelect', range: { start: 25, end: 31 } }, label('ORG'));
    expect(e.value.spans).toEqual([{ id: 's1', start: 23, end: 33, label: 'ORG', origin: 'manual' }]);
    expect(e.state.selected).toEqual({ kind: 'span', id: 's1' });
  });

  it('with nothing selected, labels the word at the caret', () => {
    const e = testEditor();
    const step = e.run(...Array.from({ length: 8 }, () => right('token')), label('LOC'));
    expect(e.value.spans).toEqual([{ id: 's1', start: 37, end: 42, label: 'LOC', origin: 'manual' }]);
    expect(step.events).toEqual([{ type: 'span-added', detail: { id: 's1', label: 'LOC', start: 37, end: 42, origin: 'manual' } }]);
  });

  it('refuses an overlap where the config forbids it, says why, and changes nothing', () => {
    const e = testEditor({ spans: [{ id: 's1', start: 0, end: 12, label: 'PER' }], rules: { allowOverlap: false } });
    const step = e.run(right('token'), label('ORG'));
    expect(step.change).toBeUndefined();
    expect(step.events?.[0]?.type).toBe('span-refused');
    expect(e.state.message).toMatch(/overlap/);
    expect(e.steps).toBe(0);
  });

  it('relabels the selected span: undoable and redoable', () => {
    const e = testEditor({ spans: [{ id: 's1', start: 23, end: 33, label: 'LOC', origin: 'manual' }] });
    e.run({ type: 'cycle', direction: 'next' });
    expectUndoableAndRedoable(e, label('ORG'));
    expect(e.value.spans[0]).toMatchObject({ id: 's1', label: 'ORG' });
  });

  it('resizes the selected span by its end with Shift and a label key: undoable and redoable', () => {
    const e = testEditor({ spans: [{ id: 's1', start: 23, end: 28, label: 'ORG', origin: 'prediction' }] });
    e.run({ type: 'cycle', direction: 'next' });
    expectUndoableAndRedoable(e, right('token', true), label('ORG'));
    expect(e.value.spans[0]).toEqual({ id: 's1', start: 23, end: 33, label: 'ORG', origin: 'prediction-changed' });
  });

  it('deletes the selected span: undoable and redoable', () => {
    const e = testEditor({ spans: [{ id: 's1', start: 0, end: 12, label: 'PER' }, { id: 's2', start: 23, end: 33, label: 'ORG' }] });
    e.run({ type: 'cycle', direction: 'next' }, { type: 'cycle', direction: 'next' });
    expectUndoableAndRedoable(e, { type: 'delete' });
    expect(e.value.spans.map((s) => s.id)).toEqual(['s1']);
  });

  it('Backspace with nothing selected changes nothing (it must not clear the task)', () => {
    const e = testEditor({ spans: [{ id: 's1', start: 0, end: 12, label: 'PER' }] });
    expect(e.run({ type: 'delete' }).change).toBeUndefined();
    expect(e.state.message).toMatch(/Select a span/);
  });
});

describe('cycling', () => {
  const spans: Span[] = [
    { id: 'b', start: 23, end: 33, label: 'ORG' },
    { id: 'a', start: 0, end: 12, label: 'PER' },
    { id: 'c', start: 37, end: 42, label: 'LOC' },
  ];

  it('goes through spans in reading order, then relations, and wraps', () => {
    const e = testEditor({ spans, relations: [{ from: 'a', to: 'b', label: 'works_for' }] });
    const seen = Array.from({ length: 5 }, () => e.run({ type: 'cycle', direction: 'next' }).state.selected);
    expect(seen).toEqual([
      { kind: 'span', id: 'a' }, { kind: 'span', id: 'b' }, { kind: 'span', id: 'c' }, { kind: 'relation', index: 0 }, { kind: 'span', id: 'a' },
    ]);
    expect(e.run({ type: 'cycle', direction: 'previous' }).state.selected).toEqual({ kind: 'relation', index: 0 });
  });

  it('starts from the caret: next is the first span after it, previous the last before it', () => {
    const e = testEditor({ spans });
    e.run({ type: 'click', at: 20 });
    expect(e.run({ type: 'cycle', direction: 'next' }).state.selected).toEqual({ kind: 'span', id: 'b' });
    e.run({ type: 'deselect' }, { type: 'click', at: 20 });
    expect(e.run({ type: 'cycle', direction: 'previous' }).state.selected).toEqual({ kind: 'span', id: 'a' });
  });

  it('a click selects the innermost span under the pointer', () => {
    const e = testEditor({ spans: [{ id: 'org', start: 23, end: 33, label: 'ORG' }, { id: 'inner', start: 29, end: 33, label: 'LOC' }] });
    expect(e.run({ type: 'click', at: 30 }).state.selected).toEqual({ kind: 'span', id: 'inner' });
    expect(e.run({ type: 'click', at: 24 }).state.selected).toEqual({ kind: 'span', id: 'org' });
  });
});

describe('relations', () => {
  const spans: Span[] = [{ id: 'a', start: 0, end: 12, label: 'PER' }, { id: 'b', start: 23, end: 33, label: 'ORG' }];

  it('Alt+R, select the other span, Alt+R, relation key: undoable and redoable', () => {
    const e = testEditor({ spans });
    e.run({ type: 'cycle', direction: 'next' }, { type: 'relation' }, { type: 'cycle', direction: 'next' }, { type: 'relation' });
    expect(e.state.picking).toEqual({ from: 'a', to: 'b' });
    expectUndoableAndRedoable(e, { type: 'pickRelation', label: 'works_for' });
    expect(e.value.relations).toEqual([{ from: 'a', to: 'b', label: 'works_for' }]);
    expect(e.state.selected).toEqual({ kind: 'relation', index: 0 });
  });

  it('with one relation label, the second Alt+R adds it at once', () => {
    const e = testEditor({ spans, rules: { relations: [ENTITY_RULES.relations[0]!] } });
    const step = e.run({ type: 'cycle', direction: 'next' }, { type: 'relation' }, { type: 'cycle', direction: 'next' }, { type: 'relation' });
    expect(step.events).toEqual([{ type: 'relation-added', detail: { from: 'a', to: 'b', label: 'works_for' } }]);
  });

  it('Escape cancels a relation being drawn; Alt+R on the same span too', () => {
    const e = testEditor({ spans });
    e.run({ type: 'cycle', direction: 'next' }, { type: 'relation' }, { type: 'deselect' });
    expect(e.state.relationFrom).toBeNull();
    e.run({ type: 'relation' }, { type: 'relation' });
    expect(e.state.relationFrom).toBeNull();
    expect(e.steps).toBe(0);
  });

  it('deletes the selected relation: undoable and redoable; deleting a span takes its relations', () => {
    const e = testEditor({ spans, relations: [{ from: 'a', to: 'b', label: 'works_for' }] });
    e.run({ type: 'pick', selected: { kind: 'relation', index: 0 } });
    expectUndoableAndRedoable(e, { type: 'delete' });
    expect(e.value.relations).toEqual([]);
    e.undo();
    e.run({ type: 'pick', selected: { kind: 'span', id: 'b' } });
    expectUndoableAndRedoable(e, { type: 'delete' });
    expect(e.value).toMatchObject({ spans: [{ id: 'a' }], relations: [] });
  });
});

describe('proposals', () => {
  const proposals: Span[] = [
    { id: 'p1', start: 0, end: 12, label: 'PER' },
    { id: 'p2', start: 23, end: 33, label: 'LOC' },
    { id: 'p3', start: 37, end: 42, label: 'LOC' },
  ];

  it('accepts all at once, each marked prediction: undoable and redoable', () => {
    const e = testEditor({ proposals });
    expectUndoableAndRedoable(e, { type: 'acceptAll' });
    expect(e.value.spans.map((s) => [s.id, s.origin])).toEqual([['p1', 'prediction'], ['p2', 'prediction'], ['p3', 'prediction']]);
    e.undo();
    expect(e.pending()).toEqual(['p1', 'p2', 'p3']); // an undone accept is a proposal again
  });

  it('accepts the selected one and moves to the next proposal: undoable and redoable', () => {
    const e = testEditor({ proposals });
    e.run({ type: 'cycle', direction: 'next' });
    expect(e.state.selected).toEqual({ kind: 'proposal', id: 'p1' });
    expectUndoableAndRedoable(e, { type: 'acceptOne' });
    expect(e.value.spans).toEqual([{ id: 'p1', start: 0, end: 12, label: 'PER', origin: 'prediction' }]);
    expect(e.state.selected).toEqual({ kind: 'proposal', id: 'p2' });
  });

  it('a label key on a proposal accepts it changed and moves on: undoable and redoable', () => {
    const e = testEditor({ proposals });
    e.run({ type: 'pick', selected: { kind: 'proposal', id: 'p2' } });
    expectUndoableAndRedoable(e, label('ORG'));
    expect(e.value.spans).toEqual([{ id: 'p2', start: 23, end: 33, label: 'ORG', origin: 'prediction-changed' }]);
    expect(e.state.selected).toEqual({ kind: 'proposal', id: 'p3' }); // review goes on
  });

  it('rejects one: it disappears, no span enters the answer, the rejection is saved, undoably; the next proposal is selected', () => {
    const e = testEditor({ proposals });
    e.run({ type: 'pick', selected: { kind: 'proposal', id: 'p2' } });
    const step = e.run({ type: 'rejectOne' });
    expect(step.change?.spans).toEqual([]);
    expect(e.value.rejected).toEqual(['p2']);
    expect(e.pending()).toEqual(['p1', 'p3']);
    expect(e.state.selected).toEqual({ kind: 'proposal', id: 'p3' });
    e.undo();
    expect(e.pending()).toEqual(['p1', 'p2', 'p3']);
    e.redo();
    expect(e.pending()).toEqual(['p1', 'p3']);
  });

  it('deleting an accepted proposal keeps it decided (it does not come back as pending)', () => {
    const e = testEditor({ proposals });
    e.run({ type: 'pick', selected: { kind: 'proposal', id: 'p1' } }, { type: 'acceptOne' });
    e.run({ type: 'pick', selected: { kind: 'span', id: 'p1' } }, { type: 'delete' });
    expect(e.value.spans.map((s) => s.id)).toEqual([]);
    expect(e.value.rejected).toEqual(['p1']);
    expect(e.pending()).toEqual(['p2', 'p3']);
  });

  it('new manual spans never take a proposal id', () => {
    const e = testEditor({ proposals: [{ id: 's1', start: 0, end: 5, label: 'PER' }] });
    e.run({ type: 'click', at: 24 }, label('ORG'));
    expect(e.value.spans[0]!.id).not.toBe('s1');
    expect(e.pending()).toEqual(['s1']);
  });
});
