/**
 * Prodigy JSON Lines: what `prodigy db-out` writes and what its recipes read. A row is
 * `{"text", "spans": [{start, end, label, token_start?, token_end?}], "options"?: [{id, text}],
 * "accept"?: [option ids], "label"?, "answer"?, "meta"?, "_input_hash", "_task_hash", …}`.
 * Offsets are Python string offsets, which are code points, Loupe's own unit: checked, never converted.
 *
 * Reading:
 * - `answer: "accept"`: the row's spans, and its accepted options (or, for a binary classification
 *   row with a top-level `label` and no spans, that label), become an annotation by the row's
 *   `_annotator_id` (else `_session_id`).
 * - `"reject"` / `"ignore"`: no annotation; the answer and who gave it are kept in the task's
 *   `meta.prodigy.answers`, so the decision is not lost.
 * - no `answer`: an unanswered suggestion (a model's spans or preselected options), read as a prediction.
 * - Rows with the same `_task_hash` and text are one question answered several times (several
 *   annotators, or a suggestion and its answer), so they make one task with several annotations.
 * - `tokens` and `token_start` / `token_end` are dropped: Loupe tokenises for itself, and Prodigy
 *   re-tokenises input without tokens. `meta` is kept as the task's meta; the hashes and `_view_id`
 *   go to `meta.prodigy` and are written back, so a re-import matches Prodigy's own records.
 *
 * Writing: one row per task, `answer: "accept"` with the final answer's spans and accepted options,
 * the task's meta as Prodigy's `meta`, and the task id as `id` (Prodigy keeps unknown keys and does
 * not hash them). A task without a final answer is written as input, with no `answer`, carrying
 * its first prediction as suggestions when it has one, as Prodigy reads pre-annotated input.
 * Hashes a task never had are left out; Prodigy computes them when it loads the file.
 */
import { LoupeError } from '../../../../shared/errors';
import type { ChoicesControl, LabelConfig } from '../../../../shared/pack/labelConfig';
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

/** The questions a Prodigy file reads into. */
export const PRODIGY_SPANS_CONTROL = 'entities';
export const PRODIGY_CHOICES_CONTROL = 'category';

export interface ProdigyReadOptions {
  /**
   * Whether the choices question is multi-label. When absent it is when a row says
   * `"config": {"choice_style": "multiple"}` or accepts more than one option.
   */
  multiple?: boolean;
}

export interface ProdigyWriteOptions {
  /** Span labels and option ids written as label ids (the default) or label names. */
  labelAs?: LabelAs;
}

const ANSWERS = ['accept', 'reject', 'ignore'] as const;
type ProdigyAnswer = (typeof ANSWERS)[number];

/** Per-question fields of a row kept in `meta.prodigy` and written back. */
const KEPT_FIELDS = ['_input_hash', '_task_hash', '_view_id'] as const;

function labelString(value: unknown, where: Located & { field: string }): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  throw new LoupeError('invalid-input', `a label must be a non-empty string (got ${JSON.stringify(value)})`, where);
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Read a Prodigy JSONL file, streamed line by line. */
export async function readProdigy(path: string, options: ProdigyReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const spanLabels = new LabelSet();
  const categories = new LabelSet();
  const ids = new TaskIds();
  const pending: PendingTask[] = [];
  const byTaskHash = new Map<string, PendingTask>();
  let overlap = false;
  let multiple = false;

  for await (const { line, record } of jsonLines(path)) {
    const where = { file, line };
    if (typeof record.text !== 'string') throw new LoupeError('invalid-input', 'needs a "text" string (image tasks are not read as text)', { ...where, field: 'text' });
    const text = record.text;
    const answer = record.answer;
    if (answer !== undefined && !(ANSWERS as readonly unknown[]).includes(answer)) {
      throw new LoupeError('invalid-input', `"answer" must be "accept", "reject" or "ignore" (got ${JSON.stringify(answer)})`, { ...where, field: 'answer' });
    }
    if (record.meta !== undefined && !isRecord(record.meta)) throw new LoupeError('invalid-input', '"meta" must be an object', { ...where, field: 'meta' });
    const annotator = stringOrNull(record._annotator_id) ?? stringOrNull(record._session_id);

    const results: ControlResult[] = [];
    if (record.spans !== undefined) {
      if (!Array.isArray(record.spans)) throw new LoupeError('invalid-input', '"spans" must be a list', { ...where, field: 'spans' });
      const length = codePointLength(text);
      const spans = record.spans.map((span: unknown, i) => {
        const field = `spans.${i}`;
        if (!isRecord(span)) throw new LoupeError('invalid-input', 'a span must be an object with start, end and label', { ...where, field });
        const { start, end } = checkedSpan(span.start, span.end, length, { ...where, field });
        return { id: `s${i + 1}`, start, end, label: spanLabels.idOf(labelString(span.label, { ...where, field: `${field}.label` })) };
      });
      results.push({ kind: 'spans', controlId: PRODIGY_SPANS_CONTROL, spans, relations: [] });
      // Rejected spans are not what anyone will keep; accepted and suggested ones may be.
      overlap ||= (answer === 'accept' || answer === undefined) && anyOverlap(spans);
    }

    // Options first, so labels keep the order Prodigy offered them in and their display text.
    if (record.options !== undefined) {
      if (!Array.isArray(record.options)) throw new LoupeError('invalid-input', '"options" must be a list', { ...where, field: 'options' });
      record.options.forEach((option: unknown, i) => {
        const field = `options.${i}`;
        if (!isRecord(option)) throw new LoupeError('invalid-input', 'an option must be an object with id and text', { ...where, field });
        categories.idOf(labelString(option.id, { ...where, field: `${field}.id` }), typeof option.text === 'string' ? option.text : undefined);
      });
    }
    if (record.accept !== undefined) {
      if (!Array.isArray(record.accept)) throw new LoupeError('invalid-input', '"accept" must be a list of option ids', { ...where, field: 'accept' });
      const labels = [...new Set(record.accept.map((id: unknown, i) => categories.idOf(labelString(id, { ...where, field: `accept.${i}` }))))];
      results.push({ kind: 'choices', controlId: PRODIGY_CHOICES_CONTROL, labels });
      multiple ||= labels.length > 1;
    } else if (record.label !== undefined && record.spans === undefined) {
      // Binary classification (textcat.teach and the like): accepting the row accepts its label.
      results.push({ kind: 'choices', controlId: PRODIGY_CHOICES_CONTROL, labels: [categories.idOf(labelString(record.label, { ...where, field: 'label' }))] });
    }
    if (isRecord(record.config) && record.config.choice_style === 'multiple') multiple = true;

    const hash = typeof record._task_hash === 'number' || typeof record._task_hash === 'string' ? String(record._task_hash) : null;
    let task = hash === null ? undefined : byTaskHash.get(hash);
    // The same hash over another text is not the same question; keep the rows apart.
    if (task && task.text !== text) task = undefined;
    if (!task) {
      const kept = Object.fromEntries(KEPT_FIELDS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
      task = {
        line,
        id: ids.claim(record.id, where),
        text,
        meta: { ...(record.meta as Record<string, unknown> | undefined), ...(Object.keys(kept).length > 0 ? { prodigy: kept } : {}) },
        annotations: [],
      };
      pending.push(task);
      if (hash !== null && !byTaskHash.has(hash)) byTaskHash.set(hash, task);
    }

    if (answer === 'accept') {
      if (results.length > 0) task.annotations.push({ annotator, kind: 'annotation', answer: results });
    } else if (answer !== undefined) {
      const meta = (task.meta ??= {});
      const prodigy = (isRecord(meta.prodigy) ? meta.prodigy : (meta.prodigy = {})) as Record<string, unknown>;
      const answers = (Array.isArray(prodigy.answers) ? prodigy.answers : (prodigy.answers = [])) as unknown[];
      answers.push({ answer: answer as ProdigyAnswer, annotator });
    } else if (results.length > 0) {
      const meta = record.meta as Record<string, unknown> | undefined;
      const score = typeof meta?.score === 'number' && meta.score >= 0 && meta.score <= 1 ? meta.score : undefined;
      task.annotations.push({ annotator: null, kind: 'prediction', answer: results, ...(score !== undefined ? { score } : {}) });
    }
  }

  const labelConfig = inferredConfig(
    [
      { kind: 'spans', id: PRODIGY_SPANS_CONTROL, labels: spanLabels, allowOverlap: overlap },
      { kind: 'choices', id: PRODIGY_CHOICES_CONTROL, labels: categories, multiple: options.multiple ?? multiple },
    ],
    file,
    'labels (spans, options or a label)',
  );
  return { format: 'prodigy', labelConfig, tasks: settledTasks(pending, ids, file), images: new Map() };
}

/** The spans and choices questions a Prodigy row carries; refuses a config with neither. */
function questions(config: LabelConfig) {
  const spans = config.controls.find((c) => c.kind === 'spans');
  const choices = config.controls.find((c): c is ChoicesControl => c.kind === 'choices');
  if (!spans && !choices) pickControl(config, ['spans', 'choices'], undefined, 'Prodigy');
  return { spans, choices };
}

/** Write the final answers as Prodigy JSONL (see the module comment). */
export async function writeProdigy(input: ExportInput, outPath: string, options: ProdigyWriteOptions = {}): Promise<ExportOutcome> {
  requireTextData(input.labelConfig, 'Prodigy');
  const labelAs = options.labelAs ?? 'id';
  const { spans: spansControl, choices: choicesControl } = questions(input.labelConfig);
  const spanLabel = spansControl ? labelWriter(spansControl, labelAs) : null;
  const optionId = choicesControl ? labelWriter(choicesControl, labelAs) : null;
  // The same options on every row, as Prodigy's choice interface shows them.
  const offered = choicesControl ? choicesControl.labels.map((l) => ({ id: optionId!(l.id), text: l.name })) : null;

  return writeRows(input, outPath, (row) => {
    const { prodigy, ...meta } = row.task.meta ?? {};
    const source = row.answer ?? row.task.predictions?.[0]?.result ?? null;
    const record: Record<string, unknown> = { id: row.task.id, text: row.task.data.text ?? '' };
    if (spansControl) {
      const result = resultOf(source, spansControl.id, 'spans');
      if (result) record.spans = result.spans.map((s) => ({ start: s.start, end: s.end, label: spanLabel!(s.label) }));
    }
    if (choicesControl) {
      record.options = offered;
      if (choicesControl.multiple) record.config = { choice_style: 'multiple' };
      const result = resultOf(source, choicesControl.id, 'choices');
      if (result) record.accept = result.labels.map((id) => optionId!(id));
    }
    if (row.answer !== null) {
      record.answer = 'accept';
      if (row.annotator !== null) record._annotator_id = row.annotator;
    }
    if (Object.keys(meta).length > 0) record.meta = meta;
    if (isRecord(prodigy)) for (const key of KEPT_FIELDS) if (prodigy[key] !== undefined) record[key] = prodigy[key];
    return `${JSON.stringify(record)}\n`;
  });
}
