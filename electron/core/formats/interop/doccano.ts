/**
 * doccano files, as its exports across versions write them (doccanoRecords.ts reads the layout):
 *
 * - sequence labelling: `{"text", "label": [[start, end, "TYPE"], …]}` (or `labels`, or `data`
 *   for the text, as 1.2-era exports and converters write);
 * - text classification: `{"text", "label": ["A", "B"]}`, and its fastText export;
 * - relation extraction: `{"text", "entities": [{id, label, start_offset, end_offset}],
 *   "relations": [{id, from_id, to_id, type}]}`; intent detection: `"entities": [[s, e, "City"]]`
 *   with `"cats": ["flight"]`;
 * - doccano 1.x: `"annotations": [{id, label, start_offset?, end_offset?, user}]`, one annotator
 *   per `user`, labels often integer label ids (kept as integers).
 *
 * Offsets are code points (Python's), Loupe's unit: checked, never converted. A label list that
 * is there but empty is a person's answer "nothing here" (the project keeps it as answered); a
 * record with no label key at all is an example nobody labelled. The example's `id` is the task
 * id (a repeated or unusable id is kept to be written back, and the task gets one of its own);
 * every other key goes into the task's meta and is written back as a top-level key, in its place.
 * What the record said about its answers, its key order and its layout are kept in
 * `meta.doccano`, so a record whose answers did not change is written back exactly as it was.
 * Spans that lie past the end of their text (doccano's own examples have some) cannot be shown:
 * they are kept in the file's record and reported.
 */
import { LoupeError } from '../../../../shared/errors';
import type { ControlResult } from '../../../../shared/pack/task';
import { Notes } from './notes';
import { answerKey } from './doccanoAnswers';
import { doccanoRecords } from './doccanoRecords';
import { anyOverlap, checkedSpan, codePointLength, fileLabel, inferredConfig, isRecord, LabelSet, settledTasks, TaskIds, type Located, type PendingTask } from './textShared';
import type { SourceAnnotation, SourceSet } from './types';

export { writeDoccano, type DoccanoWriteOptions } from './doccanoWrite';

/** The questions a doccano file reads into. */
export const DOCCANO_SPANS_CONTROL = 'entities';
export const DOCCANO_CHOICES_CONTROL = 'category';

export interface DoccanoReadOptions {
  /**
   * Whether the classification question is multi-label. When absent it is multi-label exactly when
   * some example has more than one category (a file cannot say more).
   */
  multiple?: boolean;
}

/** Keys the format itself uses: never taken into meta, never overwritten by meta on writing. */
export const FORMAT_KEYS = new Set(['id', 'text', 'data', 'label', 'labels', 'entities', 'relations', 'cats', 'annotations']);

/** What `meta.doccano` holds for the writer. */
export interface DoccanoMeta {
  layout: 'jsonl' | 'pretty' | 'fasttext';
  compact?: true;
  ascii?: true;
  /** The record's keys in file order. */
  keys: string[];
  /** The id as the file gave it, when it could not be the task's id (repeated, or not a valid id). */
  id?: unknown;
  /** The record's answer-bearing fields as they were (label, entities, annotations …). */
  original: Record<string, unknown>;
  /** Each annotator's answer as read (answerKey), to tell an unchanged answer from a changed one, and who gave it (1.x `user`). */
  read: Array<{ user: string | null; key: string }>;
  /** Spans past the end of the text, as the file had them: written back with the answer. */
  beyondText?: unknown[];
}

/** A label as a file writes it: a non-empty string, or a number (doccano 1.x wrote label ids). */
function labelString(value: unknown, where: Located & { field: string }): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  throw new LoupeError('invalid-input', `a label must be a non-empty string (got ${JSON.stringify(value)})`, where);
}

interface ReadSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  extras?: { doccano: { id: string | number } };
}

/** One person's answer while a record is read. */
class Answering {
  readonly spans: ReadSpan[] = [];
  readonly relations: { from: string; to: string; label: string }[] = [];
  readonly chosen: string[] = [];

  result(): ControlResult[] {
    const answer: ControlResult[] = [];
    if (this.spans.length > 0) answer.push({ kind: 'spans', controlId: DOCCANO_SPANS_CONTROL, spans: this.spans, relations: this.relations });
    if (this.chosen.length > 0) answer.push({ kind: 'choices', controlId: DOCCANO_CHOICES_CONTROL, labels: this.chosen });
    return answer;
  }
}

const ANSWER_KEYS = ['label', 'labels', 'entities', 'relations', 'cats', 'annotations'] as const;

/** Read a doccano file, streamed record by record. */
export async function readDoccano(path: string, options: DoccanoReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const spanLabels = new LabelSet();
  const relationLabels = new LabelSet();
  const categories = new LabelSet();
  const ids = new TaskIds();
  const seenIds = new Set<string>();
  const notes = new Notes();
  const pending: PendingTask[] = [];
  let overlap = false;
  let severalCategories = false;

  for await (const { line, record, layout, style } of doccanoRecords(path)) {
    const where = { file, line };
    const textKey = typeof record.text === 'string' ? 'text' : typeof record.data === 'string' ? 'data' : null;
    if (!textKey) {
      notes.add(`${file}: a record with no "text" has nothing to label and was left out`, `line ${line}`);
      continue;
    }
    const text = record[textKey] as string;
    const length = codePointLength(text);
    const beyondText: unknown[] = [];
    const byAnnotator = new Map<string | null, Answering>();
    const of = (annotator: string | null) => {
      let answering = byAnnotator.get(annotator);
      if (!answering) byAnnotator.set(annotator, (answering = new Answering()));
      return answering;
    };
    /** A span, or (past the end of the text) kept aside to be written back. */
    const addSpan = (to: Answering, start: unknown, end: unknown, label: unknown, field: string, raw: unknown, entityId?: unknown) => {
      if (Number.isInteger(start) && Number.isInteger(end) && (end as number) > length && (start as number) >= 0) {
        beyondText.push(raw);
        notes.add(`${file}: spans past the end of their text are kept in the file as they are, but cannot be shown for labeling`, `line ${line}`);
        return null;
      }
      const span = checkedSpan(start, end, length, { ...where, field });
      const id = `s${to.spans.length + 1}`;
      const kept = typeof entityId === 'string' || typeof entityId === 'number' ? { extras: { doccano: { id: entityId } } } : {};
      to.spans.push({ id, ...span, label: spanLabels.idOf(labelString(label, { ...where, field: `${field}.label` })), ...kept });
      return id;
    };
    const addCategory = (to: Answering, value: unknown, field: string) => {
      const id = categories.idOf(labelString(value, { ...where, field }));
      if (!to.chosen.includes(id)) to.chosen.push(id);
    };

    const listAt = (key: string): unknown[] | null => {
      if (record[key] === undefined) return null;
      if (!Array.isArray(record[key])) throw new LoupeError('invalid-input', `"${key}" must be a list`, { ...where, field: key });
      return record[key] as unknown[];
    };
    const annotations = listAt('annotations');
    if (annotations) {
      // doccano 1.x: every annotation names its user; spans have offsets, categories do not.
      annotations.forEach((a, i) => {
        const field = `annotations.${i}`;
        if (!isRecord(a)) throw new LoupeError('invalid-input', 'an annotation must be an object with a label', { ...where, field });
        const to = of(a.user === undefined || a.user === null ? null : String(a.user));
        if (a.start_offset !== undefined || a.end_offset !== undefined) addSpan(to, a.start_offset, a.end_offset, a.label, field, a, a.id);
        else addCategory(to, a.label, `${field}.label`);
      });
    }
    const entities = listAt('entities');
    if (entities) {
      const to = of(null);
      const byEntityId = new Map<string, string>();
      entities.forEach((entity, i) => {
        const field = `entities.${i}`;
        if (Array.isArray(entity)) {
          addSpan(to, entity[0], entity[1], entity[2], field, entity);
        } else if (isRecord(entity)) {
          const id = addSpan(to, entity.start_offset, entity.end_offset, entity.label, field, entity, entity.id);
          if (id && entity.id !== undefined) byEntityId.set(String(entity.id), id);
        } else {
          throw new LoupeError('invalid-input', 'an entity must be [start, end, label] or an object with start_offset, end_offset and label', { ...where, field });
        }
      });
      (listAt('relations') ?? []).forEach((relation, i) => {
        const field = `relations.${i}`;
        if (!isRecord(relation)) throw new LoupeError('invalid-input', 'a relation must be an object with from_id, to_id and type', { ...where, field });
        const from = byEntityId.get(String(relation.from_id));
        const toId = byEntityId.get(String(relation.to_id));
        if (!from || !toId) throw new LoupeError('invalid-input', `relation names entity ${JSON.stringify(from ? relation.to_id : relation.from_id)}, which this record does not have`, { ...where, field });
        to.relations.push({ from, to: toId, label: relationLabels.idOf(labelString(relation.type, { ...where, field: `${field}.type` })) });
      });
    }
    for (const key of ['label', 'labels', 'cats'] as const) {
      const list = listAt(key);
      if (!list) continue;
      const to = of(null);
      list.forEach((item, i) => {
        const field = `${key}.${i}`;
        if (Array.isArray(item)) {
          if (item.length < 3) throw new LoupeError('invalid-input', 'a span must be [start, end, label]', { ...where, field });
          addSpan(to, item[0], item[1], item[2], field, item);
        } else {
          addCategory(to, item, field);
        }
      });
    }

    const found: SourceAnnotation[] = [...byAnnotator].map(([annotator, answering]) => ({ annotator, kind: 'annotation', answer: answering.result() }));
    for (const a of found) {
      const spans = a.answer.find((r) => r.kind === 'spans');
      const chosen = a.answer.find((r) => r.kind === 'choices');
      if (spans?.kind === 'spans') overlap ||= anyOverlap(spans.spans);
      if (chosen?.kind === 'choices') severalCategories ||= chosen.labels.length > 1;
    }
    const idWasUsed = (record.id !== undefined && seenIds.has(String(record.id)));
    if (record.id !== undefined) seenIds.add(String(record.id));
    let taskId: string | null = null;
    let keptId: unknown;
    try {
      taskId = idWasUsed ? null : ids.claim(record.id, where);
    } catch {
      keptId = record.id;
    }
    if (idWasUsed) {
      keptId = record.id;
      notes.add(`${file}: ids used by more than one record are kept to be written back; the tasks get ids of their own`, `line ${line}, id ${JSON.stringify(record.id)}`);
    }
    const doccano: DoccanoMeta = {
      layout,
      ...(style.compact ? { compact: true as const } : {}),
      ...(style.ascii ? { ascii: true as const } : {}),
      keys: Object.keys(record),
      ...(keptId !== undefined ? { id: keptId } : {}),
      original: Object.fromEntries(ANSWER_KEYS.filter((k) => record[k] !== undefined).map((k) => [k, record[k]])),
      read: found.map((a) => ({ user: a.annotator, key: answerKey(a.answer) })),
      ...(beyondText.length > 0 ? { beyondText } : {}),
    };
    const meta = { ...Object.fromEntries(Object.entries(record).filter(([key]) => !FORMAT_KEYS.has(key))), doccano };
    pending.push({ line, id: taskId, text, meta, annotations: found });
  }

  const labelConfig = inferredConfig(
    [
      { kind: 'spans', id: DOCCANO_SPANS_CONTROL, labels: spanLabels, relations: relationLabels, allowOverlap: overlap },
      { kind: 'choices', id: DOCCANO_CHOICES_CONTROL, labels: categories, multiple: options.multiple ?? severalCategories },
    ],
    file,
    'labels (spans or categories)',
  );
  const warnings = notes.list();
  return { format: 'doccano', labelConfig, tasks: settledTasks(pending, ids, file), images: new Map(), ...(warnings.length > 0 ? { warnings } : {}) };
}
