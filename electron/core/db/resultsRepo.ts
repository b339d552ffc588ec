/**
 * Bringing an annotator's results pack into the lead's store. Every row becomes a revision in the
 * answered task pack's history; rows already present are left alone, so importing the same pack or
 * an overlapping newer one never duplicates or loses an answer.
 */
import { LoupeError } from '../../../shared/errors';
import type { Manifest, ResultRow } from '../../../shared/pack/manifest';
import type { Db } from './connection';
import { findAnswerProblem } from '../../../shared/answerCheck';
import { findPackByHash, getPack, insertPackRow } from './packsRepo';
import { upsertRemotePerson } from './profilesRepo';
import { prepare, timed } from './sql';

export interface ResultsImport {
  packId: string;
  imported: boolean;
  added: number;
  alreadyPresent: number;
}

export function importResultsPack(
  db: Db,
  input: { manifest: Manifest; packHash: string; rows: readonly ResultRow[]; sourcePath: string | null },
  now: string,
): ResultsImport {
  return timed('import results pack', () =>
    db.transaction((): ResultsImport => {
      const already = findPackByHash(db, input.packHash);
      if (already) return { packId: already, imported: false, added: 0, alreadyPresent: input.rows.length };
      const answered = input.manifest.answers!.packId;
      const exists = prepare<[string], { kind: string }>(db, 'SELECT kind FROM packs WHERE id = ?').get(answered);
      if (!exists || exists.kind !== 'tasks') {
        throw new LoupeError(
          'conflict',
          `This results pack answers task pack "${answered}", which is not in this workspace. Import that task pack first.`,
          { file: 'manifest.json', field: 'answers.packId' },
        );
      }
      // Every answer must fit the answered pack's questions, whether or not the results pack says what they are.
      const config = getPack(db, answered).labelConfig;
      insertPackRow(db, input.manifest, input.packHash, '', input.sourcePath, now);
      const taskHash = prepare<[string, string], { task_hash: string }>(db, 'SELECT task_hash FROM tasks WHERE pack_id = ? AND id = ?');
      const insert = prepare(
        db,
        `INSERT INTO annotations (pack_id, task_id, profile_id, revision, status, answer, provenance, model_version,
           active_ms, skip_reason, task_hash, source_pack_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (pack_id, profile_id, task_id, revision) DO NOTHING`,
      );
      const flag = prepare(
        db,
        `INSERT INTO flags (pack_id, task_id, profile_id, comment, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pack_id, task_id, profile_id) DO UPDATE SET comment = excluded.comment`,
      );
      let added = 0;
      input.rows.forEach((row, index) => {
        const where = { file: 'results.jsonl', line: index + 1 };
        const stored = taskHash.get(answered, row.taskId);
        if (!stored) {
          throw new LoupeError('invalid-input', `task "${row.taskId}" is not in task pack "${answered}"`, { ...where, field: 'taskId' });
        }
        if (stored.task_hash !== row.taskHash) {
          throw new LoupeError('conflict', `task "${row.taskId}" was answered in a different version than the one in this workspace`, {
            ...where,
            field: 'taskHash',
          });
        }
        const problem = config ? findAnswerProblem(config, row.answer) : null;
        if (problem) throw new LoupeError('invalid-input', `task "${row.taskId}": ${problem.message}`, { ...where, field: problem.field });
        upsertRemotePerson(db, row.annotator, now);
        const result = insert.run(
          answered, row.taskId, row.annotator.id, row.revision, row.status, JSON.stringify(row.answer), row.provenance,
          row.modelVersion ?? null, row.activeMs, row.skipReason ?? null, row.taskHash, input.manifest.packId, row.submittedAt,
        );
        added += result.changes;
        if (row.flag) flag.run(answered, row.taskId, row.annotator.id, row.flag.comment, now);
      });
      return { packId: input.manifest.packId, imported: true, added, alreadyPresent: input.rows.length - added };
    }).immediate(),
  );
}
