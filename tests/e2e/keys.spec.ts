/**
 * Rebindable keys and the command palette, keyboard only: open the settings with Mod+, rebind
 * "Skip" from Space to Mod+J (free in every context), see a clash refused, save, find the new key
 * in the cheat sheet, restart the app and use it in the annotator, run a command from the palette
 * (Mod+K), and reset everything back to the defaults. Then a label key taken by a rebound command:
 * flagged in the annotator's cheat sheet, and the label still wins.
 */
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

/** Focus a control and press Enter, as a keyboard user does after tabbing to it. */
async function activate(loupe: LoupeUi, testId: string): Promise<void> {
  await loupe.page.getByTestId(testId).focus();
  await loupe.key('Enter');
}

const row = (loupe: LoupeUi, id: string) => loupe.page.getByTestId('key-settings').locator(`tr[data-command="${id}"]`);

test('rebind a key, keep it after a restart, use it, reset it; run commands from the palette', async ({ app, loupe }) => {
  await loupe.home();
  await loupe.createProfile('Kim Keys');

  // Settings with Mod+, — record Mod+J for "Skip with reason…".
  await loupe.key('ControlOrMeta+,');
  await expect(loupe.page.getByTestId('key-settings')).toBeVisible();
  await expect(row(loupe, 'task:skip')).toContainText('Space');
  await activate(loupe, 'keys-change-task:skip');
  await expect(loupe.page.getByTestId('key-recording')).toContainText('Skip with reason…');
  await loupe.screenshot('keys-01-recording');
  await loupe.key('ControlOrMeta+J');
  await expect(row(loupe, 'task:skip')).toContainText('Ctrl+J');
  await expect(row(loupe, 'task:skip')).toContainText('changed');

  // A clash is shown on both rows and cannot be saved; Reset takes it back.
  await activate(loupe, 'keys-change-task:next');
  await loupe.key('ControlOrMeta+J');
  await expect(row(loupe, 'task:next').getByTestId('key-clash')).toHaveText('Ctrl+J is also the key of “Skip with reason…”');
  await expect(loupe.page.getByTestId('keys-save')).toBeDisabled();
  await loupe.screenshot('keys-02-clash-refused');
  await activate(loupe, 'keys-reset-task:next');
  await expect(loupe.page.getByTestId('key-conflicts')).toHaveCount(0);
  await expect(row(loupe, 'task:next')).toContainText('PageDown');

  await loupe.after('keymap-saved', () => activate(loupe, 'keys-save'));
  await expect(loupe.page.getByTestId('key-settings')).toHaveCount(0);

  // The cheat sheet is generated from the same table, for the screen it is opened on: Home has
  // no task to skip, so it lists Home's keys only.
  await loupe.key('?');
  await expect(loupe.page.getByTestId('cheatsheet').locator('[data-command="file:open"]')).toBeVisible();
  await expect(loupe.page.getByTestId('cheatsheet').locator('[data-command="task:skip"]')).toHaveCount(0);
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);

  // Close the app and start it again: the key is the profile's, so it is still there.
  await app.restart();
  await loupe.home();
  await loupe.waitForEvent('keymap-loaded');
  await loupe.after('session-ready', () => activate(loupe, 'open-sample-reviews'));
  await loupe.waitForEvent('task-shown');
  await expect(loupe.page.getByRole('button', { name: /^Skip…/ })).toContainText('Ctrl+J');
  await loupe.key('?');
  const skipRow = loupe.page.getByTestId('cheatsheet').locator('[data-command="task:skip"]');
  await expect(skipRow).toContainText('Ctrl+J');
  await expect(skipRow).not.toContainText('Space');
  await loupe.screenshot('keys-03-cheatsheet-rebound');
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);
  await loupe.key('Space');
  await expect(loupe.page.getByTestId('skip-reason')).toHaveCount(0);
  await loupe.key('ControlOrMeta+J');
  await expect(loupe.page.getByTestId('skip-reason-choices')).toBeFocused();
  await loupe.screenshot('keys-04-skip-on-rebound-key');
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('skip-reason')).toHaveCount(0);

  // The palette: type, Enter runs the command; keys stay silent while typing in its field.
  await loupe.key('ControlOrMeta+K');
  await expect(loupe.page.getByTestId('palette-query')).toBeFocused();
  await loupe.page.keyboard.type('1'); // a label key, typed as text here
  await expect(loupe.page.getByTestId('palette-query')).toHaveValue('1');
  await loupe.key('Backspace'); // deletes the character; does not clear the answer
  await loupe.page.keyboard.type('next');
  // What this view cannot run (the editors' commands) is listed after, greyed out, with its key.
  await expect(loupe.page.getByTestId('palette-item-task:next')).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.page.getByTestId('palette-item-span:next')).toHaveAttribute('aria-disabled', 'true');
  await loupe.screenshot('keys-05-palette-next');
  await loupe.key('ControlOrMeta+A');
  await loupe.page.keyboard.type('guide');
  await expect(loupe.page.getByTestId('palette-item-view:guidelines')).toHaveAttribute('aria-selected', 'true');
  await loupe.screenshot('keys-06-palette-guide');
  await loupe.key('Enter');
  await expect(loupe.page.getByTestId('palette-query')).toHaveCount(0);
  await expect(loupe.page.getByTestId('guidelines')).toContainText('Rules of thumb');
  expect(await loupe.eventCount('task-submitted')).toBe(0);
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'pending');

  // Reset all from the palette's "Customize keyboard shortcuts…" command, then save.
  await loupe.key('ControlOrMeta+Shift+P');
  await expect(loupe.page.getByTestId('palette-query')).toBeFocused();
  await loupe.page.keyboard.type('customize');
  await loupe.key('Enter');
  await expect(loupe.page.getByTestId('key-settings')).toBeVisible();
  await expect(row(loupe, 'task:skip')).toContainText('Ctrl+J');
  await activate(loupe, 'keys-reset-all');
  await expect(row(loupe, 'task:skip')).toContainText('Space');
  await loupe.after('keymap-saved', () => activate(loupe, 'keys-save'));
  await expect(loupe.page.getByTestId('key-settings')).toHaveCount(0);
  await loupe.key('Space');
  await expect(loupe.page.getByTestId('skip-reason-choices')).toBeFocused();
});

test('a label key that a rebound command now uses is flagged in the annotator’s cheat sheet; the label wins', async ({ loupe }) => {
  await loupe.home();
  await loupe.createProfile('Lee Labels');
  await loupe.key('ControlOrMeta+,');
  await activate(loupe, 'keys-change-task:flag');
  await loupe.key('2');
  await expect(row(loupe, 'task:flag')).toContainText('Packs use plain letters and digits for labels');
  await loupe.after('keymap-saved', () => activate(loupe, 'keys-save'));
  await loupe.after('session-ready', () => activate(loupe, 'open-sample-reviews'));
  await loupe.waitForEvent('task-shown');
  await loupe.key('?');
  await expect(loupe.page.getByTestId('label-key-clash')).toHaveText('2 labels “Neutral” here, so it does not run your “Flag with comment…” while this pack is open.');
  await loupe.screenshot('keys-07-label-key-clash');
  await loupe.key('Escape');
  // Keys are silent while a dialog is open (closing included): wait until the cheat sheet is gone.
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);
  const submitted = await loupe.labelAndAdvance('2');
  expect(submitted.taskId).toBeTruthy();
  await expect(loupe.page.getByTestId('flag-comment')).toHaveCount(0);
});
