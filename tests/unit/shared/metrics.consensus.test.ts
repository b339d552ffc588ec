/**
 * Majority vote for every question kind (ties, abstentions, single annotator, no annotator), and the
 * values agreement coefficients are computed over.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult } from '../../../shared/pack/task';
import { categoricalValue, lowerMedian, majorityVote, reliabilityData, type ControlConsensus } from '../../../shared/metrics/consensus';
import { krippendorffAlpha } from '../../../shared/metrics/agreement';

type ControlInput = z.input<typeof labelConfigSchema>['controls'][number];

const label = (id: string) => ({ id, name: id, color: '#3b82f6' });
const scale = (...values: number[]) => values.map((value) => ({ value, label: `v${value}` }));

function makeConfig(overrides: { allowTies?: boolean } = {}): LabelConfig {
  const controls: ControlInput[] = [
    { id: 'sentiment', kind: 'choices', labels: [label('pos'), label('neg'), label('neu')] },
    { id: 'topic', kind: 'choices', multiple: true, labels: [label('x'), label('y'), label('z')] },
    { id: 'ner', kind: 'spans', labels: [label('PER'), label('ORG')], relations: [label('works_for')] },
    { id: 'cars', kind: 'boxes', labels: [label('car'), label('bus')] },
    { id: 'roofs', kind: 'polygons', labels: [label('roof')] },
    {
      id: 'quality',
      kind: 'rubric',
      rubricVersion: 'v2',
      dimensions: [
        { id: 'helpful', name: 'Helpful', scale: scale(1, 2, 3, 4, 5) },
        { id: 'coarse', name: 'Coarse', scale: scale(0, 5, 10) },
      ],
    },
    { id: 'prefer', kind: 'pairwise', strength: scale(1, 2, 3), dimensions: [{ id: 'style', name: 'Style' }] },
    { id: 'order', kind: 'ranking', allowTies: overrides.allowTies ?? false },
    { id: 'harm', kind: 'safety', labels: [label('violence'), label('selfharm')], severities: scale(1, 2, 3) },
    { id: 'rules', kind: 'checklist' },
    { id: 'notes', kind: 'textarea' },
  ];
  return labelConfigSchema.parse({ version: 1, data: 'conversation', controls });
}
const config = makeConfig();

const of = (answers: Answer[], id: string, cfg = config): ControlConsensus => majorityVote(answers, cfg).controls.find((c) => c.controlId === id)!;
const choice = (controlId: string, ...labels: string[]): ControlResult => ({ kind: 'choices', controlId, labels });
const spanSet = (s: [string, number, number, string][], relations: [string, string, string][] = []): ControlResult => ({
  kind: 'spans',
  controlId: 'ner',
  spans: s.map(([id, start, end, l]) => ({ id, start, end, label: l })),
  relations: relations.map(([from, to, l]) => ({ from, to, label: l })),
});
const boxSet = (...b: [string, number, number, number, number, string][]): ControlResult => ({
  kind: 'boxes',
  controlId: 'cars',
  boxes: b.map(([id, x, y, width, height, l]) => ({ id, x, y, width, height, label: l })),
});
const square = (x: number, y: number, s: number): [number, number][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
const polySet = (...p: [string, number, number, number][]): ControlResult => ({
  kind: 'polygons',
  controlId: 'roofs',
  polygons: p.map(([id, x, y, s]) => ({ id, points: square(x, y, s), label: 'roof' })),
});
const rubric = (scores: Record<string, number>, rubricVersion?: string): ControlResult => ({
  kind: 'rubric',
  controlId: 'quality',
  scores,
  ...(rubricVersion ? { rubricVersion } : {}),
});
const pairwise = (choice?: 'A' | 'B' | 'tie', strength?: number, dimensions?: Record<string, 'A' | 'B' | 'tie'>): ControlResult => ({
  kind: 'pairwise',
  controlId: 'prefer',
  ...(choice ? { choice } : {}),
  ...(strength !== undefined ? { strength } : {}),
  ...(dimensions ? { dimensions } : {}),
  justification: 'because',
});
const ranking = (...order: string[][]): ControlResult => ({ kind: 'ranking', controlId: 'order', order });
const safety = (...flags: [string, number?][]): ControlResult => ({
  kind: 'safety',
  controlId: 'harm',
  flags: flags.map(([l, severity]) => ({ label: l, ...(severity !== undefined ? { severity } : {}) })),
});
const checklist = (items: Record<string, 'pass' | 'fail' | 'na'>): ControlResult => ({
  kind: 'checklist',
  controlId: 'rules',
  items: Object.fromEntries(Object.entries(items).map(([k, verdict]) => [k, { verdict, note: 'n' }])),
});

describe('majorityVote: choices', () => {
  it('takes the mode', () => {
    const c = of([[choice('sentiment', 'pos')], [choice('sentiment', 'neg')], [choice('sentiment', 'pos')]], 'sentiment');
    expect(c).toMatchObject({ result: { labels: ['pos'] }, tie: false, voters: 3 });
  });

  it('decides nothing on a tie', () => {
    const c = of([[choice('sentiment', 'pos')], [choice('sentiment', 'neg')]], 'sentiment');
    expect(c).toMatchObject({ result: null, tie: true, voters: 2 });
  });

  it('votes on whole label sets for multi-label questions, order-free', () => {
    const c = of([[choice('topic', 'y', 'x')], [choice('topic', 'x', 'y')], [choice('topic', 'x')]], 'topic');
    expect(c.result).toEqual({ kind: 'choices', controlId: 'topic', labels: ['x', 'y'] });
  });

  it('lets answers without the question abstain, and has no result without voters', () => {
    const c = of([[choice('sentiment', 'neg')], [], [choice('topic', 'x')]], 'sentiment');
    expect(c).toMatchObject({ result: { labels: ['neg'] }, voters: 1 });
    expect(of([], 'sentiment')).toMatchObject({ result: null, tie: false, voters: 0 });
  });
});

describe('majorityVote: rubric', () => {
  it('takes the median per dimension', () => {
    const c = of([[rubric({ helpful: 1 })], [rubric({ helpful: 5 })], [rubric({ helpful: 2 })]], 'quality');
    expect(c.result).toEqual({ kind: 'rubric', controlId: 'quality', rubricVersion: 'v2', scores: { helpful: 2 } });
  });

  it('rounds an even median down to a point of the scale', () => {
    // helpful: 2 and 5 → 3.5 → 3. coarse (scale 0/5/10): 0 and 10 → 5; 5 and 10 → 7.5 → 5.
    expect(of([[rubric({ helpful: 2, coarse: 0 })], [rubric({ helpful: 5, coarse: 10 })]], 'quality').result).toMatchObject({ scores: { helpful: 3, coarse: 5 } });
    expect(of([[rubric({ coarse: 5 })], [rubric({ coarse: 10 })]], 'quality').result).toMatchObject({ scores: { coarse: 5 } });
    expect(lowerMedian([4, 1, 3, 2])).toBe(2);
    expect(lowerMedian([])).toBeNull();
  });

  it('leaves out scores given under another rubric version', () => {
    const c = of([[rubric({ helpful: 1 }, 'v1')], [rubric({ helpful: 4 }, 'v2')], [rubric({ helpful: 4 })]], 'quality');
    expect(c).toMatchObject({ voters: 2, result: { scores: { helpful: 4 } } });
    expect(of([[rubric({ helpful: 1 }, 'v1')]], 'quality')).toMatchObject({ voters: 0, result: null });
  });
});

describe('majorityVote: pairwise', () => {
  it('takes the mode of the choice, the median strength of its voters and each dimension’s mode', () => {
    const c = of(
      [[pairwise('A', 1, { style: 'B' })], [pairwise('A', 3, { style: 'B' })], [pairwise('B', 3, { style: 'A' })], [pairwise('A', 2)]],
      'prefer',
    );
    expect(c.result).toEqual({ kind: 'pairwise', controlId: 'prefer', choice: 'A', strength: 2, dimensions: { style: 'B' }, justification: '' });
    expect(c.tie).toBe(false);
  });

  it('decides nothing on a tie, and reports tied dimensions', () => {
    expect(of([[pairwise('A')], [pairwise('B')]], 'prefer')).toMatchObject({ result: null, tie: true });
    const c = of([[pairwise('A', undefined, { style: 'A' })], [pairwise('A', undefined, { style: 'B' })]], 'prefer');
    expect(c.result).toEqual({ kind: 'pairwise', controlId: 'prefer', choice: 'A', justification: '' });
    expect(c.tiedItems).toEqual(['style']);
  });

  it('gives a "tie" verdict no strength, and ignores drafts without a choice', () => {
    expect(of([[pairwise('tie', 3)], [pairwise(undefined)], [pairwise('tie', 2)]], 'prefer').result).toEqual({
      kind: 'pairwise',
      controlId: 'prefer',
      choice: 'tie',
      justification: '',
    });
  });
});

describe('majorityVote: ranking (Borda count)', () => {
  it('orders by Borda points', () => {
    // a: 2 + 2 + 1 = 5, b: 1 + 0 + 2 = 3, c: 0 + 1 + 0 = 1.
    const c = of([[ranking(['a'], ['b'], ['c'])], [ranking(['a'], ['c'], ['b'])], [ranking(['b'], ['a'], ['c'])]], 'order');
    expect(c).toMatchObject({ result: { order: [['a'], ['b'], ['c']] }, tie: false });
  });

  it('gives half points to tied responses and counts left-out ones as tied last', () => {
    // Voter 1: a 2, b 1, c 0. Voter 2 ranks c alone: c 2, a and b tied below it 0.5 each.
    // Totals a 2.5, c 2, b 1.5.
    const c = of([[ranking(['a'], ['b'], ['c'])], [ranking(['c'])]], 'order');
    expect(c.result).toMatchObject({ order: [['a'], ['c'], ['b']] });
    // A tie inside one ranking: a and b tied first (1.5 each), c last.
    expect(of([[ranking(['a', 'b'], ['c'])]], 'order', makeConfig({ allowTies: true })).result).toMatchObject({ order: [['a', 'b'], ['c']] });
  });

  it('keeps equal totals together only when ties are allowed, else flags the imposed order', () => {
    const answers = [[ranking(['a'], ['b'])], [ranking(['b'], ['a'])]];
    expect(of(answers, 'order')).toMatchObject({ result: { order: [['a'], ['b']] }, tie: true });
    expect(of(answers, 'order', makeConfig({ allowTies: true }))).toMatchObject({ result: { order: [['a', 'b']] }, tie: false });
  });

  it('has no result when nothing was ranked', () => {
    expect(of([[ranking()]], 'order')).toMatchObject({ result: null, voters: 1 });
  });
});

describe('majorityVote: spans', () => {
  it('keeps spans ⌈n/2⌉ annotators drew exactly, with the earliest annotator’s id', () => {
    const answers = [
      [spanSet([['x1', 0, 5, 'PER'], ['x2', 20, 25, 'ORG']])],
      [spanSet([['s1', 0, 5, 'PER'], ['s2', 10, 15, 'ORG']])],
      [spanSet([['t1', 0, 5, 'PER'], ['t2', 10, 15, 'ORG'], ['t3', 30, 35, 'PER']])],
      [spanSet([['u1', 0, 4, 'PER']])],
    ];
    // n = 4, quorum 2: [0,5) by three, [10,15) by two; [20,25), [30,35) and [0,4) by one only.
    expect(of(answers, 'ner').result).toEqual({
      kind: 'spans',
      controlId: 'ner',
      spans: [{ id: 'x1', start: 0, end: 5, label: 'PER' }, { id: 's2', start: 10, end: 15, label: 'ORG' }],
      relations: [],
    });
  });

  it('needs the same label', () => {
    const answers = [[spanSet([['a', 0, 5, 'PER']])], [spanSet([['b', 0, 5, 'ORG']])], [spanSet([['c', 0, 5, 'ORG']])]];
    expect(of(answers, 'ner').result).toMatchObject({ spans: [{ id: 'b', label: 'ORG' }] });
  });

  it('keeps relations drawn by a quorum between kept spans, renaming clashing ids', () => {
    const answers = [
      [spanSet([['p', 0, 5, 'PER'], ['o', 10, 15, 'ORG']], [['p', 'o', 'works_for']])],
      [spanSet([['a', 0, 5, 'PER'], ['p', 20, 25, 'ORG'], ['b', 10, 15, 'ORG']], [['a', 'b', 'works_for']])],
      [spanSet([['m', 0, 5, 'PER'], ['n', 20, 25, 'ORG']], [['m', 'n', 'works_for']])],
    ];
    // n = 3, quorum 2: PER [0,5) by all, ORG [10,15) by 1st and 2nd, ORG [20,25) by 2nd and 3rd —
    // whose earliest id, "p", is taken by the first kept span, so it becomes "p-2".
    // Relations: PER→[10,15) by two annotators (kept), PER→[20,25) by one (dropped).
    expect(of(answers, 'ner').result).toEqual({
      kind: 'spans',
      controlId: 'ner',
      spans: [
        { id: 'p', start: 0, end: 5, label: 'PER' },
        { id: 'o', start: 10, end: 15, label: 'ORG' },
        { id: 'p-2', start: 20, end: 25, label: 'ORG' },
      ],
      relations: [{ from: 'p', to: 'o', label: 'works_for' }],
    });
  });

  it('returns a single annotator’s spans as they are, and nothing for an empty vote', () => {
    const one = [[spanSet([['a', 0, 5, 'PER'], ['b', 6, 9, 'ORG']])]];
    expect(of(one, 'ner').result).toMatchObject({ spans: [{ id: 'a' }, { id: 'b' }] });
    expect(of([[spanSet([])], [spanSet([])]], 'ner').result).toEqual({ kind: 'spans', controlId: 'ner', spans: [], relations: [] });
  });
});

describe('majorityVote: boxes and polygons', () => {
  it('keeps boxes ⌈n/2⌉ annotators drew at IoU ≥ 0.5, with the earliest annotator’s geometry', () => {
    const answers = [
      [boxSet(['a1', 0, 0, 10, 10, 'car'], ['a2', 100, 100, 10, 10, 'car'])],
      [boxSet(['b1', 1, 1, 10, 10, 'car'], ['b2', 50, 50, 10, 10, 'bus'])],
      [boxSet(['c1', 2, 0, 10, 10, 'car'], ['c2', 50, 50, 10, 10, 'car'])],
    ];
    // The car near the origin is drawn by all three; a2 by one; the box at (50, 50) twice but with
    // different labels, so once per label.
    expect(of(answers, 'cars').result).toEqual({ kind: 'boxes', controlId: 'cars', boxes: [{ id: 'a1', x: 0, y: 0, width: 10, height: 10, label: 'car' }] });
  });

  it('keeps every box with two annotators (quorum 1), merging matched pairs', () => {
    const answers = [[boxSet(['a', 0, 0, 10, 10, 'car'], ['b', 40, 0, 10, 10, 'car'])], [boxSet(['c', 1, 0, 10, 10, 'car'], ['d', 80, 0, 10, 10, 'bus'])]];
    expect(of(answers, 'cars').result).toMatchObject({ boxes: [{ id: 'a' }, { id: 'b' }, { id: 'd' }] });
  });

  it('lets a region that failed as an anchor join a later group', () => {
    // n = 5, quorum 3. A's box overlaps B's (IoU 0.6) but not C's; B's overlaps C's (0.6).
    // Anchored at A: {A, B} — too few. Anchored at B: {A, B, C} — kept, with A's geometry.
    const answers = [
      [boxSet(['a', 0, 0, 16, 10, 'car'])],
      [boxSet(['b', 4, 0, 16, 10, 'car'])],
      [boxSet(['c', 8, 0, 16, 10, 'car'])],
      [boxSet()],
      [boxSet()],
    ];
    expect(of(answers, 'cars').result).toMatchObject({ boxes: [{ id: 'a', x: 0 }] });
  });

  it('does the same for polygons with polygon IoU', () => {
    // 10×10 squares shifted by 1 (IoU 90/110) and by 5 (50/150 = 1/3, no match).
    const answers = [[polySet(['a', 0, 0, 10])], [polySet(['b', 1, 0, 10])], [polySet(['c', 40, 0, 10])]];
    expect(of(answers, 'roofs').result).toEqual({ kind: 'polygons', controlId: 'roofs', polygons: [{ id: 'a', points: square(0, 0, 10), label: 'roof' }] });
    expect(of([[polySet(['a', 0, 0, 10])], [polySet(['b', 5, 0, 10])], [polySet()]], 'roofs').result).toMatchObject({ polygons: [] });
  });
});

describe('majorityVote: safety and checklist', () => {
  it('keeps flags raised by ⌈n/2⌉ annotators, with their median highest severity', () => {
    const answers = [
      [safety(['violence', 1], ['violence', 3], ['selfharm', 2])],
      [safety(['violence', 2])],
      [safety()],
      [safety(['violence'])],
    ];
    // n = 4, quorum 2. violence by three (highest severities 3 and 2; one without) → median of [2, 3] = 2.5 → 2.
    expect(of(answers, 'harm').result).toEqual({ kind: 'safety', controlId: 'harm', flags: [{ label: 'violence', severity: 2 }] });
    expect(of([[safety()], [safety()]], 'harm').result).toEqual({ kind: 'safety', controlId: 'harm', flags: [] });
  });

  it('takes each constraint’s modal verdict and reports ties', () => {
    const answers = [[checklist({ c1: 'pass', c2: 'fail' })], [checklist({ c1: 'pass', c2: 'pass' })], [checklist({ c1: 'fail' })]];
    const c = of(answers, 'rules');
    expect(c.result).toEqual({ kind: 'checklist', controlId: 'rules', items: { c1: { verdict: 'pass' } } });
    expect(c.tiedItems).toEqual(['c2']);
  });
});

describe('majorityVote: the whole answer', () => {
  it('returns decided results in config order and none for free text', () => {
    const text = (t: string): ControlResult => ({ kind: 'textarea', controlId: 'notes', text: t });
    const r = majorityVote(
      [
        [text('a'), choice('sentiment', 'pos'), pairwise('A')],
        [choice('sentiment', 'pos'), text('b'), pairwise('B')],
      ],
      config,
    );
    expect(r.answer).toEqual([{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }]);
    expect(r.controls.find((c) => c.controlId === 'notes')).toMatchObject({ result: null, voters: 2, tie: false });
    expect(r.controls.find((c) => c.controlId === 'prefer')).toMatchObject({ result: null, tie: true });
    expect(r.controls.map((c) => c.controlId)).toEqual(config.controls.map((c) => c.id));
  });

  it('with all annotators agreeing, returns their answer', () => {
    const answer: Answer = [choice('sentiment', 'neu'), rubric({ helpful: 4, coarse: 10 }, 'v2'), checklist({ c1: 'na' })];
    const r = majorityVote([answer, answer, answer], config);
    expect(r.answer).toEqual([
      choice('sentiment', 'neu'),
      rubric({ helpful: 4, coarse: 10 }, 'v2'),
      { kind: 'checklist', controlId: 'rules', items: { c1: { verdict: 'na' } } },
    ]);
  });

  it('refuses a result of another kind than its question', () => {
    expect(() => majorityVote([[{ kind: 'choices', controlId: 'quality', labels: [] }]], config)).toThrow(/is a choices result/);
  });
});

describe('categoricalValue and reliabilityData', () => {
  it('turns each kind into the value agreement compares', () => {
    expect(categoricalValue(choice('sentiment', 'pos'))).toBe('pos');
    expect(categoricalValue(choice('topic', 'y', 'x', 'y'))).toBe('x|y');
    expect(categoricalValue(choice('topic'))).toBe('');
    expect(categoricalValue(pairwise('B', 2, { style: 'A' }))).toBe('B');
    expect(categoricalValue(pairwise('B', 2, { style: 'A' }), 'style')).toBe('A');
    expect(categoricalValue(pairwise(undefined))).toBeNull();
    expect(categoricalValue(rubric({ helpful: 4 }), 'helpful')).toBe(4);
    expect(categoricalValue(rubric({ helpful: 4 }), 'coarse')).toBeNull();
    expect(categoricalValue(rubric({ helpful: 4 }))).toBeNull();
    expect(categoricalValue(checklist({ c1: 'fail' }), 'c1')).toBe('fail');
    expect(categoricalValue(ranking(['b'], ['a', 'c']), 'c')).toBe(2);
    expect(categoricalValue(ranking(['b']), 'c')).toBeNull();
    expect(categoricalValue(safety(['violence', 1], ['selfharm', 1], ['violence', 2]))).toBe('selfharm|violence');
    expect(categoricalValue(spanSet([]))).toBeNull();
    expect(categoricalValue(undefined)).toBeNull();
    // Values that are object-prototype names are looked up as own keys only.
    expect(categoricalValue(rubric({}), 'constructor')).toBeNull();
  });

  it('builds coders × units reliability data for Krippendorff’s alpha', () => {
    const tasks = [
      [{ annotator: 'al', answer: [choice('sentiment', 'pos')] }, { annotator: 'bo', answer: [choice('sentiment', 'pos')] }],
      [{ annotator: 'bo', answer: [choice('sentiment', 'neg')] }, { annotator: 'cy', answer: [choice('sentiment', 'neg')] }],
      [{ annotator: 'al', answer: [choice('sentiment', 'neu')] }, { annotator: 'cy', answer: [] }],
    ];
    const r = reliabilityData(tasks, 'sentiment');
    expect(r).toEqual({
      coders: ['al', 'bo', 'cy'],
      data: [
        ['pos', null, 'neu'],
        ['pos', 'neg', null],
        [null, 'neg', null],
      ],
    });
    // Two pairable units, both in full agreement.
    expect(krippendorffAlpha(r.data, 'nominal')).toMatchObject({ alpha: 1, units: 2 });
  });

  it('feeds rubric dimensions to ordinal alpha', () => {
    const tasks = [1, 2, 3, 4].map((v) => [
      { annotator: 'al', answer: [rubric({ helpful: v })] },
      { annotator: 'bo', answer: [rubric({ helpful: v })] },
    ]);
    const r = reliabilityData(tasks, 'quality', 'helpful');
    expect(r.data).toEqual([[1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(krippendorffAlpha(r.data, 'ordinal').alpha).toBe(1);
  });
});
