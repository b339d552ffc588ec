/**
 * The dataset export in JSON Lines: one line per task, in pack order, with the task as shipped and
 * every annotator's latest answer (status, provenance, time spent). Written through a temporary
 * file (lineWriter.ts), so a failed export never leaves a half-written file behind.
 */
import type { Store } from '../store';
import { writeFileAtomically } from './lineWriter';

export async function exportDatasetJsonl(
  store: Store,
  packId: string,
  outPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; annotations: number }> {
  await store.pack(packId); // a clear "no such pack" before any file is created
  const total = await store.taskCount(packId);
  return writeFileAtomically(outPath, async (write) => {
    let rows = 0;
    let annotations = 0;
    for await (const batch of store.exportRows(packId)) {
      let chunk = '';
      for (const row of batch) {
        // The stored body is the task's JSON object as shipped; splice the answers in rather than
        // parse and re-serialize every task.
        chunk += `${row.body.slice(0, row.body.lastIndexOf('}'))},"annotations":${JSON.stringify(row.annotations)}}\n`;
        annotations += row.annotations.length;
      }
      rows += batch.length;
      await write(chunk);
      onProgress?.(rows, total);
    }
    return { rows, annotations };
  });
}
