/**
 * Where a submitted answer came from, for the results a lead trusts: an untouched model prediction,
 * a prediction the annotator changed, or an answer made by hand.
 *
 * Two sources of evidence: choices seeded from the task's first prediction (compared with what was
 * submitted), and the `origin` that editors record on every span, box and polygon as proposals are
 * accepted, changed or drawn anew.
 */
import { canonicalJson } from './canonicalJson';
import type { Answer, ControlResult, Prediction, Provenance } from './pack/task';

/** Order-insensitive comparison of choices: the same labels picked in another order are the same answer. */
function choicesOnly(answer: Answer): string {
  const sorted = answer
    .flatMap((result) => (result.kind === 'choices' ? [{ ...result, labels: [...result.labels].sort() }] : []))
    .sort((a, b) => a.controlId.localeCompare(b.controlId));
  return canonicalJson(sorted);
}

function itemOrigins(result: ControlResult): Provenance[] {
  switch (result.kind) {
    case 'spans':
      return result.spans.map((s) => s.origin ?? 'manual');
    case 'boxes':
      return result.boxes.map((b) => b.origin ?? 'manual');
    case 'polygons':
      return result.polygons.map((p) => p.origin ?? 'manual');
    default:
      return [];
  }
}

export function provenanceOf(
  answer: Answer,
  predictions: readonly Prediction[] | undefined,
  fromPrediction: boolean,
): { provenance: Provenance; modelVersion: string | null } {
  const first = predictions?.[0];
  const seed = fromPrediction ? first : undefined;
  const parts: Provenance[] = answer.flatMap(itemOrigins);
  if (seed) parts.push(choicesOnly(answer) === choicesOnly(seed.result) ? 'prediction' : 'prediction-changed');
  const fromModel = parts.some((p) => p !== 'manual');
  if (!fromModel || !first) return { provenance: 'manual', modelVersion: null };
  const model = seed ?? first;
  return {
    provenance: parts.every((p) => p === 'prediction') ? 'prediction' : 'prediction-changed',
    modelVersion: `${model.model}@${model.modelVersion}`,
  };
}
