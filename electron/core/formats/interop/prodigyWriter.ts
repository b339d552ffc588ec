/**
 * Writing Prodigy JSONL: one row per answer, as `db-out` has one per annotator and question.
 *
 * A task read from a Prodigy file carries its rows (prodigyRows.ts `KeptRow`). Each answer is
 * matched to the row it came from (same person, else a row with the same answer, else the task's
 * first row as a template). Where the answer is the one read, the row goes back as it was read,
 * byte for byte. Where it changed, the kept row is written with only what says the answer
 * rewritten: `answer`, the binary `label`, the choice `accept`, the `spans` (a span that did not
 * move keeps its own fields; a moved or new one gets `token_start`/`token_end` from the row's own
 * `tokens`, and `text` where the row's spans had it), the person (`_annotator_id`, and
 * `_session_id` where the row had one) and `_timestamp`. Every other field stays.
 *
 * With the final choice `all` every person's answer (skips included: Prodigy's `ignore`, or the
 * `reject` it was read from) is a row; with another choice, the final answer is, and the rows of
 * other people are left out, with a warning. A task with no answer is written as Prodigy input:
 * its kept suggestion rows, else its first row without the answer, else a new row carrying its
 * first prediction as suggestions. Tasks made in Loupe get new rows (`id`, `text`, the answer;
 * Prodigy computes hashes a row does not have).
 */
import type { ChoicesControl, LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { Notes } from './notes';
import {
  binaryMeaning,
  codePointSlice,
  keptRows,
  PRODIGY_BINARY_CONTROL,
  pythonJson,
  rowKind,
  rowWithText,
  signature,
  tokenRange,
  UNNAMED_ANNOTATOR,
  type KeptRow,
} from './prodigyRows';
import { isRecord, labelWriter, pickControl, requireTextData, resultOf, writeRows, type LabelAs } from './textShared';
import type { ExportInput, ExportOutcome, FinalRow } from './types';

export interface ProdigyWriteOptions {
  /** Labels of tasks made in Loupe written as label ids (the default) or names; rows read from Prodigy keep Prodigy's. */
  labelAs?: LabelAs;
}

interface OneAnswer {
  annotator: string | null;
  status: 'submitted' | 'skipped';
  answer: Answer;
  skipReason: string | null;
  submittedAt?: string;
}

/** The questions a config asks that a Prodigy row can carry. */
function questionsOf(config: LabelConfig) {
  const spans = config.controls.find((c) => c.kind === 'spans');
  const choicesControls = config.controls.filter((c): c is ChoicesControl => c.kind === 'choices');
  const binary = choicesControls.find((c) => c.id === PRODIGY_BINARY_CONTROL) ?? null;
  const choices = choicesControls.find((c) => c !== binary) ?? null;
  if (!spans && !choices && !binary) pickControl(config, ['spans', 'choices'], undefined, 'Prodigy');
  return { spans, choices, binary };
}

type Questions = ReturnType<typeof questionsOf>;

const nameOf = (labels: readonly { id: string; name: string }[]) => {
  const names = new Map(labels.map((l) => [l.id, l.name]));
  return (id: string) => names.get(id) ?? id;
};

/** The row's answer field for a skip: Prodigy's own answer where it was one, else `ignore`. */
const skipAnswer = (reason: string | null) => (reason === 'reject' || reason === 'ignore' ? reason : 'ignore');

class RowWriter {
  readonly notes = new Notes();
  private readonly spanName: (id: string) => string;
  private readonly binary: Map<string, { label: string; answer: 'accept' | 'reject' }>;

  constructor(
    private readonly q: Questions,
    private readonly labelAs: LabelAs,
  ) {
    this.spanName = q.spans ? nameOf(q.spans.labels) : (id) => id;
    this.binary = binaryMeaning(q.binary?.labels ?? []);
  }

  /** The kept row rewritten to say `a` (see the module comment). */
  changedRow(kept: KeptRow, text: string, a: OneAnswer, taskId: string): Record<string, unknown> {
    const row = rowWithText(kept, text);
    const kind = rowKind(row);
    let answer: string = a.status === 'skipped' ? skipAnswer(a.skipReason) : 'accept';
    if (a.status === 'submitted' && kind === 'binary') {
      const picked = resultOf(a.answer, PRODIGY_BINARY_CONTROL, 'choices')?.labels[0];
      const meaning = picked === undefined ? undefined : this.binary.get(picked);
      if (meaning) {
        row.label = meaning.label;
        answer = meaning.answer;
      } else {
        answer = 'ignore';
        this.notes.add('binary rows answered without picking the label or "not" it are written as ignore', `task ${taskId}`);
      }
    } else if (a.status === 'submitted' && kind === 'choice' && this.q.choices) {
      const labels = resultOf(a.answer, this.q.choices.id, 'choices')?.labels ?? [];
      row.accept = labels.map((id) => kept.optionIds?.[id] ?? id);
    } else if (a.status === 'submitted' && kind === 'spans' && this.q.spans) {
      const spans = resultOf(a.answer, this.q.spans.id, 'spans')?.spans ?? [];
      const hadText = Array.isArray(kept.fields.spans) && kept.fields.spans.some((s) => isRecord(s) && 'text' in s);
      row.spans = spans.map((s) => this.span(s, row, text, hadText, taskId));
    }
    row.answer = answer;
    if (a.annotator !== null && a.annotator !== (kept.annotator ?? UNNAMED_ANNOTATOR)) {
      row._annotator_id = a.annotator;
      if (typeof row._session_id === 'string') row._session_id = a.annotator;
    }
    if ('_timestamp' in row && a.submittedAt) row._timestamp = Math.floor(Date.parse(a.submittedAt) / 1000);
    return row;
  }

  private span(s: { start: number; end: number; label: string; extras?: Record<string, Record<string, unknown>> }, row: Record<string, unknown>, text: string, hadText: boolean, taskId: string) {
    const label = this.spanName(s.label);
    const own = s.extras?.prodigy;
    if (own && own.start === s.start && own.end === s.end && String(own.label) === label) return own;
    const out: Record<string, unknown> = own ? { ...own } : { start: s.start, end: s.end };
    out.start = s.start;
    out.end = s.end;
    if (hadText || (own && 'text' in own)) out.text = codePointSlice(text, s.start, s.end);
    const range = tokenRange(row.tokens, s.start, s.end);
    if (range) {
      out.token_start = range.tokenStart;
      out.token_end = range.tokenEnd;
      if (!range.aligned) this.notes.add("spans that do not start and end on the row's tokens (Prodigy refuses them in ner_manual)", `task ${taskId}`);
    }
    out.label = label;
    return out;
  }

  /** A row for a task made in Loupe (no Prodigy row to start from). */
  newRow(row: FinalRow, a: OneAnswer | null): Record<string, unknown> {
    const { prodigy, ...meta } = row.task.meta ?? {};
    const source = a?.answer ?? row.task.predictions?.[0]?.result ?? null;
    const record: Record<string, unknown> = { id: row.task.id, text: row.task.data.text ?? '' };
    const { spans, choices, binary } = this.q;
    if (spans) {
      const result = resultOf(source, spans.id, 'spans');
      const label = labelWriter(spans, this.labelAs);
      if (result) record.spans = result.spans.map((s) => ({ start: s.start, end: s.end, label: label(s.label) }));
    }
    if (choices) {
      const label = labelWriter(choices, this.labelAs);
      record.options = choices.labels.map((l) => ({ id: label(l.id), text: l.name }));
      if (choices.multiple) record.config = { choice_style: 'multiple' };
      const result = resultOf(source, choices.id, 'choices');
      if (result) record.accept = result.labels.map(label);
    }
    let answer: string | null = a ? (a.status === 'skipped' ? skipAnswer(a.skipReason) : 'accept') : null;
    const picked = binary ? resultOf(source, binary.id, 'choices')?.labels[0] : undefined;
    const meaning = picked === undefined ? undefined : this.binary.get(picked);
    if (meaning) {
      record.label = meaning.label;
      if (answer === 'accept') answer = meaning.answer;
    }
    if (answer !== null) {
      record.answer = answer;
      if (a?.annotator) record._annotator_id = a.annotator;
    }
    if (Object.keys(meta).length > 0) record.meta = meta;
    if (isRecord(prodigy)) for (const key of ['_input_hash', '_task_hash', '_view_id']) if (prodigy[key] !== undefined) record[key] = prodigy[key];
    return record;
  }
}

const line = (kept: KeptRow, text: string) => `${kept.line ?? pythonJson(rowWithText(kept, text))}\n`;

/** The answers a row asks to write: every person's with the final choice `all`, else the final one. */
function answersOf(row: FinalRow): OneAnswer[] {
  if (row.answers) return row.answers;
  return row.answer ? [{ annotator: row.annotator, status: 'submitted', answer: row.answer, skipReason: null }] : [];
}

/** Write the project's answers as Prodigy JSONL (see the module comment). */
export async function writeProdigy(input: ExportInput, outPath: string, options: ProdigyWriteOptions = {}): Promise<ExportOutcome> {
  requireTextData(input.labelConfig, 'Prodigy');
  const writer = new RowWriter(questionsOf(input.labelConfig), options.labelAs ?? 'id');
  let lines = 0;
  const outcome = await writeRows(input, outPath, (row) => {
    const text = row.task.data.text ?? '';
    const kept = keptRows(row.task.meta);
    const answers = answersOf(row);
    const out: { at: number; text: string }[] = [];
    if (answers.length === 0) {
      const suggestions = kept.filter((k) => k.answer === null);
      if (suggestions.length > 0) suggestions.forEach((k) => out.push({ at: 0, text: line(k, text) }));
      else if (kept.length > 0) {
        const { answer: _a, _annotator_id: _i, _timestamp: _t, ...fields } = kept[0]!.fields;
        out.push({ at: 0, text: `${pythonJson(rowWithText({ fields, textAt: kept[0]!.textAt }, text))}\n` });
        writer.notes.add('tasks without a final answer are written as input rows, without the answer the file had', `task ${row.task.id}`);
      } else out.push({ at: 0, text: `${pythonJson(writer.newRow(row, null))}\n` });
    } else {
      const used = new Set<number>();
      const take = (match: (k: KeptRow) => boolean) => {
        const i = kept.findIndex((k, n) => !used.has(n) && match(k));
        if (i >= 0) used.add(i);
        return i;
      };
      // Each answer to its own row where it is unchanged, then to the rows left (see the module comment).
      const sigs = answers.map((a) => signature(a.status, a.skipReason, a.answer));
      const mine = (a: OneAnswer) => (k: KeptRow) => k.answer !== null && (k.annotator ?? UNNAMED_ANNOTATOR) === a.annotator;
      // A person's own row comes before another's with the same answer: matched by answer alone,
      // a changed answer could take the row of someone who gave that answer, and be written as theirs.
      const passes: ((a: OneAnswer, sig: string) => (k: KeptRow) => boolean)[] = [
        (a, sig) => (k) => mine(a)(k) && k.sig === sig,
        (a) => mine(a),
        (_a, sig) => (k) => k.sig === sig,
        () => (k) => k.answer !== null,
        () => () => true,
      ];
      const slot = answers.map(() => -1);
      for (const pass of passes) answers.forEach((a, n) => {
        if (slot[n]! < 0) slot[n] = take(pass(a, sigs[n]!));
      });
      answers.forEach((a, n) => {
        const i = slot[n]!;
        if (i >= 0 && kept[i]!.sig === sigs[n]) out.push({ at: i, text: line(kept[i]!, text) });
        else if (i >= 0) out.push({ at: i, text: `${pythonJson(writer.changedRow(kept[i]!, text, a, row.task.id))}\n` });
        else out.push({ at: kept.length + n, text: `${pythonJson(writer.newRow(row, a))}\n` });
      });
      const left = kept.filter((k, i) => !used.has(i) && k.answer !== null).length;
      for (let n = 0; n < left; n += 1) writer.notes.add("answers of other people in the file are not written (export with the final choice 'all' to keep every answer)", `task ${row.task.id}`);
    }
    // Rows go back in the file's order; answers given in Loupe follow.
    out.sort((x, y) => x.at - y.at);
    lines += out.length;
    return out.map((o) => o.text).join('');
  });
  const warnings = writer.notes.list();
  return { ...outcome, rows: lines, ...(warnings.length > 0 ? { warnings } : {}) };
}
