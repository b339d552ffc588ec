/**
 * `npm run bench`: import N text tasks through the core (read and check the pack, validate every
 * task, hash it, one transaction) and export them as a JSONL dataset, next to a bare better-sqlite3
 * insert and select of the same rows measured in the same run, with the same pragmas; then the
 * task navigator's pages (navigatorBench.ts) and the lead's project figures (projectBench.ts).
 *
 *   npm run bench              # 100,000 tasks, then the renderer's figures (tests/bench/browser.ts)
 *   npm run bench -- 20000     # another size
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDatasetJsonl } from '../../electron/core/formats/datasetJsonl';
import { taskBody } from '../../electron/core/db/packsRepo';
import { writePack } from '../../electron/core/packs';
import { importPackFile } from '../../electron/core/service/packOpening';
import { Store } from '../../electron/core/store';
import { runBrowserBench } from './browser';
import { runNavigatorBench } from './navigatorBench';
import { runProjectBench } from './projectBench';
import type { LabelConfig } from '../../shared/pack/labelConfig';
import type { Task } from '../../shared/pack/task';

const N = Number(process.argv[2] ?? process.env.LOUPE_BENCH_TASKS ?? 100_000);
const RUNS = 3;

const config: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [{ id: 'sentiment', kind: 'choices', required: true, multiple: false, labels: [{ id: 'pos', name: 'Positive', color: '#2f9e44', hotkey: '1' }, { id: 'neg', name: 'Negative', color: '#e03131', hotkey: '2' }] }],
};

function makeTasks(n: number): Task[] {
  const words = ['quick', 'review', 'battery', 'screen', 'support', 'delivery', 'price', 'quality', 'refund', 'colour', 'fabric', 'noise'];
  return Array.from({ length: n }, (_, i) => {
    let text = `Task ${i}:`;
    for (let w = 0; text.length < 160; w += 1) text += ` ${words[(i * 7 + w * 3) % words.length]}`;
    return { id: `task-${String(i).padStart(7, '0')}`, data: { text }, meta: { source: 'bench', n: i } };
  });
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** The baseline: the same rows, the same table definition and pragmas, one prepared insert in one transaction. */
function bareInsertAndSelect(dir: string, rows: Array<{ id: string; body: string; hash: string }>): { insertMs: number; selectMs: number } {
  const db = new Database(join(dir, `bare-${Math.random()}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE tasks (pack_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, task_hash TEXT NOT NULL, body TEXT NOT NULL,
           PRIMARY KEY (pack_id, id)) STRICT, WITHOUT ROWID;
           CREATE UNIQUE INDEX tasks_by_position ON tasks (pack_id, position);`);
  const insert = db.prepare('INSERT INTO tasks (pack_id, id, position, task_hash, body) VALUES (?, ?, ?, ?, ?)');
  const [, insertMs] = time(() => db.transaction(() => rows.forEach((r, i) => insert.run('bench', r.id, i, r.hash, r.body)))());
  const select = db.prepare('SELECT body FROM tasks WHERE pack_id = ? ORDER BY position');
  const [, selectMs] = time(() => {
    let bytes = 0;
    for (const row of select.iterate('bench') as Iterable<{ body: string }>) bytes += row.body.length;
    return bytes;
  });
  db.close();
  return { insertMs, selectMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  process.env.LOUPE_QUIET_SLOW_QUERIES = '1';
  try {
    const tasks = makeTasks(N);
    const packPath = join(dir, 'bench.loupe');
    const [, writeMs] = await timeAsync(() =>
      writePack(packPath, {
        manifest: { packId: 'bench', kind: 'tasks', name: 'Bench', createdAt: '2026-01-01T00:00:00.000Z', author: { id: 'bench', name: 'Bench' }, labelConfig: config },
        rows: tasks,
      }),
    );
    const rows = tasks.map((t) => ({ id: t.id, ...taskBody(t) }));

    const results: Array<{ importMs: number; exportMs: number; insertMs: number; selectMs: number }> = [];
    for (let run = 0; run < RUNS; run += 1) {
      const bare = bareInsertAndSelect(dir, rows);
      const store = await Store.open(join(dir, `core-${run}.db`));
      const [, importMs] = await timeAsync(() => importPackFile(store, packPath));
      const [, exportMs] = await timeAsync(() => exportDatasetJsonl(store, 'bench', join(dir, `export-${run}.jsonl`)));
      await store.close();
      results.push({ importMs, exportMs, ...bare });
    }
    const m = {
      importMs: median(results.map((r) => r.importMs)),
      insertMs: median(results.map((r) => r.insertMs)),
      exportMs: median(results.map((r) => r.exportMs)),
      selectMs: median(results.map((r) => r.selectMs)),
    };
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(7)} ms`;
    const rate = (ms: number) => `${Math.round(N / (ms / 1000)).toLocaleString('en').padStart(10)} rows/s`;
    console.log(`Loupe bench: ${N.toLocaleString('en')} text tasks, pack ${(statSync(packPath).size / 1e6).toFixed(1)} MB, median of ${RUNS} runs`);
    console.log(`  write pack (deterministic zip)        ${fmt(writeMs)}`);
    console.log(`  import via core (read+check+insert)   ${fmt(m.importMs)} ${rate(m.importMs)}`);
    console.log(`  bare better-sqlite3 insert, same rows ${fmt(m.insertMs)} ${rate(m.insertMs)}`);
    console.log(`  import / bare insert                  ${(m.importMs / m.insertMs).toFixed(2)}x   (target <= 2x)`);
    console.log(`  export JSONL via core                 ${fmt(m.exportMs)} ${rate(m.exportMs)}`);
    console.log(`  bare better-sqlite3 select, same rows ${fmt(m.selectMs)} ${rate(m.selectMs)}`);
    console.log(`  export / bare select                  ${(m.exportMs / m.selectMs).toFixed(2)}x`);
    await runNavigatorBench(dir, packPath, N);
    await runProjectBench(dir, N);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
// The renderer's figures, in headless Chromium against the built app (npm run bench builds it first).
await runBrowserBench();
