/**
 * Prodigy JSON Lines: what `prodigy db-out` writes and what its recipes read. Offsets are Python
 * string offsets, which are code points, Loupe's own unit: checked, never converted.
 *
 * Three kinds of row (prodigyRows.ts `rowKind`), each read as the answer it is:
 * - binary (`label` + `answer`, textcat.teach): a "label" question offering the label and "not"
 *   it; `accept` picks the label, `reject` picks "not" it;
 * - choice (`options: [{id, text|html|image}]` + `accept: [ids]`): a "category" question over the
 *   options, multi-label when a row says `config.choice_style: multiple` or accepts several;
 * - spans (`spans`, with or without `tokens`): an "entities" question; an accepted row with no
 *   spans is answered "nothing here" (`none: true`).
 * `answer: ignore` (and `reject` on choice and spans rows, where it rejects the whole task) is a
 * skipped annotation whose reason is Prodigy's answer. A row with no `answer` is a suggestion,
 * read as a prediction. Rows with the same `_task_hash` and text are one question answered by
 * several people (`_annotator_id`, else `_session_id`), so they make one task; a second row of the
 * same person is another task, since Prodigy would not ask the same person twice.
 *
 * Nothing is dropped: every row is kept in its task's `meta.prodigy.rows` (hashes, `_view_id`,
 * `_timestamp`, `tokens`, `score`, `priority`, `options`, `config`, unknown keys; prodigyRows.ts),
 * each span's own fields in its `extras.prodigy`, and the first row's `meta` is the task's meta.
 * The writer (prodigyWriter.ts) gives back every row whose answer did not change byte for byte.
 */
import { LoupeError } from '../../../../shared/errors';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import { Notes } from './notes';
import {
  ANSWERS,
  keptRows,
  notLabel,
  PRODIGY_BINARY_CONTROL,
  PRODIGY_CHOICES_CONTROL,
  PRODIGY_SPANS_CONTROL,
  pythonJson,
  rowKind,
  signature,
  type KeptRow,
  type ProdigyAnswer,
} from './prodigyRows';
import {
  anyOverlap,
  checkedSpan,
  codePointLength,
  fileLabel,
  inferredConfig,
  isRecord,
  jsonLines,
  LabelSet,
  settledTasks,
  TaskIds,
  type Located,
  type PendingTask,
} from './textShared';
import type { SourceAnnotation, SourceSet } from './types';

export { PRODIGY_BINARY_CONTROL, PRODIGY_CHOICES_CONTROL, PRODIGY_SPANS_CONTROL } from './prodigyRows';
export { writeProdigy, type ProdigyWriteOptions } from './prodigyWriter';

export interface ProdigyReadOptions {
  /**
   * Whether the choices question is multi-label. When absent it is when a row says
   * `"config": {"choice_style": "multiple"}` or accepts more than one option.
   */
  multiple?: boolean;
}

/** Per-question fields of the first row, also kept at the top of `meta.prodigy` where people look. */
const QUESTION_FIELDS = ['_input_hash', '_task_hash', '_view_id'] as const;

function labelString(value: unknown, where: Located & { field: string }): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  throw new LoupeError('invalid-input', `a label must be a non-empty string (got ${JSON.stringify(value)})`, where);
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What an option shows, as a label name: its text, its html without tags, else its id. */
function optionName(option: Record<string, unknown>): string | undefined {
  if (typeof option.text === 'string' && option.text.trim() !== '') return option.text;
  if (typeof option.html === 'string') {
    const plain = option.html
      .replace(/<[^>]*>/g, '')
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) =>
        e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? all),
      )
      .replace(/\s+/g, ' ')
      .trim();
    if (plain !== '') return plain;
  }
  return undefined;
}

interface Questions {
  spanLabels: LabelSet;
  categories: LabelSet;
  binary: LabelSet;
  notes: Notes;
  overlap: boolean;
  multiple: boolean;
  tokens: boolean;
  optionSets: Set<string>;
  emptyAccept: boolean;
}

/** The spans of a spans row as Loupe spans, each keeping its own fields in `extras.prodigy`. */
function readSpans(record: Record<string, unknown>, text: string, q: Questions, where: Located): ControlResult & { kind: 'spans' } {
  if (!Array.isArray(record.spans)) throw new LoupeError('invalid-input', '"spans" must be a list', { ...where, field: 'spans' });
  const length = codePointLength(text);
  const spans = record.spans.map((span: unknown, i) => {
    const field = `spans.${i}`;
    if (!isRecord(span)) throw new LoupeError('invalid-input', 'a span must be an object with start, end and label', { ...where, field });
    const { start, end } = checkedSpan(span.start, span.end, length, { ...where, field });
    const label = q.spanLabels.idOf(labelString(span.label, { ...where, field: `${field}.label` }));
    // A span's own fields (token_start, text, source, rank, score …) ride along, in the file's order.
    const own = Object.keys(span).some((k) => k !== 'start' && k !== 'end' && k !== 'label');
    return { id: `s${i + 1}`, start, end, label, ...(own ? { extras: { prodigy: span as Record<string, never> } } : {}) };
  });
  return { kind: 'spans', controlId: PRODIGY_SPANS_CONTROL, spans, relations: [] };
}

/** A choice row's options as labels, and the ids it accepted as Loupe label ids. */
function readChoice(record: Record<string, unknown>, q: Questions, where: Located, optionIds: Record<string, string | number>): string[] | null {
  if (record.options !== undefined) {
    if (!Array.isArray(record.options)) throw new LoupeError('invalid-input', '"options" must be a list', { ...where, field: 'options' });
    const ids = record.options.map((option: unknown, i) => {
      const field = `options.${i}`;
      if (!isRecord(option)) throw new LoupeError('invalid-input', 'an option must be an object with an id', { ...where, field });
      const raw = labelString(option.id, { ...where, field: `${field}.id` });
      const id = q.categories.idOf(raw, optionName(option));
      if (id !== option.id) optionIds[id] = option.id as string | number;
      return raw;
    });
    q.optionSets.add(JSON.stringify(ids));
  }
  if (isRecord(record.config) && record.config.choice_style === 'multiple') q.multiple = true;
  if (record.accept === undefined) return null;
  if (!Array.isArray(record.accept)) throw new LoupeError('invalid-input', '"accept" must be a list of option ids', { ...where, field: 'accept' });
  const labels = [
    ...new Set(
      record.accept.map((raw: unknown, i) => {
        const id = q.categories.idOf(labelString(raw, { ...where, field: `accept.${i}` }));
        if (id !== raw) optionIds[id] = raw as string | number;
        return id;
      }),
    ),
  ];
  q.multiple ||= labels.length > 1;
  return labels;
}

/** The option ids of the binary question for a row's label: [accept, reject]. */
function binaryIds(label: string, q: Questions): [string, string] {
  // The key of the "not" option cannot be a label of the file's own (no label holds a NUL).
  return [q.binary.idOf(label), q.binary.idOf(`\u0000not\u0000${label}`, notLabel(label))];
}

/** A row read: the Loupe answer it gives (null for a suggestion with nothing in it) and its kept form. */
function readRow(record: Record<string, unknown>, text: string, lineText: string, q: Questions, where: Located) {
  const answer = record.answer as ProdigyAnswer | undefined;
  const annotator = stringOrNull(record._annotator_id) ?? stringOrNull(record._session_id);
  const kind = rowKind(record);
  const optionIds: Record<string, string | number> = {};
  const results: ControlResult[] = [];
  if (kind === 'binary') {
    const [yes, no] = binaryIds(labelString(record.label, { ...where, field: 'label' }), q);
    if (answer !== 'ignore') results.push({ kind: 'choices', controlId: PRODIGY_BINARY_CONTROL, labels: [answer === 'reject' ? no : yes] });
  } else if (kind === 'choice') {
    const accepted = readChoice(record, q, where, optionIds);
    if (accepted !== null) results.push({ kind: 'choices', controlId: PRODIGY_CHOICES_CONTROL, labels: accepted });
    if (accepted?.length === 0 && answer === 'accept') q.emptyAccept = true;
  } else if (record.spans !== undefined || answer === 'accept') {
    const spans = record.spans === undefined ? { kind: 'spans' as const, controlId: PRODIGY_SPANS_CONTROL, spans: [], relations: [] } : readSpans(record, text, q, where);
    // Rejected spans are not what anyone will keep; accepted and suggested ones may be.
    q.overlap ||= (answer === 'accept' || answer === undefined) && anyOverlap(spans.spans);
    q.tokens ||= Array.isArray(record.tokens) && record.tokens.length > 0;
    if (answer === 'accept' && spans.spans.length === 0) results.push({ ...spans, none: true });
    else results.push(spans);
  }

  const skipped = answer === 'ignore' || (answer === 'reject' && kind !== 'binary');
  const annotation: SourceAnnotation | null =
    answer === undefined
      ? null
      : skipped
        ? { annotator, kind: 'annotation', answer: [], status: 'skipped', skipReason: answer }
        : { annotator, kind: 'annotation', answer: results };
  if (annotation && Number.isInteger(record._timestamp)) annotation.at = new Date((record._timestamp as number) * 1000).toISOString();

  const { text: _text, ...fields } = record;
  const kept: KeptRow = {
    fields,
    textAt: Object.keys(record).indexOf('text'),
    annotator,
    answer: answer ?? null,
    sig: annotation ? signature(annotation.status ?? 'submitted', annotation.skipReason ?? null, annotation.answer) : null,
    ...(pythonJson(record) === lineText ? {} : { line: lineText }),
    ...(Object.keys(optionIds).length > 0 ? { optionIds } : {}),
  };
  return { annotation, prediction: answer === undefined && results.some(hasContent) ? results : null, kept, annotator };
}

const hasContent = (r: ControlResult) => (r.kind === 'spans' ? r.spans.length > 0 : r.kind === 'choices' ? r.labels.length > 0 : true);

/** Read a Prodigy JSONL file, streamed line by line. */
export async function readProdigy(path: string, options: ProdigyReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const q: Questions = {
    spanLabels: new LabelSet(), categories: new LabelSet(), binary: new LabelSet(), notes: new Notes(),
    overlap: false, multiple: false, tokens: false, optionSets: new Set(), emptyAccept: false,
  };
  const ids = new TaskIds();
  const pending: PendingTask[] = [];
  // Tasks by _task_hash, with the people who answered each (a second answer of one person is a new task).
  const byTaskHash = new Map<string, { task: PendingTask; answered: Set<string | null> }[]>();

  for await (const { line, record, text: lineText } of jsonLines(path)) {
    const where = { file, line };
    if (typeof record.text !== 'string') throw new LoupeError('invalid-input', 'needs a "text" string (image tasks are not read as text)', { ...where, field: 'text' });
    const text = record.text;
    if (record.answer !== undefined && !(ANSWERS as readonly unknown[]).includes(record.answer)) {
      throw new LoupeError('invalid-input', `"answer" must be "accept", "reject" or "ignore" (got ${JSON.stringify(record.answer)})`, { ...where, field: 'answer' });
    }
    const row = readRow(record, text, lineText, q, where);

    const hash = typeof record._task_hash === 'number' || typeof record._task_hash === 'string' ? String(record._task_hash) : null;
    const candidates = hash === null ? [] : (byTaskHash.get(hash) ?? []);
    // The same hash over another text is not the same question.
    let entry = candidates.find((c) => c.task.text === text && !(row.annotation && c.answered.has(row.annotator)));
    if (!entry) {
      const question = Object.fromEntries(QUESTION_FIELDS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
      const task: PendingTask = {
        line,
        id: ids.claim(record.id, where),
        text,
        meta: { ...(isRecord(record.meta) ? record.meta : {}), prodigy: { ...question, rows: [] } },
        annotations: [],
      };
      pending.push(task);
      entry = { task, answered: new Set() };
      if (hash !== null) byTaskHash.set(hash, [...candidates, entry]);
    }
    keptRows(entry.task.meta).push(row.kept);
    if (row.annotation) {
      entry.task.annotations.push(row.annotation);
      entry.answered.add(row.annotator);
    } else if (row.prediction) {
      const meta = record.meta as Record<string, unknown> | undefined;
      const score = typeof meta?.score === 'number' && meta.score >= 0 && meta.score <= 1 ? meta.score : undefined;
      entry.task.annotations.push({ annotator: null, kind: 'prediction', answer: row.prediction as Answer, ...(score !== undefined ? { score } : {}) });
    }
  }

  const found = [
    { kind: 'spans' as const, id: PRODIGY_SPANS_CONTROL, labels: q.spanLabels, allowOverlap: q.overlap, ...(q.tokens ? { snapToTokens: false } : {}) },
    { kind: 'choices' as const, id: PRODIGY_CHOICES_CONTROL, labels: q.categories, multiple: options.multiple ?? q.multiple },
    { kind: 'choices' as const, id: PRODIGY_BINARY_CONTROL, labels: q.binary, multiple: false },
  ];
  const inferred = inferredConfig(found, file, 'labels (spans, options or a label)');
  const asked = inferred.controls.length;
  const binaryLabels = q.binary.labels().filter((_, i) => i % 2 === 0);
  const labelConfig = {
    ...inferred,
    controls: inferred.controls.map((c) => ({
      ...c,
      // A file mixing kinds of row asks each task one of its questions, so none can be required.
      ...(asked > 1 || (c.id === PRODIGY_CHOICES_CONTROL && q.emptyAccept) ? { required: false } : {}),
      ...(c.id === PRODIGY_BINARY_CONTROL && binaryLabels.length === 1 ? { title: `${binaryLabels[0]!.name}?`.slice(0, 300) } : {}),
    })),
  };
  if (q.tokens) q.notes.add("spans follow the file's own tokens (Prodigy's tokenizer), so the spans question does not snap to Loupe's whitespace tokens");
  if (q.optionSets.size > 1) q.notes.add(`rows offer different options (${q.optionSets.size} sets); the choices question offers all ${q.categories.size}, and each row is written back with its own`);
  const warnings = q.notes.list();
  return { format: 'prodigy', labelConfig, tasks: settledTasks(pending, ids, file), images: new Map(), ...(warnings.length > 0 ? { warnings } : {}) };
}
