/**
 * A lead's first hour, without a blocked step: a project from the reviews sample source with gold
 * in a `gold` field (a copy in a temp folder), the label config and guidelines loaded from files
 * (a bad gold refused with file, line and field first), split for two annotators with the list of
 * packs written, both results back (one skip, shown by name), quality with gold, a tie that M
 * explains, and an export checked before saving whose CSV names people by name and id. A second
 * project without gold starts from a sample config: no gold rate, k above the team never blocks,
 * no gold charts. Screenshots at each step, and of the project screens at 1024×640 and 1440×900.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';
import { answerPackElsewhere } from './remoteAnnotator';

const REVIEWS = resolve(import.meta.dirname, '../../resources/sample-sources/reviews');
const sentiment = (label: string) => [{ kind: 'choices' as const, controlId: 'sentiment', labels: [label] }];
/** What Ann answers (and what the gold says): by the words of the review. */
const byWords = (text: string) => (/(cracked|broke|stopped|refund|worst|disappoint|return)/i.test(text) ? 'negative' : 'positive');

/** The reviews source copied with a gold answer on its first six tasks; `bad` spoils the second one's. */
function sourceWithGold(dir: string, bad = false): string {
  const lines = readFileSync(join(REVIEWS, 'tasks.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string });
  const folder = join(dir, bad ? 'bad-gold' : 'good');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'tasks.jsonl');
  writeFileSync(path, lines.map((t, i) => JSON.stringify(i < 6 ? { ...t, gold: bad && i === 1 ? [{ kind: 'choices', controlId: 'sentiment', labels: 'positive' }] : sentiment(byWords(t.text)) } : t)).join('\n') + '\n');
  return path;
}

/** An annotator's whole pack answered elsewhere (the first task skipped, if asked); returns the results pack. */
function annotate(packPath: string, name: string, pick: (text: string) => string, skipFirst = false): Promise<string> {
  return answerPackElsewhere(packPath, name, (task, i) =>
    skipFirst && i === 0 ? { skip: 'not a product review', activeMs: 4000 } : { answer: sentiment(pick(task.data.text!)), activeMs: 4000 + 900 * i });
}

async function becomeLead(loupe: LoupeUi): Promise<void> {
  await loupe.home();
  await loupe.page.getByTestId('profile-name').fill('Lea Lead');
  await loupe.page.getByTestId('profile-role').getByText('Lead').click();
  await loupe.page.getByTestId('profile-save').click();
  await expect(loupe.page.getByTestId('projects')).toBeVisible();
}

/** The project's tabs photographed at a small and a large window, then back to the default size. */
async function atSizes(loupe: LoupeUi, tabs: string[]): Promise<void> {
  for (const [width, height] of [[1024, 640], [1440, 900]] as const) {
    await loupe.page.setViewportSize({ width, height });
    for (const tab of tabs) {
      await loupe.page.getByTestId(`tab-${tab}`).click();
      await expect(loupe.page.getByRole('tabpanel')).toBeVisible();
      await loupe.screenshot(`lead1h-${tab}-${width}x${height}`);
    }
  }
  await loupe.page.setViewportSize({ width: 1280, height: 800 });
}

test('lead, first hour: gold from JSONL, config from files, split, results, quality, export — nothing blocks', async ({ app, loupe }) => {
  // Twenty-odd screens, each audited by axe in both themes.
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-lead-'));
  const good = sourceWithGold(dir);
  const bad = sourceWithGold(dir, true);
  const guidelines = join(dir, 'guidelines.md');
  copyFileSync(join(REVIEWS, 'guidelines.md'), guidelines);
  await becomeLead(loupe);

  // New project: the label config and the guidelines from files, read by the main process.
  await loupe.page.getByTestId('new-project').click();
  await loupe.page.getByTestId('project-name').fill('Review sentiment');
  await expect(loupe.page.getByTestId('gold-hint')).toContainText('gold');
  await app.setNextOpenPath(join(REVIEWS, 'config.json'));
  await loupe.page.getByTestId('load-config').click();
  await expect(loupe.page.getByTestId('new-config-editor')).toHaveValue(/"Overall sentiment"/);
  await expect(loupe.page.getByTestId('new-config-ok')).toBeVisible();
  await app.setNextOpenPath(guidelines);
  await loupe.page.getByTestId('load-guidelines').click();
  await expect(loupe.page.getByTestId('new-guidelines')).toHaveValue(/Product review sentiment/);
  // A bad gold value is refused with its file, line and field.
  await app.setNextOpenPath(bad);
  await loupe.page.getByTestId('choose-source').click();
  await expect(loupe.page.getByTestId('source-path')).toHaveText(bad);
  await loupe.screenshot('lead1h-01-new-project');
  await loupe.page.getByTestId('create-project').click();
  await expect(loupe.page.getByTestId('notification-error')).toContainText('tasks.jsonl, line 2, field gold.0.labels');
  await loupe.page.getByTestId('notification-error').getByRole('button').click();
  await app.setNextOpenPath(good);
  await loupe.page.getByTestId('choose-source').click();
  const created = await loupe.after('project-created', () => loupe.page.getByTestId('create-project').click());
  expect(created).toMatchObject({ tasks: 24, gold: 6 });
  await expect(loupe.page.getByTestId('project-view')).toContainText('24 tasks · 6 of them gold');
  await expect(loupe.page.getByTestId('overview-empty')).toContainText('No packs yet');
  await loupe.screenshot('lead1h-02-overview-empty');

  // Split: the gold rate defaults from the data; both annotators get every task.
  await loupe.page.getByTestId('tab-split').click();
  await expect(loupe.page.getByTestId('split-empty')).toBeVisible();
  await expect(loupe.page.getByTestId('written-packs')).toContainText('None yet');
  await expect(loupe.page.getByLabel('Gold (%)')).toHaveValue('10');
  await loupe.page.getByTestId('split-annotators').click();
  for (const name of ['ann', 'bob']) {
    await loupe.page.keyboard.type(name);
    await loupe.page.keyboard.press('Enter');
  }
  await loupe.page.getByLabel('Overlap (%)').fill('100');
  await expect(loupe.page.getByTestId('split-plan')).toContainText('18 tasks · 18 overlapped');
  await expect(loupe.page.getByTestId('split-problem')).toHaveCount(0);
  const split = await loupe.after('split-written', () => loupe.page.getByTestId('write-packs').click());
  const packs = readdirSync(String(split.folder)).filter((f) => f.endsWith('.loupe')).sort();
  expect(packs).toHaveLength(2);
  const written = loupe.page.getByTestId('written-packs');
  for (const file of packs) await expect(written).toContainText(file);
  await expect(written).toContainText(String(split.folder));
  await expect(written.getByRole('row', { name: /^ann / })).toBeVisible();
  await loupe.screenshot('lead1h-03-split-written');

  // Two annotators' results come back; Bob skipped one task and calls everything positive.
  const results = [
    await annotate(join(String(split.folder), packs[0]!), 'ann', byWords),
    await annotate(join(String(split.folder), packs[1]!), 'bob', () => 'positive', true),
  ];
  await loupe.page.getByTestId('tab-overview').click();
  await app.setNextOpenPath(results.join('\n'));
  const imported = await loupe.after('results-imported', () => loupe.page.getByTestId('import-results').click());
  expect(imported).toMatchObject({ refused: 0 });
  await expect(loupe.page.getByTestId('annotator-table')).toContainText('ann (local-');
  await expect(loupe.page.getByText(/\(bob \(local-[0-9a-f-]+\)\): not a product review/)).toBeVisible();
  await expect(loupe.page.getByTestId('chart-progress').locator('.recharts-label-list').first()).toBeVisible();
  await loupe.screenshot('lead1h-04-overview-results');

  await loupe.page.getByTestId('tab-quality').click();
  await loupe.waitForEvent('quality-shown');
  await expect(loupe.page.getByTestId('chart-gold-annotators')).toBeVisible();
  await expect(loupe.page.getByTestId('chart-gold-annotators')).toContainText('100%');
  await loupe.screenshot('lead1h-05-quality');

  // Adjudicate: two people who disagree are a tie; M says so instead of doing nothing silently.
  await loupe.page.getByTestId('tab-adjudicate').click();
  await expect(loupe.page.getByTestId('answer-majority-tied')).toBeVisible();
  await loupe.after('majority-tied', () => loupe.page.keyboard.press('m'));
  await expect(loupe.page.getByText('No majority to take')).toBeVisible();
  await loupe.screenshot('lead1h-06-adjudicate-tie');
  await loupe.after('adjudicated', () => loupe.page.keyboard.press('1'));

  // Export: only the formats a text classification can hold, checked before choosing where.
  await loupe.page.getByTestId('tab-export').click();
  await loupe.page.getByTestId('export-format').click();
  await expect(loupe.page.getByRole('option', { name: 'CSV (one row per task)' })).toBeVisible();
  await expect(loupe.page.getByRole('option', { name: 'COCO (JSON)' })).toHaveCount(0);
  await loupe.page.getByRole('option', { name: 'CSV (one row per task)' }).click();
  await expect(loupe.page.getByTestId('export-unavailable')).toContainText('COCO (JSON)');
  await expect(loupe.page.getByTestId('run-export')).toBeDisabled();
  await loupe.after('export-checked', () => loupe.page.getByTestId('check-export').click());
  await expect(loupe.page.getByTestId('export-check')).toContainText('Would write 24 records');
  await loupe.screenshot('lead1h-07-export-checked');
  const exported = await loupe.after('project-exported', () => loupe.page.getByTestId('run-export').click());
  const csv = readFileSync(String(exported.path), 'utf8');
  expect(csv.split('\n')[0]).toBe('id,text,sentiment,annotator');
  expect(csv).toMatch(/,ann \(local-[0-9a-f-]+\)\n/);
  expect(csv).not.toMatch(/,local-[0-9a-f-]+\n/);

  await atSizes(loupe, ['overview', 'split', 'quality', 'adjudicate', 'export']);
});

test('lead, a project without gold from a sample config: defaults never block, no gold charts', async ({ app, loupe }) => {
  await becomeLead(loupe);
  await loupe.page.getByTestId('new-project').click();
  await loupe.page.getByTestId('project-name').fill('No gold');
  await loupe.page.getByTestId('sample-config').click();
  await loupe.page.getByRole('option', { name: /Product review sentiment/ }).click();
  await expect(loupe.page.getByTestId('new-config-editor')).toHaveValue(/"Overall sentiment"/);
  await expect(loupe.page.getByTestId('new-guidelines')).toHaveValue(/Product review sentiment/);
  await app.setNextOpenPath(join(REVIEWS, 'tasks.jsonl'));
  await loupe.page.getByTestId('choose-source').click();
  await loupe.screenshot('lead1h-10-new-project-sample');
  expect(await loupe.after('project-created', () => loupe.page.getByTestId('create-project').click())).toMatchObject({ tasks: 24, gold: 0 });

  // No gold: the rate is 0 and says why; one annotator with the default k of 2 still plans.
  await loupe.page.getByTestId('tab-split').click();
  await expect(loupe.page.getByLabel('Gold (%)')).toBeDisabled();
  await expect(loupe.page.getByText('No gold in this project')).toBeVisible();
  await loupe.page.getByTestId('split-annotators').click();
  await loupe.page.keyboard.type('solo');
  await loupe.page.keyboard.press('Enter');
  await expect(loupe.page.getByTestId('split-plan')).toContainText('24 tasks · 0 overlapped · 0 gold tasks used');
  await expect(loupe.page.getByTestId('split-problem')).toHaveCount(0);
  await loupe.page.getByTestId('split-annotators').click();
  await loupe.page.keyboard.type('duo');
  await loupe.page.keyboard.press('Enter');
  await loupe.page.getByLabel('People per overlapped task (k)').fill('5');
  await expect(loupe.page.getByText('All 2: there are fewer than 5 annotators')).toBeVisible();
  await expect(loupe.page.getByTestId('split-plan')).toContainText('overlapped');
  await expect(loupe.page.getByTestId('split-problem')).toHaveCount(0);
  await loupe.screenshot('lead1h-11-split-no-gold');

  await loupe.page.getByTestId('tab-quality').click();
  await loupe.waitForEvent('quality-shown');
  await expect(loupe.page.getByTestId('quality-no-gold')).toBeVisible();
  await expect(loupe.page.getByTestId('chart-gold-annotators')).toHaveCount(0);
  await expect(loupe.page.getByTestId('quality-no-agreement')).toBeVisible();
  await loupe.screenshot('lead1h-12-quality-no-gold');
  await loupe.page.getByTestId('tab-adjudicate').click();
  await expect(loupe.page.getByTestId('adjudicate-empty')).toBeVisible();
  await loupe.screenshot('lead1h-13-adjudicate-empty');
});
