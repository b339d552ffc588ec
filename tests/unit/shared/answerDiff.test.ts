/**
 * The reviewer's diff of one answer against a comparison, kind by kind: what counts as the same
 * answer (sets, orders that matter and ones that do not, free-text side notes left out), how spans
 * and regions split into matched, extra and missing (relabels paired rather than split), the IoU
 * of matched regions, and the words shown for each side.
 */
import { describe, expect, it } from 'vitest';
import { diffAnswers, type QuestionDiff } from '../../../shared/answerDiff';
import type { Control, LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult } from '../../../shared/pack/task';

const labels = (...names: string[]) => names.map((name, i) => ({ id: name.toLowerCase(), name, color: `#00000${i}` }));
const scale = [1, 2, 3].map((value) => ({ value, label: `p${value}` }));

const controls = {
  topic: { kind: 'choices', id: 'topic', title: 'Topic', required: true, multiple: true, labels: labels('Sport', 'News', 'Tech') },
  ents: { kind: 'spans', id: 'ents', required: true, allowOverlap: true, snapToTokens: false, labels: labels('Person', 'Place'), relations: [{ id: 'lives', name: 'lives in', color: '#000000' }] },
  cars: { kind: 'boxes', id: 'cars', required: true, minPredictionScore: 0, labels: labels('Car', 'Bus') },
  areas: { kind: 'polygons', id: 'areas', required: true, minPredictionScore: 0, labels: labels('Road') },
  quality: { kind: 'rubric', id: 'quality', required: true, rubricVersion: 'v1', dimensions: [{ id: 'help', name: 'Help', scale }, { id: 'truth', name: 'Truth', scale }] },
  pref: {
    kind: 'pairwise', id: 'pref', required: true, allowTie: true, strength: scale, dimensions: [{ id: 'style', name: 'Style' }],
    justification: 'optional', justificationMinLength: 0,
  },
  rank: { kind: 'ranking', id: 'rank', required: true, allowTies: true },
  harm: { kind: 'safety', id: 'harm', required: true, labels: labels('Violence', 'Privacy'), severities: scale, policies: {}, excerpts: true },
  checks: { kind: 'checklist', id: 'checks', required: true, constraints: [{ id: 'short', text: 'Under 50 words' }, { id: 'polite', text: 'Polite' }], noteRequiredOnFail: false },
  comment: { kind: 'textarea', id: 'comment', required: false, minLength: 0 },
  fix: { kind: 'rewrite', id: 'fix', required: true, minLength: 0 },
} satisfies Record<string, Control>;

const configOf = (...list: Control[]): LabelConfig => ({ version: 1, data: 'text', controls: list });

/** The one row of a one-question config. */
function diff(control: Control, reviewed: ControlResult[], compare: ControlResult[] | null, options?: Parameters<typeof diffAnswers>[3]): QuestionDiff {
  const rows = diffAnswers(configOf(control), reviewed as Answer, compare as Answer | null, options);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const choices = (...ids: string[]): ControlResult => ({ kind: 'choices', controlId: 'topic', labels: ids });

describe('rows', () => {
  it('gives one row per question in config order, titled by title or id', () => {
    const rows = diffAnswers(configOf(controls.comment, controls.topic), [choices('news')], null);
    expect(rows.map((r) => [r.controlId, r.title, r.kind])).toEqual([
      ['comment', 'comment', 'textarea'],
      ['topic', 'Topic', 'choices'],
    ]);
  });

  it('without a comparison: words for the reviewed side, null for the other, nothing marked as differing', () => {
    const [row] = diffAnswers(configOf(controls.ents), [{ kind: 'spans', controlId: 'ents', spans: [{ id: 's1', start: 0, end: 3, label: 'person' }], relations: [] }], null, { text: 'Ann went home' });
    expect(row).toEqual({ controlId: 'ents', title: 'ents', kind: 'spans', same: true, reviewed: 'Person “Ann”', compare: null });
  });
});

describe('choices', () => {
  it('compares label sets: order and repeats do not matter', () => {
    expect(diff(controls.topic, [choices('news', 'sport')], [choices('sport', 'news', 'sport')]).same).toBe(true);
  });

  it('a changed label differs, with both sides in words', () => {
    const row = diff(controls.topic, [choices('news')], [choices('tech', 'news')]);
    expect(row).toMatchObject({ same: false, reviewed: 'News', compare: 'Tech, News' });
  });

  it('an unanswered question reads as no labels on either side', () => {
    expect(diff(controls.topic, [], [choices()])).toMatchObject({ same: true, reviewed: '—', compare: '—' });
  });
});

describe('spans', () => {
  const text = 'Ann met Bob in Rome';
  const span = (id: string, start: number, end: number, label: string) => ({ id, start, end, label });
  const spans = (list: ReturnType<typeof span>[], relations: Array<{ from: string; to: string; label: string }> = []): ControlResult => ({ kind: 'spans', controlId: 'ents', spans: list, relations });

  it('matches by position and label, ignoring span ids', () => {
    const row = diff(controls.ents, [spans([span('a', 0, 3, 'person')])], [spans([span('zz', 0, 3, 'person')])], { text });
    expect(row.same).toBe(true);
    expect(row.spans?.matched).toHaveLength(1);
    expect(row.spans).toMatchObject({ extra: [], missing: [] });
  });

  it('splits extra (reviewed only) from missing (comparison only), keeping the answers’ own objects', () => {
    const bob = span('b', 8, 11, 'person');
    const rome = span('r', 15, 19, 'place');
    const reviewed = [spans([span('a', 0, 3, 'person'), bob])];
    const row = diff(controls.ents, reviewed, [spans([span('x', 0, 3, 'person'), rome])], { text });
    expect(row.same).toBe(false);
    expect(row.spans?.extra).toEqual([bob]);
    expect(row.spans?.extra[0]).toBe((reviewed[0] as { spans: unknown[] }).spans[1]);
    expect(row.spans?.missing).toEqual([rome]);
    expect(row).toMatchObject({ reviewed: 'Person “Ann”; Person “Bob”', compare: 'Person “Ann”; Place “Rome”' });
  });

  it('a span at the same place under another label is one relabelled match, and differs', () => {
    const row = diff(controls.ents, [spans([span('a', 15, 19, 'person')])], [spans([span('b', 15, 19, 'place')])], { text });
    expect(row.same).toBe(false);
    expect(row.spans?.matched.map((m) => [m.reviewed.label, m.compare.label])).toEqual([['person', 'place']]);
    expect(row.spans).toMatchObject({ extra: [], missing: [] });
  });

  it('a boundary off by one is an extra plus a missing span (exact matching, as span F1 scores it)', () => {
    const row = diff(controls.ents, [spans([span('a', 15, 18, 'place')])], [spans([span('b', 15, 19, 'place')])]);
    expect(row.spans?.extra).toHaveLength(1);
    expect(row.spans?.missing).toHaveLength(1);
    expect(row.reviewed).toBe('Place “15–18”'); // offsets when no text is given
  });

  it('compares relations through the span matching, and lists them in words', () => {
    const list = (p: string, q: string) => [span(p, 0, 3, 'person'), span(q, 15, 19, 'place')];
    const same = diff(controls.ents, [spans(list('a', 'b'), [{ from: 'a', to: 'b', label: 'lives' }])], [spans(list('x', 'y'), [{ from: 'x', to: 'y', label: 'lives' }])], { text });
    expect(same.same).toBe(true);
    expect(same.reviewed).toBe('Person “Ann”; Place “Rome”; relations: “Ann” lives in “Rome”');
    const reversed = diff(controls.ents, [spans(list('a', 'b'), [{ from: 'b', to: 'a', label: 'lives' }])], [spans(list('x', 'y'), [{ from: 'x', to: 'y', label: 'lives' }])], { text });
    expect(reversed.same).toBe(false);
    expect(diff(controls.ents, [spans(list('a', 'b'))], [spans(list('x', 'y'), [{ from: 'x', to: 'y', label: 'lives' }])]).same).toBe(false);
  });

  it('no spans on either side (or unanswered) is the same', () => {
    expect(diff(controls.ents, [spans([])], []).same).toBe(true);
  });
});

describe('boxes and polygons', () => {
  const box = (id: string, x: number, label = 'car', width = 10) => ({ id, x, y: 0, width, height: 10, label });
  const boxes = (...list: ReturnType<typeof box>[]): ControlResult => ({ kind: 'boxes', controlId: 'cars', boxes: list });

  it('matches by IoU at the same label and reports it', () => {
    // [0,10)×[0,10) against [2,12)×[0,10): intersection 80, union 120 → IoU 2/3.
    const row = diff(controls.cars, [boxes(box('a', 0))], [boxes(box('b', 2))]);
    expect(row.same).toBe(true);
    expect(row.regions?.matched[0]?.iou).toBeCloseTo(2 / 3);
    expect(row).toMatchObject({ reviewed: '1 × Car', compare: '1 × Car' });
  });

  it('below the threshold the pair splits into extra and missing; the threshold is an option', () => {
    // [0,10) against [6,16): intersection 40, union 160 → IoU 0.25.
    const apart = diff(controls.cars, [boxes(box('a', 0))], [boxes(box('b', 6))]);
    expect(apart.same).toBe(false);
    expect(apart.regions?.matched).toEqual([]);
    expect(apart.regions?.extra.map((r) => 'id' in r && r.id)).toEqual(['a']);
    expect(apart.regions?.missing.map((r) => 'id' in r && r.id)).toEqual(['b']);
    const lenient = diff(controls.cars, [boxes(box('a', 0))], [boxes(box('b', 6))], { iouThreshold: 0.2 });
    expect(lenient.regions?.matched[0]?.iou).toBeCloseTo(0.25);
  });

  it('a box over the same object with another label is a relabelled match, and differs', () => {
    const row = diff(controls.cars, [boxes(box('a', 0, 'bus'))], [boxes(box('b', 1, 'car'))]);
    expect(row.same).toBe(false);
    expect(row.regions?.matched.map((m) => [m.reviewed.label, m.compare.label])).toEqual([['bus', 'car']]);
    expect(row).toMatchObject({ reviewed: '1 × Bus', compare: '1 × Car' });
  });

  it('matches each box once: a duplicate is extra', () => {
    const row = diff(controls.cars, [boxes(box('a', 0), box('a2', 0))], [boxes(box('b', 0))]);
    expect(row.regions?.matched).toHaveLength(1);
    expect(row.regions?.extra).toHaveLength(1);
    expect(row.same).toBe(false);
  });

  it('polygons match by their exact IoU', () => {
    const square = (id: string, x: number) => ({ id, label: 'road', points: [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] as Array<[number, number]> });
    const polys = (...list: ReturnType<typeof square>[]): ControlResult => ({ kind: 'polygons', controlId: 'areas', polygons: list });
    const row = diff(controls.areas, [polys(square('a', 0))], [polys(square('b', 5), square('c', 40))]);
    // Half-overlapping squares: intersection 50, union 150 → IoU 1/3, below 0.5.
    expect(row.regions).toMatchObject({ matched: [] });
    expect(row.regions?.missing).toHaveLength(2);
    const loose = diff(controls.areas, [polys(square('a', 0))], [polys(square('b', 5))], { iouThreshold: 0.3 });
    expect(loose.regions?.matched[0]?.iou).toBeCloseTo(1 / 3);
    expect(loose.same).toBe(true);
  });
});

describe('AI-evaluation kinds', () => {
  it('rubric: the same scores in any key order; a changed score differs', () => {
    const rubric = (scores: Record<string, number>, rubricVersion = 'v1'): ControlResult => ({ kind: 'rubric', controlId: 'quality', rubricVersion, scores });
    expect(diff(controls.quality, [rubric({ help: 2, truth: 3 })], [rubric({ truth: 3, help: 2 })]).same).toBe(true);
    expect(diff(controls.quality, [rubric({ help: 2, truth: 3 })], [rubric({ help: 3, truth: 3 })])).toMatchObject({ same: false, reviewed: 'Help 2, Truth 3', compare: 'Help 3, Truth 3' });
  });

  it('pairwise: choice, strength and per-dimension choices count; the justification does not', () => {
    const pair = (choice: 'A' | 'B' | 'tie', strength: number, style: 'A' | 'B' | 'tie', justification: string): ControlResult => ({ kind: 'pairwise', controlId: 'pref', choice, strength, dimensions: { style }, justification });
    expect(diff(controls.pref, [pair('A', 2, 'A', 'clearer')], [pair('A', 2, 'A', 'better written')]).same).toBe(true);
    expect(diff(controls.pref, [pair('A', 2, 'A', '')], [pair('A', 3, 'A', '')]).same).toBe(false);
    const dims = diff(controls.pref, [pair('A', 2, 'A', '')], [pair('A', 2, 'B', '')]);
    expect(dims).toMatchObject({ same: false, reviewed: 'A (strength 2); Style A', compare: 'A (strength 2); Style B' });
  });

  it('ranking: the order of ranks counts, the order within a tied rank does not', () => {
    const rank = (...order: string[][]): ControlResult => ({ kind: 'ranking', controlId: 'rank', order });
    expect(diff(controls.rank, [rank(['r1', 'r2'], ['r3'])], [rank(['r2', 'r1'], ['r3'])]).same).toBe(true);
    expect(diff(controls.rank, [rank(['r1'], ['r2'])], [rank(['r2'], ['r1'])])).toMatchObject({ same: false, reviewed: 'r1 > r2', compare: 'r2 > r1' });
  });

  it('safety: flags by label and severity in any order, excerpts aside; "no concerns" is an answer', () => {
    const safety = (...flags: Array<{ label: string; severity?: number; excerpt?: string }>): ControlResult => ({ kind: 'safety', controlId: 'harm', flags });
    expect(diff(controls.harm, [safety({ label: 'privacy', severity: 1, excerpt: 'my address' }, { label: 'violence', severity: 3 })], [safety({ label: 'violence', severity: 3 }, { label: 'privacy', severity: 1, excerpt: 'address' })]).same).toBe(true);
    expect(diff(controls.harm, [safety({ label: 'violence', severity: 2 })], [safety({ label: 'violence', severity: 3 })])).toMatchObject({ same: false, reviewed: 'Violence (2)', compare: 'Violence (3)' });
    expect(diff(controls.harm, [safety()], [])).toMatchObject({ same: false, reviewed: 'no concerns', compare: '—' });
  });

  it('checklist: verdicts per constraint in any order, notes aside', () => {
    const checklist = (items: Record<string, { verdict: 'pass' | 'fail' | 'na'; note?: string }>): ControlResult => ({ kind: 'checklist', controlId: 'checks', items });
    expect(diff(controls.checks, [checklist({ short: { verdict: 'fail', note: 'too long' }, polite: { verdict: 'pass' } })], [checklist({ polite: { verdict: 'pass' }, short: { verdict: 'fail', note: '80 words' } })]).same).toBe(true);
    expect(diff(controls.checks, [checklist({ short: { verdict: 'pass' } })], [checklist({ short: { verdict: 'fail' } })])).toMatchObject({ same: false, reviewed: 'short: pass', compare: 'short: fail' });
  });

  it('textarea: equal text is the same; different text carries a word diff from the comparison', () => {
    const note = (text: string): ControlResult => ({ kind: 'textarea', controlId: 'comment', text });
    expect(diff(controls.comment, [note('fine')], [note('fine')])).toMatchObject({ same: true });
    expect(diff(controls.comment, [note('fine')], [note('fine')]).textDiff).toBeUndefined();
    const row = diff(controls.comment, [note('a good answer')], [note('a bad answer')]);
    expect(row.same).toBe(false);
    expect(row.textDiff?.filter((p) => p.op !== 'equal')).toEqual([{ op: 'delete', text: 'bad' }, { op: 'insert', text: 'good' }]);
    // An empty note and no note read alike, so they are the same; no diff against nothing.
    expect(diff(controls.comment, [note('')], [])).toMatchObject({ same: true });
    expect(diff(controls.comment, [note('x')], []).textDiff).toBeUndefined();
  });

  it('rewrite: the same response and text is the same; a changed text differs with a word diff', () => {
    const rewrite = (text: string, responseId = 'r1'): ControlResult => ({ kind: 'rewrite', controlId: 'fix', responseId, text });
    expect(diff(controls.fix, [rewrite('Paris is the capital.')], [rewrite('Paris is the capital.')]).same).toBe(true);
    expect(diff(controls.fix, [rewrite('same')], [rewrite('same', 'r2')]).same).toBe(false);
    const row = diff(controls.fix, [rewrite('Paris is the capital.')], [rewrite('Paris is a capital.')]);
    expect(row).toMatchObject({ same: false, reviewed: 'Paris is the capital.', compare: 'Paris is a capital.' });
    expect(row.textDiff?.map((p) => p.op)).toContain('insert');
  });
});
