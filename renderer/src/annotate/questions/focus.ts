/**
 * Which question (and which of its rows) has the keyboard. Key moves bump `seq`, which tells the
 * panel to move the DOM focus too (to the question's card, or to a text field named by `field`);
 * a click sets the question without a bump, since the click already put the DOM focus where it is.
 */
import type { Control } from '../../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../../shared/pack/task';
import { rowsOf, type MissingItem } from '../../../../shared/questions';

export interface QuestionFocus {
  controlId: string;
  row: string | null;
  /** `data-focus-id` of a text field to put the caret in. */
  field?: string;
  seq: number;
}

const TEXT_KINDS = new Set<Control['kind']>(['textarea', 'rewrite']);

export function firstRow(control: Control, task: Task, answer: Answer): string | null {
  return rowsOf(control, task, answer.find((r) => r.controlId === control.id))[0] ?? null;
}

/** Focus on a question as Tab reaches it: a text question puts the caret in its text. */
export function arriveAt(control: Control, task: Task, answer: Answer, seq: number): QuestionFocus {
  return { controlId: control.id, row: firstRow(control, task, answer), ...(TEXT_KINDS.has(control.kind) ? { field: `${control.id}:text` } : {}), seq };
}

/** Where a refused submit sends the keyboard: the question, its row, and the text field when text is what is missing. */
export function focusForMissing(missing: MissingItem, seq: number): QuestionFocus {
  const { controlId, row = null, field } = missing;
  const note = /^items\.(.+)\.note$/.exec(field);
  const text = field === 'justification' ? `${controlId}:justification` : field === 'text' ? `${controlId}:text` : note ? `${controlId}:note:${note[1]}` : undefined;
  return { controlId, row, ...(text ? { field: text } : {}), seq };
}

export function stepRow(rows: readonly string[], row: string | null, by: number): string | null {
  if (rows.length === 0) return null;
  const at = row === null ? -1 : rows.indexOf(row);
  return rows[Math.max(0, Math.min(rows.length - 1, at + by))] ?? null;
}
