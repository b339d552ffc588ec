/**
 * The task navigator, keyboard only: label a few tasks of the sample pack, skip one, flag one,
 * open "Go to task…" with Ctrl+G, read each task's status, filter by status from the keyboard,
 * search the text, jump to a task by its number and to a row by Enter, and reach it from the
 * command palette. Screenshots (axe-checked in both themes) at 1024×640 and 1440×900. Then a
 * draft: a jump right after an edit keeps it, and the navigator lists it as a draft.
 */
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

const navigator = (loupe: LoupeUi) => loupe.page.getByRole('dialog', { name: 'Go to task' });
const row = (loupe: LoupeUi, n: number) => loupe.page.getByTestId(`navigator-task-${n}`);
const rows = (loupe: LoupeUi) => loupe.page.getByTestId('navigator-list').getByRole('option');

/** Ctrl+G, then wait for the search field to take the focus, as a person waits to see it. */
async function openNavigator(loupe: LoupeUi): Promise<void> {
  await loupe.key('ControlOrMeta+G');
  await expect(loupe.page.getByTestId('navigator-query')).toBeFocused();
}

/** The radio of the status filter the keyboard is on. */
const checkedFilter = (loupe: LoupeUi) => loupe.page.getByTestId('navigator-filter').locator('input:checked');

test('find tasks by status and text and jump to them from the keyboard', async ({ loupe }) => {
  await loupe.page.setViewportSize({ width: 1440, height: 900 });
  await loupe.home();
  await loupe.createProfile('Nia Navigator');
  await loupe.openSample('reviews');

  // Work on the first four tasks: two labels, a skip, a flag, a label.
  await loupe.labelAndAdvance('1');
  await loupe.labelAndAdvance('2');
  await loupe.key('Space');
  // Type once the dialog has the focus: keys before it opens belong to the page.
  await expect(loupe.page.getByTestId('skip-reason-choices')).toBeFocused();
  await loupe.page.keyboard.type('Not a product review');
  await loupe.after('task-skipped', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 4 of 24');
  await loupe.key('ControlOrMeta+Shift+F');
  await expect(loupe.page.getByTestId('flag-comment')).toBeFocused();
  await loupe.page.keyboard.type('Sarcasm: negative?');
  await loupe.after('task-flagged', () => loupe.key('Enter'));
  await loupe.labelAndAdvance('2');
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 5 of 24');

  // Ctrl+G: every task with its status in words, the search field focused.
  await loupe.key('ControlOrMeta+G');
  await expect(navigator(loupe)).toBeVisible();
  await expect(loupe.page.getByTestId('navigator-query')).toBeFocused();
  await expect(row(loupe, 1)).toHaveAttribute('data-status', 'submitted');
  await expect(row(loupe, 3)).toContainText('skipped');
  await expect(row(loupe, 4)).toContainText('submitted');
  await expect(row(loupe, 4)).toContainText('flagged');
  await expect(row(loupe, 5)).toContainText('pending');
  await expect(row(loupe, 5)).toContainText('on screen');
  await expect(row(loupe, 3)).toContainText("It's a kettle. It boils water.");
  await expect(rows(loupe)).toHaveCount(24);
  await expect(loupe.page.getByTestId('navigator-filter')).toContainText('Pending 20');
  await loupe.screenshot('navigator-01-all-1440');
  await loupe.page.setViewportSize({ width: 1024, height: 640 });
  await loupe.screenshot('navigator-02-all-1024');

  // Tab reaches the status filter; the arrows pick a status.
  await loupe.key('Tab');
  await expect(checkedFilter(loupe)).toBeFocused();
  for (let i = 0; i < 4; i += 1) await loupe.key('ArrowRight');
  await expect(checkedFilter(loupe)).toHaveValue('skipped');
  await expect(rows(loupe)).toHaveCount(1);
  await expect(row(loupe, 3)).toBeVisible();
  await loupe.key('ArrowRight');
  await expect(checkedFilter(loupe)).toHaveValue('flagged');
  await expect(rows(loupe)).toHaveCount(1);
  await expect(row(loupe, 4)).toBeVisible();
  await loupe.screenshot('navigator-03-flagged-1024');

  // Back in the field, Enter opens the active row: the flagged task.
  await loupe.key('Shift+Tab');
  await expect(loupe.page.getByTestId('navigator-query')).toBeFocused();
  await loupe.after('task-shown', () => loupe.key('Enter'));
  await expect(navigator(loupe)).toHaveCount(0);
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 4 of 24');
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-flagged', 'true');

  // Search the text, case-insensitively; ↓ and Enter open a match.
  await loupe.page.setViewportSize({ width: 1440, height: 900 });
  await openNavigator(loupe);
  await loupe.page.keyboard.type('DRAWER');
  await expect(rows(loupe)).toHaveCount(1);
  await expect(row(loupe, 12)).toContainText('one drawer still sticks');
  await loupe.screenshot('navigator-04-search-1440');
  await loupe.after('task-shown', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 12 of 24');
  await expect(loupe.page.getByTestId('task-text')).toContainText('The instructions were wrong in three places');

  // A number and Enter go to that task, whatever the search finds in the text.
  await openNavigator(loupe);
  await loupe.page.keyboard.type('3');
  await expect(loupe.page.getByTestId('navigator-goto')).toHaveText('Go to task 3');
  await expect(loupe.page.getByTestId('navigator-goto')).toHaveAttribute('aria-selected', 'true');
  await loupe.after('task-shown', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 3 of 24');
  await expect(loupe.page.getByTestId('task-text')).toContainText("It's a kettle.");
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'skipped');

  // From the palette too; Escape closes without moving.
  await loupe.key('ControlOrMeta+K');
  await expect(loupe.page.getByTestId('palette-query')).toBeFocused();
  await loupe.page.keyboard.type('go to task');
  await loupe.key('Enter');
  await expect(navigator(loupe)).toBeVisible();
  await expect(loupe.page.getByTestId('navigator-query')).toBeFocused();
  await loupe.key('Escape');
  await expect(navigator(loupe)).toHaveCount(0);
  await expect(loupe.page.getByTestId('task-position')).toHaveText('Task 3 of 24');
});

test('a jump right after an edit keeps the draft, listed as a draft', async ({ loupe }) => {
  await loupe.home();
  await loupe.createProfile('Nia Navigator');
  await loupe.openSample('tickets');

  // Multi-label: a key toggles a label and saves a draft; jump away at once.
  await loupe.key('1');
  await expect(loupe.page.getByTestId('label-billing')).toHaveAttribute('aria-pressed', 'true');
  await openNavigator(loupe);
  await loupe.page.keyboard.type('3');
  await loupe.after('task-shown', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-position')).toHaveText(/^Task 3 of /);

  await openNavigator(loupe);
  await expect(loupe.page.getByTestId('navigator-task-1')).toHaveAttribute('data-status', 'draft');
  await loupe.key('Tab');
  await loupe.key('ArrowRight');
  await loupe.key('ArrowRight');
  await expect(checkedFilter(loupe)).toHaveValue('draft');
  await expect(rows(loupe)).toHaveCount(1);
  await loupe.key('Shift+Tab');
  await loupe.after('task-shown', () => loupe.key('Enter'));
  await expect(loupe.page.getByTestId('task-position')).toHaveText(/^Task 1 of /);
  await expect(loupe.page.getByTestId('task-status')).toHaveAttribute('data-status', 'draft');
  await expect(loupe.page.getByTestId('label-billing')).toHaveAttribute('aria-pressed', 'true');
});
