/**
 * The shapes a Label Studio file comes in, made into one: a list of tasks, each with its data,
 * its annotations and its predictions, and a note of how the file wrote it so the writer can
 * write it back the same way.
 *
 *   a list of tasks                  the export (Label Studio 1.x) and the import file
 *   one task object                  an export of a single task, the frontend's examples
 *   `data: {...}`                    the usual wrapper of what the task shows
 *   no `data` (`{"text": "zzz"}`)    Label Studio's import takes a task's own keys as its data
 *   `completions` (pre-1.0)          the old name of `annotations`; its `result` is a list of lists
 *
 * Nothing is dropped here: the raw task object is what the reader keeps in task meta, and the
 * writer starts from it. Whitespace and blank lines between items are JSON's own business.
 */
import { LoupeError } from '../../../../shared/errors';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isRecord = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Task keys Label Studio itself writes, never data, for a task without a `data` wrapper. */
const TASK_FIELDS = new Set([
  'id', 'annotations', 'completions', 'predictions', 'drafts', 'meta', 'created_at', 'updated_at', 'inner_id', 'total_annotations',
  'cancelled_annotations', 'total_predictions', 'comment_count', 'unresolved_comment_count', 'last_comment_updated_at', 'project',
  'updated_by', 'comment_authors', 'file_upload', 'agreement', 'is_labeled', 'overlap', 'annotators', 'storage_filename', 'task_path',
]);

export interface LsTaskShape {
  /** The task as the file has it, every field. */
  raw: JsonObject;
  /** What the task shows: `data`, or the task's own keys when it has no `data` wrapper. */
  data: JsonObject;
  /** Whether the file wrapped the data in `data`. */
  wrapped: boolean;
  /** The key holding the annotations: `annotations`, or the pre-1.0 `completions`. */
  annotationsKey: 'annotations' | 'completions';
  annotations: unknown[];
  predictions: unknown[];
}

/** The tasks of a parsed Label Studio file: a list, or one task object. */
export function tasksOf(json: unknown, file: string): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json)) return [json];
  throw new LoupeError('invalid-input', 'a Label Studio file is a JSON list of tasks, or one task object', { file });
}

/** One task in its common shape; refusals name the file and the task's place. */
export function shapeOf(raw: unknown, file: string, at: string): LsTaskShape {
  if (!isRecord(raw)) throw new LoupeError('invalid-input', 'each task must be a JSON object', { file, field: at });
  const wrapped = isRecord(raw.data);
  const data: JsonObject = wrapped ? (raw.data as JsonObject) : Object.fromEntries(Object.entries(raw).filter(([k]) => !TASK_FIELDS.has(k)));
  const annotationsKey = raw.annotations === undefined && raw.completions !== undefined ? 'completions' : 'annotations';
  const list = (key: string): unknown[] => {
    const value = raw[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new LoupeError('invalid-input', `"${key}" must be a list`, { file, field: `${at}.${key}` });
    return value;
  };
  return { raw, data, wrapped, annotationsKey, annotations: list(annotationsKey), predictions: list('predictions') };
}

/**
 * An annotation's or prediction's result list, flat: pre-1.0 files wrote a list of lists
 * (`"result": [[{…}]]`). Null when `result` is not a list at all.
 */
export function flatResults(result: unknown): unknown[] | null {
  if (!Array.isArray(result)) return null;
  return result.some(Array.isArray) ? result.flatMap((r) => (Array.isArray(r) ? r : [r])) : result;
}

/** Whether a result list was written as a list of lists, so an edited one is written back so. */
export const isNestedResult = (result: unknown): boolean => Array.isArray(result) && result.length > 0 && result.every(Array.isArray);

/** JSON with its keys sorted, so two equal values give the same text whatever order they were built in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
