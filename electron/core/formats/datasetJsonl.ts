/**
 * The dataset export in JSON Lines: one line per task, in pack order, with the task as shipped and
 * every annotator's latest answer (status, provenance, time spent). Written to a temporary file and
 * renamed, so a failed export never leaves a half-written file behind.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Store } from '../store';

export async function exportDatasetJsonl(
  store: Store,
  packId: string,
  outPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; annotations: number }> {
  await store.pack(packId); // a clear "no such pack" before any file is created
  const total = await store.taskCount(packId);
  const temp = `${outPath}.partial-${process.pid}`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  let rows = 0;
  let annotations = 0;
  try {
    for await (const batch of store.exportRows(packId)) {
      let chunk = '';
      for (const row of batch) {
        // The stored body is the task's JSON object as shipped; splice the answers in rather than
        // parse and re-serialize every task.
        chunk += `${row.body.slice(0, row.body.lastIndexOf('}'))},"annotations":${JSON.stringify(row.annotations)}}\n`;
        annotations += row.annotations.length;
      }
      rows += batch.length;
      if (!out.write(chunk)) await once(out, 'drain');
      onProgress?.(rows, total);
    }
    out.end();
    await once(out, 'finish');
    await rename(temp, outPath);
    return { rows, annotations };
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
