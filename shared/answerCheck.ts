/**
 * Whether an answer fits its label config: every result names a control of the config, once, with
 * a matching kind, known labels (and relation labels, rubric dimensions and scale points), one
 * label for single-choice controls; and (on submit) every required control is answered. Used by the
 * pack reader (predictions, results rows), by the service before storing, and by the renderer.
 */
import { LoupeError } from './errors';
import type { Control, LabelConfig } from './pack/labelConfig';
import type { Answer, ControlResult, Task } from './pack/task';
import { checklistConstraints, missingItem, responsesOf, targetResponse } from './questions';
import { diffIsOf } from './rewriteDiff';

export interface AnswerProblem {
  /** Dotted path of the field at fault, starting with the given prefix. */
  field: string;
  message: string;
}

function labelsOf(control: Control): readonly { id: string }[] {
  return 'labels' in control ? control.labels : [];
}

/**
 * Checks that need the task itself (its responses and constraints). Skipped where the task is not
 * at hand (a results pack's rows), and made by the service before anything is stored.
 */
function taskProblem(control: Control, result: ControlResult, at: string, task: Task): AnswerProblem | null {
  const responseIds = new Set(responsesOf(task).map((r) => r.id));
  switch (result.kind) {
    case 'ranking': {
      const seen = new Set<string>();
      for (const [ti, tier] of result.order.entries()) {
        for (const id of tier) {
          if (!responseIds.has(id)) return { field: `${at}.order.${ti}`, message: `"${id}" is not a response of task "${task.id}"` };
          if (seen.has(id)) return { field: `${at}.order.${ti}`, message: `response "${id}" is ranked twice` };
          seen.add(id);
        }
      }
      return null;
    }
    case 'safety': {
      const i = result.flags.findIndex((f) => f.responseId !== undefined && !responseIds.has(f.responseId));
      return i < 0 ? null : { field: `${at}.flags.${i}.responseId`, message: `"${result.flags[i]!.responseId}" is not a response of task "${task.id}"` };
    }
    case 'rewrite': {
      if (control.kind !== 'rewrite') return null;
      const target = targetResponse(control, task);
      if (!target || target.id !== result.responseId) {
        return { field: `${at}.responseId`, message: `question "${control.id}" rewrites response "${target?.id ?? '(none)'}", not "${result.responseId}"` };
      }
      if (result.diff && !diffIsOf(result.diff, target.content, result.text)) {
        return { field: `${at}.diff`, message: 'the stored diff does not turn the original response into the rewritten text' };
      }
      return null;
    }
    case 'checklist': {
      if (control.kind !== 'checklist') return null;
      const known = new Set(checklistConstraints(control, task).map((c) => c.id));
      const unknown = Object.keys(result.items).find((id) => !known.has(id));
      return unknown ? { field: `${at}.items.${unknown}`, message: `"${unknown}" is not a constraint of this task` } : null;
    }
    default:
      return null;
  }
}

function resultProblem(control: Control, result: ControlResult, at: string): AnswerProblem | null {
  const unknownLabel = (id: string, field: string, labels: readonly { id: string }[] = labelsOf(control)) =>
    labels.some((l) => l.id === id) ? null : { field: `${at}.${field}`, message: `label "${id}" is not a label of control "${control.id}"` };
  const first = <T>(items: readonly T[], check: (item: T, i: number) => AnswerProblem | null) => {
    for (let i = 0; i < items.length; i += 1) {
      const problem = check(items[i]!, i);
      if (problem) return problem;
    }
    return null;
  };
  const marked = result.kind === 'spans' ? result.spans.length : result.kind === 'boxes' ? result.boxes.length : result.kind === 'polygons' ? result.polygons.length : 0;
  if ('none' in result && result.none === true && marked > 0) {
    return { field: `${at}.none`, message: `control "${control.id}" is marked as having nothing to mark, and its answer has ${marked}` };
  }
  switch (result.kind) {
    case 'choices':
      return (
        first(result.labels, (id, i) => unknownLabel(id, `labels.${i}`)) ??
        (control.kind === 'choices' && !control.multiple && result.labels.length > 1
          ? { field: `${at}.labels`, message: `control "${control.id}" takes one label, got ${result.labels.length}` }
          : null)
      );
    case 'spans': {
      const spanIds = new Set(result.spans.map((s) => s.id));
      return (
        first(result.spans, (s, i) =>
          unknownLabel(s.label, `spans.${i}.label`) ?? (s.end < s.start ? { field: `${at}.spans.${i}.end`, message: `span "${s.id}" ends before it starts` } : null),
        ) ??
        first(result.relations, (r, i) =>
          unknownLabel(r.label, `relations.${i}.label`, control.kind === 'spans' ? control.relations : []) ??
          first(['from', 'to'] as const, (end) =>
            spanIds.has(r[end]) ? null : { field: `${at}.relations.${i}.${end}`, message: `span "${r[end]}" is not in this answer` },
          ),
        )
      );
    }
    case 'boxes':
      return first(result.boxes, (b, i) => unknownLabel(b.label, `boxes.${i}.label`));
    case 'polygons':
      return first(result.polygons, (p, i) => unknownLabel(p.label, `polygons.${i}.label`));
    case 'safety': {
      if (control.kind !== 'safety') return null;
      const seen = new Set<string>();
      return first(result.flags, (f, i) => {
        const problem = unknownLabel(f.label, `flags.${i}.label`);
        if (problem) return problem;
        if (seen.has(f.label)) return { field: `${at}.flags.${i}.label`, message: `flag "${f.label}" is given twice` };
        seen.add(f.label);
        if (f.severity !== undefined && !control.severities.some((p) => p.value === f.severity)) {
          return { field: `${at}.flags.${i}.severity`, message: `${f.severity} is not a severity of question "${control.id}"` };
        }
        if (f.excerpt !== undefined && !control.excerpts) return { field: `${at}.flags.${i}.excerpt`, message: `question "${control.id}" takes no excerpts` };
        return null;
      });
    }
    case 'pairwise': {
      if (control.kind !== 'pairwise') return null;
      if (result.choice === 'tie' && !control.allowTie) return { field: `${at}.choice`, message: `question "${control.id}" does not allow a tie` };
      if (result.strength !== undefined && (result.choice === undefined || result.choice === 'tie')) {
        return { field: `${at}.strength`, message: 'a strength qualifies a preference for A or B, not a tie or no choice' };
      }
      if (result.strength !== undefined && !control.strength.some((p) => p.value === result.strength)) {
        return { field: `${at}.strength`, message: `${result.strength} is not on the strength scale of "${control.id}"` };
      }
      return first(Object.entries(result.dimensions ?? {}), ([dimension, choice]) => {
        if (!control.dimensions.some((d) => d.id === dimension)) return { field: `${at}.dimensions.${dimension}`, message: `"${dimension}" is not a dimension of "${control.id}"` };
        return choice === 'tie' && !control.allowTie ? { field: `${at}.dimensions.${dimension}`, message: `question "${control.id}" does not allow a tie` } : null;
      });
    }
    case 'ranking': {
      if (control.kind !== 'ranking' || control.allowTies) return null;
      const tied = result.order.findIndex((tier) => tier.length > 1);
      return tied < 0 ? null : { field: `${at}.order.${tied}`, message: `question "${control.id}" does not allow ties` };
    }
    case 'rubric': {
      if (control.kind !== 'rubric') return null;
      if (result.rubricVersion !== undefined && result.rubricVersion !== control.rubricVersion) {
        return { field: `${at}.rubricVersion`, message: `scores were given under rubric version "${result.rubricVersion}", the pack's is "${control.rubricVersion}"` };
      }
      return first(Object.entries(result.scores), ([dimension, score]) => {
        const dim = control.dimensions.find((d) => d.id === dimension);
        if (!dim) return { field: `${at}.scores.${dimension}`, message: `"${dimension}" is not a dimension of rubric "${control.id}"` };
        return dim.scale.some((p) => p.value === score) ? null : { field: `${at}.scores.${dimension}`, message: `${score} is not on the scale of "${dimension}"` };
      });
    }
    default:
      return null;
  }
}

/**
 * The first way `answer` does not fit `config` (and, when given, `task`), or null. `path` prefixes
 * the field names.
 */
export function findAnswerProblem(config: LabelConfig, answer: Answer, path = 'answer', task?: Task): AnswerProblem | null {
  const answered = new Set<string>();
  for (let ri = 0; ri < answer.length; ri += 1) {
    const result = answer[ri]!;
    const at = `${path}.${ri}`;
    const control = config.controls.find((c) => c.id === result.controlId);
    if (!control) return { field: `${at}.controlId`, message: `control "${result.controlId}" is not in the label config` };
    if (answered.has(control.id)) return { field: `${at}.controlId`, message: `control "${control.id}" is answered twice` };
    answered.add(control.id);
    if (control.kind !== result.kind) return { field: `${at}.kind`, message: `control "${control.id}" is a ${control.kind} control, not ${result.kind}` };
    const problem = resultProblem(control, result, at) ?? (task ? taskProblem(control, result, at, task) : null);
    if (problem) return problem;
  }
  return null;
}

/**
 * Throw a located error when the answer does not fit its config and task; on submit, also when
 * something is missing (shared/questions.ts says what complete means for each question).
 */
export function checkAnswer(config: LabelConfig, answer: Answer, options: { forSubmit: boolean; task: Task }): void {
  const problem = findAnswerProblem(config, answer, 'answer', options.task);
  if (problem) throw new LoupeError('invalid-input', problem.message, { field: problem.field });
  if (!options.forSubmit) return;
  const missing = missingItem(config, answer, options.task);
  if (missing) {
    throw new LoupeError('invalid-input', `${missing.message} before submitting`, { field: missing.field === 'answer' ? missing.controlId : `${missing.controlId}.${missing.field}` });
  }
}
