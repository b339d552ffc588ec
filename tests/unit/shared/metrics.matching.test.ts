/**
 * Span, box and polygon matching: a published seqeval example for span F1, hand-computed cases for
 * everything else (each figure worked out in the comment beside it).
 */
import { describe, expect, it } from 'vitest';
import {
  boxF1,
  boxIoU,
  matchSpans,
  polygonArea,
  polygonF1,
  polygonIntersectionArea,
  polygonIoU,
  prf,
  spanF1,
  tallyByLabel,
  type Point,
} from '../../../shared/metrics/matching';

const span = (start: number, end: number, label: string) => ({ start, end, label });
const box = (x: number, y: number, width: number, height: number, label = 'car') => ({ x, y, width, height, label });

describe('span F1', () => {
  it('reproduces the seqeval README example (micro F1 = 0.50)', () => {
    // Hiroki Nakayama, "seqeval: A Python framework for sequence labeling evaluation" (2018),
    // README section "Usage": y_true = [[O O O B-MISC I-MISC I-MISC O], [B-PER I-PER O]],
    // y_pred = [[O O B-MISC I-MISC I-MISC I-MISC O], [B-PER I-PER O]]; f1_score → 0.50, and the
    // classification report gives MISC 0.00 / 0.00 / 0.00, PER 1.00 / 1.00 / 1.00, micro avg 0.50.
    // As token spans (sentence 2 offset by 7 tokens): true MISC [3,6) PER [7,9); pred MISC [2,6) PER [7,9).
    const gold = [span(3, 6, 'MISC'), span(7, 9, 'PER')];
    const pred = [span(2, 6, 'MISC'), span(7, 9, 'PER')];
    const r = spanF1(pred, gold);
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(tallyByLabel(pred, gold, r.matches)).toEqual({ MISC: { tp: 0, fp: 1, fn: 1 }, PER: { tp: 1, fp: 0, fn: 0 } });
    // The overlap mode forgives MISC's boundary.
    expect(spanF1(pred, gold, 'overlap').f1).toBe(1);
  });

  it('needs the same label in both modes', () => {
    expect(spanF1([span(0, 5, 'A')], [span(0, 5, 'B')]).f1).toBe(0);
    expect(spanF1([span(0, 5, 'A')], [span(0, 5, 'B')], 'overlap').f1).toBe(0);
  });

  it('matches one to one, longest overlap first', () => {
    // [0,10) overlaps gold [0,4) by 4 and [5,10) by 5: it takes [5,10); [0,4) is missed.
    const m = matchSpans([span(0, 10, 'A')], [span(0, 4, 'A'), span(5, 10, 'A')], 'overlap');
    expect(m).toEqual([{ pred: 0, gold: 1, score: 5 }]);
    // Two predictions over one gold span: only one can have it.
    const r = spanF1([span(0, 3, 'A'), span(2, 6, 'A')], [span(0, 6, 'A')], 'overlap');
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(r.matches).toEqual([{ pred: 1, gold: 0, score: 4 }]);
  });

  it('treats touching spans as not overlapping (half-open offsets)', () => {
    expect(spanF1([span(0, 5, 'A')], [span(5, 9, 'A')], 'overlap').tp).toBe(0);
  });

  it('counts duplicates as a multiset in exact mode', () => {
    const r = spanF1([span(1, 2, 'A'), span(1, 2, 'A')], [span(1, 2, 'A')]);
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.f1).toBeCloseTo(2 / 3, 12);
  });

  it('scores empty against empty as perfect and empty against something as zero', () => {
    expect(spanF1([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(spanF1([], [span(0, 1, 'A')])).toMatchObject({ precision: 0, recall: 0, f1: 0, fn: 1 });
    expect(spanF1([span(0, 1, 'A')], [])).toMatchObject({ precision: 0, recall: 0, f1: 0, fp: 1 });
    expect(prf(0, 0, 0).f1).toBe(1);
  });

  it('computes precision and recall separately', () => {
    // 2 of 3 predictions right, 2 of 4 gold found: P = 2/3, R = 1/2, F1 = 4/7.
    const r = spanF1(
      [span(0, 1, 'A'), span(2, 3, 'A'), span(4, 5, 'A')],
      [span(0, 1, 'A'), span(2, 3, 'A'), span(6, 7, 'A'), span(8, 9, 'A')],
    );
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBeCloseTo(4 / 7, 12);
  });
});

describe('box IoU', () => {
  it('computes overlap, containment, identity and disjointness', () => {
    // 10×10 boxes offset by (5, 5): intersection 25, union 175.
    expect(boxIoU(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBeCloseTo(1 / 7, 12);
    // A 5×5 box inside a 10×10 one: 25 / 100.
    expect(boxIoU(box(0, 0, 10, 10), box(0, 0, 5, 5))).toBe(0.25);
    expect(boxIoU(box(3, 4, 5, 6), box(3, 4, 5, 6))).toBe(1);
    expect(boxIoU(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0); // shares an edge only
    expect(boxIoU(box(0, 0, 10, 10), box(50, 50, 1, 1))).toBe(0);
  });

  it('defines zero-area boxes: 1 with their own copy, 0 otherwise', () => {
    expect(boxIoU(box(1, 1, 0, 0), box(1, 1, 0, 0))).toBe(1);
    expect(boxIoU(box(1, 1, 0, 0), box(2, 2, 0, 0))).toBe(0);
    expect(boxIoU(box(1, 1, 0, 5), box(0, 0, 10, 10))).toBe(0);
  });
});

describe('box F1', () => {
  it('uses an inclusive IoU threshold (0.5 by default)', () => {
    // A 10×10 box against a 10×20 one containing it: 100 / 200 = 0.5 exactly.
    const pred = [box(0, 0, 10, 10)];
    const gold = [box(0, 0, 10, 20)];
    expect(boxF1(pred, gold).tp).toBe(1);
    expect(boxF1(pred, gold, 0.51).tp).toBe(0);
  });

  it('matches greedily by highest IoU, one to one, same label', () => {
    // P0 overlaps G by 90/110 ≈ 0.818, P1 is G exactly: P1 wins, P0 is a false positive.
    const r = boxF1([box(1, 0, 10, 10), box(0, 0, 10, 10)], [box(0, 0, 10, 10)]);
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 0, meanIoU: 1 });
    expect(r.matches).toEqual([{ pred: 1, gold: 0, score: 1 }]);
    expect(boxF1([box(0, 0, 10, 10, 'car')], [box(0, 0, 10, 10, 'bus')])).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
  });

  it('reports precision, recall, F1 and the mean IoU of the matches', () => {
    // Matches: identical (IoU 1) and shifted by 2 (80/120 = 2/3); one gold box missed.
    const r = boxF1(
      [box(0, 0, 10, 10), box(22, 0, 10, 10)],
      [box(0, 0, 10, 10), box(20, 0, 10, 10), box(100, 100, 5, 5)],
    );
    expect(r).toMatchObject({ tp: 2, fp: 0, fn: 1, precision: 1 });
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(0.8, 12);
    expect(r.meanIoU).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });

  it('has a NaN mean IoU when nothing matched, and F1 = 1 for two empty sets', () => {
    expect(boxF1([box(0, 0, 1, 1)], []).meanIoU).toBeNaN();
    expect(boxF1([], [])).toMatchObject({ f1: 1, tp: 0 });
  });

  it('never matches disjoint boxes, even at threshold 0', () => {
    expect(boxF1([box(0, 0, 1, 1)], [box(5, 5, 1, 1)], 0).tp).toBe(0);
  });
});

describe('polygon IoU (exact, by signed fan triangles and Sutherland–Hodgman)', () => {
  const square = (x: number, y: number, s: number): Point[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
  // A 10×10 square with its top-right 5×5 quarter cut out (concave, area 75).
  const lTopRightCut: Point[] = [[0, 0], [10, 0], [10, 5], [5, 5], [5, 10], [0, 10]];
  // The same with its top-left quarter cut out.
  const lTopLeftCut: Point[] = [[0, 0], [10, 0], [10, 10], [5, 10], [5, 5], [0, 5]];

  it('agrees with box IoU on rectangles', () => {
    expect(polygonIoU(square(0, 0, 10), square(5, 5, 10))).toBeCloseTo(1 / 7, 12);
    expect(polygonIoU(square(0, 0, 10), square(0, 0, 10))).toBeCloseTo(1, 12);
  });

  it('measures a concave polygon against convex ones', () => {
    expect(polygonArea(lTopRightCut)).toBe(75);
    // The cut-out quarter itself: touching only, IoU 0.
    expect(polygonIoU(lTopRightCut, square(5, 5, 5))).toBeCloseTo(0, 12);
    // The full square contains the L: 75 / 100.
    expect(polygonIoU(lTopRightCut, square(0, 0, 10))).toBeCloseTo(0.75, 12);
    // Square [2,8]²: 36 minus the part in the cut [5,8]² (9) = 27; union 75 + 36 − 27 = 84.
    expect(polygonIntersectionArea(lTopRightCut, square(2, 2, 6))).toBeCloseTo(27, 10);
    expect(polygonIoU(lTopRightCut, square(2, 2, 6))).toBeCloseTo(27 / 84, 12);
  });

  it('measures two concave polygons', () => {
    // Both Ls cover the bottom half and one top quarter each: intersection 50, union 100.
    expect(polygonIntersectionArea(lTopRightCut, lTopLeftCut)).toBeCloseTo(50, 10);
    expect(polygonIoU(lTopRightCut, lTopLeftCut)).toBeCloseTo(0.5, 12);
  });

  it('does not depend on winding direction or starting vertex', () => {
    const reversed = [...lTopRightCut].reverse();
    const rotated = [...lTopRightCut.slice(3), ...lTopRightCut.slice(0, 3)];
    expect(polygonIoU(reversed, square(2, 2, 6))).toBeCloseTo(27 / 84, 12);
    expect(polygonIoU(rotated, [...square(2, 2, 6)].reverse())).toBeCloseTo(27 / 84, 12);
  });

  it('handles triangles and disjoint shapes', () => {
    // Right triangle, half the square: 50 / 100.
    expect(polygonIoU([[0, 0], [10, 0], [0, 10]], square(0, 0, 10))).toBeCloseTo(0.5, 12);
    expect(polygonIoU(square(0, 0, 1), square(5, 5, 1))).toBe(0);
  });

  it('defines degenerate polygons like degenerate boxes', () => {
    const line: Point[] = [[0, 0], [1, 1], [2, 2]];
    expect(polygonIoU(line, line)).toBe(1);
    expect(polygonIoU(line, [[0, 0], [1, 1], [3, 3]])).toBe(0);
  });

  it('gives polygon F1 with IoU matching', () => {
    const r = polygonF1(
      [{ points: lTopRightCut, label: 'roof' }, { points: square(50, 50, 4), label: 'roof' }],
      [{ points: square(0, 0, 10), label: 'roof' }],
    );
    expect(r).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.meanIoU).toBeCloseTo(0.75, 12);
    expect(polygonF1([{ points: lTopRightCut, label: 'roof' }], [{ points: square(0, 0, 10), label: 'roof' }], 0.8).tp).toBe(0);
  });
});

describe('per-label tallies', () => {
  it('keys labels that shadow Object.prototype names safely', () => {
    const t = tallyByLabel([{ label: 'constructor' }], [{ label: 'toString' }], []);
    expect(t).toEqual({ constructor: { tp: 0, fp: 1, fn: 0 }, toString: { tp: 0, fp: 0, fn: 1 } });
  });
});
