/**
 * A lead's project from end to end on the core: create from a source with gold, split into packs
 * for three annotators with overlap and gold, each annotator answers in their own store and sends
 * a results pack back, the lead imports them (the same pack twice changes nothing, a newer
 * revision adds to the history, a pack of another project is refused), and the status adds up.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/contract';
import type { Answer } from '../../../shared/pack/task';
import { createProject } from '../../../electron/core/projects/create';
import { importProjectResults } from '../../../electron/core/projects/results';
import { projectStatus } from '../../../electron/core/projects/status';
import { splitProject } from '../../../electron/core/projects/split';
import { exportResultsPack } from '../../../electron/core/service/resultsExport';
import { importPackFile } from '../../../electron/core/service/packOpening';
import { Store } from '../../../electron/core/store';
import { readPack } from '../../../electron/core/packs';
import type { SourceSet } from '../../../electron/core/formats/interop/types';
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

function source(): SourceSet {
  const tasks = Array.from({ length: 20 }, (_, i) => ({
    // What the file said beyond the task (here, a gold-bearing column) stays with the lead.
    task: { id: `t${i}`, data: { text: `Review number ${i}` }, meta: { label: i % 2 ? 'neg' : 'pos', labelStudio: { id: i } } },
    annotations: i < 4 ? [{ annotator: 'expert', answer: choice(i % 2 ? 'neg' : 'pos'), kind: 'annotation' as const }] : [],
  }));
  return { format: 'test', labelConfig: sentimentConfig, tasks, images: new Map() };
}

/** One annotator: open their pack, answer every task (gold tasks by the rule `answerOf`), send results back. */
async function annotate(packPath: string, name: string, answerOf: (taskId: string) => string): Promise<string> {
  const dir = tempDir();
  const store = await storeAt(dir);
  const profile = await store.saveProfile({ name, role: 'annotator' });
  const { packId } = await importPackFile(store, packPath);
  const count = await store.taskCount(packId);
  for (let i = 0; i < count; i += 1) {
    const { task, hash } = await store.taskAt(packId, i);
    await store.addRevision({ packId, taskId: task.id, profileId: profile.id }, {
      status: 'submitted', answer: choice(answerOf(task.id)), provenance: 'manual', modelVersion: null, activeMs: 1000 * (i + 1), skipReason: null, taskHash: hash,
    });
  }
  return (await exportResultsPack(store, packId, profile, join(dir, `${name}.results.loupe`), NOW)).path;
}

describe('lead project flow', () => {
  it('creates, splits with overlap and gold, imports results idempotently with history, and reports progress', async () => {
    const dataDir = tempDir();
    const lead = await storeAt(dataDir);
    const leadProfile: Profile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const created = await createProject(lead, dataDir, { name: 'Reviews', source: source(), sourcePath: 'reviews.jsonl', guidelines: '# Be kind', annotationsAs: 'gold' }, NOW);
    expect(created).toMatchObject({ tasks: 20, gold: 4, predictions: 0 });

    const out = join(dataDir, 'packs');
    const split = await splitProject(lead, created.projectId, { annotators: ['ann', 'bob', 'cy'], overlap: 0.25, k: 2, goldRate: 0.2, seed: 'x' }, out, leadProfile, NOW);
    expect(split.packs).toHaveLength(3);
    expect(split.report.overlappedTasks).toBe(4);
    // Gold goes out as ordinary tasks: no pack carries a gold answer.
    for (const pack of split.packs) expect(pack.gold).toBeGreaterThan(0);
    for (const pack of split.packs) {
      const written = await readPack(pack.path);
      if (written.kind !== 'tasks') throw new Error('a split wrote a pack that is not a task pack');
      expect(written.rows.every((row) => row.meta === undefined)).toBe(true);
    }

    // Everyone answers; Ann gets every gold task right, Bob and Cy answer "pos" throughout.
    const goldTruth = (id: string) => (Number(id.slice(1)) % 2 ? 'neg' : 'pos');
    const results = await Promise.all(split.packs.map((p) => annotate(p.path, p.annotator, p.annotator === 'ann' ? goldTruth : () => 'pos')));
    const first = await importProjectResults(lead, created.projectId, results[0]!);
    expect(first).toMatchObject({ imported: true, alreadyPresent: 0 });
    expect(first.added).toBe(split.packs[0]!.tasks);
    const again = await importProjectResults(lead, created.projectId, results[0]!);
    expect(again).toMatchObject({ imported: false, added: 0 });
    for (const path of results.slice(1)) await importProjectResults(lead, created.projectId, path);

    const status = await projectStatus(lead, created.projectId);
    expect(status.tasks).toBe(16);
    expect(status.gold).toBe(4);
    expect(status.packs.map((p) => [p.annotator, p.submitted === p.tasks])).toEqual(split.packs.map((p) => [p.annotator, true]));
    expect(status.annotators.map((a) => a.name).sort()).toEqual(['ann', 'bob', 'cy']);
    expect(status.answeredTasks).toBe(20);
    expect(status.timeHistogram.reduce((s, b) => s + b.count, 0)).toBe(split.packs.reduce((s, p) => s + p.tasks, 0));
  });

  it('keeps the packs a split wrote for annotators off the lead’s own recent packs until the lead opens one', async () => {
    const dataDir = tempDir();
    const lead = await storeAt(dataDir);
    const leadProfile: Profile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const created = await createProject(lead, dataDir, { name: 'Reviews', source: source(), sourcePath: 'reviews.jsonl', guidelines: '', annotationsAs: 'gold' }, NOW);
    const split = await splitProject(lead, created.projectId, { annotators: ['ann', 'bob'], overlap: 0, k: 2, goldRate: 0, seed: 'x' }, join(dataDir, 'packs'), leadProfile, NOW);
    expect((await lead.recentTaskPacks()).map((p) => p.id)).toEqual(expect.arrayContaining(split.packs.map((p) => p.packId)));
    expect(await lead.recentPacks()).toEqual([]);
    await lead.markOpened(split.packs[0]!.packId);
    expect((await lead.recentPacks()).map((p) => p.id)).toEqual([split.packs[0]!.packId]);
  });

  it('takes a newer revision of the same answers and keeps the earlier one', async () => {
    const dataDir = tempDir();
    const lead = await storeAt(dataDir);
    const leadProfile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const project = await createProject(lead, dataDir, { name: 'R', source: source(), sourcePath: 'r', guidelines: '', annotationsAs: 'ignore' }, NOW);
    const split = await splitProject(lead, project.projectId, { annotators: ['ann'], overlap: 0, k: 1, goldRate: 0, seed: 's' }, join(dataDir, 'out'), leadProfile, NOW);
    // The annotator's own store, kept open to change an answer after the first results went out.
    const dir = tempDir();
    const mine = await storeAt(dir);
    const me = await mine.saveProfile({ name: 'ann', role: 'annotator' });
    const { packId } = await importPackFile(mine, split.packs[0]!.path);
    const { task, hash } = await mine.taskAt(packId, 0);
    const ref = { packId, taskId: task.id, profileId: me.id };
    const revision = { status: 'submitted' as const, provenance: 'manual' as const, modelVersion: null, activeMs: 500, skipReason: null, taskHash: hash };
    await mine.addRevision(ref, { ...revision, answer: choice('pos') });
    await importProjectResults(lead, project.projectId, (await exportResultsPack(mine, packId, me, join(dir, 'one.loupe'), NOW)).path);
    await mine.addRevision(ref, { ...revision, answer: choice('neg') });
    const second = await importProjectResults(lead, project.projectId, (await exportResultsPack(mine, packId, me, join(dir, 'two.loupe'), NOW)).path);
    expect(second).toMatchObject({ imported: true, added: 1 });
    const history = await lead.taskHistory(project.projectId, task.id);
    expect(history.map((h) => [h.revision, h.answer])).toEqual([[1, choice('pos')], [2, choice('neg')]]);
    expect((await lead.projectAnswers(project.projectId)).find((a) => a.taskId === task.id)?.answer).toEqual(choice('neg'));
  });

  it('refuses a results pack of another project, naming what it answers', async () => {
    const dataDir = tempDir();
    const lead = await storeAt(dataDir);
    const leadProfile = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const a = await createProject(lead, dataDir, { name: 'A', source: source(), sourcePath: 'a', guidelines: '', annotationsAs: 'ignore' }, NOW);
    const b = await createProject(lead, dataDir, { name: 'B', source: source(), sourcePath: 'b', guidelines: '', annotationsAs: 'ignore' }, NOW);
    const split = await splitProject(lead, a.projectId, { annotators: ['ann'], overlap: 0, k: 1, goldRate: 0, seed: '1' }, join(dataDir, 'out'), leadProfile, NOW);
    const results = await annotate(split.packs[0]!.path, 'ann', () => 'pos');
    await expect(importProjectResults(lead, b.projectId, results)).rejects.toThrow(/answers pack ".*", which belongs to project "A", not to project "B"/);
    expect((await projectStatus(lead, b.projectId)).answeredTasks).toBe(0);
  });
});
