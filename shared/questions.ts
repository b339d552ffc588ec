/**
 * What the AI-evaluation questions (and every other control) need from a task to be answered, and
 * what makes an answer complete. Shared by the annotator view (to show, to move the focus to the
 * first missing item and name it) and by the service (to refuse an incomplete submit), so the two
 * can never disagree.
 *
 * A question may have rows the keyboard walks with ↑/↓: a rubric's dimensions, a preference's
 * overall choice and its dimensions, the responses being ranked, a safety taxonomy's flags, a
 * checklist's constraints. A missing item names its question and, where it has one, its row.
 */
import type { ChecklistControl, Control, LabelConfig, RewriteControl, RubricControl } from './pack/labelConfig';
import type { Answer, ControlResult, Task } from './pack/task';

export interface Response {
  id: string;
  content: string;
  model?: string;
}

export interface MissingItem {
  controlId: string;
  /** The row to focus (a dimension, a flag, a constraint), when the gap is in one. */
  row?: string;
  /** What is missing, for the test id and the error's field: `scores.helpfulness`, `justification` … */
  field: string;
  message: string;
}

/** The row of a pairwise question that holds the overall preference (dimensions follow it). */
export const OVERALL_ROW = 'overall';

export function responsesOf(task: Task): Response[] {
  return task.data.responses ?? [];
}

/** The response a rewrite (or rubric) question is about: the one the config names, else the task's first. */
export function targetResponse(control: RewriteControl | RubricControl, task: Task): Response | null {
  const responses = responsesOf(task);
  return (control.response ? responses.find((r) => r.id === control.response) : responses[0]) ?? null;
}

/** A checklist's constraints: the config's, then the task's own (a prompt's specific instructions). */
export function checklistConstraints(control: ChecklistControl, task: Task): { id: string; text: string }[] {
  return [...control.constraints, ...(task.data.constraints ?? [])];
}

/**
 * The key that picks each point of a scale: its own value when every value is a single digit
 * (a 1–5 Likert scale answers to 1–5, a 0–4 one to 0–4), else its position (1–9, then 0).
 */
export function scaleKeys(scale: readonly { value: number }[]): string[] {
  const digits = scale.every((p) => Number.isInteger(p.value) && p.value >= 0 && p.value <= 9);
  return scale.map((p, i) => (digits ? String(p.value) : i < 9 ? String(i + 1) : i === 9 ? '0' : ''));
}

/**
 * The key of each label of a choices question: its hotkey; when the pack gave none of its labels a
 * hotkey, its position (1–9), so a question is never keyboard-less because the author skipped keys.
 */
export function choiceKeys(labels: readonly { hotkey?: string | undefined }[]): (string | null)[] {
  if (labels.some((l) => l.hotkey)) return labels.map((l) => l.hotkey ?? null);
  return labels.map((_, i) => (i < 9 ? String(i + 1) : null));
}

/** The rows of a question, in the order ↑/↓ walk them (empty for questions without rows). */
export function rowsOf(control: Control, task: Task, result: ControlResult | undefined): string[] {
  switch (control.kind) {
    case 'rubric':
      return control.dimensions.map((d) => d.id);
    case 'pairwise':
      return [OVERALL_ROW, ...control.dimensions.map((d) => d.id)];
    case 'ranking':
      return result?.kind === 'ranking' ? result.order.flat() : responsesOf(task).map((r) => r.id);
    case 'safety':
      return control.labels.map((l) => l.id);
    case 'checklist':
      return checklistConstraints(control, task).map((c) => c.id);
    default:
      return [];
  }
}

/** Whether the justification of a preference must be written, given its current choice and strength. */
export function justificationNeeded(control: Extract<Control, { kind: 'pairwise' }>, result: Extract<ControlResult, { kind: 'pairwise' }> | undefined): boolean {
  switch (control.justification) {
    case 'required':
      return true;
    case 'when-strong':
      return result?.choice !== undefined && result.choice !== 'tie' && result.strength !== undefined && control.strongFrom !== undefined && result.strength >= control.strongFrom;
    default:
      return false;
  }
}

const title = (control: Control) => `"${control.title ?? control.id}"`;

function resultHasContent(result: ControlResult): boolean {
  switch (result.kind) {
    case 'choices':
      return result.labels.length > 0;
    // "Nothing to mark here" (none) answers a span or region question as much as a mark does.
    case 'spans':
      return result.spans.length > 0 || result.none === true;
    case 'boxes':
      return result.boxes.length > 0 || result.none === true;
    case 'polygons':
      return result.polygons.length > 0 || result.none === true;
    case 'rubric':
      return Object.keys(result.scores).length > 0;
    case 'textarea':
    case 'rewrite':
      return result.text.trim() !== '';
    case 'checklist':
      return Object.keys(result.items).length > 0;
    case 'pairwise':
      return result.choice !== undefined;
    default:
      // A ranking and a safety review (even with no flags) are answers once given.
      return true;
  }
}

/** What an answered (or required) question still lacks; null when it is complete. */
function gapIn(control: Control, result: ControlResult | undefined, task: Task): MissingItem | null {
  const at = (field: string, message: string, row?: string): MissingItem => ({ controlId: control.id, field, message, ...(row ? { row } : {}) });
  if (!result || !resultHasContent(result)) {
    if (!control.required) return null;
    switch (control.kind) {
      case 'pairwise':
        return at('choice', `${title(control)}: pick A, B${control.allowTie ? ' or a tie' : ''}`, OVERALL_ROW);
      case 'ranking':
        return at('order', `${title(control)}: rank the responses (move one, or press its place number to confirm it)`);
      case 'safety':
        return at('flags', `${title(control)}: flag what applies, or mark it as having no concerns`);
      case 'rewrite':
        return at('text', `${title(control)}: edit the response`);
      case 'textarea':
        return at('text', `${title(control)} needs an answer`);
      default:
        break;
    }
    // Rows with nothing in them: point at the first one.
    const rows = rowsOf(control, task, result);
    return at(control.kind === 'checklist' ? `items.${rows[0] ?? ''}` : 'answer', `${title(control)} needs an answer`, rows[0]);
  }
  switch (control.kind) {
    case 'rubric': {
      if (result.kind !== 'rubric') return null;
      const dim = control.dimensions.find((d) => result.scores[d.id] === undefined);
      return dim ? at(`scores.${dim.id}`, `${title(control)}: "${dim.name}" needs a score`, dim.id) : null;
    }
    case 'pairwise': {
      if (result.kind !== 'pairwise') return null;
      if (result.choice !== undefined && result.choice !== 'tie' && control.strength.length > 0 && result.strength === undefined) {
        return at('strength', `${title(control)}: how strongly is ${result.choice} better?`, OVERALL_ROW);
      }
      const dim = control.dimensions.find((d) => result.dimensions?.[d.id] === undefined);
      if (dim) return at(`dimensions.${dim.id}`, `${title(control)}: pick A, B${control.allowTie ? ' or a tie' : ''} for "${dim.name}"`, dim.id);
      if (justificationNeeded(control, result)) {
        const min = Math.max(1, control.justificationMinLength);
        const length = result.justification.trim().length;
        if (length < min) {
          return at('justification', `${title(control)}: write a justification of at least ${min} character${min === 1 ? '' : 's'} (${length} so far)`);
        }
      }
      return null;
    }
    case 'ranking': {
      if (result.kind !== 'ranking') return null;
      const ranked = new Set(result.order.flat());
      const missing = responsesOf(task).find((r) => !ranked.has(r.id));
      return missing ? at('order', `${title(control)}: response "${missing.id}" is not ranked`, missing.id) : null;
    }
    case 'safety': {
      if (result.kind !== 'safety') return null;
      const flag = result.flags.find((f) => f.severity === undefined);
      if (!flag) return null;
      const name = control.labels.find((l) => l.id === flag.label)?.name ?? flag.label;
      return at(`flags.${flag.label}.severity`, `${title(control)}: pick a severity for "${name}"`, flag.label);
    }
    case 'checklist': {
      if (result.kind !== 'checklist') return null;
      for (const constraint of checklistConstraints(control, task)) {
        const item = result.items[constraint.id];
        if (!item) return at(`items.${constraint.id}`, `${title(control)}: mark "${constraint.text}" pass, fail or not applicable`, constraint.id);
        if (control.noteRequiredOnFail && item.verdict === 'fail' && !item.note?.trim()) {
          return at(`items.${constraint.id}.note`, `${title(control)}: say why "${constraint.text}" failed`, constraint.id);
        }
      }
      return null;
    }
    case 'textarea':
    case 'rewrite': {
      if (result.kind !== 'textarea' && result.kind !== 'rewrite') return null;
      const length = result.text.trim().length;
      return length < control.minLength ? at('text', `${title(control)}: at least ${control.minLength} characters (${length} so far)`) : null;
    }
    default:
      return null;
  }
}

/** The first thing the answer still lacks before it can be submitted, in question order; null when complete. */
export function missingItem(config: LabelConfig, answer: Answer, task: Task): MissingItem | null {
  for (const control of config.controls) {
    const gap = gapIn(control, answer.find((r) => r.controlId === control.id), task);
    if (gap) return gap;
  }
  return null;
}
