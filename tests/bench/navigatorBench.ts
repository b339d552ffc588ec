/**
 * The task navigator's figures at scale (part of `npm run bench`): `tasks:list` pages of an
 * N-task pack, fresh and then with 90 % of it answered (imported as one person's results, one
 * transaction), next to a bare better-sqlite3 read of every task body measured in the same run:
 * a page must cost a page, not the pack, and a rare word or status a window at a time.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { TaskFilter } from '../../shared/contract';
import type { Manifest, ResultRow } from '../../shared/pack/manifest';
import { importPackFile } from '../../electron/core/service/packOpening';
import { Store } from '../../electron/core/store';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function ms(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function runNavigatorBench(dir: string, packPath: string, n: number): Promise<void> {
  const store = await Store.open(join(dir, 'navigator.db'));
  try {
    const { packId } = await importPackFile(store, packPath);
    const profile = await store.saveProfile({ name: 'Bench', role: 'annotator' });
    const page = (filter: TaskFilter, search = '', from = 0) => store.listTasks({ packId, profileId: profile.id, filter, search, from, limit: 50 });
    /** Every page from the start, as the navigator asks for them while a short page says there is more. */
    const toTheEnd = async (filter: TaskFilter, search: string) => {
      for (let from: number | null = 0; from !== null; ) from = (await page(filter, search, from)).next;
    };
    // The baseline: every task body of the pack read in order by a bare connection, nothing else done.
    const bare = new Database(join(dir, 'navigator.db'), { readonly: true });
    const bareRead = await ms(async () => {
      let bytes = 0;
      for (const row of bare.prepare('SELECT body FROM tasks WHERE pack_id = ? ORDER BY position').iterate(packId) as Iterable<{ body: string }>) bytes += row.body.length;
      return bytes;
    }, 3);
    bare.close();

    const fmt = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
    const report = async (state: string) => {
      console.log(`Task navigator (tasks:list), ${n.toLocaleString('en')} tasks, ${state}, median of 5`);
      console.log(`  counts per status                     ${fmt(await ms(() => store.taskCounts(packId, profile.id)))}`);
      console.log(`  first page, all tasks                 ${fmt(await ms(() => page('all')))}`);
      console.log(`  page from the middle                  ${fmt(await ms(() => page('all', '', Math.floor(n / 2))))}`);
      console.log(`  first page, pending                   ${fmt(await ms(() => page('pending')))}`);
      console.log(`  first page, flagged                   ${fmt(await ms(() => page('flagged')))}`);
      console.log(`  first page, search of a common word   ${fmt(await ms(() => page('all', 'battery')))}`);
      console.log(`  one window, search of a rare word     ${fmt(await ms(() => page('all', 'no such word')))}`);
      console.log(`  every window, search of a rare word   ${fmt(await ms(() => toTheEnd('all', 'no such word'), 3))}`);
    };
    await report('nothing answered');
    console.log(`  bare better-sqlite3 read of every body ${fmt(bareRead)}`);

    const tasks = await Promise.all(Array.from({ length: Math.floor(n * 0.9) }, (_, i) => store.taskAt(packId, i)));
    const person = { id: 'bench-ann', name: 'Bench Annotator' };
    const rows: ResultRow[] = tasks.map(({ task, hash }, i) => ({
      taskId: task.id, taskHash: hash, annotator: person, status: i % 50 === 0 ? 'skipped' : 'submitted',
      answer: i % 50 === 0 ? [] : [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }], provenance: 'manual',
      revision: 1, activeMs: 1000, submittedAt: '2026-01-01T00:00:00.000Z', ...(i % 50 === 0 ? { skipReason: 'bench' } : {}),
      ...(i % 1000 === 0 ? { flag: { comment: 'bench' } } : {}),
    }));
    const manifest = { ...(await store.pack(packId)).manifest, packId: 'bench-results', kind: 'results', answers: { packId }, author: person } as Manifest;
    await store.importResultsPack({ manifest, packHash: 'b'.repeat(64), rows, sourcePath: null });
    const answered = (filter: TaskFilter, search = '', from = 0) => store.listTasks({ packId, profileId: person.id, filter, search, from, limit: 50 });
    console.log(`Task navigator, ${n.toLocaleString('en')} tasks, 90 % answered by one person, median of 5`);
    console.log(`  counts per status                     ${fmt(await ms(() => store.taskCounts(packId, person.id)))}`);
    console.log(`  first page, all tasks                 ${fmt(await ms(() => answered('all')))}`);
    console.log(`  one window, pending (none in it)      ${fmt(await ms(() => answered('pending')))}`);
    console.log(`  first page, pending from the last one ${fmt(await ms(() => answered('pending', '', Math.floor(n * 0.9))))}`);
    console.log(`  first page, skipped                   ${fmt(await ms(() => answered('skipped')))}`);
    console.log(`  first page, flagged                   ${fmt(await ms(() => answered('flagged')))}`);
  } finally {
    await store.close();
  }
}
