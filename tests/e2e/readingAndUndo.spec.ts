/**
 * An annotator's keyboard beyond labels: reading a 50,000-character text and a long response with
 * scroll keys (no mouse), skipping with one of the pack's reasons in two keys, taking back a
 * one-key submit with Ctrl+Z, and one Tab order through the view. Screenshots at the small window
 * sizes people label on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePack } from '../../electron/core/packs';
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

const author = { id: 'lead', name: 'Lea Lead', role: 'lead' as const };
const paragraph = 'The committee met on Tuesday to review the quarterly figures, and the discussion ran long. ';
const longText = `${paragraph.repeat(560)}THE END.`;

const textPack = {
  manifest: {
    packId: 'e2e-long-reads', kind: 'tasks' as const, name: 'Long reads', createdAt: '2026-12-01T00:00:00Z', author,
    labelConfig: {
      version: 1 as const,
      data: 'text' as const,
      controls: [{ id: 'topic', kind: 'choices' as const, labels: [{ id: 'finance', name: 'Finance', color: '#1971c2', hotkey: '1' }, { id: 'other', name: 'Other', color: '#868e96', hotkey: '2' }] }],
      skipReasons: ['Not in English', 'Too long to judge', 'Duplicate'],
    },
  },
  rows: [
    { id: 'r1', data: { text: longText } },
    { id: 'r2', data: { text: 'Short minutes: the budget passed.' } },
    { id: 'r3', data: { text: 'Another short one about the weather.' } },
  ],
};

const conversationPack = {
  manifest: {
    packId: 'e2e-long-answer', kind: 'tasks' as const, name: 'Long answer', createdAt: '2026-12-01T00:00:00Z', author,
    labelConfig: {
      version: 1 as const,
      data: 'conversation' as const,
      controls: [{ id: 'quality', kind: 'rubric' as const, rubricVersion: '1', dimensions: [{ id: 'helpful', name: 'Helpfulness', scale: [{ value: 1, label: 'Poor' }, { value: 2, label: 'Fair' }, { value: 3, label: 'Good' }] }] }],
    },
  },
  rows: [
    {
      id: 'c1',
      data: {
        prompt: 'Summarise the minutes.',
        responses: [{ id: 'a', content: Array.from({ length: 120 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n\n') }],
      },
    },
  ],
};

async function openPack(loupe: LoupeUi, app: { setNextOpenPath(path: string): Promise<void> }, input: Parameters<typeof writePack>[1]): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'loupe-e2e-read-')), `${input.manifest.packId}.loupe`);
  await writePack(path, input);
  await app.setNextOpenPath(path);
  await loupe.after('session-ready', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('task-shown');
}

/** scrollTop of the pane marked `data-scroll-pane` that holds `testId` (or is it). */
function scrollOf(loupe: LoupeUi, selector: string): Promise<{ top: number; max: number }> {
  return loupe.page.locator(selector).first().evaluate((el) => {
    const pane = el.closest('[data-scroll-pane]') ?? el.querySelector('[data-scroll-pane]') ?? el;
    return { top: Math.round(pane.scrollTop), max: pane.scrollHeight - pane.clientHeight };
  });
}

test('read a 50,000-character text by keys, skip with the pack’s reason in two keys, undo a one-key submit', async ({ app, loupe }) => {
  await loupe.page.setViewportSize({ width: 1024, height: 640 });
  await loupe.home();
  await loupe.createProfile('Rita Reader');
  await openPack(loupe, app, textPack);
  const text = '[data-testid="task-text"]';
  expect((await scrollOf(loupe, text)).top).toBe(0);

  await loupe.key('Shift+Space');
  await expect.poll(async () => (await scrollOf(loupe, text)).top).toBeGreaterThan(200);
  await loupe.key('Shift+ArrowDown');
  await loupe.key('End');
  await expect.poll(async () => { const s = await scrollOf(loupe, text); return s.max - s.top; }).toBeLessThan(2);
  await expect(loupe.page.getByText('THE END.')).toBeInViewport();
  await loupe.screenshot('80-read-long-text-end-1024');
  await loupe.key('Home');
  await expect.poll(async () => (await scrollOf(loupe, text)).top).toBe(0);

  // The cheat sheet lists the scroll keys.
  await loupe.key('?');
  await expect(loupe.page.getByTestId('cheatsheet').locator('[data-command="view:pageDown"]')).toContainText('Shift+Space');
  await loupe.key('Escape');
  // Keys are silent until the dialog is gone: wait for it before Space.
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);

  // Skip with the pack's second reason: Space, 2.
  await loupe.key('Space');
  await expect(loupe.page.getByTestId('skip-reason-choices')).toBeFocused();
  await loupe.screenshot('81-skip-reasons');
  const shownBefore = await loupe.eventCount('task-shown');
  const skipped = await loupe.after('task-skipped', () => loupe.key('2'));
  expect(skipped.taskId).toBe('r1');
  await loupe.waitForEvent('task-shown', shownBefore);

  // One key labels and moves on; Ctrl+Z brings that task back with the label taken off, as a draft.
  await loupe.labelAndAdvance('1');
  await expect(loupe.page.getByTestId('task-text')).toContainText('Another short one');
  const undone = await loupe.after('submit-undone', () => loupe.key('ControlOrMeta+Z'));
  expect(undone.taskId).toBe('r2');
  await expect(loupe.page.getByTestId('task-text')).toContainText('Short minutes');
  await expect(loupe.page.getByTestId('label-finance')).toHaveAttribute('aria-pressed', 'false');
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'draft');
  await loupe.screenshot('82-submit-undone');
  await loupe.labelAndAdvance('2');
  await expect(loupe.page.getByTestId('task-text')).toContainText('Another short one');

  // One Tab order: the task → its one question → on to the buttons, and back; never stuck on the card.
  await loupe.page.getByRole('region', { name: 'Task' }).focus();
  await loupe.key('Tab');
  await expect(loupe.page.getByTestId('question-topic')).toBeFocused();
  await loupe.key('Tab');
  await expect(loupe.page.getByTestId('action-bar').getByRole('button').first()).toBeFocused();
  await loupe.key('Tab');
  await expect(loupe.page.getByTestId('action-bar').getByRole('button').nth(1)).toBeFocused();
  await loupe.key('Shift+Tab');
  await loupe.key('Shift+Tab');
  await expect(loupe.page.getByTestId('question-topic')).toBeFocused();
  await loupe.key('Shift+Tab');
  await expect(loupe.page.getByRole('region', { name: 'Task' })).toBeFocused();
});

test('read a long response by keys beside the questions, and from its focused pane', async ({ app, loupe }) => {
  await loupe.page.setViewportSize({ width: 1440, height: 900 });
  await loupe.home();
  await loupe.createProfile('Rita Reader');
  await openPack(loupe, app, conversationPack);
  const response = '[data-testid="response-a"]';
  await loupe.key('Shift+Space');
  await expect.poll(async () => (await scrollOf(loupe, response)).top).toBeGreaterThan(200);
  await loupe.key('End');
  await expect.poll(async () => { const s = await scrollOf(loupe, response); return s.max - s.top; }).toBeLessThan(2);
  await loupe.screenshot('83-read-long-response-1440');

  // Focused, the pane keeps the browser's own reading keys: ↑ scrolls it rather than moving a row.
  await loupe.page.locator(response).focus();
  const before = (await scrollOf(loupe, response)).top;
  await loupe.key('ArrowUp');
  await expect.poll(async () => (await scrollOf(loupe, response)).top).toBeLessThan(before);
  await loupe.key('Home');
  await expect.poll(async () => (await scrollOf(loupe, response)).top).toBe(0);
});
