/**
 * A person's work on a pack: drafts (saved on every change), submitted and skipped revisions
 * (append-only history), flags, active time, and where they left off.
 */
import type { Progress } from '../../../shared/contract';
import type { Answer, Provenance } from '../../../shared/pack/task';
import { withRelaxedSync, type Db } from './connection';
import { prepare } from './sql';

export interface WorkRef {
  packId: string;
  taskId: string;
  profileId: string;
}

export interface RevisionInput {
  status: 'submitted' | 'skipped';
  answer: Answer;
  provenance: Provenance;
  modelVersion: string | null;
  activeMs: number;
  skipReason: string | null;
  taskHash: string;
}

/** A stored revision: what was recorded, numbered per task and person. */
export interface Revision extends RevisionInput {
  id: number;
  taskId: string;
  revision: number;
  createdAt: string;
}

export interface TaskWork {
  draft: { answer: Answer; fromPrediction: boolean } | null;
  latest: Revision | null;
  flagComment: string | null;
  activeMs: number;
}

function upsertTime(db: Db, ref: WorkRef, activeMs: number, now: string): void {
  // Active time only grows: a late, smaller value from an older save must not lower it.
  prepare(
    db,
    `INSERT INTO task_time (pack_id, task_id, profile_id, active_ms, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (pack_id, task_id, profile_id) DO UPDATE SET active_ms = max(active_ms, excluded.active_ms), updated_at = excluded.updated_at`,
  ).run(ref.packId, ref.taskId, ref.profileId, activeMs, now);
}

export function saveDraft(db: Db, ref: WorkRef, answer: Answer, fromPrediction: boolean, activeMs: number, now: string): void {
  withRelaxedSync(db, () =>
    db.transaction(() => {
      prepare(
        db,
        `INSERT INTO drafts (pack_id, task_id, profile_id, answer, from_prediction, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (pack_id, task_id, profile_id) DO UPDATE SET answer = excluded.answer,
           from_prediction = excluded.from_prediction, updated_at = excluded.updated_at`,
      ).run(ref.packId, ref.taskId, ref.profileId, JSON.stringify(answer), fromPrediction ? 1 : 0, now);
      upsertTime(db, ref, activeMs, now);
    }).immediate(),
  );
}

/** Active time on a task without an answer change; as cheap to commit as a draft. */
export function recordTime(db: Db, ref: WorkRef, activeMs: number, now: string): void {
  withRelaxedSync(db, () => upsertTime(db, ref, activeMs, now));
}

/** Record a submit or skip as the next revision; the draft is folded into it. */
export function addRevision(db: Db, ref: WorkRef, input: RevisionInput, now: string): number {
  return db.transaction(() => {
    const revision = nextRevision(db, ref);
    prepare(
      db,
      `INSERT INTO annotations (pack_id, task_id, profile_id, revision, status, answer, provenance, model_version,
         active_ms, skip_reason, task_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      ref.packId, ref.taskId, ref.profileId, revision, input.status, JSON.stringify(input.answer), input.provenance,
      input.modelVersion, input.activeMs, input.skipReason, input.taskHash, now,
    );
    prepare(db, 'DELETE FROM drafts WHERE pack_id = ? AND task_id = ? AND profile_id = ?').run(ref.packId, ref.taskId, ref.profileId);
    upsertTime(db, ref, input.activeMs, now);
    logEvent(db, ref, input.status === 'submitted' ? 'submit' : 'skip', input.activeMs, input.skipReason, now);
    return revision;
  }).immediate();
}

function nextRevision(db: Db, ref: WorkRef): number {
  const row = prepare<[string, string, string], { max: number | null }>(
    db,
    'SELECT max(revision) AS max FROM annotations WHERE pack_id = ? AND profile_id = ? AND task_id = ?',
  ).get(ref.packId, ref.profileId, ref.taskId);
  return (row?.max ?? 0) + 1;
}

function logEvent(db: Db, ref: WorkRef, kind: 'submit' | 'skip' | 'flag' | 'unflag', activeMs: number, detail: string | null, now: string): void {
  prepare(db, 'INSERT INTO task_events (pack_id, task_id, profile_id, kind, active_ms, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    ref.packId, ref.taskId, ref.profileId, kind, activeMs, detail, now,
  );
}

/** Flag a task with a comment, or clear the flag with null. */
export function setFlag(db: Db, ref: WorkRef, comment: string | null, now: string): void {
  db.transaction(() => {
    if (comment === null) {
      prepare(db, 'DELETE FROM flags WHERE pack_id = ? AND task_id = ? AND profile_id = ?').run(ref.packId, ref.taskId, ref.profileId);
    } else {
      prepare(
        db,
        `INSERT INTO flags (pack_id, task_id, profile_id, comment, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pack_id, task_id, profile_id) DO UPDATE SET comment = excluded.comment`,
      ).run(ref.packId, ref.taskId, ref.profileId, comment, now);
    }
    logEvent(db, ref, comment === null ? 'unflag' : 'flag', 0, comment, now);
  }).immediate();
}

interface RevisionRow {
  id: number;
  task_id: string;
  revision: number;
  status: 'submitted' | 'skipped';
  answer: string;
  provenance: Provenance;
  model_version: string | null;
  active_ms: number;
  skip_reason: string | null;
  task_hash: string;
  created_at: string;
}

function toRevision(row: RevisionRow): Revision {
  return {
    id: row.id,
    taskId: row.task_id,
    revision: row.revision,
    status: row.status,
    answer: JSON.parse(row.answer) as Answer,
    provenance: row.provenance,
    modelVersion: row.model_version,
    activeMs: row.active_ms,
    skipReason: row.skip_reason,
    taskHash: row.task_hash,
    createdAt: row.created_at,
  };
}

const REVISION_COLUMNS = 'id, task_id, revision, status, answer, provenance, model_version, active_ms, skip_reason, task_hash, created_at';

export function getTaskWork(db: Db, ref: WorkRef): TaskWork {
  const args = [ref.packId, ref.taskId, ref.profileId] as const;
  const draft = prepare<[string, string, string], { answer: string; from_prediction: number }>(
    db,
    'SELECT answer, from_prediction FROM drafts WHERE pack_id = ? AND task_id = ? AND profile_id = ?',
  ).get(...args);
  const latest = prepare<[string, string, string], RevisionRow>(
    db,
    `SELECT ${REVISION_COLUMNS} FROM annotations WHERE pack_id = ? AND task_id = ? AND profile_id = ? ORDER BY revision DESC LIMIT 1`,
  ).get(...args);
  const flag = prepare<[string, string, string], { comment: string }>(
    db,
    'SELECT comment FROM flags WHERE pack_id = ? AND task_id = ? AND profile_id = ?',
  ).get(...args);
  const time = prepare<[string, string, string], { active_ms: number }>(
    db,
    'SELECT active_ms FROM task_time WHERE pack_id = ? AND task_id = ? AND profile_id = ?',
  ).get(...args);
  return {
    draft: draft ? { answer: JSON.parse(draft.answer) as Answer, fromPrediction: draft.from_prediction === 1 } : null,
    latest: latest ? toRevision(latest) : null,
    flagComment: flag?.comment ?? null,
    activeMs: time?.active_ms ?? 0,
  };
}

/** The latest revision of every answered task of a pack by one person, in task order. */
export function* latestRevisions(db: Db, packId: string, profileId: string): Generator<Revision & { flagComment: string | null }> {
  const rows = prepare<[{ pack: string; profile: string }], RevisionRow & { flag_comment: string | null }>(
    db,
    `SELECT a.id, a.task_id, a.revision, a.status, a.answer, a.provenance, a.model_version, a.active_ms, a.skip_reason,
            a.task_hash, a.created_at, f.comment AS flag_comment
       FROM tasks t
       JOIN annotations a ON a.pack_id = t.pack_id AND a.task_id = t.id AND a.profile_id = @profile
        AND a.revision = (SELECT max(revision) FROM annotations b WHERE b.pack_id = t.pack_id AND b.profile_id = @profile AND b.task_id = t.id)
       LEFT JOIN flags f ON f.pack_id = t.pack_id AND f.task_id = t.id AND f.profile_id = @profile
      WHERE t.pack_id = @pack
      ORDER BY t.position`,
  ).iterate({ pack: packId, profile: profileId });
  for (const row of rows) yield { ...toRevision(row), flagComment: row.flag_comment };
}

export function progress(db: Db, packId: string, profileId: string): Progress {
  const row = prepare<[{ pack: string; profile: string }], { total: number; submitted: number | null; skipped: number | null }>(
    db,
    `SELECT (SELECT count(*) FROM tasks WHERE pack_id = @pack) AS total,
            sum(a.status = 'submitted') AS submitted, sum(a.status = 'skipped') AS skipped
       FROM annotations a
      WHERE a.pack_id = @pack AND a.profile_id = @profile
        AND a.revision = (SELECT max(revision) FROM annotations b WHERE b.pack_id = a.pack_id AND b.profile_id = a.profile_id AND b.task_id = a.task_id)`,
  ).get({ pack: packId, profile: profileId })!;
  const count = (table: string) =>
    prepare<[string, string], { n: number }>(db, `SELECT count(*) AS n FROM ${table} WHERE pack_id = ? AND profile_id = ?`).get(packId, profileId)!.n;
  return { total: row.total, submitted: row.submitted ?? 0, skipped: row.skipped ?? 0, flagged: count('flags'), drafts: count('drafts') };
}

export function getPosition(db: Db, packId: string, profileId: string): number | null {
  return prepare<[string, string], { position: number }>(db, 'SELECT position FROM sessions WHERE pack_id = ? AND profile_id = ?').get(packId, profileId)?.position ?? null;
}

export function setPosition(db: Db, packId: string, profileId: string, position: number, now: string): void {
  withRelaxedSync(db, () =>
    prepare(
      db,
      `INSERT INTO sessions (pack_id, profile_id, position, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (pack_id, profile_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ).run(packId, profileId, position, now),
  );
}

/** Position of the first task this person has neither submitted nor skipped; null when all are done. */
export function firstUndone(db: Db, packId: string, profileId: string): number | null {
  return prepare<[{ pack: string; profile: string }], { position: number }>(
    db,
    `SELECT t.position FROM tasks t
      WHERE t.pack_id = @pack AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.pack_id = t.pack_id AND a.task_id = t.id AND a.profile_id = @profile)
      ORDER BY t.position LIMIT 1`,
  ).get({ pack: packId, profile: profileId })?.position ?? null;
}

export interface ExportRow {
  taskId: string;
  body: string;
  annotations: Array<{ annotator: { id: string; name: string }; revision: number; status: string; answer: Answer; provenance: Provenance;
    modelVersion: string | null; activeMs: number; skipReason: string | null; submittedAt: string }>;
}

/** Every task of a pack in order with each annotator's latest revision: one query, streamed. */
export function* exportRows(db: Db, packId: string): Generator<ExportRow> {
  const rows = prepare<[string], {
    id: string; body: string; profile_id: string | null; name: string | null; revision: number; status: string; answer: string;
    provenance: Provenance; model_version: string | null; active_ms: number; skip_reason: string | null; created_at: string;
  }>(
    db,
    `SELECT t.id, t.body, a.profile_id, p.name, a.revision, a.status, a.answer, a.provenance, a.model_version, a.active_ms,
            a.skip_reason, a.created_at
       FROM tasks t
       LEFT JOIN annotations a ON a.pack_id = t.pack_id AND a.task_id = t.id
        AND a.revision = (SELECT max(revision) FROM annotations b WHERE b.pack_id = a.pack_id AND b.task_id = a.task_id AND b.profile_id = a.profile_id)
       LEFT JOIN profiles p ON p.id = a.profile_id
      WHERE t.pack_id = ?
      ORDER BY t.position, a.profile_id`,
  ).iterate(packId);
  let current: ExportRow | null = null;
  for (const row of rows) {
    if (!current || current.taskId !== row.id) {
      if (current) yield current;
      current = { taskId: row.id, body: row.body, annotations: [] };
    }
    if (row.profile_id) {
      current.annotations.push({
        annotator: { id: row.profile_id, name: row.name ?? row.profile_id },
        revision: row.revision,
        status: row.status,
        answer: JSON.parse(row.answer) as Answer,
        provenance: row.provenance,
        modelVersion: row.model_version,
        activeMs: row.active_ms,
        skipReason: row.skip_reason,
        submittedAt: row.created_at,
      });
    }
  }
  if (current) yield current;
}
