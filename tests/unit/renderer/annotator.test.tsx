// @vitest-environment happy-dom
/**
 * The annotator against a mocked backend: one keystroke per single-label task, multi-label toggles
 * saved in order, skip and flag through their modals, predictions as a starting point, undo, and
 * the app events end-to-end tests wait on.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import { AnnotatorView } from '../../../renderer/src/annotate/AnnotatorView';
import { call } from '../../../renderer/src/api';
import { appEvents, progress, renderWithApp, sentimentConfig, session, taskView } from './harness';

import type * as Api from '../../../renderer/src/api';

vi.mock('../../../renderer/src/api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  call: vi.fn(),
}));

type Handler = { [C in ChannelName]?: (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>> };

function backend(handlers: Handler) {
  vi.mocked(call).mockImplementation((async (channel: ChannelName, input: unknown) => {
    const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`unexpected call ${channel}`);
    return handler(input);
  }) as typeof call);
}

function calls(channel: ChannelName): unknown[] {
  return vi.mocked(call).mock.calls.filter(([c]) => c === channel).map(([, input]) => input);
}

const topicsConfig: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [
    {
      kind: 'choices',
      id: 'topics',
      title: 'Topics',
      required: true,
      multiple: true,
      labels: [
        { id: 'price', name: 'Price', color: '#3b82f6', hotkey: '1' },
        { id: 'service', name: 'Service', color: '#f59e0b', hotkey: '2' },
      ],
    },
    { kind: 'rubric', id: 'quality', required: false, rubricVersion: '1', dimensions: [{ id: 'clarity', name: 'Clarity', scale: [{ value: 1, label: 'bad' }, { value: 2, label: 'good' }] }] },
  ],
};

function standardBackend(config: LabelConfig, views = [taskView(0), taskView(1), taskView(2)]) {
  backend({
    'session:load': () => session(config),
    'task:get': ({ index }) => views[index]!,
    'session:setPosition': () => ({}),
    'task:time': () => ({}),
    'task:saveDraft': () => ({ progress: progress({ drafts: 1 }) }),
    'task:submit': () => ({ revision: 1, provenance: 'manual', progress: progress({ submitted: 1 }) }),
    'task:skip': () => ({ progress: progress({ skipped: 1 }) }),
    'task:flag': () => ({ progress: progress({ flagged: 1 }) }),
    'results:export': () => ({ path: '/tmp/out.loupe', rows: 3 }),
  });
}

const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.body, { key, ...init });
const shown = async (index: number) => waitFor(() => expect(screen.getByTestId('task-position').textContent).toBe(`Task ${index + 1} of 3`));

beforeEach(() => {
  window.__loupeEvents = [];
  vi.mocked(call).mockReset();
});
afterEach(cleanup);

describe('annotator', () => {
  it('shows the session position and emits session-ready and task-shown', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    expect(screen.getByTestId('task-text').textContent).toBe('Text of task 0');
    expect(appEvents()).toEqual(expect.arrayContaining([{ type: 'session-ready', packId: 'pack-1' }, { type: 'task-shown', index: 0, taskId: 't0' }]));
    expect(screen.getByTestId('label-pos').textContent).toContain('1');
  });

  it('single-label: one key picks the label, submits and moves on', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('2');
    await shown(1);
    expect(calls('task:submit')).toEqual([
      expect.objectContaining({ packId: 'pack-1', taskId: 't0', answer: [{ kind: 'choices', controlId: 'sentiment', labels: ['neg'] }], fromPrediction: false }),
    ]);
    expect(calls('session:setPosition')).toContainEqual({ packId: 'pack-1', index: 1 });
    expect(appEvents()).toContainEqual({ type: 'task-submitted', taskId: 't0', revision: 1 });
  });

  it('shows the done screen past the last task, and exports from it', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('1');
    await shown(1);
    press('1');
    await shown(2);
    press('1');
    await screen.findByTestId('all-done');
    fireEvent.click(screen.getByTestId('export-results'));
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'export-done', path: '/tmp/out.loupe', rows: 3 }));
  });

  it('multi-label: keys toggle, every change is saved in order, Enter submits', async () => {
    standardBackend(topicsConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    expect(screen.getByTestId('question-quality').textContent).toMatch(/Clarity/);
    press('1');
    press('2');
    press('1');
    await waitFor(() => expect(calls('task:saveDraft')).toHaveLength(3));
    expect(calls('task:saveDraft').map((input) => (input as { answer: unknown }).answer)).toEqual([
      [{ kind: 'choices', controlId: 'topics', labels: ['price'] }],
      [{ kind: 'choices', controlId: 'topics', labels: ['price', 'service'] }],
      [{ kind: 'choices', controlId: 'topics', labels: ['service'] }],
    ]);
    await waitFor(() => expect(appEvents().filter((e) => e.type === 'draft-saved')).toHaveLength(3));
    expect(screen.getByTestId('label-service').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('label-price').getAttribute('aria-pressed')).toBe('false');
    press('Enter');
    await shown(1);
    expect(calls('task:submit')).toHaveLength(1);
  });

  it('undo and redo restore answers and save them', async () => {
    standardBackend(topicsConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('1');
    press('z', { ctrlKey: true });
    expect(screen.getByTestId('label-price').getAttribute('aria-pressed')).toBe('false');
    press('z', { ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('label-price').getAttribute('aria-pressed')).toBe('true');
    press('Backspace');
    expect(screen.getByTestId('label-price').getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(calls('task:saveDraft')).toHaveLength(4));
  });

  it('undo right after a one-key submit brings the task back with its label undone, as a draft; redo restores it', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('2');
    await shown(1);
    press('z', { ctrlKey: true });
    await shown(0);
    expect(screen.getByTestId('label-neg').getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(calls('task:saveDraft').at(-1)).toEqual(expect.objectContaining({ taskId: 't0', answer: [] })));
    expect(appEvents()).toContainEqual({ type: 'submit-undone', index: 0, taskId: 't0' });
    press('z', { ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('label-neg').getAttribute('aria-pressed')).toBe('true');
    // Only the submit just made is taken back, once: undo again here has nothing to undo.
    press('z', { ctrlKey: true });
    press('z', { ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('label-neg').getAttribute('aria-pressed')).toBe('false'));
    expect(screen.getByTestId('task-position').textContent).toBe('Task 1 of 3');
  });

  it('undo right after a skip brings the skipped task back, as a draft', async () => {
    standardBackend({ ...sentimentConfig, skipReasons: ['Not a review'] });
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press(' ');
    const list = await screen.findByTestId('skip-reason-choices');
    await waitFor(() => expect(document.activeElement).toBe(list));
    fireEvent.keyDown(list, { key: '1' });
    await shown(1);
    press('z', { ctrlKey: true });
    await shown(0);
    expect(appEvents()).toContainEqual({ type: 'submit-undone', index: 0, taskId: 't0' });
    await waitFor(() => expect(calls('task:saveDraft').at(-1)).toEqual(expect.objectContaining({ taskId: 't0', answer: [] })));
  });

  it('undo on a task with its own steps undoes those, not the submit before it', async () => {
    standardBackend(topicsConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('1');
    press('Enter');
    await shown(1);
    press('2');
    press('z', { ctrlKey: true });
    expect(screen.getByTestId('label-service').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('task-position').textContent).toBe('Task 2 of 3');
    press('z', { ctrlKey: true });
    await shown(0);
    expect(screen.getByTestId('label-price').getAttribute('aria-pressed')).toBe('false');
  });

  it('skip with the pack’s reasons: Space, then a number key, skips with that reason', async () => {
    standardBackend({ ...sentimentConfig, skipReasons: ['Not a review', 'Not in English'] });
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press(' ');
    const list = await screen.findByTestId('skip-reason-choices');
    await waitFor(() => expect(document.activeElement).toBe(list));
    expect(screen.getByTestId('skip-reason-choice-2').textContent).toContain('Not in English');
    fireEvent.keyDown(list, { key: '2' });
    await shown(1);
    expect(calls('task:skip')).toEqual([expect.objectContaining({ taskId: 't0', reason: 'Not in English' })]);
    // A letter starts a reason of one's own instead; digits typed there are text.
    press(' ');
    const again = await screen.findByTestId('skip-reason-choices');
    await waitFor(() => expect(document.activeElement).toBe(again));
    fireEvent.keyDown(again, { key: 'O' });
    const text = screen.getByTestId('skip-reason');
    expect(document.activeElement).toBe(text);
    fireEvent.keyDown(text, { key: '1' });
    expect(calls('task:skip')).toHaveLength(1);
  });

  it('does not submit a required question left unanswered', async () => {
    standardBackend(topicsConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('Enter');
    await screen.findByText(/"Topics" needs an answer/);
    expect(calls('task:submit')).toHaveLength(0);
    // Said above the action bar, not in a toast over the questions; gone once the answer changes.
    expect(screen.getByTestId('submit-missing').textContent).toBe('Not submitted yet: "Topics" needs an answer.');
    expect(screen.queryByText('Not submitted yet')).toBeNull(); // the toast's title
    press('1');
    await waitFor(() => expect(screen.queryByTestId('submit-missing')).toBeNull());
  });

  it('skip asks for a reason in a modal (keys stay quiet while typing) and moves on', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press(' ');
    const reason = await screen.findByTestId('skip-reason');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    fireEvent.keyDown(reason, { key: '1' });
    fireEvent.change(reason, { target: { value: 'not English' } });
    fireEvent.keyDown(reason, { key: 'Enter' });
    await shown(1);
    expect(calls('task:submit')).toHaveLength(0);
    expect(calls('task:skip')).toEqual([expect.objectContaining({ taskId: 't0', reason: 'not English' })]);
    expect(appEvents()).toContainEqual({ type: 'task-skipped', taskId: 't0' });
  });

  it('flag keeps the task and shows the badge', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('F', { ctrlKey: true, shiftKey: true });
    const comment = await screen.findByTestId('flag-comment');
    fireEvent.change(comment, { target: { value: 'ambiguous' } });
    fireEvent.keyDown(comment, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('task-status').getAttribute('data-flagged')).toBe('true'));
    expect(calls('task:flag')).toEqual([{ packId: 'pack-1', taskId: 't0', comment: 'ambiguous' }]);
    expect(screen.getByTestId('task-position').textContent).toBe('Task 1 of 3');
    expect(appEvents()).toContainEqual({ type: 'task-flagged', taskId: 't0', flagged: true });
  });

  it('seeds the answer from the first prediction and submits it as such', async () => {
    const predicted = taskView(0, {}, {
      predictions: [{ model: 'sentiment-bert', modelVersion: '2.1', result: [{ kind: 'choices', controlId: 'topics', labels: ['service'] }] }],
    });
    standardBackend(topicsConfig, [predicted, taskView(1), taskView(2)]);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    expect(screen.getByTestId('prediction-note').textContent).toContain('sentiment-bert 2.1');
    expect(screen.getByTestId('label-service').getAttribute('aria-pressed')).toBe('true');
    expect(calls('task:saveDraft')).toHaveLength(0); // seeding is not an edit
    press('Enter');
    await shown(1);
    expect(calls('task:submit')).toEqual([expect.objectContaining({ fromPrediction: true })]);
  });

  it('navigates with the arrow keys and reopens a saved answer', async () => {
    const answered = taskView(1, { status: 'submitted', answer: [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }], submittedRevision: 2 });
    standardBackend(sentimentConfig, [taskView(0), answered, taskView(2)]);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    press('ArrowRight');
    await shown(1);
    expect(screen.getByTestId('label-pos').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('task-status').getAttribute('data-status')).toBe('submitted');
    press('ArrowLeft');
    await shown(0);
    // Time spent reading a task and moving on is recorded, without a draft.
    expect(calls('task:time').map((input) => (input as { taskId: string }).taskId)).toEqual(['t0', 't1']);
    expect(calls('task:saveDraft')).toHaveLength(0);
  });

  it('toggles the guidelines panel with F1', async () => {
    standardBackend(sentimentConfig);
    renderWithApp(<AnnotatorView packId="pack-1" onClose={() => {}} />);
    await shown(0);
    expect(screen.queryByTestId('guidelines')).toBeNull();
    press('F1');
    expect(screen.getByTestId('guidelines').textContent).toContain('Be kind.');
    press('F1');
    expect(screen.queryByTestId('guidelines')).toBeNull();
  });

  it('closes with Mod+W', async () => {
    standardBackend(sentimentConfig);
    const onClose = vi.fn();
    renderWithApp(<AnnotatorView packId="pack-1" onClose={onClose} />);
    await shown(0);
    press('w', { ctrlKey: true });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
