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
  // A mark made after "nothing here" takes that answer back: the two never stand together.
  if ('none' in result && result.none && marksOf(result) > 0) {
    const { none: _none, ...marked } = result;
    result = marked as ControlResult;
  }
  const at = answer.findIndex((r) => r.controlId === result.controlId);
  if (at < 0) return [...answer, result];
  return [...answer.slice(0, at), result, ...answer.slice(at + 1)];
}

/** How many spans or regions a result marks (0 for other kinds). */
function marksOf(result: ControlResult): number {
  if (result.kind === 'spans') return result.spans.length;
  if (result.kind === 'boxes') return result.boxes.length;
  if (result.kind === 'polygons') return result.polygons.length;
  return 0;
}

/**
 * "Nothing to mark in this task" for a span, box or polygon question, or that taken back when it
 * was already said. Null when the question has marks: the annotator removes them first.
 */
export function nothingHereToggled(control: { id: string; kind: string }, current: ControlResult | undefined): ControlResult | null {
  if (current && marksOf(current) > 0) return null;
  const none = current && 'none' in current && current.none ? {} : { none: true as const };
  if (control.kind === 'spans') return { kind: 'spans', controlId: control.id, spans: [], relations: current?.kind === 'spans' ? current.relations : [], ...(current?.kind === 'spans' && current.rejected ? { rejected: current.rejected } : {}), ...none };
  if (control.kind === 'boxes') return { kind: 'boxes', controlId: control.id, boxes: [], ...(current?.kind === 'boxes' && current.rejected ? { rejected: current.rejected } : {}), ...none };
  if (control.kind === 'polygons') return { kind: 'polygons', controlId: control.id, polygons: [], ...(current?.kind === 'polygons' && current.rejected ? { rejected: current.rejected } : {}), ...none };
  return null;
}

export function toggledLabels(current: string[], labelId: string, multiple: boolean): string[] {
  if (current.includes(labelId)) return current.filter((l) => l !== labelId);
  return multiple ? [...current, labelId] : [labelId];
}

export function sameAnswer(a: Answer, b: Answer): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
