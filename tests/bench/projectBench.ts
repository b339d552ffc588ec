/**
 * The lead's figures at scale (part of `npm run bench`): a project of N tasks (1 % gold) split
 * for 5 annotators with 20 % overlap, their results packs merged back, progress and quality
 * computed, and the dataset exported — each next to a bare better-sqlite3 baseline measured in
 * the same run (the same rows inserted, the same rows selected).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { seededRandom } from '../../shared/random';
import type { LabelConfig } from '../../shared/pack/labelConfig';
import type { ResultRow } from '../../shared/pack/manifest';
import type { Answer, Task } from '../../shared/pack/task';
import { taskBody } from '../../electron/core/db/packsRepo';
import { readPack, writePack } from '../../electron/core/packs';
import { createProject } from '../../electron/core/projects/create';
import { exportProject } from '../../electron/core/projects/exportProject';
import { projectQuality } from '../../electron/core/projects/quality';
import { importProjectResults } from '../../electron/core/projects/results';
import { splitProject } from '../../electron/core/projects/split';
import { projectStatus } from '../../electron/core/projects/status';
import { Store } from '../../electron/core/store';

const ANNOTATORS = ['ann', 'bob', 'cy', 'dee', 'eli'];
const LABELS = ['pos', 'neg', 'mixed'];
const config: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [{ id: 'sentiment', kind: 'choices', required: true, multiple: false, labels: LABELS.map((id, i) => ({ id, name: id, color: ['#2f9e44', '#e03131', '#f08c00'][i]!, hotkey: String(i + 1) })) }],
};
const choice = (label: string): Answer => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** The baseline for the merge: the same answer rows into a table shaped like `annotations`, one transaction per pack. */
function bareMerge(path: string, packs: ResultRow[][]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE annotations (id INTEGER PRIMARY KEY, pack_id TEXT NOT NULL, task_id TEXT NOT NULL, profile_id TEXT NOT NULL, revision INTEGER NOT NULL,
    status TEXT NOT NULL, answer TEXT NOT NULL, provenance TEXT NOT NULL, active_ms INTEGER NOT NULL, task_hash TEXT NOT NULL, created_at TEXT NOT NULL,
    UNIQUE (pack_id, profile_id, task_id, revision)) STRICT;`);
  const insert = db.prepare('INSERT INTO annotations (pack_id, task_id, profile_id, revision, status, answer, provenance, active_ms, task_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const start = performance.now();
  packs.forEach((rows, p) => db.transaction(() => rows.forEach((r) => insert.run(`p${p}`, r.taskId, r.annotator.id, r.revision, r.status, JSON.stringify(r.answer), r.provenance, r.activeMs, r.taskHash, r.submittedAt)))());
  const ms = performance.now() - start;
  db.close();
  return ms;
}

/** The baseline for the export: every task body and every answer read once, plainly. */
function bareExportRead(dbPath: string, projectId: string): number {
  const db = new Database(dbPath, { readonly: true });
  const start = performance.now();
  let bytes = 0;
  for (const row of db.prepare('SELECT body FROM project_tasks WHERE project_id = ? ORDER BY position').iterate(projectId) as Iterable<{ body: string }>) bytes += row.body.length;
  for (const row of db.prepare('SELECT answer FROM annotations').iterate() as Iterable<{ answer: string }>) bytes += row.answer.length;
  const ms = performance.now() - start;
  db.close();
  return bytes >= 0 ? ms : ms;
}

export async function runProjectBench(dir: string, n: number): Promise<void> {
  const random = seededRandom('bench');
  const truth = new Map<string, string>();
  const tasks: Array<{ task: Task; annotations: Array<{ annotator: string; answer: Answer; kind: 'annotation' }> }> = [];
  for (let i = 0; i < n; i += 1) {
    const id = `t${String(i).padStart(7, '0')}`;
    const label = LABELS[Math.floor(random() * LABELS.length)]!;
    truth.set(id, label);
    tasks.push({ task: { id, data: { text: `Review ${i}: the ${label} kind of text, long enough to look like a real one.` } }, annotations: i % 100 === 0 ? [{ annotator: 'lead', answer: choice(label), kind: 'annotation' }] : [] });
  }
  const dbPath = join(dir, 'lead.db');
  const store = await Store.open(dbPath);
  const lead = await store.saveProfile({ name: 'Lea', role: 'lead' });
  const [created, createMs] = await timed(() => createProject(store, dir, { name: 'Bench', source: { format: 'bench', labelConfig: config, tasks, images: new Map() }, sourcePath: 'bench', guidelines: '', annotationsAs: 'gold' }, new Date()));
  const [split, splitMs] = await timed(() => splitProject(store, created.projectId, { annotators: ANNOTATORS, overlap: 0.2, k: 2, goldRate: 0.02, seed: 'bench' }, join(dir, 'packs'), lead, new Date()));

  // Each annotator answers every task of their pack: right 85 % of the time.
  const resultPacks: string[] = [];
  const allRows: ResultRow[][] = [];
  for (const pack of split.packs) {
    const loaded = await readPack(pack.path);
    if (loaded.kind !== 'tasks') throw new Error('not a task pack');
    const rows: ResultRow[] = loaded.rows.map((task, i) => {
      const right = truth.get(task.id)!;
      const label = random() < 0.85 ? right : LABELS[(LABELS.indexOf(right) + 1) % LABELS.length]!;
      return {
        taskId: task.id, taskHash: taskBody(task, loaded.lines[i]).hash, annotator: { id: pack.annotator, name: pack.annotator, role: 'annotator' as const },
        status: 'submitted' as const, answer: choice(label), provenance: 'manual' as const, revision: 1, activeMs: 2000 + Math.floor(random() * 20000), submittedAt: '2026-11-20T10:00:00.000Z',
      };
    });
    const path = join(dir, `${pack.annotator}.results.loupe`);
    await writePack(path, { manifest: { packId: `${pack.packId}.results`, kind: 'results', name: 'results', createdAt: '2026-11-20T10:00:00.000Z', author: { id: pack.annotator, name: pack.annotator, role: 'annotator' }, answers: { packId: pack.packId } }, rows });
    resultPacks.push(path);
    allRows.push(rows);
  }
  const answers = allRows.reduce((s, r) => s + r.length, 0);
  const [, mergeMs] = await timed(async () => {
    for (const path of resultPacks) await importProjectResults(store, created.projectId, path);
  });
  const bareMergeMs = bareMerge(join(dir, 'bare-merge.db'), allRows);
  const [, statusMs] = await timed(() => projectStatus(store, created.projectId));
  const [quality, qualityMs] = await timed(() => projectQuality(store, created.projectId, { level: 'nominal', iouThreshold: 0.5 }));
  const [exported, exportMs] = await timed(() => exportProject(store, created.projectId, 'jsonl', 'majority', join(dir, 'dataset.jsonl')));
  await store.close();
  const bareExportMs = bareExportRead(dbPath, created.projectId);

  const fmt = (ms: number) => `${ms.toFixed(0).padStart(7)} ms`;
  const alpha = quality.agreement[0]?.alpha;
  console.log(`Lead project bench: ${n.toLocaleString('en')} tasks (${created.gold.toLocaleString('en')} gold), 5 annotators, 20 % overlap, ${answers.toLocaleString('en')} answers`);
  console.log(`  create project (validate, store)       ${fmt(createMs)}`);
  console.log(`  split into 5 packs (write + import)    ${fmt(splitMs)}`);
  console.log(`  merge 5 results packs via core         ${fmt(mergeMs)}`);
  console.log(`  bare better-sqlite3 insert, same rows  ${fmt(bareMergeMs)}`);
  console.log(`  merge / bare insert                    ${(mergeMs / bareMergeMs).toFixed(2)}x`);
  console.log(`  progress (status)                      ${fmt(statusMs)}   (target < 1000 ms)`);
  console.log(`  quality (gold + agreement)             ${fmt(qualityMs)}   (target < 1000 ms; alpha ${alpha?.toFixed(3)})`);
  console.log(`  export 100k-task dataset via core      ${fmt(exportMs)}   (${exported.rows.toLocaleString('en')} rows, majority final)`);
  console.log(`  bare better-sqlite3 read, same rows    ${fmt(bareExportMs)}`);
  console.log(`  export / bare read                     ${(exportMs / bareExportMs).toFixed(2)}x`);
}
