/**
 * The AI-evaluation dataset exports: the submitted answers to a pack's preference, ranking, rubric
 * and rewrite questions, reshaped into what training and analysis pipelines read.
 *
 * - `preference-pairs` (JSONL): chosen/rejected pairs as Hugging Face TRL's reward and DPO trainers
 *   read them: strings for a plain-text prompt, TRL's conversational format for a conversation.
 * - `rubric-csv` / `rubric-jsonl`: one row per rubric answer, one score per dimension.
 * - `rewrites` (JSONL): each corrected response beside its original, with the word diff.
 *
 * Only submitted answers count: a skip is not a judgement. The pack is read in batches and written
 * through lineWriter.ts, so memory stays flat on large packs and a failed export leaves no file.
 */
import { stringify } from 'csv-stringify/sync';
import { LoupeError } from '../../../shared/errors';
import type { Control, LabelConfig, PairwiseControl, RubricControl } from '../../../shared/pack/labelConfig';
import type { ControlResult, Task } from '../../../shared/pack/task';
import { responsesOf, targetResponse, type Response } from '../../../shared/questions';
import { rewriteDiff } from '../../../shared/rewriteDiff';
import type { ExportRow, Store } from '../store';
import { writeFileAtomically } from './lineWriter';

import { AI_EVAL_FORMATS, type AiEvalFormat } from '../../../shared/exportFormats';

export { AI_EVAL_FORMATS, type AiEvalFormat };

export function isAiEvalFormat(format: string): format is AiEvalFormat {
  return (AI_EVAL_FORMATS as readonly string[]).includes(format);
}

export interface AiEvalCounts {
  /** Records written (pairs, rubric rows or rewrites), not counting a CSV header. */
  rows: number;
  /** Tasks that gave at least one record. */
  tasks: number;
  /** preference-pairs only: pairwise answers that were ties, which make no pair. */
  skippedTies?: number;
}

/** The question kinds each format reads; a pack asking none of them has nothing to export. */
const NEEDED_KINDS: Record<AiEvalFormat, readonly Control['kind'][]> = {
  'preference-pairs': ['pairwise', 'ranking'],
  'rubric-csv': ['rubric'],
  'rubric-jsonl': ['rubric'],
  rewrites: ['rewrite'],
};

/** One submitted answer to one question, with the task and annotation around it. */
interface Answered {
  task: Task;
  annotation: ExportRow['annotations'][number];
  control: Control;
  result: ControlResult;
}

/** How a format turns answers into text: a header once, then the records of each answer. */
interface Shape {
  header: string;
  records(answered: Answered): unknown[];
  serialize(records: unknown[]): string;
}

const jsonLines = (records: unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** A response an answer names. Results packs are checked without their tasks, so say which answer is wrong. */
function mustExist(a: Answered, response: Response | undefined, what: string): Response {
  if (response) return response;
  throw new LoupeError('invalid-input', `task "${a.task.id}": ${a.annotation.annotator.id}'s answer to "${a.control.id}" names ${what}, which the task does not have`);
}

const responseById = (a: Answered, id: string) => mustExist(a, responsesOf(a.task).find((r) => r.id === id), `response "${id}"`);

// Preference pairs ------------------------------------------------------------------------------

function pairRecord(a: Answered, chosen: Response, rejected: Response, rest: Record<string, unknown>): Record<string, unknown> {
  const prompt = a.task.data.prompt ?? '';
  // TRL reads a conversation prompt as its list of turns, and then each completion as a message list.
  const completion = (content: string) => (typeof prompt === 'string' ? content : [{ role: 'assistant', content }]);
  return {
    prompt,
    chosen: completion(chosen.content),
    rejected: completion(rejected.content),
    task_id: a.task.id,
    question: a.control.id,
    annotator: a.annotation.annotator.id,
    chosen_id: chosen.id,
    rejected_id: rejected.id,
    ...rest,
  };
}

function pairwisePairs(a: Answered, control: PairwiseControl, result: Extract<ControlResult, { kind: 'pairwise' }>, counts: { skippedTies: number }): unknown[] {
  // An optional preference may be submitted with per-dimension picks but no overall choice: no pair.
  if (result.choice === undefined) return [];
  if (result.choice === 'tie') {
    counts.skippedTies += 1;
    return [];
  }
  const [first, second] = responsesOf(a.task);
  const A = mustExist(a, first, 'response A');
  const B = mustExist(a, second, 'response B');
  // Per-dimension picks are stored as A/B; a pair has no A or B, so say which side of it each favours.
  const side = (pick: 'A' | 'B' | 'tie' | undefined) => (pick === undefined ? null : pick === 'tie' ? 'tie' : pick === result.choice ? 'chosen' : 'rejected');
  const dimensions = Object.fromEntries(control.dimensions.map((d) => [d.id, side(result.dimensions?.[d.id])]));
  return [
    pairRecord(a, result.choice === 'A' ? A : B, result.choice === 'A' ? B : A, {
      strength: result.strength ?? null,
      margin: result.strength ?? 1,
      source: 'pairwise',
      justification: result.justification,
      ...(control.dimensions.length > 0 ? { dimensions } : {}),
    }),
  ];
}

/** Every two responses in different ranks make a pair; the margin is how many ranks apart they are. */
function rankingPairs(a: Answered, order: string[][]): unknown[] {
  const pairs: unknown[] = [];
  order.forEach((better, i) => {
    order.slice(i + 1).forEach((worse, gap) => {
      for (const chosen of better) {
        for (const rejected of worse) {
          pairs.push(pairRecord(a, responseById(a, chosen), responseById(a, rejected), { strength: null, margin: gap + 1, source: 'ranking', justification: null }));
        }
      }
    });
  });
  return pairs;
}

function preferencePairs(counts: { skippedTies: number }): Shape {
  return {
    header: '',
    records(a) {
      if (a.control.kind === 'pairwise' && a.result.kind === 'pairwise') return pairwisePairs(a, a.control, a.result, counts);
      if (a.result.kind === 'ranking') return rankingPairs(a, a.result.order);
      return [];
    },
    serialize: jsonLines,
  };
}

// Rubrics ---------------------------------------------------------------------------------------

function rubricRow(a: Answered, control: RubricControl, result: Extract<ControlResult, { kind: 'rubric' }>) {
  return {
    task_id: a.task.id,
    annotator: a.annotation.annotator.id,
    question: control.id,
    // The version the scores were given under, so scores from an older rubric are told apart.
    rubric_version: result.rubricVersion ?? control.rubricVersion,
    response_id: targetResponse(control, a.task)?.id ?? null,
    scores: Object.fromEntries(control.dimensions.map((d) => [d.id, result.scores[d.id] ?? null])),
    // Time is recorded per task, not per question.
    active_ms: a.annotation.activeMs,
    submitted_at: a.annotation.submittedAt,
  };
}

const rubricRows = (a: Answered) => (a.control.kind === 'rubric' && a.result.kind === 'rubric' ? [rubricRow(a, a.control, a.result)] : []);

const CSV_FIXED = ['task_id', 'annotator', 'question', 'rubric_version', 'response_id', 'active_ms', 'submitted_at'];

/** One score column per dimension id, across the pack's rubric questions in config order. */
function rubricCsv(questions: readonly Control[]): Shape {
  const dimensions = [...new Set(questions.flatMap((q) => (q.kind === 'rubric' ? q.dimensions.map((d) => d.id) : [])))];
  const clash = dimensions.find((id) => CSV_FIXED.includes(id));
  if (clash) throw new LoupeError('invalid-input', `rubric dimension "${clash}" has the name of a fixed column of rubric-csv; use rubric-jsonl`);
  return {
    header: stringify([[...CSV_FIXED.slice(0, 5), ...dimensions, ...CSV_FIXED.slice(5)]]),
    records: (a) =>
      rubricRows(a).map((r) => [r.task_id, r.annotator, r.question, r.rubric_version, r.response_id, ...dimensions.map((id) => r.scores[id] ?? null), r.active_ms, r.submitted_at]),
    serialize: (records) => (records.length > 0 ? stringify(records as unknown[][]) : ''),
  };
}

// Rewrites --------------------------------------------------------------------------------------

function rewriteRecords(a: Answered): unknown[] {
  if (a.result.kind !== 'rewrite') return [];
  const { responseId, text, diff } = a.result;
  const original = responseById(a, responseId).content;
  return [
    {
      task_id: a.task.id,
      annotator: a.annotation.annotator.id,
      question: a.control.id,
      response_id: responseId,
      prompt: a.task.data.prompt ?? '',
      original,
      corrected: text,
      diff: diff ?? rewriteDiff(original, text),
      changed: text !== original,
    },
  ];
}

// The export ------------------------------------------------------------------------------------

/** The questions a format reads, by id in config order; refuses a config that has none. */
function questionsFor(labelConfig: LabelConfig | null, owner: string, format: AiEvalFormat): Map<string, Control> {
  const kinds = NEEDED_KINDS[format];
  const controls = labelConfig?.controls ?? [];
  const questions = new Map(controls.filter((c) => kinds.includes(c.kind)).map((c) => [c.id, c]));
  if (questions.size === 0) {
    const asked = controls.length > 0 ? `it asks only ${controls.map((c) => `${c.kind} "${c.id}"`).join(', ')}` : 'it asks no questions';
    throw new LoupeError('invalid-input', `the ${format} export needs a ${kinds.join(' or ')} question, and ${owner} has none (${asked})`);
  }
  return questions;
}

/** The submitted answers in a task's row to the given questions: annotator by annotator, in config order. */
function* answersIn(row: ExportRow, questions: ReadonlyMap<string, Control>): Generator<Answered> {
  let task: Task | null = null; // parsed only when something of it is exported
  for (const annotation of row.annotations) {
    if (annotation.status !== 'submitted') continue;
    for (const control of questions.values()) {
      const result = annotation.answer.find((r) => r.controlId === control.id && r.kind === control.kind);
      if (!result) continue;
      task ??= JSON.parse(row.body) as Task;
      yield { task, annotation, control, result };
    }
  }
}

function nothingToPair(owner: string, questions: ReadonlyMap<string, Control>, ties: number): LoupeError {
  const asked = [...questions.values()].map((q) => `${q.kind} "${q.id}"`).join(', ');
  const why = ties > 0 ? `its ${ties} ${ties === 1 ? 'answer is a tie' : 'answers are ties'}, which make no pair` : `no submitted answer to ${asked} prefers one response`;
  return new LoupeError('invalid-input', `the preference-pairs export has nothing to write: ${owner} has no pair (${why})`);
}

/** What an export's counts mean for the person: the ties that made no pair. */
export function aiEvalWarnings(counts: AiEvalCounts): string[] {
  const ties = counts.skippedTies ?? 0;
  return ties > 0 ? [`${ties} ${ties === 1 ? 'preference was a tie' : 'preferences were ties'}, which make no pair: left out`] : [];
}

export async function exportAiEval(
  store: Store,
  packId: string,
  format: AiEvalFormat,
  outPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<AiEvalCounts> {
  const pack = await store.pack(packId);
  return exportAiEvalRows({ labelConfig: pack.labelConfig, owner: `pack "${pack.id}"`, rows: store.exportRows(packId), total: await store.taskCount(packId) }, format, outPath, onProgress);
}

/** The same export over any rows (a pack's, or a project's final answers shaped as rows). */
export async function exportAiEvalRows(
  source: { labelConfig: LabelConfig | null; owner: string; rows: AsyncIterable<ExportRow[]>; total: number },
  format: AiEvalFormat,
  outPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<AiEvalCounts> {
  const questions = questionsFor(source.labelConfig, source.owner, format); // refused before any file is created
  const total = source.total;
  const counts = { rows: 0, tasks: 0, skippedTies: 0 };
  const shapes: Record<AiEvalFormat, () => Shape> = {
    'preference-pairs': () => preferencePairs(counts),
    'rubric-csv': () => rubricCsv([...questions.values()]),
    'rubric-jsonl': () => ({ header: '', records: rubricRows, serialize: jsonLines }),
    rewrites: () => ({ header: '', records: rewriteRecords, serialize: jsonLines }),
  };
  const shape = shapes[format]();
  await writeFileAtomically(outPath, async (write) => {
    await write(shape.header);
    let done = 0;
    for await (const batch of source.rows) {
      let chunk = '';
      for (const row of batch) {
        const records = [...answersIn(row, questions)].flatMap((a) => shape.records(a));
        if (records.length > 0) counts.tasks += 1;
        counts.rows += records.length;
        chunk += shape.serialize(records);
      }
      await write(chunk);
      done += batch.length;
      onProgress?.(done, total);
    }
    // An empty training file is never what was wanted: say why there is nothing (and write nothing).
    if (format === 'preference-pairs' && counts.rows === 0) throw nothingToPair(source.owner, questions, counts.skippedTies);
  });
  return format === 'preference-pairs' ? counts : { rows: counts.rows, tasks: counts.tasks };
}
