/**
 * Pure edits of an Answer (a list of control results). A choices control with no label picked has
 * no result at all, so "unanswered" looks the same whether it was never touched or was cleared.
 * Results of controls this version cannot edit are carried through untouched.
 */
import type { Answer, ControlResult } from '../../../shared/pack/task';

export function choicesLabels(answer: Answer, controlId: string): string[] {
  const result = answer.find((r) => r.controlId === controlId);
  return result?.kind === 'choices' ? result.labels : [];
}

/** The answer with this control's labels replaced (its result dropped when no label is left). */
export function withChoices(answer: Answer, controlId: string, labels: string[]): Answer {
  const others = answer.filter((r) => r.controlId !== controlId);
  if (labels.length === 0) return others;
  const at = answer.findIndex((r) => r.controlId === controlId);
  const result = { kind: 'choices' as const, controlId, labels };
  if (at < 0) return [...others, result];
  return [...answer.slice(0, at), result, ...answer.slice(at + 1)];
}

/** The answer with one control's result replaced (added when the control had none). */
export function withResult(answer: Answer, result: ControlResult): Answer {
  const at = answer.findIndex((r) => r.controlId === result.controlId);
  if (at < 0) return [...answer, result];
  return [...answer.slice(0, at), result, ...answer.slice(at + 1)];
}

export function toggledLabels(current: string[], labelId: string, multiple: boolean): string[] {
  if (current.includes(labelId)) return current.filter((l) => l !== labelId);
  return multiple ? [...current, labelId] : [labelId];
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
