/**
 * Where a submitted answer came from, for the results a lead trusts: an untouched model prediction,
 * a prediction the annotator changed, or an answer made by hand.
 */
import { canonicalJson } from './canonicalJson';
import type { Answer, Prediction, Provenance } from './pack/task';

/** Order-insensitive comparison: the same labels picked in another order are the same answer. */
function normalized(answer: Answer): string {
  const sorted = answer
    .map((result) => (result.kind === 'choices' ? { ...result, labels: [...result.labels].sort() } : result))
    .sort((a, b) => a.controlId.localeCompare(b.controlId));
  return canonicalJson(sorted);
}

export function provenanceOf(
  answer: Answer,
  predictions: readonly Prediction[] | undefined,
  fromPrediction: boolean,
): { provenance: Provenance; modelVersion: string | null } {
  const seed = fromPrediction ? predictions?.[0] : undefined;
  if (!seed) return { provenance: 'manual', modelVersion: null };
  const same = normalized(answer) === normalized(seed.result);
  return { provenance: same ? 'prediction' : 'prediction-changed', modelVersion: `${seed.model}@${seed.modelVersion}` };
}
