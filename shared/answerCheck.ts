/**
 * Whether an answer fits its label config: every result names a control of the config with a
 * matching kind and known labels, single-choice controls hold one label, and (on submit) every
 * required control is answered. Shared so the renderer can say what is missing before a round trip.
 */
import { LoupeError } from './errors';
import type { LabelConfig } from './pack/labelConfig';
import type { Answer, ControlResult } from './pack/task';

function usedLabels(result: ControlResult): string[] {
  switch (result.kind) {
    case 'choices':
      return result.labels;
    case 'spans':
      return result.spans.map((s) => s.label);
    case 'boxes':
      return result.boxes.map((b) => b.label);
    case 'polygons':
      return result.polygons.map((p) => p.label);
    case 'safety':
      return result.flags.map((f) => f.label);
    default:
      return [];
  }
}

function isEmpty(result: ControlResult): boolean {
  return result.kind === 'choices' ? result.labels.length === 0 : usedLabels(result).length === 0 && result.kind !== 'rubric' && result.kind !== 'pairwise';
}

export function checkAnswer(config: LabelConfig, answer: Answer, options: { forSubmit: boolean }): void {
  const seen = new Set<string>();
  answer.forEach((result, i) => {
    const control = config.controls.find((c) => c.id === result.controlId);
    const field = `answer.${i}`;
    if (!control) throw new LoupeError('invalid-input', `the label config has no control "${result.controlId}"`, { field: `${field}.controlId` });
    if (control.kind !== result.kind) {
      throw new LoupeError('invalid-input', `control "${control.id}" is a ${control.kind} control, not ${result.kind}`, { field: `${field}.kind` });
    }
    if (seen.has(control.id)) throw new LoupeError('invalid-input', `control "${control.id}" is answered twice`, { field: `${field}.controlId` });
    seen.add(control.id);
    if ('labels' in control) {
      const known = new Set(control.labels.map((l) => l.id));
      const unknown = usedLabels(result).find((label) => !known.has(label));
      if (unknown) throw new LoupeError('invalid-input', `control "${control.id}" has no label "${unknown}"`, { field });
    }
    if (control.kind === 'choices' && result.kind === 'choices' && !control.multiple && result.labels.length > 1) {
      throw new LoupeError('invalid-input', `control "${control.id}" takes one label, got ${result.labels.length}`, { field: `${field}.labels` });
    }
  });
  if (!options.forSubmit) return;
  for (const control of config.controls) {
    if (!control.required) continue;
    const result = answer.find((r) => r.controlId === control.id);
    if (!result || isEmpty(result)) {
      throw new LoupeError('invalid-input', `"${control.title ?? control.id}" needs an answer before submitting`, { field: control.id });
    }
  }
}
