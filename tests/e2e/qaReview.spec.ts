/**
 * The QA loop across people. A reviewer judges a review pack in the app with the keyboard alone
 * (accept, reject with a reason, fix with the annotator's keys, undo, export), and the lead's
 * numbers come out of the verdicts. Then an annotator labels in the app, the lead samples, a
 * reviewer rejects one of her answers, and the feedback pack shows up in her own dashboard.
 * The lead's and the other people's stores are driven through the same core in Node.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Answer } from '../../shared/pack/task';
import { readLoupeSource } from '../../electron/core/projects/create';
import { createProject } from '../../electron/core/projects/create';
import { importProjectResults } from '../../electron/core/projects/results';
import { splitProject } from '../../electron/core/projects/split';
import { acceptance, exportFeedback, importProjectVerdicts } from '../../electron/core/review/leadVerdicts';
import { loadReview, recordVerdict, reviewItem, exportVerdicts } from '../../electron/core/review/reviewer';
import { writeReviewPack } from '../../electron/core/review/samplePack';
import { importPackFile } from '../../electron/core/service/packOpening';
import { Store } from '../../electron/core/store';
import { expect, test } from './fixtures';
import { countMouseInput, mouseInput } from './inputCount';
import { answerPackElsewhere } from './remoteAnnotator';
import type { LoupeUi } from './pages';

const REVIEWS = resolve(import.meta.dirname, '../../resources/sample-sources/reviews');
const choice = (label: string): Answer => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];
const settings = { percent: 1, stratify: 'annotator' as const, goldFailures: true, lowAgreement: true, fastFactor: 0, flagged: true, seed: 'e2e' };
const reasons = [{ id: 'wrong-label', name: 'Wrong label' }, { id: 'guidelines', name: 'Did not follow the guidelines' }];

const temp = (label: string) => mkdtempSync(join(tmpdir(), `loupe-e2e-${label}-`));

/** A lead's project on the reviews sample, split for the given annotators (first 6 tasks only, all overlapped). */
async function leadProject(annotators: string[], pay?: { per: 'task' | 'hour'; amount: number; currency: string }) {
  const dir = temp('lead');
  const lead = await Store.open(join(dir, 'lead.db'));
  const profile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
  const { source } = await readLoupeSource(join(REVIEWS, 'tasks.jsonl'), JSON.parse(readFileSync(join(REVIEWS, 'config.json'), 'utf8')));
  source.tasks = source.tasks.slice(0, 6);
  const project = await createProject(lead, dir, { name: 'Reviews QA', source, sourcePath: 'reviews', guidelines: '# Label the overall sentiment', annotationsAs: 'ignore' }, new Date());
  const split = await splitProject(lead, project.projectId, { annotators, overlap: 1, k: annotators.length, goldRate: 0, seed: 'e2e' }, join(dir, 'packs'), profile, new Date(), pay);
  return { dir, lead, profile, projectId: project.projectId, split };
}

function nodeAnnotator(packPath: string, name: string, pick: (taskId: string) => string): Promise<string> {
  return answerPackElsewhere(packPath, name, (task) => ({ answer: choice(pick(task.id)), activeMs: 4000 }));
}

async function profile(loupe: LoupeUi, name: string, role: 'Annotator' | 'Reviewer'): Promise<void> {
  await loupe.home();
  await countMouseInput(loupe);
  await loupe.page.getByTestId('profile-name').focus();
  await loupe.page.keyboard.type(name);
  if (role === 'Reviewer') {
    // The role control: Tab to it, then arrow keys pick (Annotator → Lead → Reviewer).
    await loupe.page.keyboard.press('Tab');
    await loupe.page.keyboard.press('ArrowRight');
    await loupe.page.keyboard.press('ArrowRight');
  }
  await loupe.page.getByTestId('profile-name').press('Enter');
  await expect(loupe.page.getByTestId('open-pack')).toBeVisible();
}

test('reviewer: accept, reject with a reason, fix, undo, export — keyboard only; the lead reads acceptance', async ({ app, loupe }) => {
  const { lead, profile: leadProfile, projectId, split, dir } = await leadProject(['ann', 'bob']);
  const truth: Record<string, string> = {};
  const ann = await nodeAnnotator(split.packs[0]!.path, 'ann', () => 'positive');
  const bob = await nodeAnnotator(split.packs[1]!.path, 'bob', (id) => (truth[id] = id === 'rev-002' ? 'negative' : 'positive'));
  for (const r of [ann, bob]) await importProjectResults(lead, projectId, r);
  const reviewPath = join(dir, 'review.loupe');
  const written = await writeReviewPack(lead, projectId, settings, reasons, reviewPath, leadProfile, new Date());
  expect(written.items).toBe(12);

  await profile(loupe, 'Rae Reviewer', 'Reviewer');
  await app.setNextOpenPath(reviewPath);
  await loupe.after('review-ready', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('review-item-shown');
  await expect(loupe.page.getByTestId('review-diff')).toBeVisible();
  await loupe.screenshot('70-review-item');

  // The reviewer's ? lists the reviewer's keys, not the annotator's.
  await loupe.key('?');
  const sheet = loupe.page.getByTestId('cheatsheet');
  for (const id of ['review:accept', 'review:reject', 'review:fix', 'review:next', 'review:previous', 'review:undo', 'review:export']) {
    await expect(sheet.locator(`[data-command="${id}"]`)).toBeVisible();
  }
  await expect(sheet.locator('[data-command="task:skip"]')).toHaveCount(0);
  await loupe.screenshot('70b-review-cheatsheet');
  await loupe.key('Escape');
  await expect(sheet).toHaveCount(0);

  // Walk to the disagreement on rev-002 (Ann said positive, Bob negative): the diff marks it.
  for (let i = 0; i < 12; i += 1) {
    const text = await loupe.page.getByTestId('review-view').innerText();
    if (text.includes('Arrived with a cracked lid') && text.includes('Answer by ann')) break;
    await loupe.after('review-item-shown', () => loupe.key('ArrowRight'));
  }
  await expect(loupe.page.getByTestId('diff-row-sentiment')).toHaveAttribute('data-differs', 'true');
  await loupe.screenshot('71-review-disagreement');

  // Reject with a reason (1) and a comment, by keys; the next item opens.
  await loupe.key('R');
  await expect(loupe.page.getByTestId('reject-form')).toBeVisible();
  await loupe.key('1');
  await expect(loupe.page.getByTestId('reason-wrong-label')).toHaveAttribute('data-selected', 'true');
  await loupe.page.keyboard.type('The lid arrived cracked: negative.');
  await expect(loupe.page.getByTestId('reject-comment')).toHaveValue('The lid arrived cracked: negative.');
  await loupe.screenshot('72-review-reject');
  await loupe.after('verdict-saved', () => loupe.key('Enter'));

  // Accept the next one, then take it back (Ctrl+Z) and fix it instead: key 3 picks Negative, Enter saves.
  await loupe.after('verdict-saved', () => loupe.key('A'));
  await loupe.after('verdict-undone', () => loupe.key('ControlOrMeta+Z'));
  await loupe.key('F');
  await expect(loupe.page.getByTestId('fix-panel')).toBeVisible();
  await loupe.key('3');
  await expect(loupe.page.getByTestId('label-negative')).toHaveAttribute('aria-pressed', 'true');
  await loupe.screenshot('73-review-fix');
  await loupe.after('verdict-saved', () => loupe.key('Enter'));
  await loupe.after('verdict-saved', () => loupe.key('A'));
  await expect(loupe.page.getByTestId('review-progress')).toContainText('3/12 judged · 1 accepted · 1 rejected · 1 fixed');

  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await loupe.screenshot('74-review-dark');
  const exported = await loupe.after('verdicts-exported', () => loupe.key('ControlOrMeta+E'));
  expect(exported.rows).toBe(3);
  expect(await mouseInput(loupe)).toBe(0);

  // The lead brings the verdicts in (twice: nothing changes) and reads acceptance.
  expect(await importProjectVerdicts(lead, projectId, String(exported.path))).toEqual({ imported: true, added: 3 });
  expect(await importProjectVerdicts(lead, projectId, String(exported.path))).toEqual({ imported: false, added: 0 });
  const rates = await acceptance(lead, projectId);
  expect(rates.reviewed).toBe(3);
  expect(rates.byReason).toEqual([{ reason: 'Wrong label', count: 1 }]);
  await lead.close();
});

test('annotator: labels in the app, is reviewed, and reads the feedback in her own dashboard', async ({ app, loupe }) => {
  const { lead, profile: leadProfile, projectId, split, dir } = await leadProject(['ada', 'bob'], { per: 'hour', amount: 15, currency: 'EUR' });
  await profile(loupe, 'Ada', 'Annotator');
  await app.setNextOpenPath(split.packs[0]!.path);
  await loupe.after('session-ready', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('task-shown');
  for (let i = 0; i < 5; i += 1) await loupe.labelAndAdvance('1'); // positive throughout
  await loupe.after('all-done', () => loupe.key('1'));
  const results = await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  const bob = await nodeAnnotator(split.packs[1]!.path, 'bob', (id) => (id === 'rev-002' ? 'negative' : 'positive'));
  for (const r of [String(results.path), bob]) await importProjectResults(lead, projectId, r);

  // A reviewer (in Node) rejects Ada's answer to rev-002 and accepts one other.
  const reviewPath = join(dir, 'review.loupe');
  await writeReviewPack(lead, projectId, settings, reasons, reviewPath, leadProfile, new Date());
  const reviewerStore = await Store.open(join(temp('rae'), 'rae.db'));
  const rae = await reviewerStore.saveProfile({ name: 'Rae', role: 'reviewer' });
  const { packId } = await importPackFile(reviewerStore, reviewPath);
  const { total } = await loadReview(reviewerStore, packId, rae);
  const items = await Promise.all(Array.from({ length: total }, (_, i) => reviewItem(reviewerStore, packId, i, rae)));
  const adas = items.filter((it) => it.item.annotator.name === 'Ada');
  const wrong = adas.find((it) => it.item.taskId === 'rev-002')!;
  const right = adas.find((it) => it.item.taskId !== 'rev-002')!;
  await recordVerdict(reviewerStore, packId, rae, { itemId: wrong.itemId, verdict: 'reject', reason: 'wrong-label', comment: 'Cracked on arrival: negative.', reviewMs: 5000 });
  await recordVerdict(reviewerStore, packId, rae, { itemId: right.itemId, verdict: 'accept', reviewMs: 3000 });
  const verdicts = join(dir, 'verdicts.loupe');
  await exportVerdicts(reviewerStore, packId, rae, verdicts, new Date());
  await reviewerStore.close();
  await importProjectVerdicts(lead, projectId, verdicts);
  const feedback = await exportFeedback(lead, projectId, join(dir, 'feedback'), leadProfile, new Date());
  await lead.close();
  const mine = feedback.packs.find((p) => p.annotator === 'Ada')!;
  expect(readdirSync(join(dir, 'feedback'))).toHaveLength(1); // Bob had no verdicts: no pack for him

  // Ada opens her feedback: back home, her dashboard shows the rejection, its reason and the comment.
  await loupe.key('ControlOrMeta+W');
  await loupe.home();
  await app.setNextOpenPath(mine.path);
  await loupe.after('feedback-opened', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('dashboard-ready');
  await expect(loupe.page.getByTestId('dashboard-acceptance')).toContainText('50');
  await expect(loupe.page.getByTestId('feedback-item-rev-002')).toContainText('Cracked on arrival: negative.');
  await expect(loupe.page.getByTestId('dashboard-tasks')).toContainText('6');
  await expect(loupe.page.getByTestId('dashboard-rate')).toContainText('15'); // paid per hour: 15 EUR for each active hour
  await loupe.screenshot('75-annotator-dashboard');
  await loupe.key('ControlOrMeta+Shift+L');
  await loupe.screenshot('76-annotator-dashboard-dark');
  expect(await mouseInput(loupe)).toBe(0);
});
