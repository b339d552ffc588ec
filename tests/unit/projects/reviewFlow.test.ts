/**
 * QA review on the core from end to end: a lead samples a project's answers into a review pack,
 * a reviewer judges them in their own store (accept, reject with a reason, fix; undo), the lead
 * imports the verdicts (twice: nothing changes), reads acceptance, makes fixes final and sends
 * feedback packs — each holding one annotator's items only — and the annotator's dashboard shows
 * them. Someone else's feedback is refused.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/pack/task';
import type { SourceSet } from '../../../electron/core/formats/interop/types';
import { readPack } from '../../../electron/core/packs';
import { createProject } from '../../../electron/core/projects/create';
import { importProjectResults } from '../../../electron/core/projects/results';
import { splitProject } from '../../../electron/core/projects/split';
import { annotatorDashboard } from '../../../electron/core/review/feedback';
import { acceptance, applyFixes, exportFeedback, importProjectVerdicts } from '../../../electron/core/review/leadVerdicts';
import { exportVerdicts, loadReview, recordVerdict, reviewItem, undoVerdict } from '../../../electron/core/review/reviewer';
import { planReviewSample, writeReviewPack } from '../../../electron/core/review/samplePack';
import { exportResultsPack } from '../../../electron/core/service/resultsExport';
import { importPackFile } from '../../../electron/core/service/packOpening';
import { Store } from '../../../electron/core/store';
import { sentimentConfig, tempDir } from '../helpers/fixtures';

const NOW = new Date('2026-11-20T10:00:00Z');
const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function storeAt(dir: string): Promise<Store> {
  const store = await Store.open(join(dir, 'loupe.db'), { clock: () => NOW });
  open.push(store);
  return store;
}
const choice = (label: string): Answer => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];
const settings = { percent: 1, stratify: 'annotator' as const, goldFailures: true, lowAgreement: true, fastFactor: 0, flagged: true, seed: 's' };
const reasons = [{ id: 'wrong-label', name: 'Wrong label' }];

async function annotatorStore(packPath: string, name: string, pick: (id: string) => string) {
  const dir = tempDir();
  const store = await storeAt(dir);
  const me = await store.saveProfile({ name, role: 'annotator' });
  const { packId } = await importPackFile(store, packPath);
  for (let i = 0; i < (await store.taskCount(packId)); i += 1) {
    const { task, hash } = await store.taskAt(packId, i);
    await store.addRevision({ packId, taskId: task.id, profileId: me.id }, { status: 'submitted', answer: choice(pick(task.id)), provenance: 'manual', modelVersion: null, activeMs: 3000, skipReason: null, taskHash: hash });
  }
  const results = (await exportResultsPack(store, packId, me, join(dir, `${name}.results.loupe`), NOW)).path;
  return { store, me, results };
}

describe('QA review loop', () => {
  it('samples, reviews, merges verdicts idempotently, and sends each annotator only their own feedback', async () => {
    const leadDir = tempDir();
    const lead = await storeAt(leadDir);
    const leadProfile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const source: SourceSet = { format: 'test', labelConfig: sentimentConfig, images: new Map(), tasks: Array.from({ length: 6 }, (_, i) => ({ task: { id: `t${i}`, data: { text: `Text ${i}` } }, annotations: [] })) };
    const project = await createProject(lead, leadDir, { name: 'P', source, sourcePath: 'p', guidelines: '', annotationsAs: 'ignore' }, NOW);
    const split = await splitProject(lead, project.projectId, { annotators: ['ann', 'bob'], overlap: 1, k: 2, goldRate: 0, seed: 's' }, join(leadDir, 'packs'), leadProfile, NOW);
    const ann = await annotatorStore(split.packs[0]!.path, 'ann', () => 'pos');
    const bob = await annotatorStore(split.packs[1]!.path, 'bob', (id) => (id === 't0' ? 'neg' : 'pos'));
    for (const r of [ann.results, bob.results]) await importProjectResults(lead, project.projectId, r);

    const makeup = await planReviewSample(lead, project.projectId, settings);
    expect(makeup.items).toBe(12);
    expect(makeup.byPick['low-agreement']).toBe(2); // both answers to t0
    const reviewPath = join(leadDir, 'review.loupe');
    expect(await writeReviewPack(lead, project.projectId, settings, reasons, reviewPath, leadProfile, NOW)).toEqual({ path: reviewPath, items: 12 });

    // The reviewer's own store: open the pack, judge three items, undo one, judge again.
    const reviewer = await storeAt(tempDir());
    const rev = await reviewer.saveProfile({ name: 'Rae', role: 'reviewer' });
    const { packId } = await importPackFile(reviewer, reviewPath);
    const loaded = await loadReview(reviewer, packId, rev);
    expect(loaded).toMatchObject({ total: 12, position: 0, reasons });
    const items = await Promise.all(Array.from({ length: 12 }, (_, i) => reviewItem(reviewer, packId, i, rev)));
    const t0 = items.filter((it) => it.item.taskId === 't0');
    expect(t0.every((it) => it.item.compare?.source === 'annotator')).toBe(true);
    const annT0 = t0.find((it) => it.item.annotator.name === 'ann')!;
    const bobT0 = t0.find((it) => it.item.annotator.name === 'bob')!;
    const annT1 = items.find((it) => it.item.taskId === 't1' && it.item.annotator.name === 'ann')!;
    await expect(recordVerdict(reviewer, packId, rev, { itemId: bobT0.itemId, verdict: 'reject', reviewMs: 1000 })).rejects.toThrow(/needs a reason/);
    await recordVerdict(reviewer, packId, rev, { itemId: bobT0.itemId, verdict: 'reject', reason: 'wrong-label', comment: 'It is positive.', reviewMs: 4000 });
    await recordVerdict(reviewer, packId, rev, { itemId: annT1.itemId, verdict: 'reject', reason: 'wrong-label', reviewMs: 2000 });
    expect(await undoVerdict(reviewer, packId, rev)).toMatchObject({ itemId: annT1.itemId, progress: { judged: 1 } });
    await recordVerdict(reviewer, packId, rev, { itemId: annT1.itemId, verdict: 'accept', reviewMs: 2000 });
    await recordVerdict(reviewer, packId, rev, { itemId: annT0.itemId, verdict: 'fix', fixedAnswer: choice('neg'), reviewMs: 6000 });
    const verdictsPath = join(leadDir, 'verdicts.loupe');
    expect(await exportVerdicts(reviewer, packId, rev, verdictsPath, NOW)).toEqual({ path: verdictsPath, rows: 3 });

    // The lead: the same verdicts pack twice adds nothing.
    expect(await importProjectVerdicts(lead, project.projectId, verdictsPath)).toEqual({ imported: true, added: 3 });
    expect(await importProjectVerdicts(lead, project.projectId, verdictsPath)).toEqual({ imported: false, added: 0 });
    const rates = await acceptance(lead, project.projectId);
    expect(rates.reviewed).toBe(3);
    expect(rates.byAnnotator).toEqual([
      { annotator: 'ann', reviewed: 2, accepted: 1, rejected: 0, fixed: 1, rate: 0.5 },
      { annotator: 'bob', reviewed: 1, accepted: 0, rejected: 1, fixed: 0, rate: 0 },
    ]);
    expect(rates.byReason).toEqual([{ reason: 'Wrong label', count: 1 }]); // the reason's name, from the verdicts pack
    expect(await applyFixes(lead, project.projectId, leadProfile)).toEqual({ applied: 1 });
    expect((await lead.finals(project.projectId)).get('t0')?.answer).toEqual(choice('neg'));

    // Feedback: one pack per annotator, holding their items only.
    const feedback = await exportFeedback(lead, project.projectId, join(leadDir, 'feedback'), leadProfile, NOW);
    expect(feedback.packs.map((p) => [p.annotator, p.items]).sort()).toEqual([['ann', 2], ['bob', 1]]);
    for (const pack of feedback.packs) {
      const read = await readPack(pack.path);
      if (read.kind !== 'verdicts') throw new Error('not verdicts');
      const mine = pack.annotator === 'ann' ? ann.me.id : bob.me.id;
      expect(read.manifest.feedbackFor?.id).toBe(mine);
      expect(read.rows.every((r) => r.annotatorId === mine)).toBe(true);
      // Nothing of the other annotator: not their id, not their answers (the comparison never travels).
      const other = pack.annotator === 'ann' ? bob.me.id : ann.me.id;
      expect(JSON.stringify(read.rows)).not.toContain(other);
    }

    // Bob opens his feedback; Ann cannot open Bob's.
    const bobPack = feedback.packs.find((p) => p.annotator === 'bob')!.path;
    await expect(importPackFile(ann.store, bobPack)).rejects.toThrow(/This feedback is for bob, not for ann/);
    await importPackFile(bob.store, bobPack);
    const dashboard = await annotatorDashboard(bob.store, bob.me, NOW);
    expect(dashboard).toMatchObject({ tasksDone: 6, reviewed: 1, acceptance: 0 });
    expect(dashboard.topReasons).toEqual([{ reason: 'Wrong label', count: 1 }]);
    expect(dashboard.feedback).toEqual([expect.objectContaining({ taskId: 't0', verdict: 'reject', comment: 'It is positive.', excerpt: 'Text 0', answer: choice('neg') })]);
  });
});
