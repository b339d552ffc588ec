/**
 * QA review in the store (schema 4): a reviewer's own verdicts, and verdict packs brought in by a
 * lead (about a project) or an annotator (feedback about their pack).
 */
import { LoupeError } from '../../../shared/errors';
import type { Manifest, VerdictRow } from '../../../shared/pack/manifest';
import type { Answer } from '../../../shared/pack/task';
import type { Db } from './connection';
import { findPackByHash, insertPackRow } from './packsRepo';
import { prepare, timed } from './sql';

export interface OwnVerdict {
  itemId: string;
  verdict: 'accept' | 'reject' | 'fix';
  reason: string | null;
  comment: string | null;
  fixedAnswer: Answer | null;
  reviewMs: number;
  reviewedAt: string;
}

type OwnRecord = { item_id: string; verdict: OwnVerdict['verdict']; reason: string | null; comment: string | null; fixed_answer: string | null; review_ms: number; reviewed_at: string };
const toOwn = (r: OwnRecord): OwnVerdict => ({
  itemId: r.item_id, verdict: r.verdict, reason: r.reason, comment: r.comment, fixedAnswer: r.fixed_answer ? (JSON.parse(r.fixed_answer) as Answer) : null,
  reviewMs: r.review_ms, reviewedAt: r.reviewed_at,
});

export function addOwnVerdict(db: Db, packId: string, profileId: string, v: Omit<OwnVerdict, 'reviewedAt'>, now: string): void {
  prepare(db, 'INSERT INTO review_verdicts (pack_id, item_id, profile_id, verdict, reason, comment, fixed_answer, review_ms, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    packId, v.itemId, profileId, v.verdict, v.reason, v.comment, v.fixedAnswer ? JSON.stringify(v.fixedAnswer) : null, v.reviewMs, now,
  );
}

/** Delete the reviewer's latest verdict in a pack; returns its item, or null when there is none. */
export function undoOwnVerdict(db: Db, packId: string, profileId: string): string | null {
  const last = prepare<[string, string], { id: number; item_id: string }>(db, 'SELECT id, item_id FROM review_verdicts WHERE pack_id = ? AND profile_id = ? ORDER BY id DESC LIMIT 1').get(packId, profileId);
  if (!last) return null;
  prepare(db, 'DELETE FROM review_verdicts WHERE id = ?').run(last.id);
  return last.item_id;
}

/** The latest verdict per item of a pack, by this reviewer. */
export function ownVerdicts(db: Db, packId: string, profileId: string): Map<string, OwnVerdict> {
  const rows = prepare<[string, string], OwnRecord>(
    db,
    `SELECT v.item_id, v.verdict, v.reason, v.comment, v.fixed_answer, v.review_ms, v.reviewed_at FROM review_verdicts v
      WHERE v.pack_id = ? AND v.profile_id = ? AND v.id = (SELECT max(id) FROM review_verdicts w WHERE w.pack_id = v.pack_id AND w.profile_id = v.profile_id AND w.item_id = v.item_id)`,
  ).all(packId, profileId);
  return new Map(rows.map((r) => [r.item_id, toOwn(r)]));
}

export interface ImportedVerdict {
  sourcePackId: string;
  taskId: string;
  annotatorId: string;
  revision: number;
  verdict: 'accept' | 'reject' | 'fix';
  reason: string | null;
  comment: string | null;
  fixedAnswer: Answer | null;
  answer: Answer | null;
  goldCorrect: boolean | null;
  reviewerId: string;
  reviewerName: string;
  reviewedAt: string;
}

/** A verdicts pack into the store, about `answersId` (a project, or the annotator's own task pack). The same pack twice is a no-op. */
export function importVerdicts(
  db: Db,
  input: { manifest: Manifest; packHash: string; rows: readonly VerdictRow[]; sourcePath: string | null; answersId: string },
  now: string,
): { imported: boolean; added: number } {
  return timed('import verdicts pack', () =>
    db.transaction(() => {
      if (findPackByHash(db, input.packHash)) return { imported: false, added: 0 };
      if (prepare<[string]>(db, 'SELECT 1 FROM packs WHERE id = ?').get(input.manifest.packId)) {
        throw new LoupeError('conflict', `a different pack with id "${input.manifest.packId}" is already here`, { file: 'manifest.json', field: 'packId' });
      }
      insertPackRow(db, input.manifest, input.packHash, '', input.sourcePath, now);
      const insert = prepare(
        db,
        `INSERT INTO verdicts (source_pack_id, answers_id, task_id, annotator_id, revision, verdict, reason, comment, fixed_answer, answer, gold_correct,
           reviewer_id, reviewer_name, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      let added = 0;
      for (const r of input.rows) {
        added += insert.run(
          input.manifest.packId, input.answersId, r.taskId, r.annotatorId, r.revision, r.verdict, r.reason ?? null, r.comment ?? null,
          r.fixedAnswer ? JSON.stringify(r.fixedAnswer) : null, r.answer ? JSON.stringify(r.answer) : null, r.gold ? Number(r.gold.correct) : null,
          r.reviewer.id, r.reviewer.name, r.reviewedAt,
        ).changes;
      }
      return { imported: true, added };
    }).immediate(),
  );
}

/** Every verdict about `answersId`, oldest review first (later ones supersede earlier ones on the same item). */
export function verdictsAbout(db: Db, answersId: string): ImportedVerdict[] {
  return prepare<[string], {
    source_pack_id: string; task_id: string; annotator_id: string; revision: number; verdict: ImportedVerdict['verdict']; reason: string | null; comment: string | null;
    fixed_answer: string | null; answer: string | null; gold_correct: number | null; reviewer_id: string; reviewer_name: string; reviewed_at: string;
  }>(db, 'SELECT * FROM verdicts WHERE answers_id = ? ORDER BY reviewed_at, source_pack_id').all(answersId).map((r) => ({
    sourcePackId: r.source_pack_id, taskId: r.task_id, annotatorId: r.annotator_id, revision: r.revision, verdict: r.verdict, reason: r.reason, comment: r.comment,
    fixedAnswer: r.fixed_answer ? (JSON.parse(r.fixed_answer) as Answer) : null, answer: r.answer ? (JSON.parse(r.answer) as Answer) : null,
    goldCorrect: r.gold_correct === null ? null : r.gold_correct === 1, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name, reviewedAt: r.reviewed_at,
  }));
}

/** Every id verdicts are about (feedback: the annotator's task packs). */
export function verdictSubjects(db: Db): string[] {
  return prepare<[], { answers_id: string }>(db, 'SELECT DISTINCT answers_id FROM verdicts ORDER BY answers_id').all().map((r) => r.answers_id);
}

/** The local person's submitted and skipped work across every pack, for their dashboard. */
export function ownWork(db: Db, profileId: string): Array<{ packId: string; taskId: string; status: 'submitted' | 'skipped'; activeMs: number; submittedAt: string }> {
  return prepare<[string], { pack_id: string; task_id: string; status: 'submitted' | 'skipped'; active_ms: number; created_at: string }>(
    db,
    `SELECT a.pack_id, a.task_id, a.status, a.active_ms, a.created_at FROM annotations a
      WHERE a.profile_id = ? AND a.revision = (SELECT max(revision) FROM annotations b WHERE b.pack_id = a.pack_id AND b.profile_id = a.profile_id AND b.task_id = a.task_id)`,
  ).all(profileId).map((r) => ({ packId: r.pack_id, taskId: r.task_id, status: r.status, activeMs: r.active_ms, submittedAt: r.created_at }));
}
