/**
 * Deterministic synthetic reliability data for benchmarks of the agreement coefficients (a project
 * of 100,000 tasks × 5 annotators by default). Not test fixtures: the values are random, only their
 * shape and scale matter. Seeded, so two runs time exactly the same input.
 */

import { mulberry32 } from '../random';

export { mulberry32 };

export interface SyntheticAgreementInput {
  /** coders × units on a 1..categories scale, null where a coder skipped the unit: for krippendorffAlpha. */
  units: (number | null)[][];
  /** The first two coders' values on the units both rated, as strings: for cohensKappa. */
  pairs: [string, string][];
  /** units × categories counts over all coders with no value skipped: for fleissKappa. */
  counts: number[][];
}

/**
 * `n` units rated by `coders` coders on a `categories`-point scale. Each unit has a "true" value; a
 * coder reports it with probability `accuracy`, else a uniformly random value, so the coefficients
 * come out moderate (around 0.6) as in real projects rather than at a degenerate 0 or 1. For the
 * alpha input each value is missing with probability `missing`; Fleiss' kappa needs complete rows,
 * so `counts` uses every coder's value before the skips are applied.
 */
export function syntheticAgreementInput(
  n = 100_000,
  { coders = 5, categories = 5, accuracy = 0.7, missing = 0.05, seed = 20_240_601 }: { coders?: number; categories?: number; accuracy?: number; missing?: number; seed?: number } = {},
): SyntheticAgreementInput {
  const random = mulberry32(seed);
  const units: (number | null)[][] = Array.from({ length: coders }, () => new Array<number | null>(n).fill(null));
  const pairs: [string, string][] = [];
  const counts: number[][] = new Array<number[]>(n);
  for (let u = 0; u < n; u += 1) {
    const truth = 1 + Math.floor(random() * categories);
    const row = new Array<number>(categories).fill(0);
    for (let c = 0; c < coders; c += 1) {
      const value = random() < accuracy ? truth : 1 + Math.floor(random() * categories);
      row[value - 1]! += 1;
      if (random() >= missing) units[c]![u] = value;
    }
    counts[u] = row;
    const a = units[0]![u];
    const b = coders > 1 ? units[1]![u] : null;
    if (a != null && b != null) pairs.push([String(a), String(b)]);
  }
  return { units, pairs, counts };
}
