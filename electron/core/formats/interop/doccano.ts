/**
 * doccano JSON Lines, one example per line. The shapes read:
 *
 * - sequence labelling: `{"text": …, "label": [[start, end, "TYPE"], …]}`;
 * - text classification: `{"text": …, "label": ["A", "B"]}`;
 * - either under `labels` instead of `label` (what several converters write);
 * - the export of projects with relation labelling: `{"text": …, "entities": [{"id", "label",
 *   "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`.
 *
 * Offsets are character offsets as Python counts them, which are code points, Loupe's own unit, so
 * they are checked but never converted. The example's `id` is kept as the task id; every other key
 * (doccano writes metadata as top-level keys, and `Comments`) goes into the task's meta and is
 * written back as top-level keys. A label list that is empty is how doccano exports an example
 * nobody labelled, so it reads as a task without an annotation, not as an answer of "nothing".
 */
import { LoupeError } from '../../../../shared/errors';
import type { ControlResult } from '../../../../shared/pack/task';
import {
  anyOverlap,
  checkedSpan,
  codePointLength,
  fileLabel,
  inferredConfig,
  isRecord,
  jsonLines,
  LabelSet,
  labelWriter,
  pickControl,
  requireTextData,
  resultOf,
  settledTasks,
  TaskIds,
  writeRows,
  type LabelAs,
  type Located,
  type PendingTask,
} from './textShared';
import type { ExportInput, ExportOutcome, SourceSet } from './types';

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

export interface DoccanoWriteOptions {
  /** The spans or choices question to export; the config's first spans question, else its first choices question. */
  control?: string;
  /** Labels written as label ids (the default) or label names. */
  labelAs?: LabelAs;
}

/** Keys the format itself uses: never taken into meta, never overwritten by meta on writing. */
const FORMAT_KEYS = new Set(['id', 'text', 'label', 'labels', 'entities', 'relations']);

/** A label as a file writes it: a non-empty string, or a number (early doccano exported label ids). */
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
}

/** Read a doccano JSONL file, streamed line by line. */
export async function readDoccano(path: string, options: DoccanoReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const spanLabels = new LabelSet();
  const relationLabels = new LabelSet();
  const categories = new LabelSet();
  const ids = new TaskIds();
  const pending: PendingTask[] = [];
  let overlap = false;
  let severalCategories = false;

  for await (const { line, record } of jsonLines(path)) {
    const where = { file, line };
    // Some doccano versions exported the text under `data`.
    const textKey = typeof record.text === 'string' ? 'text' : typeof record.data === 'string' ? 'data' : null;
    if (!textKey) throw new LoupeError('invalid-input', 'needs a "text" string', { ...where, field: 'text' });
    const text = record[textKey] as string;
    const length = codePointLength(text);
    const spans: ReadSpan[] = [];
    const relations: { from: string; to: string; label: string }[] = [];
    const chosen: string[] = [];

    if (record.entities !== undefined) {
      if (!Array.isArray(record.entities)) throw new LoupeError('invalid-input', '"entities" must be a list', { ...where, field: 'entities' });
      const byEntityId = new Map<string, string>();
      record.entities.forEach((entity: unknown, i) => {
        const field = `entities.${i}`;
        if (!isRecord(entity)) throw new LoupeError('invalid-input', 'an entity must be an object with start_offset, end_offset and label', { ...where, field });
        const { start, end } = checkedSpan(entity.start_offset, entity.end_offset, length, { ...where, field });
        const id = `s${spans.length + 1}`;
        spans.push({ id, start, end, label: spanLabels.idOf(labelString(entity.label, { ...where, field: `${field}.label` })) });
        if (entity.id !== undefined) byEntityId.set(String(entity.id), id);
      });
      if (record.relations !== undefined) {
        if (!Array.isArray(record.relations)) throw new LoupeError('invalid-input', '"relations" must be a list', { ...where, field: 'relations' });
        record.relations.forEach((relation: unknown, i) => {
          const field = `relations.${i}`;
          if (!isRecord(relation)) throw new LoupeError('invalid-input', 'a relation must be an object with from_id, to_id and type', { ...where, field });
          const from = byEntityId.get(String(relation.from_id));
          const to = byEntityId.get(String(relation.to_id));
          if (!from || !to) {
            throw new LoupeError('invalid-input', `relation names entity ${JSON.stringify(from ? relation.to_id : relation.from_id)}, which this line does not have`, { ...where, field });
          }
          relations.push({ from, to, label: relationLabels.idOf(labelString(relation.type, { ...where, field: `${field}.type` })) });
        });
      }
    }

    const labelKey = record.label !== undefined ? 'label' : record.labels !== undefined ? 'labels' : null;
    if (labelKey) {
      const list = record[labelKey];
      if (!Array.isArray(list)) throw new LoupeError('invalid-input', `"${labelKey}" must be a list of [start, end, label] spans or of categories`, { ...where, field: labelKey });
      list.forEach((item: unknown, i) => {
        const field = `${labelKey}.${i}`;
        if (Array.isArray(item)) {
          if (item.length < 3) throw new LoupeError('invalid-input', 'a span must be [start, end, label]', { ...where, field });
          const { start, end } = checkedSpan(item[0], item[1], length, { ...where, field });
          spans.push({ id: `s${spans.length + 1}`, start, end, label: spanLabels.idOf(labelString(item[2], { ...where, field: `${field}.2` })) });
        } else {
          const id = categories.idOf(labelString(item, { ...where, field }));
          if (!chosen.includes(id)) chosen.push(id);
        }
      });
    }

    const answer: ControlResult[] = [];
    if (spans.length > 0) {
      answer.push({ kind: 'spans', controlId: DOCCANO_SPANS_CONTROL, spans, relations });
      overlap ||= anyOverlap(spans);
    }
    if (chosen.length > 0) {
      answer.push({ kind: 'choices', controlId: DOCCANO_CHOICES_CONTROL, labels: chosen });
      severalCategories ||= chosen.length > 1;
    }
    const meta = Object.fromEntries(Object.entries(record).filter(([key]) => !FORMAT_KEYS.has(key) && key !== textKey));
    pending.push({
      line,
      id: ids.claim(record.id, where),
      text,
      meta,
      annotations: answer.length > 0 ? [{ annotator: null, kind: 'annotation', answer }] : [],
    });
  }

  const labelConfig = inferredConfig(
    [
      { kind: 'spans', id: DOCCANO_SPANS_CONTROL, labels: spanLabels, relations: relationLabels, allowOverlap: overlap },
      { kind: 'choices', id: DOCCANO_CHOICES_CONTROL, labels: categories, multiple: options.multiple ?? severalCategories },
    ],
    file,
    'labels (spans or categories)',
  );
  return { format: 'doccano', labelConfig, tasks: settledTasks(pending, ids, file), images: new Map() };
}

/** doccano numbers its examples; an id that is a plain number goes back as one. */
const doccanoId = (id: string): string | number => (/^(0|[1-9][0-9]{0,14})$/.test(id) ? Number(id) : id);

/**
 * Write the final answers as doccano JSONL: `[start, end, label]` spans for a spans question (the
 * `entities` / `relations` form when the question asks for relations, which the list form cannot
 * hold), the category list for a choices question. A task without an answer is written with an
 * empty list, as doccano exports an unlabelled example.
 */
export async function writeDoccano(input: ExportInput, outPath: string, options: DoccanoWriteOptions = {}): Promise<ExportOutcome> {
  requireTextData(input.labelConfig, 'doccano');
  const control = pickControl(input.labelConfig, ['spans', 'choices'], options.control, 'doccano');
  const labelAs = options.labelAs ?? 'id';
  const nameOf = labelWriter(control, labelAs);
  const relationName = control.kind === 'spans' ? labelWriter({ labels: control.relations }, labelAs) : nameOf;
  const withRelations = control.kind === 'spans' && control.relations.length > 0;

  return writeRows(input, outPath, (row) => {
    const record: Record<string, unknown> = { id: doccanoId(row.task.id), text: row.task.data.text ?? '' };
    if (control.kind === 'choices') {
      record.label = resultOf(row.answer, control.id, 'choices')?.labels.map(nameOf) ?? [];
    } else {
      const result = resultOf(row.answer, control.id, 'spans');
      const spans = result?.spans ?? [];
      if (withRelations) {
        const numbers = new Map(spans.map((s, i) => [s.id, i + 1]));
        record.entities = spans.map((s, i) => ({ id: i + 1, label: nameOf(s.label), start_offset: s.start, end_offset: s.end }));
        record.relations = (result?.relations ?? []).flatMap((r) => {
          const from = numbers.get(r.from);
          const to = numbers.get(r.to);
          // A relation whose span is gone has nothing to point at.
          return from !== undefined && to !== undefined ? [{ from_id: from, to_id: to, type: relationName(r.label) }] : [];
        }).map((r, i) => ({ id: i + 1, ...r }));
      } else {
        record.label = spans.map((s) => [s.start, s.end, nameOf(s.label)]);
      }
    }
    for (const [key, value] of Object.entries(row.task.meta ?? {})) if (!FORMAT_KEYS.has(key)) record[key] = value;
    return `${JSON.stringify(record)}\n`;
  });
}
