/**
 * Durability policy (electron/core/db/connection.ts): a submitted answer and a draft both survive
 * a process killed mid-labeling, and the database passes integrity_check afterwards.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store';
import { taskPackInput, tempDir, textTasks } from '../helpers/fixtures';

describe('durability', () => {
  it('keeps every reported submit and draft after SIGKILL, with integrity ok', async () => {
    const dbPath = join(tempDir(), 'kill.db');
    const setup = await Store.open(dbPath);
    const profileId = (await setup.saveProfile({ name: 'Kim', role: 'annotator' })).id;
    await setup.importTaskPack(taskPackInput(textTasks(20_000)));
    await setup.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'labelingWorker.ts'), dbPath, profileId, 'pack-test'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const submitted: string[] = [];
    const drafted: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout! })) {
      const [kind, taskId] = line.split(' ') as [string, string];
      if (kind === 'submitted') submitted.push(taskId);
      if (kind === 'draft') drafted.push(taskId);
      if (submitted.length >= 300) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');

    const store = await Store.open(dbPath);
    expect(await store.integrityCheck()).toBe('ok');
    const rows = await store.latestRevisions('pack-test', profileId);
    const stored = new Set(rows.map((r) => r.taskId));
    expect(submitted.filter((id) => !stored.has(id))).toEqual([]);
    const draftOnly = drafted.filter((id) => !submitted.includes(id));
    expect(draftOnly.length).toBeGreaterThan(50);
    for (const taskId of draftOnly) {
      const work = await store.taskWork({ packId: 'pack-test', taskId, profileId });
      expect(work.draft ?? work.latest, taskId).not.toBeNull();
    }
    await store.close();
  });
});
