/**
 * Home, settings and notifications as a new person meets them: the roles explained on the profile
 * screen, the samples first with their task kinds and no empty work panel; opening a sample and a
 * recent pack from the keyboard (/, type, Enter) with the key in the cheat sheet; the theme switch
 * and the task text size, both kept for the profile across a restart; and notifications that show
 * once with a count, cover neither the action bar nor the header, and stay with the pack they came
 * from. Screenshots at 1024×640, 1280×800 and 1440×900, each audited in both themes.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SIZES = { small: { width: 1024, height: 640 }, medium: { width: 1280, height: 800 }, large: { width: 1440, height: 900 } };

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function textSizePx(page: Page): Promise<number> {
  return page.getByTestId('task-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

test('a new person: roles explained, samples first with their kind, no empty work panel', async ({ loupe }) => {
  await loupe.page.setViewportSize(SIZES.small);
  await loupe.home();
  for (const role of ['annotator', 'reviewer', 'lead']) await expect(loupe.page.getByTestId(`role-${role}`)).toBeVisible();
  await expect(loupe.page.getByTestId('role-reviewer')).toContainText('accepts, rejects with a reason, or fixes');
  await loupe.page.getByTestId('profile-role').getByText('Reviewer').click();
  await expect(loupe.page.getByTestId('role-reviewer')).toHaveAttribute('data-chosen', 'true');
  await loupe.screenshot('h01-profile-roles-1024');
  await loupe.page.getByTestId('profile-role').getByText('Annotator').click();
  await loupe.createProfile('Nell New');

  // Nothing opened yet: the samples come first, each saying what kind of work it is.
  const headings = loupe.page.getByRole('heading', { level: 2 });
  await expect(headings.first()).toHaveText('Try a sample pack');
  await expect(loupe.page.getByTestId('sample-kind-objects')).toHaveText('Image boxes');
  await expect(loupe.page.getByTestId('sample-kind-entities')).toHaveText('Text spans and relations');
  await expect(loupe.page.getByTestId('sample-kind-rate-answers')).toHaveText('Rubric rating');
  await loupe.waitForEvent('dashboard-ready');
  await expect(loupe.page.getByTestId('dashboard')).toHaveCount(0);
  await loupe.screenshot('h02-home-new-1024');
  await loupe.page.setViewportSize(SIZES.large);
  await loupe.screenshot('h03-home-new-1440');
});

test('a lead’s home: their projects first, and no annotator packs passed off as their own', async ({ loupe }) => {
  await loupe.home();
  await loupe.page.getByTestId('profile-role').getByText('Lead').click();
  await expect(loupe.page.getByTestId('role-lead')).toHaveAttribute('data-chosen', 'true');
  await loupe.createProfile('Lea Lead');
  await expect(loupe.page.getByTestId('projects')).toBeVisible();
  await expect(loupe.page.getByRole('heading', { name: 'Packs you opened' })).toHaveCount(0);
  await expect(loupe.page.getByTestId('dashboard')).toHaveCount(0);
  await loupe.page.setViewportSize(SIZES.small);
  await loupe.screenshot('h07-home-lead-1024');
});

test('open a sample and then a recent pack from the keyboard, with the key in the cheat sheet', async ({ loupe }) => {
  await loupe.home();
  await loupe.createProfile('Kim Keys');

  await loupe.key('?');
  await expect(loupe.page.locator('[data-command="home:find"]')).toContainText('/');
  await loupe.key('Escape');
  await expect(loupe.page.getByTestId('cheatsheet')).toHaveCount(0);

  // `/` to the find field, type a kind of task, Enter opens the one match.
  await loupe.key('/');
  await expect(loupe.page.getByTestId('pack-find')).toBeFocused();
  await loupe.page.keyboard.type('multi-label');
  await expect(loupe.page.getByTestId('pack-find-hint')).toContainText('Support ticket topics');
  await loupe.screenshot('h04-home-find');
  await loupe.after('session-ready', () => loupe.key('Enter'));
  await loupe.waitForEvent('task-shown');
  await expect(loupe.page.getByTestId('task-position')).toContainText('Task 1');

  // Back home, the pack is among "Your packs", first; typing part of its name and Enter resumes it.
  await loupe.after('home-ready', () => loupe.key('ControlOrMeta+W'));
  await expect(loupe.page.getByRole('heading', { level: 2 }).first()).toHaveText('Your packs');
  await loupe.key('/');
  await expect(loupe.page.getByTestId('pack-find')).toBeFocused();
  await loupe.page.keyboard.type('ticket');
  await loupe.after('session-ready', () => loupe.key('Enter'));

  // On the cards, ↓ moves from one Open button to the next, and Enter opens.
  await loupe.after('home-ready', () => loupe.key('ControlOrMeta+W'));
  await loupe.page.locator('[data-pack-open]').first().focus();
  await loupe.key('ArrowDown');
  await expect(loupe.page.locator('[data-pack-open]').nth(1)).toBeFocused();
  const next = await loupe.page.locator('[data-pack-open]').nth(1).getAttribute('data-testid');
  expect(next).toMatch(/^open-sample-/);
  await loupe.after('session-ready', () => loupe.key('Enter'));
});

test('theme switch and task text size are kept for the profile across a restart', async ({ app, loupe }) => {
  await loupe.page.setViewportSize(SIZES.small);
  await loupe.home();
  await loupe.createProfile('Tess Theme');
  await loupe.waitForEvent('display-loaded');
  const scheme = () => loupe.page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  const before = await scheme();
  await loupe.after('display-saved', () => loupe.page.getByTestId('theme-switch').click());
  const chosen = await scheme();
  expect(chosen).not.toBe(before);
  await loupe.after('display-saved', () => loupe.page.getByTestId('text-size').selectOption('large'));

  await loupe.after('session-ready', () => loupe.page.getByTestId('open-sample-reviews').click());
  await loupe.waitForEvent('task-shown');
  expect(await textSizePx(loupe.page)).toBeCloseTo(18 * 1.2, 1);
  await expect(loupe.page.getByTestId('theme-switch')).toBeVisible();
  await loupe.screenshot('h05-annotator-large-text-1024');

  await app.restart();
  await loupe.waitForEvent('display-loaded');
  expect(await scheme()).toBe(chosen);
  await expect(loupe.page.getByTestId('text-size')).toHaveValue('large');
  // The switch in the annotator's header works too, and is saved the same way.
  await loupe.after('session-ready', () => loupe.page.getByTestId('resume-sample-review-sentiment').click());
  expect(await textSizePx(loupe.page)).toBeCloseTo(18 * 1.2, 1);
  await loupe.after('display-saved', () => loupe.page.getByTestId('theme-switch').click());
  expect(await scheme()).toBe(before);
});

test('notifications: once with a count, clear of the action bar, gone with the pack', async ({ loupe }) => {
  await loupe.page.setViewportSize(SIZES.small);
  await loupe.home();
  await loupe.createProfile('Nora Notes');
  await loupe.after('session-ready', () => loupe.page.getByTestId('open-sample-reviews').click());
  await loupe.waitForEvent('task-shown');

  // Exporting before any task is done is refused; asking twice shows one notice, counted.
  const errors = loupe.page.getByTestId('notification-error');
  await loupe.key('ControlOrMeta+E');
  await expect(errors).toHaveCount(1);
  await loupe.key('ControlOrMeta+E');
  await expect(errors).toHaveCount(1);
  await expect(errors).toContainText('(2×)');
  await expect(errors.getByRole('button', { name: 'Dismiss' })).toBeVisible();

  for (const [name, size] of [['1024', SIZES.small], ['1280', SIZES.medium]] as const) {
    await loupe.page.setViewportSize(size);
    const notice = await box(errors);
    for (const control of await loupe.page.locator('[data-testid="action-bar"] button, [data-testid="task-header"] button').all()) {
      expect(overlaps(notice, await box(control)), `the notice covers ${await control.innerText()} at ${name}`).toBe(false);
    }
    await loupe.screenshot(`h06-annotator-notification-${name}`);
  }

  // Closing the pack takes its notifications with it.
  await loupe.after('home-ready', () => loupe.key('ControlOrMeta+W'));
  await expect(errors).toHaveCount(0);
});
