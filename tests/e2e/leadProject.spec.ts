/**
 * A lead's project in the app: create it from a doccano file whose labelled rows become gold,
 * check the label config in the editor (a clash is named, the preview follows), plan and write a
 * split with full overlap and gold, bring two annotators' results back, read progress, gold
 * accuracy and agreement, settle a disagreement, and export the dataset. Screenshots throughout.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { answerPackElsewhere } from './remoteAnnotator';

/** An annotator's whole pack answered elsewhere; returns the results pack's path. */
function annotate(packPath: string, name: string, pick: (text: string) => string): Promise<string> {
  return answerPackElsewhere(packPath, name, (task, i) => ({ answer: [{ kind: 'choices', controlId: 'category', labels: [pick(task.data.text!)] }], activeMs: 1500 + 700 * i }));
}

test('lead: create a project, check its config, split, import results, read quality, adjudicate, export', async ({ app, loupe }) => {
  const source = join(app.exportDir, 'reviews.doccano.jsonl');
  const texts = ['Great battery, lasts for days', 'Broke after a week', 'Fine, nothing special', 'Love the screen', 'Terrible support', 'Works as described', 'Arrived damaged', 'Best purchase this year', 'Too loud', 'Does the job', 'Stopped charging', 'Gift for my dad, he loves it'];
  const label = (t: string) => (/(Broke|Terrible|damaged|loud|Stopped)/.test(t) ? 'negative' : 'positive');
  writeFileSync(source, texts.map((text, i) => JSON.stringify({ id: i + 1, text, label: i < 3 ? [label(text)] : [] })).join('\n') + '\n');

  await loupe.home();
  await loupe.page.getByTestId('profile-name').fill('Lea Lead');
  await loupe.page.getByTestId('profile-role').getByText('Lead').click();
  await loupe.page.getByTestId('profile-save').click();
  await expect(loupe.page.getByTestId('projects')).toBeVisible();

  // New project from a doccano file; its labelled rows become gold.
  await loupe.page.getByTestId('new-project').click();
  await loupe.page.getByTestId('project-name').fill('Review sentiment');
  await loupe.page.getByTestId('project-format').click();
  await loupe.page.getByRole('option', { name: 'doccano JSONL' }).click();
  await app.setNextOpenPath(source);
  await loupe.page.getByTestId('choose-source').click();
  await expect(loupe.page.getByTestId('source-path')).toHaveText(source);
  await loupe.page.getByText('Gold: mixed into packs unseen').click();
  const created = await loupe.after('project-created', () => loupe.page.getByTestId('create-project').click());
  expect(created).toMatchObject({ tasks: 12, gold: 3 });
  await expect(loupe.page.getByTestId('project-view')).toBeVisible();

  // The label-config editor: a hotkey clash is named with its path; fixing it brings the preview back.
  await loupe.page.getByTestId('tab-setup').click();
  const editor = loupe.page.getByTestId('config-editor');
  const original = await editor.inputValue();
  await editor.fill(original.replace('"hotkey": "1"', '"hotkey": "Enter"'));
  await expect(loupe.page.getByTestId('config-problems')).toContainText('clashes with the app');
  await loupe.screenshot('60-lead-config-clash');
  await editor.fill(original);
  await expect(loupe.page.getByTestId('config-ok')).toBeVisible();
  await expect(loupe.page.getByTestId('config-preview')).toContainText('Love the screen');
  await loupe.screenshot('61-lead-config-preview');

  // Split: both annotators get every task (overlap 100 %, k 2) plus gold at 25 %.
  await loupe.page.getByTestId('tab-split').click();
  const names = loupe.page.getByTestId('split-annotators');
  await names.click();
  await loupe.page.keyboard.type('ann');
  await loupe.page.keyboard.press('Enter');
  await loupe.page.keyboard.type('bob');
  await loupe.page.keyboard.press('Enter');
  await loupe.page.getByLabel('Overlap (%)').fill('100');
  await loupe.page.getByLabel('Gold (%)').fill('25');
  await expect(loupe.page.getByTestId('split-plan')).toContainText('9 tasks · 9 overlapped');
  await loupe.screenshot('62-lead-split-plan');
  const split = await loupe.after('split-written', () => loupe.page.getByTestId('write-packs').click());
  const packs = readdirSync(String(split.folder)).filter((f) => f.endsWith('.loupe')).sort();
  expect(packs).toHaveLength(2);

  // Ann labels by the words; Bob calls everything positive. Both results packs come back at once.
  const results = [
    await annotate(join(String(split.folder), packs[0]!), 'ann', label),
    await annotate(join(String(split.folder), packs[1]!), 'bob', () => 'positive'),
  ];
  await loupe.page.getByTestId('tab-overview').click();
  await app.setNextOpenPath(results.join('\n'));
  const imported = await loupe.after('results-imported', () => loupe.page.getByTestId('import-results').click());
  expect(imported).toMatchObject({ added: 24, refused: 0 });
  await expect(loupe.page.getByTestId('annotator-table')).toContainText('ann');
  await expect(loupe.page.getByTestId('chart-progress').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await loupe.screenshot('63-lead-overview');

  await loupe.page.getByTestId('tab-quality').click();
  await loupe.waitForEvent('quality-shown');
  await expect(loupe.page.getByTestId('chart-gold-annotators')).toBeVisible();
  await expect(loupe.page.getByTestId('agreement-category-label')).toContainText('9 items');
  await loupe.screenshot('64-lead-quality');

  // Adjudicate: the tasks Bob got wrong are disagreements; key 1 takes Ann's answer.
  await loupe.page.getByTestId('tab-adjudicate').click();
  await expect(loupe.page.getByTestId('adjudication')).toBeVisible();
  await expect(loupe.page.getByTestId('disagreements')).toContainText('open');
  await loupe.screenshot('65-lead-adjudicate');
  await loupe.after('adjudicated', () => loupe.page.keyboard.press('1'));
  // Merge: edit an answer with the annotator's tools (key 2 picks the second label) and use it as final.
  await loupe.page.getByTestId('edit-final').click();
  await expect(loupe.page.getByTestId('fix-panel')).toBeVisible();
  await loupe.page.keyboard.press('2');
  await loupe.screenshot('65b-lead-merge');
  await loupe.after('adjudicated', () => loupe.page.keyboard.press('Enter'));
  await loupe.after('majority-applied', () => loupe.page.getByTestId('majority-all').click());

  // Export the dataset (adjudicated final answers) as doccano JSONL.
  await loupe.page.getByTestId('tab-export').click();
  await loupe.page.getByTestId('export-format').click();
  await loupe.page.getByRole('option', { name: 'doccano JSONL', exact: true }).click();
  await loupe.after('export-checked', () => loupe.page.getByTestId('check-export').click());
  await expect(loupe.page.getByTestId('export-check')).toContainText('Would write 12 records');
  const exported = await loupe.after('project-exported', () => loupe.page.getByTestId('run-export').click());
  await expect(loupe.page.getByTestId('export-progress')).toContainText('12 of 12 tasks');
  const rows = readFileSync(String(exported.path), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string[] });
  expect(rows).toHaveLength(12);
  const settled = rows.filter((r) => r.label.length > 0);
  expect(settled.length).toBeGreaterThanOrEqual(4);

  await loupe.page.getByTestId('tab-overview').click();
  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(loupe.page.getByTestId('annotator-table')).toBeVisible();
  await loupe.screenshot('66-lead-overview-dark');
});
