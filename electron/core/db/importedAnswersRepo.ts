/**
 * Answers that came with a project's source file (a Label Studio export with three annotators,
 * a Prodigy database dump, doccano 1.x with several users), kept as those people's answers to
 * the project rather than flattened into gold or predictions. The source becomes one pack of the
 * project (split 0, holding the project's tasks), each source annotator a remote profile whose
 * answers are that pack's annotations, so the project's answers, history, agreement, review and
 * exports see them exactly as they see answers that came back in results packs. Written in the
 * transaction that creates the project; never listed among the packs a person opens.
 */
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Manifest } from '../../../shared/pack/manifest';
import type { Answer, Task } from '../../../shared/pack/task';
import type { Db } from './connection';
import { insertPackRow, taskBody } from './packsRepo';
import { prepare } from './sql';

export interface ImportedAnswer {
  taskId: string;
  status: 'submitted' | 'skipped';
  answer: Answer;
  skipReason: string | null;
  /** When the source says it was given (ISO 8601); else the import time. */
  at: string | null;
}

export interface ImportedAnnotator {
  profileId: string;
  /** As the source names them (an id, an e-mail, a name): what exports write back. */
  name: string;
  answers: readonly ImportedAnswer[];
}

export interface ImportedAnswers {
  packId: string;
  packHash: string;
  /** The pack's name, saying where the answers came from. */
  name: string;
  labelConfig: LabelConfig;
  tasks: readonly Task[];
  annotators: readonly ImportedAnnotator[];
}

/** Split number of the pack that holds a source's answers (real splits start at 1). */
export const IMPORTED_SPLIT = 0;

export function insertImportedAnswers(db: Db, projectId: string, imported: ImportedAnswers, now: string): void {
  const manifest: Manifest = {
    format: 'loupe-pack', formatVersion: 1, packId: imported.packId, kind: 'tasks', name: imported.name, createdAt: now,
    author: { id: 'imported', name: 'imported' }, labelConfig: imported.labelConfig, taskCount: imported.tasks.length,
    files: { 'tasks.jsonl': { sha256: '0'.repeat(64), bytes: 0 } },
  };
  insertPackRow(db, manifest, imported.packHash, '', null, now);
  const task = prepare(db, 'INSERT INTO tasks (pack_id, id, position, task_hash, body) VALUES (?, ?, ?, ?, ?)');
  const hashes = new Map<string, string>();
  imported.tasks.forEach((t, position) => {
    const { body, hash } = taskBody(t);
    hashes.set(t.id, hash);
    task.run(imported.packId, t.id, position, hash, body);
  });
  prepare(db, 'INSERT INTO project_packs (project_id, pack_id, annotator, split, gold_tasks) VALUES (?, ?, ?, ?, 0)').run(projectId, imported.packId, 'imported', IMPORTED_SPLIT);
  const person = prepare(db, `INSERT INTO profiles (id, name, role, is_local, created_at) VALUES (?, ?, 'annotator', 0, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name`);
  const answer = prepare(db, `INSERT INTO annotations (pack_id, task_id, profile_id, revision, status, answer, provenance, model_version,
    active_ms, skip_reason, task_hash, created_at) VALUES (?, ?, ?, 1, ?, ?, 'manual', NULL, 0, ?, ?, ?)`);
  for (const annotator of imported.annotators) {
    person.run(annotator.profileId, annotator.name, now);
    for (const a of annotator.answers) {
      answer.run(imported.packId, a.taskId, annotator.profileId, a.status, JSON.stringify(a.answer), a.skipReason, hashes.get(a.taskId)!, a.at ?? now);
    }
  }
}
