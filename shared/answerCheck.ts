/**
 * Whether an answer fits its label config: every result names a control of the config, once, with
 * a matching kind, known labels (and relation labels, rubric dimensions and scale points), one
 * label for single-choice controls; and (on submit) every required control is answered. Used by the
 * pack reader (predictions, results rows), by the service before storing, and by the renderer.
 */
import { LoupeError } from './errors';
import type { Control, LabelConfig } from './pack/labelConfig';
import type { Answer, ControlResult } from './pack/task';

export interface AnswerProblem {
  /** Dotted path of the field at fault, starting with the given prefix. */
  field: string;
  message: string;
}

function labelsOf(control: Control): readonly { id: string }[] {
  return 'labels' in control ? control.labels : [];
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
    case 'safety':
      return first(result.flags, (f, i) => unknownLabel(f.label, `flags.${i}.label`));
    case 'rubric': {
      if (control.kind !== 'rubric') return null;
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

/** The first way `answer` does not fit `config`, or null. `path` prefixes the field names. */
export function findAnswerProblem(config: LabelConfig, answer: Answer, path = 'answer'): AnswerProblem | null {
  const answered = new Set<string>();
  for (let ri = 0; ri < answer.length; ri += 1) {
    const result = answer[ri]!;
    const at = `${path}.${ri}`;
    const control = config.controls.find((c) => c.id === result.controlId);
    if (!control) return { field: `${at}.controlId`, message: `control "${result.controlId}" is not in the label config` };
    if (answered.has(control.id)) return { field: `${at}.controlId`, message: `control "${control.id}" is answered twice` };
    answered.add(control.id);
    if (control.kind !== result.kind) return { field: `${at}.kind`, message: `control "${control.id}" is a ${control.kind} control, not ${result.kind}` };
    const problem = resultProblem(control, result, at);
    if (problem) return problem;
  }
  return null;
}

function isEmpty(result: ControlResult): boolean {
  switch (result.kind) {
    case 'choices':
      return result.labels.length === 0;
    case 'spans':
      return result.spans.length === 0;
    case 'boxes':
      return result.boxes.length === 0;
    case 'polygons':
      return result.polygons.length === 0;
    case 'rubric':
      return Object.keys(result.scores).length === 0;
    case 'textarea':
    case 'rewrite':
      return result.text.trim() === '';
    default:
      return false;
  }
}

/** Throw a located error when the answer does not fit; on submit, also when a required control is unanswered. */
export function checkAnswer(config: LabelConfig, answer: Answer, options: { forSubmit: boolean }): void {
  const problem = findAnswerProblem(config, answer);
  if (problem) throw new LoupeError('invalid-input', problem.message, { field: problem.field });
  if (!options.forSubmit) return;
  for (const control of config.controls) {
    if (!control.required) continue;
    const result = answer.find((r) => r.controlId === control.id);
    if (!result || isEmpty(result)) {
      throw new LoupeError('invalid-input', `"${control.title ?? control.id}" needs an answer before submitting`, { field: control.id });
    }
  }
}
