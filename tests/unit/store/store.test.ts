import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store';
import { LoupeError } from '../../../shared/errors';
import type { Answer } from '../../../shared/pack/task';
import { taskPackInput, tempDir, textTasks } from '../helpers/fixtures';

const pos: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }];
const neg: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['neg'] }];

describe('Store', () => {
  let store: Store;
  let profileId: string;
  beforeEach(async () => {
    store = await Store.open(join(tempDir(), 'loupe.db'));
    profileId = (await store.saveProfile({ name: 'Ada', role: 'annotator' })).id;
  });

  it('imports a task pack whole, and importing it again is a no-op', async () => {
    const input = taskPackInput(textTasks(5));
    expect(await store.importTaskPack(input)).toEqual({ packId: 'pack-test', imported: true });
    expect(await store.importTaskPack(input)).toEqual({ packId: 'pack-test', imported: false });
    expect(await store.taskCount('pack-test')).toBe(5);
    expect((await store.taskAt('pack-test', 2)).task.id).toBe('t3');
  });

  it('refuses a different pack reusing an imported id, writing nothing', async () => {
    await store.importTaskPack(taskPackInput(textTasks(2)));
    const other = { ...taskPackInput(textTasks(3)), packHash: 'f'.repeat(64) };
    await expect(store.importTaskPack(other)).rejects.toThrow(/different pack with the id "pack-test"/);
    expect(await store.taskCount('pack-test')).toBe(2);
  });

  it('lands nothing when an import fails half-way (one transaction)', async () => {
    const tasks = textTasks(4);
    tasks[3] = { ...tasks[3]!, id: 't1' }; // duplicate primary key on the last row
    await expect(store.importTaskPack(taskPackInput(tasks, 'pack-dup'))).rejects.toThrow();
    await expect(store.pack('pack-dup')).rejects.toBeInstanceOf(LoupeError);
    expect(await store.taskCount('pack-dup')).toBe(0);
  });

  it('keeps drafts, then folds them into numbered revisions on submit', async () => {
    await store.importTaskPack(taskPackInput(textTasks(3)));
    const ref = { packId: 'pack-test', taskId: 't1', profileId };
    await store.saveDraft(ref, pos, false, 1200);
    let work = await store.taskWork(ref);
    expect(work.draft).toEqual({ answer: pos, fromPrediction: false });
    expect(work.activeMs).toBe(1200);
    expect(await store.progress('pack-test', profileId)).toMatchObject({ total: 3, submitted: 0, drafts: 1 });

    const base = { provenance: 'manual' as const, modelVersion: null, skipReason: null, taskHash: 'h'.repeat(64) };
    expect(await store.addRevision(ref, { ...base, status: 'submitted', answer: pos, activeMs: 1500 })).toBe(1);
    expect(await store.addRevision(ref, { ...base, status: 'submitted', answer: neg, activeMs: 900 })).toBe(2);
    work = await store.taskWork(ref);
    expect(work.draft).toBeNull();
    expect(work.latest).toMatchObject({ revision: 2, answer: neg, status: 'submitted' });
    expect(work.activeMs).toBe(1500); // active time never goes down
    expect(await store.progress('pack-test', profileId)).toMatchObject({ submitted: 1, skipped: 0, drafts: 0 });
    expect(await store.firstUndone('pack-test', profileId)).toBe(1);
  });

  it('records skips and flags in progress and in the results rows', async () => {
    await store.importTaskPack(taskPackInput(textTasks(3)));
    const base = { provenance: 'manual' as const, modelVersion: null, taskHash: 'h'.repeat(64), activeMs: 10 };
    await store.addRevision({ packId: 'pack-test', taskId: 't2', profileId }, { ...base, status: 'skipped', answer: [], skipReason: 'not English' });
    await store.setFlag({ packId: 'pack-test', taskId: 't2', profileId }, 'typo in the text');
    await store.setFlag({ packId: 'pack-test', taskId: 't3', profileId }, 'check');
    await store.setFlag({ packId: 'pack-test', taskId: 't3', profileId }, null);
    expect(await store.progress('pack-test', profileId)).toMatchObject({ submitted: 0, skipped: 1, flagged: 1 });
    const rows = await store.latestRevisions('pack-test', profileId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ taskId: 't2', status: 'skipped', skipReason: 'not English', flagComment: 'typo in the text' });
  });

  it('remembers where each person left off', async () => {
    await store.importTaskPack(taskPackInput(textTasks(3)));
    expect(await store.position('pack-test', profileId)).toBeNull();
    await store.setPosition('pack-test', profileId, 2);
    expect(await store.position('pack-test', profileId)).toBe(2);
  });

  it('answers the latest-revision queries from indexes, not table scans', async () => {
    const db = (store as unknown as { db: Database.Database }).db;
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT max(revision) FROM annotations WHERE pack_id = ? AND profile_id = ? AND task_id = ?`)
      .all('a', 'b', 'c') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX/);
    const byPosition = db.prepare('EXPLAIN QUERY PLAN SELECT body FROM tasks WHERE pack_id = ? AND position = ?').all('a', 1) as { detail: string }[];
    expect(byPosition.map((p) => p.detail).join(' ')).toMatch(/tasks_by_position/);
  });
});
