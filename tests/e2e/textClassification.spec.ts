/**
 * The first complete flow, as a newcomer does it with the keyboard only: create a profile, open the
 * sample pack, label, skip, flag, read the guidelines and the cheat sheet, close the app, reopen it
 * with nothing lost, and export a results pack.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPack } from '../../electron/core/packs';
import { expect, test } from './fixtures';
import { activate, countMouseInput, mouseInput } from './inputCount';

const REVIEWS = 'sample-review-sentiment';

test('label the sample pack with the keyboard, close, reopen with nothing lost, export results', async ({ app, loupe }) => {
  await loupe.home();
  await countMouseInput(loupe);
  await loupe.screenshot('01-first-run-profile');

  // A profile first: the name field has focus; type and press Enter.
  await expect(loupe.page.getByTestId('profile-name')).toBeFocused();
  await loupe.page.keyboard.type('Ada Annotator');
  await loupe.page.keyboard.press('Enter');
  await expect(loupe.page.getByTestId('open-sample-reviews')).toBeVisible();
  await loupe.screenshot('02-home');

  await loupe.after('session-ready', () => activate(loupe, 'open-sample-reviews'));
  await loupe.waitForEvent('task-shown');
  await expect(loupe.page.getByTestId('task-position')).toContainText('1');
  await expect(loupe.page.getByTestId('task-text')).toContainText('Battery easily lasts two days');
  await expect(loupe.page.getByTestId('label-positive')).toContainText('1');
  await loupe.screenshot('03-annotator-first-task');

  // One key per task: label and move on.
  const keys = ['1', '3', '2', '3', '4'];
  for (const key of keys) await loupe.labelAndAdvance(key);
  await expect(loupe.page.getByTestId('task-text')).toContainText('Does what the box says');
  await expect(loupe.page.getByTestId('progress')).toContainText('5');

  // Shortcuts never fire while typing: the skip reason takes "1" as text. The pack's reasons come
  // first, by number; typing a letter writes one's own.
  await loupe.key('Space');
  await expect(loupe.page.getByTestId('skip-reason-choices')).toBeFocused();
  await expect(loupe.page.getByTestId('skip-reason-choice-1')).toContainText('Not a product review');
  await loupe.page.keyboard.type('Only 1 star given, text says 3');
  await expect(loupe.page.getByTestId('skip-reason')).toBeFocused();
  await expect(loupe.page.getByTestId('skip-reason')).toHaveValue('Only 1 star given, text says 3');
  await loupe.screenshot('04-skip-with-reason');
  await loupe.after('task-skipped', () => loupe.key('Enter'));
  await loupe.waitForEvent('task-shown', 6);

  // Flag with a comment; the task stays.
  await loupe.key('ControlOrMeta+Shift+F');
  await expect(loupe.page.getByTestId('flag-comment')).toBeFocused();
  await loupe.page.keyboard.type('Is this a review or a testimonial?');
  await loupe.after('task-flagged', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-flagged', 'true');
  await loupe.labelAndAdvance('1');

  // Back to a submitted task: its label is shown as chosen.
  await loupe.after('task-shown', () => loupe.key('ArrowLeft'));
  await expect(loupe.page.getByTestId('label-positive')).toHaveAttribute('aria-pressed', 'true');
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'submitted');
  await loupe.after('task-shown', () => loupe.key('ArrowRight'));

  // Guidelines and the cheat sheet, both from the keyboard.
  await loupe.key('F1');
  await expect(loupe.page.getByTestId('guidelines')).toContainText('Rules of thumb');
  await expect(loupe.page.getByTestId('guidelines').locator('table')).toBeVisible();
  await loupe.screenshot('05-guidelines');
  await loupe.key('F1');
  await loupe.key('?');
  await expect(loupe.page.getByTestId('cheatsheet')).toContainText('Submit and next');
  await expect(loupe.page.getByTestId('cheatsheet')).toContainText('Positive');
  await loupe.screenshot('06-cheatsheet');
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);

  const before = (await loupe.page.getByTestId('progress').innerText()).trim();
  expect(await mouseInput(loupe)).toBe(0);

  // Close the whole app and start it again on the same data: the pack resumes where it was.
  await app.restart();
  await loupe.home();
  await countMouseInput(loupe);
  await expect(loupe.page.getByTestId(`recent-${REVIEWS}`)).toContainText('Product review sentiment');
  await loupe.screenshot('07-home-after-restart');
  await loupe.after('session-ready', () => activate(loupe, `resume-${REVIEWS}`));
  await loupe.waitForEvent('task-shown');
  await expect(loupe.page.getByTestId('task-text')).toContainText('Stopped charging after three weeks');
  expect((await loupe.page.getByTestId('progress').innerText()).trim()).toBe(before);

  // Export a results pack (Mod+E); the save dialog answers with a path in the test's folder.
  const exported = await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  expect(exported.rows).toBe(7);
  const files = readdirSync(app.exportDir);
  expect(files).toHaveLength(1);
  const results = await readPack(join(app.exportDir, files[0]!));
  expect(results.kind).toBe('results');
  if (results.kind !== 'results') return;
  expect(results.manifest.answers?.packId).toBe(REVIEWS);
  const byTask = new Map(results.rows.map((r) => [r.taskId, r]));
  expect(byTask.get('rev-001')).toMatchObject({ status: 'submitted', answer: [{ controlId: 'sentiment', labels: ['positive'] }], annotator: { name: 'Ada Annotator' } });
  expect(byTask.get('rev-005')?.answer).toEqual([{ kind: 'choices', controlId: 'sentiment', labels: ['mixed'] }]);
  expect(byTask.get('rev-006')).toMatchObject({ status: 'skipped', skipReason: 'Only 1 star given, text says 3' });
  expect(byTask.get('rev-007')).toMatchObject({ status: 'submitted', flag: { comment: 'Is this a review or a testimonial?' } });
  for (const row of results.rows) expect(row.activeMs).toBeGreaterThan(0);
  expect(await mouseInput(loupe)).toBe(0);
});

test('multi-label: keys toggle, undo and redo, Enter submits; dark theme', async ({ loupe }) => {
  await loupe.home();
  await loupe.page.getByTestId('profile-name').fill('Bo Reviewer');
  await loupe.page.getByTestId('profile-name').press('Enter');
  await loupe.after('session-ready', () => activate(loupe, 'open-sample-tickets'));
  await loupe.waitForEvent('task-shown');

  await loupe.after('draft-saved', () => loupe.key('1'));
  await loupe.after('draft-saved', () => loupe.key('2'));
  await expect(loupe.page.getByTestId('label-billing')).toHaveAttribute('aria-pressed', 'true');
  await expect(loupe.page.getByTestId('label-bug')).toHaveAttribute('aria-pressed', 'true');
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Z'));
  await expect(loupe.page.getByTestId('label-bug')).toHaveAttribute('aria-pressed', 'false');
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Shift+Z'));
  await expect(loupe.page.getByTestId('label-bug')).toHaveAttribute('aria-pressed', 'true');
  await loupe.after('draft-saved', () => loupe.key('2'));
  await expect(loupe.page.getByTestId('label-bug')).toHaveAttribute('aria-pressed', 'false');
  await loupe.screenshot('08-multilabel-light');

  const submitted = await loupe.after('task-submitted', () => loupe.key('Enter'));
  expect(submitted.taskId).toBe('tkt-101');
  await loupe.waitForEvent('task-shown', 1);
  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await loupe.after('draft-saved', () => loupe.key('4'));
  await loupe.after('draft-saved', () => loupe.key('6'));
  await loupe.screenshot('09-multilabel-dark');
  await loupe.key('?');
  await expect(loupe.page.getByTestId('cheatsheet')).toBeVisible();
  await loupe.screenshot('10-cheatsheet-dark');
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0); // keys are silent until the dialog is gone

  await loupe.after('task-shown', () => loupe.key('ArrowLeft'));
  await expect(loupe.page.getByTestId('label-billing')).toHaveAttribute('aria-pressed', 'true');
  await expect(loupe.page.getByTestId('label-bug')).toHaveAttribute('aria-pressed', 'false');
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'submitted');
});
