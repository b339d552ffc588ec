/**
 * What a Label Studio task keeps in `task.meta.labelStudio`, so that the writer gives back the
 * file the person gave, changed only where they changed it:
 *
 *   source    the task object exactly as the file had it: every task field (id, inner_id,
 *             created_at, drafts, agreement, comment_authors, task_path …), `data` with all its
 *             fields (nested lists and objects too), every annotation and prediction with all
 *             theirs (completed_by objects, history, reviews, lead_time, unique_id, result ids …).
 *   answers   for each source annotation, the fingerprint of the Loupe answer it was read as.
 *             An answer to write whose fingerprint is the same is that annotation unchanged, and
 *             its source JSON is written back as it was.
 *   project   on the first task only: the project's names (each Loupe question's from_name and
 *             to_name, the data key shown), and the labeling config XML when one was given
 *             (--ls-config). The writer names its results and writes the config from it.
 *
 * A region or span read from a result also keeps that result in `extras.labelStudio.result`, so
 * an edited annotation writes an unchanged region back exactly and a moved one with its own id,
 * scores and other fields.
 */
import { createHash } from 'node:crypto';
import { answerSchema, type Answer } from '../../../../shared/pack/task';
import { isRecord, stableJson, type JsonObject } from './labelStudioShape';

export const META_KEY = 'labelStudio';

/** A Loupe question's names in Label Studio. */
export interface LsNames {
  /** The control tag's `name` (results' from_name). */
  name: string;
  /** What results give as to_name. */
  toName: string;
  /** The control tag (RectangleLabels, Choices …). */
  tag: string;
}

export interface LsProjectInfo {
  /** The labeling config as given, when given. */
  config?: string;
  /** Loupe control id → Label Studio names. */
  controls: Record<string, LsNames>;
  /** The data field the Loupe task shows, and the object name results point at for it. */
  dataKey: string;
  objectName: string;
}

export interface LsTaskMeta {
  source: JsonObject;
  answers: string[];
  project?: LsProjectInfo;
}

/** The fingerprint of an answer as the project stores it (schema defaults filled, key order ignored). */
export function fingerprint(answer: Answer): string {
  const parsed = answerSchema.safeParse(answer);
  // The questions' order is not part of an answer (a project may keep them in its config's order).
  const results = (parsed.success ? parsed.data : answer).map(stableJson).sort();
  return createHash('sha256')
    .update(results.join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/** A print of a region or span as read (its extras left out), to tell an unchanged one from an edited one. */
export function regionPrint(region: object): string {
  const { extras: _extras, ...rest } = region as Record<string, unknown>;
  return createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 16);
}

/** The Label Studio meta of a task, when it came from a Label Studio file. */
export function lsMetaOf(meta: Record<string, unknown> | undefined): LsTaskMeta | null {
  const value = meta?.[META_KEY];
  if (!isRecord(value) || !isRecord(value.source)) return null;
  const answers = Array.isArray(value.answers) ? value.answers.filter((a): a is string => typeof a === 'string') : [];
  const project = isRecord(value.project) ? (value.project as unknown as LsProjectInfo) : undefined;
  return { source: value.source, answers, ...(project ? { project } : {}) };
}
