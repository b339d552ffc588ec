// @vitest-environment happy-dom
/**
 * The questions panel against a mocked backend: keys answer the focused question and only it,
 * Tab and the arrows move the focus, typing never answers and coalesces into one undo step,
 * Escape and Tab hand the keys back from a text field, Mod+Enter submits from one, and a refused
 * submit focuses what is missing. The cheat sheet lists the question keys from the keymap table.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../../shared/contract';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Task } from '../../../shared/pack/task';
import { AnnotatorView } from '../../../renderer/src/annotate/AnnotatorView';
import { call } from '../../../renderer/src/api';
import { appEvents, progress, renderWithApp, session, taskView } from './harness';

import type * as Api from '../../../renderer/src/api';

vi.mock('../../../renderer/src/api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  call: vi.fn(),
}));

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: `p${value}`, anchor: `means ${value}` }));

const config: LabelConfig = {
  version: 1,
  data: 'conversation',
  controls: [
    { kind: 'rubric', id: 'quality', required: true, rubricVersion: 'v1', dimensions: [{ id: 'help', name: 'Help', scale }, { id: 'truth', name: 'Truth', scale }] },
    {
      kind: 'pairwise', id: 'pref', required: true, allowTie: true, strength: [{ value: 1, label: 'a bit' }, { value: 2, label: 'a lot' }],
      dimensions: [], justification: 'when-strong', strongFrom: 2, justificationMinLength: 5,
    },
    { kind: 'textarea', id: 'comment', required: false, minLength: 0 },
  ],
};

const task: Partial<Task> = {
  data: { prompt: 'Say hi', responses: [{ id: 'r1', content: 'Hi!' }, { id: 'r2', content: 'Hello there, friend.' }] },
};

function backend() {
  vi.mocked(call).mockImplementation((async (channel: ChannelName, input: unknown) => {
    switch (channel) {
      case 'session:load':
        return session(config);
      case 'task:get':
        return taskView((input as { index: number }).index, {}, task);
      case 'task:saveDraft':
        return { progress: progress({ drafts: 1 }) };
      case 'task:submit':
        return { revision: 1, provenance: 'manual', progress: progress({ submitted: 1 }) };
      case 'session:setPosition':
      case 'task:time':
        return {};
      default:
        throw new Error(`unexpected call ${channel}`);
    }
  }) as typeof call);
}

const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.body) => fireEvent.keyDown(target, { key, ...init });
const shown = async (index: number) => waitFor(() => expect(screen.getByTestId('task-position').textContent).toBe(`Task ${index + 1} of 3`));
const focused = (testId: string) => expect(screen.getByTestId(testId).getAttribute('data-focused')).toBe('true');
const selected = (testId: string) => expect(screen.getByTestId(testId).getAttribute('data-selected')).toBe('true');
const lastDraft = () => {
  const drafts = vi.mocked(call).mock.calls.filter(([c]) => c === 'task:saveDraft');
  return (drafts.at(-1)?.[1] as { answer: unknown }).answer;
};

beforeEach(() => {
  // Mantine's autosizing textarea listens for web fonts loading; happy-dom has no document.fonts.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  window.__loupeEvents = [];
  vi.mocked(call).mockReset();
  backend();
});
afterEach(cleanup);

describe('questions panel', () => {
  it('number keys score the focused dimension and move on; arrows and Tab move the focus', async () => {
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    focused('dimension-quality-help');
    press('4');
    selected('score-quality-help-4');
    focused('dimension-quality-truth');
    press('ArrowUp');
    focused('dimension-quality-help');
    press('2');
    selected('score-quality-help-2');
    press('5');
    selected('score-quality-truth-5');
    press('Tab');
    focused('question-pref');
    focused('preference-pref-overall');
    // Answer keys act on the focused question only: A on the rubric did nothing before, here it prefers A.
    press('A');
    selected('prefer-pref-A');
    press('Tab', { shiftKey: true });
    focused('question-quality');
    await waitFor(() =>
      expect(lastDraft()).toEqual([
        { kind: 'rubric', controlId: 'quality', rubricVersion: 'v1', scores: { help: 2, truth: 5 } },
        { kind: 'pairwise', controlId: 'pref', choice: 'A', justification: '' },
      ]),
    );
  });

  it('a strong preference needs a justification: submit focuses it and names it; typing there is text, one undo step', async () => {
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('3');
    press('4');
    press('Tab');
    press('B');
    press('2'); // a lot: now a justification is required
    press('Enter');
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'submit-blocked', controlId: 'pref', field: 'justification' }));
    const justification = screen.getByTestId('pref:justification');
    await waitFor(() => expect(document.activeElement).toBe(justification));
    await screen.findByText(/write a justification of at least 5 characters/);

    // Typing A in the field is text, not a preference; keys from the field do not reach the questions.
    fireEvent.change(justification, { target: { value: 'A' } });
    press('A', {}, justification);
    fireEvent.change(justification, { target: { value: 'A is short' } });
    selected('prefer-pref-B');
    // Escape hands the keys back to the question; one undo removes the whole typed text.
    press('Escape', {}, justification);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('question-pref')));
    press('z', { ctrlKey: true });
    expect((screen.getByTestId('pref:justification') as HTMLTextAreaElement).value).toBe('');
    selected('strength-pref-2');
    press('z', { ctrlKey: true, shiftKey: true });
    expect((screen.getByTestId('pref:justification') as HTMLTextAreaElement).value).toBe('A is short');

    // Mod+Enter submits from inside a text field.
    press('E');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('pref:justification')));
    press('Enter', { ctrlKey: true }, screen.getByTestId('pref:justification'));
    await shown(1);
    const submitted = vi.mocked(call).mock.calls.find(([c]) => c === 'task:submit')?.[1] as { answer: unknown };
    expect(submitted.answer).toEqual([
      { kind: 'rubric', controlId: 'quality', rubricVersion: 'v1', scores: { help: 3, truth: 4 } },
      { kind: 'pairwise', controlId: 'pref', choice: 'B', strength: 2, justification: 'A is short' },
    ]);
  });

  it('Tab from a text field moves to the next question; the text question takes the caret when Tab reaches it', async () => {
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('Tab');
    press('Tab');
    const comment = screen.getByTestId('comment:text');
    await waitFor(() => expect(document.activeElement).toBe(comment));
    press('Tab', { shiftKey: true }, comment);
    await waitFor(() => focused('question-pref'));
    expect(document.activeElement).toBe(screen.getByTestId('question-pref'));
  });

  it('the cheat sheet lists the question keys from the keymap table', async () => {
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('?');
    const sheet = await screen.findByTestId('cheatsheet');
    expect(sheet.textContent).toContain('Prefer response A');
    expect(sheet.textContent).toContain('Tie the response with the one above');
    expect(screen.getByTestId('cheatsheet-number-keys').textContent).toMatch(/rubric score/);
    expect(sheet.querySelector('[data-command="question:next"]')?.textContent).toContain('Tab');
  });
});
