/**
 * Inter-annotator agreement coefficients: Cohen's kappa (two raters), Fleiss' kappa (a fixed
 * number of raters per item), Krippendorff's alpha (any number of coders, missing values,
 * nominal/ordinal/interval data) and Kendall's tau-b (agreement of two rankings).
 *
 * Pure functions over plain arrays, no I/O. A large project (100,000 tasks × 5 annotators) must be
 * summarised interactively, so each coefficient is one or two linear passes: categories are turned
 * into small integer codes once (a Map), counts live in typed arrays, and no object is allocated
 * per pair of ratings.
 *
 * Conventions shared by every function here:
 *  - No data (nothing to compare) gives NaN for the coefficient: "undefined", not "zero agreement".
 *  - When chance agreement is total (every rating is the same single category) the textbook ratio
 *    is 0/0. Observed agreement is then necessarily total as well, so we report 1: the raters
 *    agreed on everything they did. Callers wanting to flag that case can test `expected === 1`
 *    (Cohen), `pe === 1` (Fleiss) or `expected === 0` (alpha).
 */
import { LoupeError } from '../errors';

// ---------------------------------------------------------------------------------------------
// Cohen's kappa
// ---------------------------------------------------------------------------------------------

export interface CohensKappa {
  /** (observed − expected) / (1 − expected); 1 when expected = 1 (see the module note); NaN when n = 0. */
  kappa: number;
  /** Share of pairs on which both raters chose the same category. */
  observed: number;
  /** Chance agreement from the two raters' own marginal distributions. */
  expected: number;
  /** Number of pairs. */
  n: number;
}

/**
 * Cohen's (1960) kappa for two raters: one `[rater1, rater2]` pair of categories per item.
 * Categories are compared as strings; an item either rater skipped must be left out by the caller
 * (kappa has no notion of a missing rating — use Krippendorff's alpha for that).
 */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): CohensKappa {
  const n = pairs.length;
  if (n === 0) return { kappa: NaN, observed: NaN, expected: NaN, n: 0 };
  const codes = new Map<string, number>();
  // Marginal counts per category code, grown as categories appear (the category count is unknown
  // up front and usually tiny, so plain arrays are cheaper than sizing a typed array to n).
  const first: number[] = [];
  const second: number[] = [];
  const code = (value: string): number => {
    let c = codes.get(value);
    if (c === undefined) {
      c = codes.size;
      codes.set(value, c);
      first.push(0);
      second.push(0);
    }
    return c;
  };
  let agreed = 0;
  for (let i = 0; i < n; i += 1) {
    const pair = pairs[i]!;
    const a = code(pair[0]);
    const b = code(pair[1]);
    first[a]! += 1;
    second[b]! += 1;
    if (a === b) agreed += 1;
  }
  let chance = 0;
  for (let c = 0; c < first.length; c += 1) chance += first[c]! * second[c]!;
  const observed = agreed / n;
  const expected = chance / (n * n);
  // expected = 1 only when both raters used one and the same category throughout, so observed = 1.
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n };
}

// ---------------------------------------------------------------------------------------------
// Fleiss' kappa
// ---------------------------------------------------------------------------------------------

export interface FleissKappa {
  /** (pBar − pe) / (1 − pe); 1 when pe = 1; NaN when there are no items. */
  kappa: number;
  /** Mean over items of the share of agreeing rater pairs (P̄). */
  pBar: number;
  /** Chance agreement: sum over categories of the squared share of all ratings (P̄e). */
  pe: number;
  /** Share of all ratings that went to each category (p_j), in column order. */
  p: number[];
  /** Items (rows). */
  n: number;
  /** Raters per item. */
  raters: number;
}

/**
 * Fleiss' (1971) kappa. `counts[i][j]` is how many raters put item i in category j. Every item
 * must have been rated by the same number of raters (at least two) and every row must list the same
 * categories; the coefficient's chance term assumes it, so anything else is refused rather than
 * silently mis-weighted (use Krippendorff's alpha for uneven or missing ratings).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappa {
  const n = counts.length;
  if (n === 0) return { kappa: NaN, pBar: NaN, pe: NaN, p: [], n: 0, raters: 0 };
  const k = counts[0]!.length;
  if (k === 0) throw new LoupeError('invalid-input', "Fleiss' kappa needs at least one category");
  let raters = -1;
  const columnTotals = new Float64Array(k);
  let sumP = 0;
  for (let i = 0; i < n; i += 1) {
    const row = counts[i]!;
    if (row.length !== k) {
      throw new LoupeError('invalid-input', `Fleiss' kappa: item ${i} has ${row.length} categories, item 0 has ${k}`);
    }
    let total = 0;
    let squares = 0;
    for (let j = 0; j < k; j += 1) {
      const c = row[j]!;
      if (!Number.isInteger(c) || c < 0) {
        throw new LoupeError('invalid-input', `Fleiss' kappa: item ${i}, category ${j} has count ${c}; counts must be whole numbers ≥ 0`);
      }
      total += c;
      squares += c * c;
      columnTotals[j]! += c;
    }
    if (raters === -1) {
      raters = total;
      if (raters < 2) throw new LoupeError('invalid-input', `Fleiss' kappa needs at least two raters per item; item 0 has ${raters}`);
    } else if (total !== raters) {
      throw new LoupeError('invalid-input', `Fleiss' kappa needs the same raters for every item: item ${i} has ${total} ratings, item 0 has ${raters}`);
    }
    // P_i: agreeing ordered rater pairs over all ordered rater pairs of the item.
    sumP += (squares - raters) / (raters * (raters - 1));
  }
  const all = n * raters;
  const p: number[] = [];
  let pe = 0;
  for (let j = 0; j < k; j += 1) {
    const share = columnTotals[j]! / all;
    p.push(share);
    pe += share * share;
  }
  const pBar = sumP / n;
  const kappa = pe === 1 ? 1 : (pBar - pe) / (1 - pe);
  return { kappa, pBar, pe, p, n, raters };
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha
// ---------------------------------------------------------------------------------------------

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';
export type AlphaValue = number | string;
/** Rows are coders, columns are units; null (or a missing column) is a value the coder did not give. */
export type ReliabilityData = readonly (readonly (AlphaValue | null | undefined)[])[];

export interface KrippendorffAlpha {
  /** 1 − observed / expected; 1 when expected = 0 (no variation at all); NaN with no pairable unit. */
  alpha: number;
  /** Observed disagreement D_o. */
  observed: number;
  /** Expected disagreement D_e. */
  expected: number;
  /** Pairable values n.. (values in units with at least two values): the coincidence matrix total. */
  n: number;
  /** Units with at least two values (the others carry no information about agreement and are ignored). */
  units: number;
}

interface Encoded {
  /** Distinct values in first-seen order; codes index into it. */
  values: AlphaValue[];
  /** coder-major codes, −1 where missing. */
  cells: Int32Array;
  coders: number;
  unitCount: number;
}

function encode(data: ReliabilityData, level: AlphaLevel): Encoded {
  const coders = data.length;
  let unitCount = 0;
  for (const row of data) unitCount = Math.max(unitCount, row.length);
  const cells = new Int32Array(coders * unitCount).fill(-1);
  const codes = new Map<AlphaValue, number>();
  const values: AlphaValue[] = [];
  for (let c = 0; c < coders; c += 1) {
    const row = data[c]!;
    for (let u = 0; u < row.length; u += 1) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new LoupeError('invalid-input', `Krippendorff's alpha: coder ${c}, unit ${u} is ${v}; use null for a missing value`);
      } else if (level !== 'nominal') {
        // Ordinal and interval metrics need an order (and interval a distance), which a label lacks.
        throw new LoupeError('invalid-input', `Krippendorff's alpha (${level}) needs numbers; coder ${c}, unit ${u} is "${v}"`);
      }
      let code = codes.get(v);
      if (code === undefined) {
        code = values.length;
        codes.set(v, code);
        values.push(v);
      }
      cells[c * unitCount + u] = code;
    }
  }
  return { values, cells, coders, unitCount };
}

/**
 * Krippendorff's alpha, as defined in Krippendorff (2011) "Computing Krippendorff's
 * Alpha-Reliability": α = 1 − D_o / D_e with
 *   D_o = (1/n..) Σ_c Σ_k o_ck δ²_ck           (o = the coincidence matrix)
 *   D_e = 1/(n..(n..−1)) Σ_c Σ_k n_c n_k δ²_ck  (n_c = its marginals)
 * and δ² the metric of the level: nominal 0/1; interval (c − k)²; ordinal
 * (Σ_{g=c..k} n_g − (n_c + n_k)/2)², i.e. ranks weighted by the marginal frequencies.
 *
 * The coincidence matrix is not materialised: with many distinct values (interval data) it would
 * be values² cells. Each unit u with m_u values adds Σ_{i≠j} δ²(v_i, v_j) / (m_u − 1) to Σ o_ck δ²_ck,
 * which for the nominal metric is (m_u² − Σ_c m_uc²) / (m_u − 1) and for the interval metric
 * (2 m_u Σ x² − 2 (Σ x)²) / (m_u − 1); D_e likewise reduces to the marginals. The ordinal metric is
 * the interval metric applied to each value's mid-rank C_g = Σ_{h<g} n_h + n_g / 2, because
 * Σ_{g=c..k} n_g − (n_c + n_k)/2 = C_k − C_c. So every level is two linear passes; `coincidences`
 * and `alphaFromCoincidences` below compute the same thing the textbook way, for checking.
 */
export function krippendorffAlpha(data: ReliabilityData, level: AlphaLevel): KrippendorffAlpha {
  const { values, cells, coders, unitCount } = encode(data, level);
  const v = values.length;
  // Pass 1: marginals n_c over pairable values only.
  const marginal = new Float64Array(v);
  let n = 0;
  let units = 0;
  for (let u = 0; u < unitCount; u += 1) {
    let m = 0;
    for (let c = 0; c < coders; c += 1) if (cells[c * unitCount + u]! >= 0) m += 1;
    if (m < 2) continue;
    units += 1;
    n += m;
    for (let c = 0; c < coders; c += 1) {
      const code = cells[c * unitCount + u]!;
      if (code >= 0) marginal[code]! += 1;
    }
  }
  if (units === 0) return { alpha: NaN, observed: NaN, expected: NaN, n: 0, units: 0 };

  let observedSum = 0;
  let expected: number;
  if (level === 'nominal') {
    // Per-unit value counts in a scratch array, reset through the list of codes touched, so a unit
    // costs O(coders) whatever the number of distinct values.
    const scratch = new Int32Array(v);
    const touched = new Int32Array(coders);
    for (let u = 0; u < unitCount; u += 1) {
      let m = 0;
      let distinct = 0;
      for (let c = 0; c < coders; c += 1) {
        const code = cells[c * unitCount + u]!;
        if (code < 0) continue;
        m += 1;
        if (scratch[code] === 0) touched[distinct++] = code;
        scratch[code]! += 1;
      }
      let same = 0;
      for (let t = 0; t < distinct; t += 1) {
        const code = touched[t]!;
        same += scratch[code]! * scratch[code]!;
        scratch[code] = 0;
      }
      if (m >= 2) observedSum += (m * m - same) / (m - 1);
    }
    let squares = 0;
    for (let c = 0; c < v; c += 1) squares += marginal[c]! * marginal[c]!;
    expected = (n * n - squares) / (n * (n - 1));
  } else {
    const x = positions(values, marginal, level);
    for (let u = 0; u < unitCount; u += 1) {
      // Shift by the unit's first value: the squared differences are unchanged, and the sums stay
      // small, which avoids cancellation when values are large but close together.
      let m = 0;
      let origin = 0;
      let sum = 0;
      let squares = 0;
      for (let c = 0; c < coders; c += 1) {
        const code = cells[c * unitCount + u]!;
        if (code < 0) continue;
        if (m === 0) origin = x[code]!;
        const d = x[code]! - origin;
        m += 1;
        sum += d;
        squares += d * d;
      }
      if (m >= 2) observedSum += (2 * m * squares - 2 * sum * sum) / (m - 1);
    }
    // Σ_c Σ_k n_c n_k (x_c − x_k)² = 2 n Σ n_c (x_c − mean)², taken about the mean for precision.
    let mean = 0;
    for (let c = 0; c < v; c += 1) mean += marginal[c]! * x[c]!;
    mean /= n;
    let spread = 0;
    for (let c = 0; c < v; c += 1) spread += marginal[c]! * (x[c]! - mean) ** 2;
    expected = (2 * spread) / (n - 1);
  }
  const observed = observedSum / n;
  // D_e = 0 means every pairable value is the same, hence D_o = 0 too: total agreement.
  const alpha = expected === 0 ? 1 : 1 - observed / expected;
  return { alpha, observed, expected, n, units };
}

/**
 * Each value's position on the line the interval metric measures: the number itself (interval) or
 * its mid-rank among the pairable values (ordinal). Values only present in unpairable units have
 * n_g = 0 and so no effect on any rank.
 */
function positions(values: readonly AlphaValue[], marginal: Float64Array, level: 'ordinal' | 'interval'): Float64Array {
  const x = new Float64Array(values.length);
  if (level === 'interval') {
    for (let c = 0; c < values.length; c += 1) x[c] = values[c] as number;
    return x;
  }
  const order = values.map((_, c) => c).sort((a, b) => (values[a] as number) - (values[b] as number));
  let below = 0;
  for (const c of order) {
    x[c] = below + marginal[c]! / 2;
    below += marginal[c]!;
  }
  return x;
}

export interface Coincidences {
  /** The distinct pairable values, sorted (numbers ascending, then strings). */
  values: AlphaValue[];
  /** o_ck, values × values. */
  matrix: number[][];
  /** Row sums n_c. */
  marginals: number[];
  /** n.., the matrix total. */
  n: number;
}

/**
 * The coincidence matrix itself (Krippendorff 2011): each unit with m_u ≥ 2 values adds
 * 1 / (m_u − 1) to o_ck for every ordered pair of its values (c, k) from different coders.
 * Quadratic in the number of distinct values, so meant for reports and checks on small value sets,
 * not for the large-project path (`krippendorffAlpha` does not build it).
 */
export function coincidences(data: ReliabilityData): Coincidences {
  const { values: seen, cells, coders, unitCount } = encode(data, 'nominal');
  const order = seen.map((_, c) => c).sort((a, b) => compareValues(seen[a]!, seen[b]!));
  const index = new Int32Array(seen.length);
  order.forEach((c, i) => (index[c] = i));
  const size = seen.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const present: number[] = [];
  for (let u = 0; u < unitCount; u += 1) {
    present.length = 0;
    for (let c = 0; c < coders; c += 1) {
      const code = cells[c * unitCount + u]!;
      if (code >= 0) present.push(index[code]!);
    }
    const m = present.length;
    if (m < 2) continue;
    // m_c · m_k ordered pairs for c ≠ k and m_c (m_c − 1) for c = k, each weighted 1 / (m − 1):
    // one division per cell rather than summing 1/(m − 1) pair by pair, so 7 stays 7, not 6.999….
    const counts = new Map<number, number>();
    for (const c of present) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const [c, mc] of counts) {
      for (const [k, mk] of counts) matrix[c]![k]! += (c === k ? mc * (mc - 1) : mc * mk) / (m - 1);
    }
  }
  const marginals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  // Drop values that only occur in unpairable units: they have empty rows and are no category of the matrix.
  const keep = marginals.map((m, i) => (m > 0 ? i : -1)).filter((i) => i >= 0);
  return {
    values: keep.map((i) => seen[order[i]!]!),
    matrix: keep.map((i) => keep.map((j) => matrix[i]![j]!)),
    marginals: keep.map((i) => marginals[i]!),
    n: marginals.reduce((a, b) => a + b, 0),
  };
}

function compareValues(a: AlphaValue, b: AlphaValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Alpha from an explicit coincidence matrix, term by term as in Krippendorff (2011): the reference
 * the fast path is tested against, and a way to get alpha for a published matrix. A matrix does
 * not say how many units it came from, so `units` is NaN here.
 */
export function alphaFromCoincidences(co: Coincidences, level: AlphaLevel): KrippendorffAlpha {
  const { values, matrix, marginals: nc, n } = co;
  const size = values.length;
  if (n === 0) return { alpha: NaN, observed: NaN, expected: NaN, n: 0, units: NaN };
  const delta = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    if (level === 'interval') return ((values[c] as number) - (values[k] as number)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g += 1) between += nc[g]!;
    return (between - (nc[lo]! + nc[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c += 1) {
    for (let k = 0; k < size; k += 1) {
      const d = delta(c, k);
      observed += matrix[c]![k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return { alpha: expected === 0 ? 1 : 1 - observed / expected, observed, expected, n, units: NaN };
}

// ---------------------------------------------------------------------------------------------
// Kendall's tau-b
// ---------------------------------------------------------------------------------------------

/**
 * Kendall's tau-b between two paired score vectors (ties allowed in either):
 * (concordant − discordant) / √((n0 − ties_x)(n0 − ties_y)), n0 = n(n−1)/2.
 * NaN when either side is entirely tied (the denominator is zero) or there are fewer than two
 * items: the rankings then carry no order to correlate. O(n²), which suits rankings of a task's
 * few responses, the only use here.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new LoupeError('invalid-input', `Kendall's tau-b needs paired values: ${x.length} and ${y.length}`);
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0) tiesX += 1;
      if (dy === 0) tiesY += 1;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant += 1;
        else discordant += 1;
      }
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}
