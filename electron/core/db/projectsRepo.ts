/**
 * Lead projects in the store (schema 3). The answers to a project are the annotations of the
 * packs its splits made, so results import, idempotency and revision history are the packs' own;
 * this repo adds the project around them: source tasks with gold, images, splits, final answers.
 */
import { LoupeError } from '../../../shared/errors';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../shared/pack/task';
import type { Db } from './connection';
import { insertImportedAnswers, type ImportedAnswers } from './importedAnswersRepo';
import { prepare } from './sql';

export interface ProjectRow {
  id: string;
  name: string;
  labelConfig: LabelConfig;
  guidelines: string;
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectTaskInput {
  task: Task;
  gold: Answer | null;
}

/** Every annotator's latest revision of one project task (submitted or skipped). */
export interface ProjectAnswer {
  taskId: string;
  packId: string;
  annotatorId: string;
  annotatorName: string;
  revision: number;
  status: 'submitted' | 'skipped';
  answer: Answer;
  activeMs: number;
  skipReason: string | null;
  submittedAt: string;
}

type ProjectRecord = { id: string; name: string; label_config: string; guidelines: string; source: string; created_at: string; updated_at: string };

function toProject(row: ProjectRecord): ProjectRow {
  return {
    id: row.id,
    name: row.name,
    labelConfig: labelConfigSchema.parse(JSON.parse(row.label_config)),
    guidelines: row.guidelines,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertProject(
  db: Db,
  project: { id: string; name: string; labelConfig: LabelConfig; guidelines: string; source: string },
  tasks: Iterable<ProjectTaskInput>,
  images: ReadonlyMap<string, string>,
  now: string,
  imported: ImportedAnswers | null = null,
): void {
  db.transaction(() => {
    if (prepare<[string]>(db, 'SELECT 1 FROM projects WHERE id = ?').get(project.id)) {
      throw new LoupeError('conflict', `a project with id "${project.id}" already exists`, { field: 'id' });
    }
    prepare(db, 'INSERT INTO projects (id, name, label_config, guidelines, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      project.id, project.name, JSON.stringify(project.labelConfig), project.guidelines, project.source, now, now,
    );
    const insertTask = prepare(db, 'INSERT INTO project_tasks (project_id, id, position, body, gold) VALUES (?, ?, ?, ?, ?)');
    let position = 0;
    for (const { task, gold } of tasks) {
      insertTask.run(project.id, task.id, position, JSON.stringify(task), gold ? JSON.stringify(gold) : null);
      position += 1;
    }
    const insertImage = prepare(db, 'INSERT INTO project_images (project_id, path, file) VALUES (?, ?, ?)');
    for (const [path, file] of images) insertImage.run(project.id, path, file);
    if (imported) insertImportedAnswers(db, project.id, imported, now);
  }).immediate();
}

export function getProject(db: Db, id: string): ProjectRow {
  const row = prepare<[string], ProjectRecord>(db, 'SELECT * FROM projects WHERE id = ?').get(id);
  if (!row) throw new LoupeError('not-found', `there is no project "${id}" here`, { field: 'projectId' });
  return toProject(row);
}

export function listProjects(db: Db): ProjectRow[] {
  return prepare<[], ProjectRecord>(db, 'SELECT * FROM projects ORDER BY updated_at DESC, id').all().map(toProject);
}

export function updateProjectSettings(db: Db, id: string, patch: { labelConfig?: LabelConfig; guidelines?: string; name?: string }, now: string): void {
  const current = getProject(db, id);
  prepare(db, 'UPDATE projects SET name = ?, label_config = ?, guidelines = ?, updated_at = ? WHERE id = ?').run(
    patch.name ?? current.name, JSON.stringify(patch.labelConfig ?? current.labelConfig), patch.guidelines ?? current.guidelines, now, id,
  );
}

export function countProjectTasks(db: Db, id: string): { tasks: number; gold: number } {
  const row = prepare<[string], { tasks: number; gold: number }>(
    db,
    'SELECT count(*) AS tasks, count(gold) AS gold FROM project_tasks WHERE project_id = ?',
  ).get(id)!;
  return row;
}

/** Task ids in project order, split into the ones to label and the gold ones. */
export function projectTaskIds(db: Db, id: string): { tasks: string[]; gold: string[] } {
  const tasks: string[] = [];
  const gold: string[] = [];
  for (const row of prepare<[string], { id: string; is_gold: number }>(db, 'SELECT id, gold IS NOT NULL AS is_gold FROM project_tasks WHERE project_id = ? ORDER BY position').iterate(id)) {
    (row.is_gold ? gold : tasks).push(row.id);
  }
  return { tasks, gold };
}

/** Tasks by id (for writing packs), in the order asked. */
export function projectTasksById(db: Db, id: string, taskIds: readonly string[]): Task[] {
  const get = prepare<[string, string], { body: string }>(db, 'SELECT body FROM project_tasks WHERE project_id = ? AND id = ?');
  return taskIds.map((taskId) => {
    const row = get.get(id, taskId);
    if (!row) throw new LoupeError('not-found', `task "${taskId}" is not in project "${id}"`);
    return JSON.parse(row.body) as Task;
  });
}

/** Every task of a project in order, with its gold answer, in batches (flat memory on 100k tasks). */
export function* projectTasks(db: Db, id: string): Generator<{ task: Task; gold: Answer | null }> {
  for (const row of prepare<[string], { body: string; gold: string | null }>(db, 'SELECT body, gold FROM project_tasks WHERE project_id = ? ORDER BY position').iterate(id)) {
    yield { task: JSON.parse(row.body) as Task, gold: row.gold ? (JSON.parse(row.gold) as Answer) : null };
  }
}

export function goldAnswers(db: Db, id: string): Map<string, Answer> {
  const out = new Map<string, Answer>();
  for (const row of prepare<[string], { id: string; gold: string }>(db, 'SELECT id, gold FROM project_tasks WHERE project_id = ? AND gold IS NOT NULL').iterate(id)) {
    out.set(row.id, JSON.parse(row.gold) as Answer);
  }
  return out;
}

export function projectImages(db: Db, id: string): Map<string, string> {
  return new Map(prepare<[string], { path: string; file: string }>(db, 'SELECT path, file FROM project_images WHERE project_id = ?').all(id).map((r) => [r.path, r.file]));
}

export function nextSplitNumber(db: Db, id: string): number {
  return (prepare<[string], { n: number | null }>(db, 'SELECT max(number) AS n FROM project_splits WHERE project_id = ?').get(id)?.n ?? 0) + 1;
}

export function recordSplit(
  db: Db,
  id: string,
  split: { number: number; settings: unknown; report: unknown; packs: Array<{ packId: string; annotator: string; gold: number }> },
  now: string,
): void {
  db.transaction(() => {
    prepare(db, 'INSERT INTO project_splits (project_id, number, settings, report, created_at) VALUES (?, ?, ?, ?, ?)').run(
      id, split.number, JSON.stringify(split.settings), JSON.stringify(split.report), now,
    );
    const insert = prepare(db, 'INSERT INTO project_packs (project_id, pack_id, annotator, split, gold_tasks) VALUES (?, ?, ?, ?, ?)');
    for (const pack of split.packs) insert.run(id, pack.packId, pack.annotator, split.number, pack.gold);
    prepare(db, 'UPDATE projects SET updated_at = ? WHERE id = ?').run(now, id);
  }).immediate();
}

export function projectPacks(db: Db, id: string): Array<{ packId: string; annotator: string; split: number; goldTasks: number }> {
  return prepare<[string], { pack_id: string; annotator: string; split: number; gold_tasks: number }>(
    db,
    'SELECT pack_id, annotator, split, gold_tasks FROM project_packs WHERE project_id = ? ORDER BY split, annotator',
  ).all(id).map((r) => ({ packId: r.pack_id, annotator: r.annotator, split: r.split, goldTasks: r.gold_tasks }));
}

/** The project a task pack belongs to, if a split made it. */
export function projectOfPack(db: Db, packId: string): string | null {
  return prepare<[string], { project_id: string }>(db, 'SELECT project_id FROM project_packs WHERE pack_id = ?').get(packId)?.project_id ?? null;
}

/**
 * Each annotator's latest revision of every task of the project's packs (in no particular order).
 * One plain scan of the covering index; the latest revision is picked here rather than by a
 * GROUP BY or a subquery per row, which cost SQLite a temporary B-tree (3× slower at 100k
 * answers), and only the winners' answers are parsed. `answers: false` leaves them out (progress needs
 * who did what and how long, not what they answered).
 */
export function* projectAnswers(db: Db, id: string, options: { answers?: boolean } = {}): Generator<ProjectAnswer> {
  const withAnswers = options.answers ?? true;
  const names = new Map(prepare<[], { id: string; name: string }>(db, 'SELECT id, name FROM profiles').all().map((p) => [p.id, p.name]));
  // Rows as arrays (raw mode) and all at once: a project's answers fit in memory, and this is
  // about twice as fast as objects row by row at 100k answers.
  type Row = [task: string, pack: string, profile: string, revision: number, status: 'submitted' | 'skipped', answer: string, activeMs: number, skipReason: string | null, createdAt: string];
  const rows = db
    .prepare(
      `SELECT a.task_id, a.pack_id, a.profile_id, a.revision, a.status, ${withAnswers ? 'a.answer' : "'[]'"}, a.active_ms, a.skip_reason, a.created_at
         FROM project_packs pp JOIN annotations a ON a.pack_id = pp.pack_id
        WHERE pp.project_id = ?`,
    )
    .raw(true)
    .all(id) as Row[];
  const latest = new Map<string, Row>();
  for (const row of rows) {
    const key = `${row[1]}\u0000${row[2]}\u0000${row[0]}`;
    const seen = latest.get(key);
    if (!seen || seen[3] < row[3]) latest.set(key, row);
  }
  for (const [taskId, packId, annotatorId, revision, status, answer, activeMs, skipReason, submittedAt] of latest.values()) {
    yield { taskId, packId, annotatorId, annotatorName: names.get(annotatorId) ?? annotatorId, revision, status, answer: JSON.parse(answer) as Answer, activeMs, skipReason, submittedAt };
  }
}

/** Every revision of one task by everyone, oldest first: the history a lead may read. */
export function taskHistory(db: Db, id: string, taskId: string): ProjectAnswer[] {
  return prepare<[string, string], {
    task_id: string; pack_id: string; profile_id: string; name: string | null; revision: number; status: 'submitted' | 'skipped';
    answer: string; active_ms: number; skip_reason: string | null; created_at: string;
  }>(
    db,
    `SELECT a.task_id, a.pack_id, a.profile_id, p.name, a.revision, a.status, a.answer, a.active_ms, a.skip_reason, a.created_at
       FROM project_packs pp JOIN annotations a ON a.pack_id = pp.pack_id LEFT JOIN profiles p ON p.id = a.profile_id
      WHERE pp.project_id = ? AND a.task_id = ? ORDER BY a.profile_id, a.revision`,
  ).all(id, taskId).map((row) => ({
    taskId: row.task_id, packId: row.pack_id, annotatorId: row.profile_id, annotatorName: row.name ?? row.profile_id,
    revision: row.revision, status: row.status, answer: JSON.parse(row.answer) as Answer, activeMs: row.active_ms,
    skipReason: row.skip_reason, submittedAt: row.created_at,
  }));
}

/** Flags raised on the project's tasks, with their comments and who raised them (name and id). */
export function projectFlags(db: Db, id: string): Array<{ taskId: string; annotatorId: string; annotatorName: string; comment: string }> {
  return prepare<[string], { task_id: string; profile_id: string; name: string | null; comment: string }>(
    db,
    `SELECT f.task_id, f.profile_id, p.name, f.comment FROM project_packs pp JOIN flags f ON f.pack_id = pp.pack_id
       LEFT JOIN profiles p ON p.id = f.profile_id WHERE pp.project_id = ? ORDER BY f.task_id`,
  ).all(id).map((r) => ({ taskId: r.task_id, annotatorId: r.profile_id, annotatorName: r.name ?? r.profile_id, comment: r.comment }));
}

export function setFinal(
  db: Db,
  id: string,
  final: { taskId: string; answer: Answer; method: 'adjudicated' | 'majority'; fromAnnotator: string | null; decidedBy: string },
  now: string,
): void {
  prepare(
    db,
    `INSERT INTO project_finals (project_id, task_id, answer, method, from_annotator, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, task_id) DO UPDATE SET answer = excluded.answer, method = excluded.method,
       from_annotator = excluded.from_annotator, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
  ).run(id, final.taskId, JSON.stringify(final.answer), final.method, final.fromAnnotator, final.decidedBy, now);
}

export function finals(db: Db, id: string): Map<string, { answer: Answer; method: 'adjudicated' | 'majority'; fromAnnotator: string | null }> {
  const out = new Map<string, { answer: Answer; method: 'adjudicated' | 'majority'; fromAnnotator: string | null }>();
  for (const row of prepare<[string], { task_id: string; answer: string; method: 'adjudicated' | 'majority'; from_annotator: string | null }>(
    db,
    'SELECT task_id, answer, method, from_annotator FROM project_finals WHERE project_id = ?',
  ).iterate(id)) {
    out.set(row.task_id, { answer: JSON.parse(row.answer) as Answer, method: row.method, fromAnnotator: row.from_annotator });
  }
  return out;
}
