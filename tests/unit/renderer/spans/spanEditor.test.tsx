// @vitest-environment happy-dom
/**
 * The span editor as the annotator view mounts it, driven by keys through the app's one binder:
 * label by keys and by mouse, relabel, relate, undo and redo through the view's history, proposals,
 * and the keys it leaves to the labeling view (Enter submits, PageDown moves on, Backspace never
 * clears the task). happy-dom has no Highlight API, so this also covers the fallback rendering.
 */
import { act, cleanup, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Prediction, Task } from '../../../../shared/pack/task';
import { historyReducer, startHistory } from '../../../../renderer/src/annotate/history';
import { SpanEditor } from '../../../../renderer/src/annotate/spans/SpanEditor';
import type { Span, SpansResult } from '../../../../renderer/src/annotate/spans/model';
import { useCommandHandlers } from '../../../../renderer/src/keys/commands';
import { appEvents, renderWithApp } from '../harness';
import { ENTITIES, TEXT } from './fixtures';

afterEach(cleanup);
beforeEach(() => {
  window.__loupeEvents = [];
});

const task: Task = { id: 'ent-01', data: { text: TEXT } };

/** The view's side of the contract: the answer's history, undo/redo, submit, next and clear. */
function Host({ proposals = [], spy }: { proposals?: Span[]; spy: Record<'submit' | 'next' | 'clear' | 'change', (r?: SpansResult) => void> }) {
  const [history, setHistory] = useState(() => startHistory([]));
  useCommandHandlers(
    {
      'edit:undo': () => setHistory((h) => historyReducer(h, { type: 'undo' })),
      'edit:redo': () => setHistory((h) => historyReducer(h, { type: 'redo' })),
      'task:submit': () => spy.submit(),
      'task:next': () => spy.next(),
      'task:clear': () => spy.clear(),
    },
    { context: 'labeling', labelKeys: new Map([['1', () => spy.submit()]]) },
  );
  const predicted: SpansResult = { kind: 'spans', controlId: 'entities', spans: proposals, relations: [] };
  const prediction: Prediction = { model: 'ner-tiny', modelVersion: '2.1', score: 0.9, result: [predicted] };
  return (
    <>
      <input data-testid="note" />
      <SpanEditor
        packId="pack"
        task={task}
        control={ENTITIES}
        value={history.present[0] as SpansResult | undefined}
        proposals={proposals.length ? [{ prediction, result: predicted }] : []}
        onChange={(next) => {
          spy.change(next);
          setHistory((h) => historyReducer(h, { type: 'setResult', result: next }));
        }}
      />
    </>
  );
}

function setup(proposals?: Span[]) {
  const spy = { submit: vi.fn(), next: vi.fn(), clear: vi.fn(), change: vi.fn() };
  renderWithApp(<Host proposals={proposals} spy={spy} />);
  return spy;
}

function press(combo: string, target: Element = document.body) {
  const parts = combo.split('+');
  const key = parts.pop()!;
  act(() => {
    target.dispatchEvent(
      new KeyboardEvent('keydown', {
        key, bubbles: true, cancelable: true,
        ctrlKey: parts.includes('Mod'), altKey: parts.includes('Alt'), shiftKey: parts.includes('Shift'),
      }),
    );
  });
}

const lastChange = (spy: ReturnType<typeof setup>) => spy.change.mock.lastCall?.[0] as SpansResult;
const events = (type: string) => appEvents().filter((e) => e.type === type);

describe('span editor', () => {
  it('labels a keyboard selection with one onChange, lists it, and emits span-added', () => {
    const spy = setup();
    expect(screen.getByTestId('span-text').textContent).toContain('Maria Okafor');
    press('Alt+Shift+ArrowRight');
    press('Alt+Shift+ArrowRight');
    expect(spy.change).not.toHaveBeenCalled(); // selection is not an edit
    press('1');
    expect(spy.change).toHaveBeenCalledTimes(1);
    expect(lastChange(spy).spans).toEqual([{ id: 's1', start: 0, end: 12, label: 'PER', origin: 'manual' }]);
    expect(screen.getByTestId('span-item-s1')).toHaveProperty('textContent', expect.stringContaining('Maria Okafor'));
    expect(events('span-added')).toEqual([{ type: 'span-added', id: 's1', label: 'PER', start: 0, end: 12, origin: 'manual' }]);
    expect(spy.submit).not.toHaveBeenCalled(); // the editor's label keys replace the view's
  });

  it('relabels the selected span, relates two spans with the picker, and undoes and redoes through the view', () => {
    const spy = setup();
    press('Alt+Shift+ArrowRight');
    press('Alt+Shift+ArrowRight');
    press('1');
    press('Alt+ArrowRight'); // end of "works"
    press('Alt+ArrowRight'); // end of "for"
    press('Alt+Shift+ArrowRight');
    press('Alt+Shift+ArrowRight');
    press('3');
    press('2'); // the new span is selected: this relabels it
    expect(lastChange(spy).spans.map((s) => [s.id, s.label, s.start, s.end])).toEqual([['s1', 'PER', 0, 12], ['s2', 'ORG', 23, 33]]);
    expect(spy.change).toHaveBeenCalledTimes(3);

    press('ArrowUp'); // s1
    expect(events('span-selected').at(-1)).toMatchObject({ id: 's1' });
    press('Alt+R');
    press('ArrowDown'); // s2
    press('Alt+R');
    expect(screen.getByTestId('relation-picker')).toBeTruthy();
    press('1'); // works for (the picker's keys replace the label keys)
    expect(lastChange(spy).relations).toEqual([{ from: 's1', to: 's2', label: 'works_for' }]);
    expect(screen.getByTestId('relation-list').textContent).toContain('Maria Okafor→ works for →Lumen Labs');
    expect(events('relation-added')).toHaveLength(1);

    press('Mod+Z');
    expect(screen.queryByTestId('relation-item-0')).toBeNull();
    press('Mod+Shift+Z');
    expect(screen.getByTestId('relation-item-0')).toBeTruthy();
    press('Backspace'); // the new relation is selected
    expect(lastChange(spy).relations).toEqual([]);
    expect(spy.clear).not.toHaveBeenCalled();
  });

  it('leaves Enter and PageDown to the view, and never lets Backspace clear the task', () => {
    const spy = setup();
    press('Backspace');
    press('Enter');
    press('PageDown');
    expect(spy.clear).not.toHaveBeenCalled();
    expect(spy.submit).toHaveBeenCalledTimes(1);
    expect(spy.next).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('span-message').textContent).toMatch(/Select a span/);
  });

  it('keys do nothing while typing in a text field', () => {
    const spy = setup();
    const note = screen.getByTestId('note');
    note.focus();
    press('1', note);
    press('Alt+Shift+ArrowRight', note);
    expect(spy.change).not.toHaveBeenCalled();
  });

  it('labels a mouse selection, snapped to whole words', () => {
    const spy = setup();
    const root = screen.getByTestId('span-text');
    const piece = root.querySelector('[data-offset]')!.firstChild!;
    act(() => {
      const range = document.createRange();
      range.setStart(piece, 25); // "men Lab"
      range.setEnd(piece, 32);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    press('2');
    expect(lastChange(spy).spans).toEqual([{ id: 's1', start: 23, end: 33, label: 'ORG', origin: 'manual' }]);
    expect(root.querySelector('[data-spans="s1"]')?.textContent).toBe('Lumen Labs');
  });

  it('shows proposals apart, accepts all with Alt+A, and one by one with Alt+Enter / Alt+Backspace', () => {
    const proposals: Span[] = [
      { id: 'p1', start: 0, end: 12, label: 'PER' },
      { id: 'p2', start: 23, end: 33, label: 'LOC' },
      { id: 'p3', start: 37, end: 42, label: 'LOC' },
    ];
    const spy = setup(proposals);
    expect(screen.getByTestId('proposal-item-p2').dataset.origin).toBe('proposal');
    expect(screen.getByTestId('proposal-count').textContent).toContain('3 proposals');
    press('ArrowDown'); // p1
    press('Alt+Enter'); // accept p1, p2 selected next
    press('Alt+Backspace'); // reject p2, p3 selected next
    press('2'); // accept p3 as an organisation
    expect(lastChange(spy).spans).toEqual([
      { id: 'p1', start: 0, end: 12, label: 'PER', origin: 'prediction' },
      { id: 'p3', start: 37, end: 42, label: 'ORG', origin: 'prediction-changed' },
    ]);
    expect(screen.queryByTestId('proposal-item-p2')).toBeNull();
    expect(screen.getByTestId('span-item-p1').dataset.origin).toBe('prediction');

    expect(lastChange(spy).rejected).toEqual(['p2']); // saved with the answer: it stays rejected on reopening
    press('Mod+Z'); // accept of p3
    expect(screen.queryByTestId('proposal-item-p2')).toBeNull(); // still rejected
    press('Mod+Z'); // the rejection of p2 is an undo step too
    press('Alt+A');
    expect(lastChange(spy).spans.map((s) => s.id)).toEqual(['p1', 'p2', 'p3']);
    expect(screen.queryByTestId('proposal-count')).toBeNull();
  });
});
