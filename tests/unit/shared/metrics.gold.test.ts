/**
 * Scoring answers against gold for every question kind, and the per-annotator / per-label summary.
 * Expected figures are worked out by hand beside each case.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { labelConfigSchema, type Control, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { ControlResult } from '../../../shared/pack/task';
import { accuracySummary, ranksOf, scoreAgainstGold, scoreControl } from '../../../shared/metrics/gold';
import { LoupeError } from '../../../shared/errors';

type ControlInput = z.input<typeof labelConfigSchema>['controls'][number];

const label = (id: string) => ({ id, name: id, color: '#3b82f6' });
const scale = (...values: number[]) => values.map((value) => ({ value, label: `v${value}` }));

const controls: ControlInput[] = [
  { id: 'topic', kind: 'choices', multiple: true, labels: [label('sport'), label('politics'), label('tech')] },
  { id: 'ner', kind: 'spans', labels: [label('PER'), label('ORG')] },
  { id: 'cars', kind: 'boxes', labels: [label('car'), label('bus')] },
  { id: 'roofs', kind: 'polygons', labels: [label('roof')] },
  {
    id: 'quality',
    kind: 'rubric',
    rubricVersion: 'v2',
    dimensions: [
      { id: 'helpful', name: 'Helpful', scale: scale(1, 2, 3, 4, 5) },
      { id: 'honest', name: 'Honest', scale: scale(1, 2, 3) },
    ],
  },
  { id: 'prefer', kind: 'pairwise', dimensions: [{ id: 'style', name: 'Style' }] },
  { id: 'order', kind: 'ranking', allowTies: true },
  { id: 'harm', kind: 'safety', labels: [label('violence'), label('selfharm')], severities: scale(1, 2) },
  { id: 'rules', kind: 'checklist' },
  { id: 'notes', kind: 'textarea' },
  { id: 'fix', kind: 'rewrite' },
];
const config: LabelConfig = labelConfigSchema.parse({ version: 1, data: 'conversation', controls });
const control = (id: string): Control => config.controls.find((c) => c.id === id)!;

const choices = (...labels: string[]): ControlResult => ({ kind: 'choices', controlId: 'topic', labels });
const spans = (...s: [number, number, string][]): ControlResult => ({
  kind: 'spans',
  controlId: 'ner',
  spans: s.map(([start, end, l], i) => ({ id: `s${i}`, start, end, label: l })),
  relations: [],
});
const boxes = (...b: [number, number, number, number, string][]): ControlResult => ({
  kind: 'boxes',
  controlId: 'cars',
  boxes: b.map(([x, y, width, height, l], i) => ({ id: `b${i}`, x, y, width, height, label: l })),
});
const square = (x: number, y: number, s: number): [number, number][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
const polygons = (...p: [number, number, number][]): ControlResult => ({
  kind: 'polygons',
  controlId: 'roofs',
  polygons: p.map(([x, y, s], i) => ({ id: `p${i}`, points: square(x, y, s), label: 'roof' })),
});
const rubric = (scores: Record<string, number>, rubricVersion?: string): ControlResult => ({
  kind: 'rubric',
  controlId: 'quality',
  scores,
  ...(rubricVersion ? { rubricVersion } : {}),
});
const pairwise = (choice?: 'A' | 'B' | 'tie', dimensions?: Record<string, 'A' | 'B' | 'tie'>): ControlResult => ({
  kind: 'pairwise',
  controlId: 'prefer',
  ...(choice ? { choice } : {}),
  ...(dimensions ? { dimensions } : {}),
  justification: '',
});
const ranking = (...order: string[][]): ControlResult => ({ kind: 'ranking', controlId: 'order', order });
const safety = (...flags: string[]): ControlResult => ({ kind: 'safety', controlId: 'harm', flags: flags.map((l) => ({ label: l, severity: 1 })) });
const checklist = (items: Record<string, 'pass' | 'fail' | 'na'>): ControlResult => ({
  kind: 'checklist',
  controlId: 'rules',
  items: Object.fromEntries(Object.entries(items).map(([k, verdict]) => [k, { verdict }])),
});

describe('scoreControl', () => {
  it('choices: set equality, order-free, with per-label counts', () => {
    expect(scoreControl(control('topic'), choices('tech', 'sport'), choices('sport', 'tech'))).toMatchObject({ correct: true, score: 1 });
    const partial = scoreControl(control('topic'), choices('sport'), choices('sport', 'tech'))!;
    expect(partial).toMatchObject({ correct: false, score: 0 });
    expect(partial.perLabel).toEqual({ sport: { tp: 1, fp: 0, fn: 0 }, tech: { tp: 0, fp: 0, fn: 1 } });
    expect(scoreControl(control('topic'), choices(), choices())).toMatchObject({ correct: true, score: 1 });
  });

  it('spans: F1 as score, correct only at F1 = 1; overlap mode on request', () => {
    const gold = spans([0, 5, 'PER'], [10, 15, 'ORG']);
    expect(scoreControl(control('ner'), spans([10, 15, 'ORG'], [0, 5, 'PER']), gold)).toMatchObject({ correct: true, score: 1 });
    // One exact, one off by a character: P = R = 1/2.
    const r = scoreControl(control('ner'), spans([0, 5, 'PER'], [10, 14, 'ORG']), gold)!;
    expect(r).toMatchObject({ correct: false, score: 0.5 });
    expect(r.perLabel).toEqual({ PER: { tp: 1, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 1, fn: 1 } });
    expect(scoreControl(control('ner'), spans([0, 5, 'PER'], [10, 14, 'ORG']), gold, { spanMode: 'overlap' })).toMatchObject({ correct: true, score: 1 });
  });

  it('boxes: IoU-matched F1 at 0.5 by default, threshold configurable', () => {
    const gold = boxes([0, 0, 10, 10, 'car'], [20, 0, 10, 10, 'bus']);
    // Car shifted by 2 (IoU 80/120 = 0.667) and bus exact: both match at 0.5.
    const answer = boxes([2, 0, 10, 10, 'car'], [20, 0, 10, 10, 'bus']);
    expect(scoreControl(control('cars'), answer, gold)).toMatchObject({ correct: true, score: 1 });
    // At 0.7 the car misses: P = R = 1/2.
    expect(scoreControl(control('cars'), answer, gold, { iouThreshold: 0.7 })).toMatchObject({ correct: false, score: 0.5 });
    // Right place, wrong label: nothing matches.
    expect(scoreControl(control('cars'), boxes([0, 0, 10, 10, 'bus']), boxes([0, 0, 10, 10, 'car']))).toMatchObject({ correct: false, score: 0 });
  });

  it('polygons: IoU-matched F1 with exact polygon IoU', () => {
    // 10×10 vs the same shifted by 5 in x: IoU 50/150 = 1/3, below 0.5.
    expect(scoreControl(control('roofs'), polygons([0, 0, 10]), polygons([0, 0, 10]))).toMatchObject({ correct: true, score: 1 });
    expect(scoreControl(control('roofs'), polygons([5, 0, 10]), polygons([0, 0, 10]))).toMatchObject({ correct: false, score: 0 });
    expect(scoreControl(control('roofs'), polygons([5, 0, 10]), polygons([0, 0, 10]), { iouThreshold: 0.3 })).toMatchObject({ correct: true, score: 1 });
  });

  it('rubric: 1 − mean normalised distance over gold dimensions', () => {
    // helpful off by 2 on a 1–5 scale (range 4) → 0.5; honest equal → 0; mean 0.25.
    const r = scoreControl(control('quality'), rubric({ helpful: 2, honest: 3 }), rubric({ helpful: 4, honest: 3 }))!;
    expect(r).toMatchObject({ correct: false, score: 0.75 });
    expect(r.perItem).toEqual({ helpful: 0.5, honest: 1 });
    expect(scoreControl(control('quality'), rubric({ helpful: 4, honest: 3 }), rubric({ helpful: 4, honest: 3 }))).toMatchObject({ correct: true, score: 1 });
    // A dimension the annotator skipped is as wrong as it gets: honest 1 on a 1–3 scale vs 3 = 1; helpful missing = 1.
    expect(scoreControl(control('quality'), rubric({ honest: 1 }), rubric({ helpful: 4, honest: 3 }))).toMatchObject({ correct: false, score: 0 });
    // Only gold's dimensions count.
    expect(scoreControl(control('quality'), rubric({ helpful: 4, honest: 1 }), rubric({ helpful: 4 }))).toMatchObject({ correct: true, score: 1 });
  });

  it('rubric: not scored across rubric versions or without gold dimensions', () => {
    expect(scoreControl(control('quality'), rubric({ helpful: 4 }, 'v1'), rubric({ helpful: 4 }, 'v2'))).toBeNull();
    expect(scoreControl(control('quality'), rubric({ helpful: 4 }, 'v2'), rubric({ helpful: 4 }))).toMatchObject({ correct: true });
    expect(scoreControl(control('quality'), rubric({ helpful: 4 }), rubric({}))).toBeNull();
  });

  it('pairwise: the overall choice decides; dimensions are reported per item', () => {
    const r = scoreControl(control('prefer'), pairwise('A', { style: 'B' }), pairwise('A', { style: 'A' }))!;
    expect(r).toMatchObject({ correct: true, score: 1, perItem: { style: 0 } });
    expect(scoreControl(control('prefer'), pairwise('tie'), pairwise('B'))).toMatchObject({ correct: false, score: 0 });
    expect(scoreControl(control('prefer'), pairwise(), pairwise('B'))).toMatchObject({ correct: false, score: 0 });
    expect(scoreControl(control('prefer'), pairwise('A'), pairwise())).toBeNull();
  });

  it('ranking: Kendall tau-b mapped to 0..1, correct only when identical', () => {
    const gold = ranking(['a'], ['b'], ['c']);
    expect(scoreControl(control('order'), ranking(['a'], ['b'], ['c']), gold)).toEqual({ correct: true, score: 1 });
    expect(scoreControl(control('order'), ranking(['c'], ['b'], ['a']), gold)).toEqual({ correct: false, score: 0 });
    // One adjacent swap: C = 2, D = 1, τ = 1/3 → 2/3.
    expect(scoreControl(control('order'), ranking(['b'], ['a'], ['c']), gold)!.score).toBeCloseTo(2 / 3, 12);
    // Gold ties a and b, the answer orders them: C = 2, D = 0, ties in gold 1 → τ_b = 2/√6.
    const tied = scoreControl(control('order'), ranking(['a'], ['b'], ['c']), ranking(['a', 'b'], ['c']))!;
    expect(tied.correct).toBe(false);
    expect(tied.score).toBeCloseTo((2 / Math.sqrt(6) + 1) / 2, 12);
    // No order on one side: τ undefined → the midpoint.
    expect(scoreControl(control('order'), ranking(['a', 'b', 'c']), gold)).toEqual({ correct: false, score: 0.5 });
    // Nothing ranked: everything tied last, same midpoint.
    expect(scoreControl(control('order'), undefined, gold)).toEqual({ correct: false, score: 0.5 });
    expect(scoreControl(control('order'), ranking(['a']), ranking())).toBeNull();
  });

  it('ranking: ids only the answer lists do not count', () => {
    expect(ranksOf([['x'], ['a'], ['b']], ['a', 'b'])).toEqual([0, 1]);
    expect(scoreControl(control('order'), ranking(['x'], ['a'], ['b']), ranking(['a'], ['b']))).toEqual({ correct: true, score: 1 });
  });

  it('checklist: share of gold constraints with the same verdict', () => {
    const gold = checklist({ c1: 'pass', c2: 'fail', c3: 'na', c4: 'pass' });
    const r = scoreControl(control('rules'), checklist({ c1: 'pass', c2: 'pass', c3: 'na' }), gold)!;
    expect(r).toMatchObject({ correct: false, score: 0.5, perItem: { c1: 1, c2: 0, c3: 1, c4: 0 } });
    expect(scoreControl(control('rules'), gold, gold)).toMatchObject({ correct: true, score: 1 });
    expect(scoreControl(control('rules'), gold, checklist({}))).toBeNull();
  });

  it('safety: F1 over flagged labels', () => {
    // Found one of two flags, no false alarm: P = 1, R = 1/2, F1 = 2/3.
    const r = scoreControl(control('harm'), safety('violence'), safety('violence', 'selfharm'))!;
    expect(r.correct).toBe(false);
    expect(r.score).toBeCloseTo(2 / 3, 12);
    expect(r.perLabel).toEqual({ violence: { tp: 1, fp: 0, fn: 0 }, selfharm: { tp: 0, fp: 0, fn: 1 } });
    expect(scoreControl(control('harm'), safety(), safety())).toMatchObject({ correct: true, score: 1 });
    expect(scoreControl(control('harm'), safety('violence'), safety())).toMatchObject({ correct: false, score: 0 });
  });

  it('free text is not scored', () => {
    expect(scoreControl(control('notes'), { kind: 'textarea', controlId: 'notes', text: 'a' }, { kind: 'textarea', controlId: 'notes', text: 'a' })).toBeNull();
    expect(scoreControl(control('fix'), undefined, { kind: 'rewrite', controlId: 'fix', responseId: 'r1', text: 'x' })).toBeNull();
  });

  it('scores an unanswered question as the empty answer, and skips what gold left unanswered', () => {
    expect(scoreControl(control('topic'), undefined, choices('sport'))).toMatchObject({ correct: false, score: 0 });
    expect(scoreControl(control('ner'), undefined, spans())).toMatchObject({ correct: true, score: 1 });
    expect(scoreControl(control('cars'), undefined, boxes([0, 0, 1, 1, 'car']))).toMatchObject({ correct: false, score: 0 });
    expect(scoreControl(control('topic'), choices('sport'), undefined)).toBeNull();
  });

  it('refuses a result of another kind than its question', () => {
    expect(() => scoreControl(control('topic'), safety(), choices('sport'))).toThrow(LoupeError);
    expect(() => scoreControl(control('topic'), choices(), safety())).toThrow(/is a safety result/);
  });
});

describe('scoreAgainstGold', () => {
  it('scores each question gold answered, keyed by control id', () => {
    const gold = [choices('sport'), spans([0, 5, 'PER']), pairwise('A'), { kind: 'textarea', controlId: 'notes', text: 'n' } as ControlResult];
    const answer = [choices('sport'), spans([0, 4, 'PER']), pairwise('B')];
    const r = scoreAgainstGold(config, answer, gold);
    expect(Object.keys(r)).toEqual(config.controls.map((c) => c.id));
    expect(r.topic).toMatchObject({ correct: true, score: 1 });
    expect(r.ner).toMatchObject({ correct: false, score: 0 });
    expect(r.prefer).toMatchObject({ correct: false, score: 0 });
    expect(r.notes).toBeNull();
    expect(r.cars).toBeNull();
    expect(r.fix).toBeNull();
  });

  it('scores an empty answer against gold', () => {
    const r = scoreAgainstGold(config, [], [choices('tech'), safety()]);
    expect(r.topic).toMatchObject({ correct: false });
    expect(r.harm).toMatchObject({ correct: true, score: 1 });
  });
});

describe('accuracySummary', () => {
  it('aggregates per annotator and per label, sorted', () => {
    const s = accuracySummary([
      { annotator: 'bo', label: 'pos', correct: true, score: 1 },
      { annotator: 'bo', label: 'neg', correct: false, score: 0.5 },
      { annotator: 'al', label: 'pos', correct: false, score: 0 },
      { annotator: 'al', correct: true, score: 1 },
    ]);
    expect(s.overall).toEqual({ count: 4, correct: 2, accuracy: 0.5, meanScore: 0.625 });
    expect(s.byAnnotator).toEqual([
      { annotator: 'al', count: 2, correct: 1, accuracy: 0.5, meanScore: 0.5 },
      { annotator: 'bo', count: 2, correct: 1, accuracy: 0.5, meanScore: 0.75 },
    ]);
    expect(s.byLabel).toEqual([
      { label: 'neg', count: 1, correct: 0, accuracy: 0, meanScore: 0.5 },
      { label: 'pos', count: 2, correct: 1, accuracy: 0.5, meanScore: 0.5 },
    ]);
  });

  it('is NaN-valued and empty without items', () => {
    const s = accuracySummary([]);
    expect(s.overall.count).toBe(0);
    expect(s.overall.accuracy).toBeNaN();
    expect(s.overall.meanScore).toBeNaN();
    expect(s.byAnnotator).toEqual([]);
    expect(s.byLabel).toEqual([]);
  });

  it('takes any annotator name, including ones that shadow object properties', () => {
    const s = accuracySummary([
      { annotator: '__proto__', correct: true, score: 1 },
      { annotator: 'constructor', correct: false, score: 0 },
    ]);
    expect(s.byAnnotator.map((r) => [r.annotator, r.count])).toEqual([['__proto__', 1], ['constructor', 1]]);
  });
});
