/**
 * Row checks shared by the reader and the writer: each row parsed with its kind's schema, then the
 * checks a schema cannot make alone because they need the manifest or earlier rows (duplicate ids,
 * task data that fits the label config, predictions that name real controls and labels, images
 * that are in the pack, no gold in task packs). Writer and reader run the same code, so a pack
 * writePack produces is always one readPack accepts.
 */
import { z } from 'zod';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { findAnswerProblem } from '../../../shared/answerCheck';
import { targetResponse } from '../../../shared/questions';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import { ROWS_FILE, resultRowSchema, reviewItemSchema, verdictRowSchema, type Manifest, type PackKind, type ResultRow, type VerdictRow } from '../../../shared/pack/manifest';
import { taskSchema, type Answer, type Task } from '../../../shared/pack/task';

/** The rows of a pack, typed by its kind (review packs carry tasks, like task packs). */
export type PackRows =
  /** `lines`: each task's line as read from tasks.jsonl (the stored body and the task hash source); empty for rows not read from a file. */
  | { kind: 'tasks' | 'review'; rows: Task[]; lines: string[] }
  | { kind: 'results'; rows: ResultRow[] }
  | { kind: 'verdicts'; rows: VerdictRow[] };

/** What the label config's `data` kind requires every task to carry. */
const REQUIRED_DATA: Record<LabelConfig['data'], 'text' | 'image' | 'prompt'> = {
  text: 'text',
  image: 'image',
  conversation: 'prompt',
};

/** Validates the rows of one pack in order. Create one per pack; call add() per row. */
export class RowChecker {
  readonly file: string;
  private readonly kind: PackKind;
  private readonly config: LabelConfig | undefined;
  /** First line of each key seen (task id, or task+annotator for answers), for duplicate errors. */
  private readonly firstLine = new Map<string, number>();
  private readonly rows: unknown[] = [];
  private readonly lines: string[] = [];

  /** `assetNames`: the pack's asset paths (assets/...), which task images must be among. */
  constructor(
    manifest: Pick<Manifest, 'kind' | 'labelConfig'>,
    private readonly assetNames: ReadonlySet<string>,
  ) {
    this.kind = manifest.kind;
    this.config = manifest.labelConfig;
    this.file = ROWS_FILE[manifest.kind];
  }

  get count(): number {
    return this.rows.length;
  }

  /** Check one row (already JSON-parsed from `text`) found on `line` (1-based); keeps the parsed value. */
  add(value: unknown, line: number, text?: string): void {
    const where = { file: this.file, line };
    switch (this.kind) {
      case 'tasks':
      case 'review': {
        const task = parseOrThrow(taskSchema, value, where);
        this.unique(task.id, `task id "${task.id}"`, line, 'id');
        this.checkTask(task, line);
        if (this.kind === 'review') this.checkReviewItem(task, line);
        this.rows.push(task);
        if (text !== undefined) this.lines.push(text.endsWith('\r') ? text.slice(0, -1) : text);
        return;
      }
      case 'results': {
        const row = parseOrThrow(resultRowSchema, value, where);
        this.unique(`${row.taskId}\u0000${row.annotator.id}`, `answer to task "${row.taskId}" by "${row.annotator.id}"`, line, 'taskId');
        if (this.config) this.checkAnswer(row.answer, 'answer', line);
        this.rows.push(row);
        return;
      }
      case 'verdicts': {
        const row = parseOrThrow(verdictRowSchema, value, where);
        const key = `${row.taskId}\u0000${row.annotatorId}\u0000${row.revision}`;
        this.unique(key, `verdict on task "${row.taskId}" (${row.annotatorId}, revision ${row.revision})`, line, 'taskId');
        if (this.config && row.fixedAnswer) this.checkAnswer(row.fixedAnswer, 'fixedAnswer', line);
        this.rows.push(row);
        return;
      }
    }
  }

  /** The parsed rows, typed by kind. */
  result(): PackRows {
    // The switch in add() put only rows of the matching schema in, so the casts hold.
    switch (this.kind) {
      case 'results':
        return { kind: this.kind, rows: this.rows as ResultRow[] };
      case 'verdicts':
        return { kind: this.kind, rows: this.rows as VerdictRow[] };
      default:
        return { kind: this.kind, rows: this.rows as Task[], lines: this.lines };
    }
  }

  private fail(line: number, field: string, message: string): LoupeError {
    return new LoupeError('invalid-input', message, { file: this.file, line, field });
  }

  private unique(key: string, what: string, line: number, field: string): void {
    const first = this.firstLine.get(key);
    if (first !== undefined) throw this.fail(line, field, `duplicate ${what}: first on line ${first}, again on line ${line}`);
    this.firstLine.set(key, line);
  }

  private checkTask(task: Task, line: number): void {
    // Gold answers are for the lead's scoring; a task pack goes to annotators, who must not see them.
    if (this.kind === 'tasks' && task.meta && Object.hasOwn(task.meta, 'gold')) {
      throw this.fail(line, 'meta.gold', 'task packs must not carry gold answers; keep gold out of packs sent to annotators');
    }
    if (this.config) {
      const needed = REQUIRED_DATA[this.config.data];
      if (task.data[needed] === undefined) {
        throw this.fail(line, `data.${needed}`, `the label config shows ${this.config.data}, so every task needs data.${needed}`);
      }
    }
    if (task.data.image !== undefined && !this.assetNames.has(task.data.image)) {
      throw this.fail(line, 'data.image', `image "${task.data.image}" is not in the pack (not listed in manifest.json files)`);
    }
    if (this.config) this.checkResponses(task, this.config, line);
    task.predictions?.forEach((prediction, pi) => {
      if (!this.config) return;
      this.checkAnswer(prediction.result, `predictions.${pi}.result`, line, task);
    });
  }

  /** A review row carries the annotation under review (and what to compare it with), fitting the questions. */
  private checkReviewItem(task: Task, line: number): void {
    // Parsed from the task so a problem's field reads meta.review.… .
    const item = parseOrThrow(z.object({ meta: z.object({ review: reviewItemSchema }) }), task, { file: this.file, line }).meta.review;
    if (!this.config) return;
    this.checkAnswer(item.answer, 'meta.review.answer', line, task);
    if (item.compare) this.checkAnswer(item.compare.answer, 'meta.review.compare.answer', line, task);
  }

  /** The responses a task carries must be the ones its questions judge (two for a preference …). */
  private checkResponses(task: Task, config: LabelConfig, line: number): void {
    const responses = task.data.responses ?? [];
    const ids = new Set<string>();
    responses.forEach((r, i) => {
      if (ids.has(r.id)) throw this.fail(line, `data.responses.${i}.id`, `duplicate response id "${r.id}"`);
      ids.add(r.id);
    });
    for (const control of config.controls) {
      if (control.kind === 'pairwise' && responses.length !== 2) {
        throw this.fail(line, 'data.responses', `question "${control.id}" compares two responses; this task has ${responses.length}`);
      }
      if (control.kind === 'ranking' && responses.length < 2) {
        throw this.fail(line, 'data.responses', `question "${control.id}" ranks responses; this task needs at least two, it has ${responses.length}`);
      }
      if ((control.kind === 'rewrite' || (control.kind === 'rubric' && this.config?.data === 'conversation')) && !targetResponse(control, task)) {
        const what = control.response ? `response "${control.response}"` : 'a response';
        throw this.fail(line, 'data.responses', `question "${control.id}" is about ${what}, which this task does not have`);
      }
      if (control.kind === 'checklist') {
        // With nothing to check, the question could never be answered (nor submitted when required).
        if (control.constraints.length === 0 && !task.data.constraints?.length) {
          throw this.fail(line, 'data.constraints', `question "${control.id}" checks constraints, and neither the label config nor this task has any`);
        }
        const seen = new Set(control.constraints.map((c) => c.id));
        task.data.constraints?.forEach((c, i) => {
          if (seen.has(c.id)) throw this.fail(line, `data.constraints.${i}.id`, `constraint id "${c.id}" is already used (by the label config or this task)`);
          seen.add(c.id);
        });
      }
    }
  }

  /** Every control result must fit the label config (shared/answerCheck.ts). */
  private checkAnswer(answer: Answer, path: string, line: number, task?: Task): void {
    const problem = findAnswerProblem(this.config!, answer, path, task);
    if (problem) throw this.fail(line, problem.field, problem.message);
  }
}
