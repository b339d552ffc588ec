// @vitest-environment happy-dom
/** Answer history: every editing action is undoable and redoable, and no-op edits add no step. */
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, historyReducer, startHistory, type AnswerHistory, type HistoryAction } from '../../../renderer/src/annotate/history';
import type { Answer } from '../../../shared/pack/task';

const choices = (controlId: string, labels: string[]) => ({ kind: 'choices' as const, controlId, labels });
const run = (state: AnswerHistory, ...actions: HistoryAction[]) => actions.reduce(historyReducer, state);

function expectUndoableAndRedoable(before: Answer, action: HistoryAction, after: Answer) {
  const edited = run(startHistory(before), action);
  expect(edited.present).toEqual(after);
  expect(canUndo(edited)).toBe(true);
  const undone = historyReducer(edited, { type: 'undo' });
  expect(undone.present).toEqual(before);
  expect(canRedo(undone)).toBe(true);
  const redone = historyReducer(undone, { type: 'redo' });
  expect(redone.present).toEqual(after);
  expect(canRedo(redone)).toBe(false);
}

describe('answer history', () => {
  it('toggle label (multi-label) is undoable and redoable', () => {
    expectUndoableAndRedoable(
      [choices('topics', ['a'])],
      { type: 'toggleLabel', controlId: 'topics', labelId: 'b', multiple: true },
      [choices('topics', ['a', 'b'])],
    );
    expectUndoableAndRedoable(
      [choices('topics', ['a', 'b'])],
      { type: 'toggleLabel', controlId: 'topics', labelId: 'a', multiple: true },
      [choices('topics', ['b'])],
    );
  });

  it('toggle label (single-label) replaces the pick, and unpicks it, undoably', () => {
    expectUndoableAndRedoable([choices('s', ['pos'])], { type: 'toggleLabel', controlId: 's', labelId: 'neg', multiple: false }, [choices('s', ['neg'])]);
    expectUndoableAndRedoable([choices('s', ['pos'])], { type: 'toggleLabel', controlId: 's', labelId: 'pos', multiple: false }, []);
  });

  it('set single label is undoable and redoable', () => {
    expectUndoableAndRedoable([], { type: 'setLabel', controlId: 's', labelId: 'pos' }, [choices('s', ['pos'])]);
  });

  it('an editor\'s result change (set result) is undoable and redoable, in place or added', () => {
    const box = (x: number) => ({ kind: 'boxes' as const, controlId: 'objects', boxes: [{ id: 'b1', x, y: 0, width: 5, height: 5, label: 'car' }] });
    expectUndoableAndRedoable([choices('s', ['pos']), box(0)], { type: 'setResult', result: box(3) }, [choices('s', ['pos']), box(3)]);
    expectUndoableAndRedoable([choices('s', ['pos'])], { type: 'setResult', result: box(1) }, [choices('s', ['pos']), box(1)]);
    expect(run(startHistory([box(2)]), { type: 'setResult', result: box(2) }).past).toHaveLength(0); // no change, no step
  });

  it('clear is undoable and redoable', () => {
    expectUndoableAndRedoable([choices('s', ['pos']), choices('t', ['x'])], { type: 'clear' }, []);
  });

  it('keeps other controls’ results (including kinds this version cannot edit) in place', () => {
    const rubric = { kind: 'rubric' as const, controlId: 'r', scores: { clarity: 3 } };
    const state = run(startHistory([rubric, choices('s', ['pos'])]), { type: 'setLabel', controlId: 's', labelId: 'neg' });
    expect(state.present).toEqual([rubric, choices('s', ['neg'])]);
  });

  it('adds no step for an edit that changes nothing', () => {
    const start = startHistory([choices('s', ['pos'])]);
    expect(historyReducer(start, { type: 'setLabel', controlId: 's', labelId: 'pos' })).toBe(start);
    expect(historyReducer(startHistory([]), { type: 'clear' }).past).toHaveLength(0);
    expect(historyReducer(start, { type: 'undo' })).toBe(start);
    expect(historyReducer(start, { type: 'redo' })).toBe(start);
  });

  it('each step undoes one at a time, and a new edit drops the redo branch', () => {
    const toggle = (labelId: string): HistoryAction => ({ type: 'toggleLabel', controlId: 'm', labelId, multiple: true });
    let state = run(startHistory([]), toggle('a'), toggle('b'), toggle('c'));
    state = run(state, { type: 'undo' }, { type: 'undo' });
    expect(state.present).toEqual([choices('m', ['a'])]);
    state = historyReducer(state, toggle('d'));
    expect(state.present).toEqual([choices('m', ['a', 'd'])]);
    expect(canRedo(state)).toBe(false);
    state = run(state, { type: 'undo' }, { type: 'undo' });
    expect(state.present).toEqual([]);
    expect(canUndo(state)).toBe(false);
  });
});
