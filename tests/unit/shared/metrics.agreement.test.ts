/**
 * Agreement coefficients against published worked examples (each cited where it is used), plus
 * edge cases, and the fast Krippendorff path against the textbook coincidence-matrix computation.
 */
import { describe, expect, it } from 'vitest';
import {
  alphaFromCoincidences,
  coincidences,
  cohensKappa,
  fleissKappa,
  kendallTauB,
  krippendorffAlpha,
  type AlphaLevel,
} from '../../../shared/metrics/agreement';
import { LoupeError } from '../../../shared/errors';
import { mulberry32, syntheticAgreementInput } from '../../../shared/metrics/synthetic';

/** Expand a contingency table (rows = rater 1's category, columns = rater 2's) into pairs. */
function pairsFromTable(categories: string[], table: number[][]): [string, string][] {
  const pairs: [string, string][] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let k = 0; k < count; k += 1) pairs.push([categories[i]!, categories[j]!]);
  }));
  return pairs;
}

describe("Cohen's kappa", () => {
  it('reproduces the Wikipedia worked example (50 grant proposals, κ = 0.4)', () => {
    // Wikipedia, "Cohen's kappa", section "Examples" › "Simple example" (article as of 2024):
    // 50 proposals, readers A and B; both Yes 20, A Yes/B No 5, A No/B Yes 10, both No 15.
    // Published: p_o = 0.7, p_e = 0.5, κ = 0.4.
    const r = cohensKappa(pairsFromTable(['Yes', 'No'], [[20, 5], [10, 15]]));
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 10);
    expect(r.expected).toBeCloseTo(0.5, 10);
    expect(r.kappa).toBeCloseTo(0.4, 10);
  });

  it('reproduces the Wikipedia "same percentages but different numbers" tables (κ = 0.1304 and 0.2593)', () => {
    // Wikipedia, "Cohen's kappa", section "Examples" › "Same percentages but different numbers":
    // both tables have 60% agreement over 100 items; published κ = 0.1304 and κ = 0.2593.
    const first = cohensKappa(pairsFromTable(['Yes', 'No'], [[45, 15], [25, 15]]));
    const second = cohensKappa(pairsFromTable(['Yes', 'No'], [[25, 35], [5, 35]]));
    expect(first.observed).toBeCloseTo(0.6, 10);
    expect(second.observed).toBeCloseTo(0.6, 10);
    expect(first.kappa).toBeCloseTo(0.1304, 4);
    expect(second.kappa).toBeCloseTo(0.2593, 4);
  });

  it("reproduces Cohen's own 3×3 example (p_o = .70, p_c = .41, κ = .492)", () => {
    // Cohen, J. (1960). "A coefficient of agreement for nominal scales". Educational and
    // Psychological Measurement 20(1), 37–46, Table 1: 200 items, three categories, judge A's
    // marginals 120/60/20, judge B's 100/60/40, diagonal 88/40/12. Published p_o = .70,
    // p_c = .41, κ = .492. (κ depends only on the diagonal and the marginals; the off-diagonal
    // cells here are as we recall the table, and any split consistent with the marginals gives the
    // same κ.)
    const r = cohensKappa(pairsFromTable(['1', '2', '3'], [[88, 14, 18], [10, 40, 10], [2, 6, 12]]));
    expect(r.n).toBe(200);
    expect(r.observed).toBeCloseTo(0.7, 10);
    expect(r.expected).toBeCloseTo(0.41, 10);
    expect(r.kappa).toBeCloseTo(0.492, 3);
  });

  it('is NaN without data and 1 when both raters used one category throughout', () => {
    expect(cohensKappa([]).kappa).toBeNaN();
    const r = cohensKappa([['a', 'a'], ['a', 'a'], ['a', 'a']]);
    expect(r).toEqual({ kappa: 1, observed: 1, expected: 1, n: 3 });
  });

  it('is 1 on perfect agreement, 0 at chance and negative below it', () => {
    expect(cohensKappa([['a', 'a'], ['b', 'b'], ['c', 'c']]).kappa).toBe(1);
    // Each rater says a half the time, independently: p_o = p_e = 0.5.
    expect(cohensKappa([['a', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'b']]).kappa).toBe(0);
    expect(cohensKappa([['a', 'b'], ['b', 'a']]).kappa).toBe(-1);
  });

  it('counts a category only one rater used', () => {
    // A never says c, B once: p_o = 2/3, p_e = (1·1 + 2·1 + 0·1)/9 = 1/3, κ = 0.5.
    const r = cohensKappa([['a', 'a'], ['b', 'b'], ['b', 'c']]);
    expect(r.expected).toBeCloseTo(1 / 3, 12);
    expect(r.kappa).toBeCloseTo(0.5, 12);
  });
});

describe("Fleiss' kappa", () => {
  // Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects, 14 raters, 5 categories.
  // Published: P̄ = 0.378, P̄e = 0.213, κ = 0.210; p_j = 0.143, 0.200, 0.279, 0.150, 0.229.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it('reproduces the Wikipedia worked example (κ ≈ 0.210)', () => {
    const r = fleissKappa(table);
    expect(r.n).toBe(10);
    expect(r.raters).toBe(14);
    expect(r.pBar).toBeCloseTo(0.378, 3);
    expect(r.pe).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
    [0.143, 0.2, 0.279, 0.15, 0.229].forEach((p, j) => expect(r.p[j]).toBeCloseTo(p, 3));
  });

  it('refuses uneven raters, ragged rows, bad counts and a single rater', () => {
    expect(() => fleissKappa([[1, 1], [2, 1]])).toThrow(/same raters/);
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(LoupeError);
    expect(() => fleissKappa([[1.5, 0.5]])).toThrow(/whole numbers/);
    expect(() => fleissKappa([[-1, 3]])).toThrow(/whole numbers/);
    expect(() => fleissKappa([[1, 0]])).toThrow(/at least two raters/);
    expect(() => fleissKappa([[]])).toThrow(/at least one category/);
  });

  it('is NaN without items and 1 when every rating is one category', () => {
    expect(fleissKappa([]).kappa).toBeNaN();
    const r = fleissKappa([[3, 0], [3, 0]]);
    expect(r.pe).toBe(1);
    expect(r.kappa).toBe(1);
  });

  it('is 1 on perfect agreement over several categories', () => {
    expect(fleissKappa([[3, 0, 0], [0, 3, 0], [0, 0, 3]]).kappa).toBe(1);
  });
});

describe("Krippendorff's alpha", () => {
  const _ = null;
  // Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". University of
  // Pennsylvania, Annenberg School for Communication, Departmental Papers (ASC) 43, section C
  // "Nominal data, any number of observers, missing data" (reliability data of 4 observers × 12
  // units, "." = missing); the ordinal and interval sections reuse the same data. Published:
  // nominal α = 0.743, ordinal α = 0.815, interval α = 0.849; coincidence marginals
  // n_c = 9, 13, 10, 5, 3 with n.. = 40 (unit 12 has a single value and is not pairable).
  const example = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('reproduces the Krippendorff (2011) example, %s α = %s', (level, published) => {
    const r = krippendorffAlpha(example, level);
    expect(r.alpha).toBeCloseTo(published, 3);
    expect(r.n).toBe(40);
    expect(r.units).toBe(11);
  });

  it('builds the published coincidence matrix of that example', () => {
    // The same document tabulates o_ck for this data: diagonal 7, 10, 8, 4, 3; o_12 = o_23 = 4/3;
    // the other off-diagonal cells among values 1–4 are 1/3 (unit 6 has four different values).
    const t = 1 / 3;
    const co = coincidences(example);
    expect(co.values).toEqual([1, 2, 3, 4, 5]);
    const expected = [
      [7, 4 * t, t, t, 0],
      [4 * t, 10, 4 * t, t, 0],
      [t, 4 * t, 8, t, 0],
      [t, t, t, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    co.matrix.forEach((row, i) => row.forEach((cell, j) => expect(cell).toBeCloseTo(expected[i]![j]!, 12)));
    co.marginals.forEach((m, i) => expect(m).toBeCloseTo([9, 13, 10, 5, 3][i]!, 12));
    expect(co.n).toBeCloseTo(40, 12);
  });

  it('reproduces the binary two-observer example (α = 0.095)', () => {
    // Krippendorff (2011), section A "Binary or dichotomous data, two observers, no missing data":
    // observer A 0 1 0 0 0 0 0 0 1 0, observer B 1 1 1 0 0 1 0 0 0 0; published α = 0.095.
    const r = krippendorffAlpha([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ], 'nominal');
    expect(r.alpha).toBeCloseTo(0.095, 3);
    expect(r.n).toBe(20);
  });

  it.each(['nominal', 'ordinal', 'interval'] as AlphaLevel[])('agrees with the term-by-term coincidence computation on larger data (%s)', (level) => {
    const { units } = syntheticAgreementInput(3000, { seed: 7 });
    const fast = krippendorffAlpha(units, level);
    const slow = alphaFromCoincidences(coincidences(units), level);
    expect(fast.alpha).toBeCloseTo(slow.alpha, 10);
    // Ordinal disagreements are squared rank distances (millions here): compare relatively.
    expect(fast.observed / slow.observed).toBeCloseTo(1, 10);
    expect(fast.expected / slow.expected).toBeCloseTo(1, 10);
  });

  it('takes nominal labels as strings and treats undefined and short rows as missing', () => {
    const strings = krippendorffAlpha([
      ['pos', 'neg', 'pos', 'neg'],
      ['pos', 'neg', 'neg'],
    ], 'nominal');
    const numbers = krippendorffAlpha([
      [1, 2, 1, 2],
      [1, 2, 2, undefined],
    ], 'nominal');
    expect(strings.alpha).toBeCloseTo(numbers.alpha, 12);
    expect(strings.units).toBe(3);
  });

  it('ignores units with fewer than two values', () => {
    const base = krippendorffAlpha([[1, 2, 3], [1, 2, 4]], 'interval');
    const padded = krippendorffAlpha([[1, 2, 3, 9, _], [1, 2, 4, _, 7]], 'interval');
    expect(padded).toEqual(base);
  });

  it('is NaN without pairable units and 1 when every value is the same', () => {
    expect(krippendorffAlpha([], 'nominal').alpha).toBeNaN();
    expect(krippendorffAlpha([[1, 2, 3]], 'nominal').alpha).toBeNaN();
    expect(krippendorffAlpha([[1, _], [_, 1]], 'nominal').alpha).toBeNaN();
    const same = krippendorffAlpha([[2, 2, 2], [2, 2, _]], 'ordinal');
    expect(same.expected).toBe(0);
    expect(same.alpha).toBe(1);
  });

  it('is 1 on perfect agreement and below 0 on systematic disagreement', () => {
    expect(krippendorffAlpha([[1, 2, 3], [1, 2, 3]], 'interval').alpha).toBe(1);
    expect(krippendorffAlpha([[1, 2], [2, 1]], 'nominal').alpha).toBeLessThan(0);
  });

  it('does not lose precision on large interval values', () => {
    const shifted = example.map((row) => row.map((v) => (v === null ? null : v + 1e9)));
    expect(krippendorffAlpha(shifted, 'interval').alpha).toBeCloseTo(0.849, 3);
  });

  it('refuses labels for ordinal and interval data, and non-finite numbers', () => {
    expect(() => krippendorffAlpha([['a', 'b'], ['a', 'b']], 'ordinal')).toThrow(/needs numbers/);
    expect(() => krippendorffAlpha([['a'], ['a']], 'interval')).toThrow(LoupeError);
    expect(() => krippendorffAlpha([[NaN, 1], [1, 1]], 'nominal')).toThrow(/null for a missing value/);
  });
});

describe("Kendall's tau-b", () => {
  it('reproduces the SciPy documentation example (τ = −0.4714)', () => {
    // SciPy reference guide, scipy.stats.kendalltau, section "Examples":
    // x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0] → tau = -0.47140452079103173 (tau-b, ties in both).
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('is ±1 for identical and reversed orders, NaN when a side has no order', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1], [1])).toBeNaN();
    expect(() => kendallTauB([1, 2], [1])).toThrow(/paired/);
  });
});

describe('synthetic benchmark input', () => {
  it('mulberry32 is deterministic and uniform-looking', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('has the documented shape (100,000 units × 5 coders by default) and feeds every coefficient', () => {
    const input = syntheticAgreementInput();
    expect(input.units).toHaveLength(5);
    expect(input.units.every((row) => row.length === 100_000)).toBe(true);
    expect(input.counts).toHaveLength(100_000);
    expect(input.counts.every((row) => row.reduce((s, c) => s + c, 0) === 5)).toBe(true);
    const kappa = cohensKappa(input.pairs).kappa;
    const fleiss = fleissKappa(input.counts).kappa;
    const alpha = krippendorffAlpha(input.units, 'nominal').alpha;
    // Moderate agreement by construction (70% accurate coders, 5 categories): not degenerate.
    for (const v of [kappa, fleiss, alpha]) {
      expect(v).toBeGreaterThan(0.3);
      expect(v).toBeLessThan(0.8);
    }
    expect(syntheticAgreementInput(50, { seed: 3 })).toEqual(syntheticAgreementInput(50, { seed: 3 }));
  });
});
