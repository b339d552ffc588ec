/**
 * An annotator working on another machine, for the lead's and reviewer's flows: the pack is opened
 * in a database of their own, every task answered (or skipped) through the store, and the results
 * pack exported as the app's Ctrl+E would write it. Returns the results pack's path.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer, Task } from '../../shared/pack/task';
import { exportResultsPack } from '../../electron/core/service/resultsExport';
import { importPackFile } from '../../electron/core/service/packOpening';
import { Store } from '../../electron/core/store';

/** What the annotator does with task `index`: an answer, or a skip with its reason. */
export type Work = { answer: Answer; activeMs: number } | { skip: string; activeMs: number };

export async function answerPackElsewhere(packPath: string, name: string, work: (task: Task, index: number) => Work): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `loupe-e2e-${name}-`));
  const store = await Store.open(join(dir, 'mine.db'));
  try {
    const me = await store.saveProfile({ name, role: 'annotator' });
    const { packId } = await importPackFile(store, packPath);
    for (let i = 0; i < (await store.taskCount(packId)); i += 1) {
      const { task, hash } = await store.taskAt(packId, i);
      const done = work(task, i);
      const skipped = 'skip' in done;
      await store.addRevision({ packId, taskId: task.id, profileId: me.id }, {
        status: skipped ? 'skipped' : 'submitted', answer: skipped ? [] : done.answer, provenance: 'manual', modelVersion: null,
        activeMs: done.activeMs, skipReason: skipped ? done.skip : null, taskHash: hash,
      });
    }
    return (await exportResultsPack(store, packId, me, join(dir, `${name}.results.loupe`), new Date())).path;
  } finally {
    await store.close();
  }
}
