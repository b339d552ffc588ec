/** Review sampling: exact quota, proportional strata, targeted picks, overlap, determinism, makeup. */
import { describe, expect, it } from 'vitest';
import { sampleMakeupSchema, type SampleSettings } from '../../../shared/reviewContract';
import { drawSample, type SampleCandidate } from '../../../shared/reviewSample';

const settings = (patch: Partial<SampleSettings> = {}): SampleSettings => ({
  percent: 0.1,
  stratify: 'none',
  goldFailures: false,
  lowAgreement: false,
  fastFactor: 0,
  flagged: false,
  seed: 'seed-1',
  ...patch,
});

let serial = 0;
const candidate = (patch: Partial<SampleCandidate> = {}): SampleCandidate => {
  serial += 1;
  const taskId = patch.taskId ?? `t${serial}`;
  const annotator = patch.annotator ?? 'ann';
  return { key: `${taskId}\u0000${annotator}`, taskId, annotator, label: 'cat', activeMs: 1000, goldFailed: false, lowAgreement: false, flagged: false, ...patch };
};

/** `n` candidates per entry, e.g. many({ annotator: 'ann' }, 70) — each with a unique task. */
const many = (patch: Partial<SampleCandidate>, n: number) => Array.from({ length: n }, () => candidate(patch));

const byKey = (list: readonly SampleCandidate[]) => new Map(list.map((c) => [c.key, c]));
const randomKeys = (items: { key: string; picks: string[] }[]) => items.filter((i) => i.picks.includes('random')).map((i) => i.key);
const countBy = <T>(values: readonly T[]) => {
  const out = new Map<T, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
};

describe('drawSample: the random share', () => {
  it('draws exactly round(percent × candidates) distinct candidates', () => {
    const list = many({}, 57);
    for (const percent of [0.01, 0.1, 0.25, 0.333, 0.5, 1]) {
      for (const stratify of ['none', 'annotator', 'label', 'both'] as const) {
        const mixed = list.map((c, i) => ({ ...c, annotator: ['ann', 'bob', 'cy'][i % 3]!, label: ['cat', 'dog', null][i % 4 === 0 ? 2 : i % 2]! }));
        const { items, makeup } = drawSample(mixed, settings({ percent, stratify }));
        const keys = randomKeys(items);
        expect(keys).toHaveLength(Math.round(percent * 57));
        expect(new Set(keys).size).toBe(keys.length);
        expect(makeup.items).toBe(keys.length);
      }
    }
  });

  it('splits the quota per annotator in proportion to each one’s volume (70/20/10)', () => {
    const list = [...many({ annotator: 'ann' }, 70), ...many({ annotator: 'bob' }, 20), ...many({ annotator: 'cy' }, 10)];
    const { items, makeup } = drawSample(list, settings({ percent: 0.1, stratify: 'annotator' }));
    const lookup = byKey(list);
    expect(countBy(randomKeys(items).map((k) => lookup.get(k)!.annotator))).toEqual(new Map([['ann', 7], ['bob', 2], ['cy', 1]]));
    expect(makeup.byAnnotator).toEqual({ ann: 7, bob: 2, cy: 1 });
  });

  it('splits the quota per label in proportion, with largest-remainder rounding keeping the total exact', () => {
    // 50/30/20 at 25%: exact shares 12.5 / 7.5 / 5 — the two halves cannot both round up.
    const list = [...many({ label: 'cat' }, 50), ...many({ label: 'dog' }, 30), ...many({ label: null }, 20)];
    const { items, makeup } = drawSample(list, settings({ percent: 0.25, stratify: 'label' }));
    const lookup = byKey(list);
    const counts = countBy(randomKeys(items).map((k) => lookup.get(k)!.label));
    expect(counts.get('dog')! + counts.get('cat')!).toBe(20);
    expect([12, 13]).toContain(counts.get('cat'));
    expect([7, 8]).toContain(counts.get('dog'));
    expect(counts.get(null)).toBe(5);
    expect(makeup.byLabel).toEqual({ cat: counts.get('cat'), dog: counts.get('dog'), '(none)': 5 });
  });

  it('stratifies per label the same way across annotators (70/20/10 labels)', () => {
    const list = [...many({ label: 'a' }, 70), ...many({ label: 'b' }, 20), ...many({ label: 'c' }, 10)].map((c, i) => ({ ...c, annotator: i % 2 ? 'ann' : 'bob' }));
    const { items } = drawSample(list, settings({ percent: 0.2, stratify: 'label' }));
    const lookup = byKey(list);
    expect(countBy(randomKeys(items).map((k) => lookup.get(k)!.label))).toEqual(new Map([['a', 14], ['b', 4], ['c', 2]]));
  });

  it('stratifies by annotator × label', () => {
    const list = [
      ...many({ annotator: 'ann', label: 'cat' }, 40),
      ...many({ annotator: 'ann', label: 'dog' }, 20),
      ...many({ annotator: 'bob', label: 'cat' }, 30),
      ...many({ annotator: 'bob', label: 'dog' }, 10),
    ];
    const { items } = drawSample(list, settings({ percent: 0.1, stratify: 'both' }));
    const lookup = byKey(list);
    const cells = countBy(randomKeys(items).map((k) => `${lookup.get(k)!.annotator}/${lookup.get(k)!.label}`));
    expect(cells).toEqual(new Map([['ann/cat', 4], ['ann/dog', 2], ['bob/cat', 3], ['bob/dog', 1]]));
  });

  it('gives every stratum at least one when the quota allows, taking from the largest', () => {
    // 97/2/1 at 5%: proportional shares 4.85 / 0.1 / 0.05 would give 5/0/0.
    const list = [...many({ annotator: 'ann' }, 97), ...many({ annotator: 'bob' }, 2), ...many({ annotator: 'cy' }, 1)];
    const { items } = drawSample(list, settings({ percent: 0.05, stratify: 'annotator' }));
    const lookup = byKey(list);
    expect(countBy(randomKeys(items).map((k) => lookup.get(k)!.annotator))).toEqual(new Map([['ann', 3], ['bob', 1], ['cy', 1]]));
  });

  it('keeps the quota exact when it is smaller than the number of strata', () => {
    const list = [...many({ annotator: 'ann' }, 97), ...many({ annotator: 'bob' }, 2), ...many({ annotator: 'cy' }, 1)];
    const { items } = drawSample(list, settings({ percent: 0.02, stratify: 'annotator' }));
    expect(randomKeys(items)).toHaveLength(2);
  });

  it('is deterministic, and a different seed draws differently', () => {
    const list = [...many({ annotator: 'ann' }, 60), ...many({ annotator: 'bob' }, 40)];
    const first = drawSample(list, settings({ percent: 0.1, stratify: 'annotator', flagged: true }));
    const again = drawSample(list, settings({ percent: 0.1, stratify: 'annotator', flagged: true }));
    expect(again).toEqual(first);
    const other = drawSample(list, settings({ percent: 0.1, stratify: 'annotator', flagged: true, seed: 'seed-2' }));
    expect(new Set(randomKeys(other.items))).not.toEqual(new Set(randomKeys(first.items)));
    // Stratification still holds under the other seed.
    expect(other.makeup.byAnnotator).toEqual({ ann: 6, bob: 4 });
  });

  it('returns the items in a shuffled order, not grouped by annotator', () => {
    const list = [...many({ annotator: 'ann', flagged: true }, 20), ...many({ annotator: 'bob', flagged: true }, 20)];
    const { items } = drawSample(list, settings({ percent: 0, flagged: true }));
    const order = items.map((i) => i.key);
    expect([...order].sort()).toEqual(list.map((c) => c.key).sort());
    expect(order).not.toEqual(list.map((c) => c.key));
    const lookup = byKey(list);
    const firstHalf = order.slice(0, 20).map((k) => lookup.get(k)!.annotator);
    expect(new Set(firstHalf)).toEqual(new Set(['ann', 'bob']));
  });
});

describe('drawSample: targeted picks', () => {
  it('picks every gold failure, low-agreement answer and flag, only when switched on', () => {
    const gold = many({ goldFailed: true }, 3);
    const low = many({ lowAgreement: true }, 4);
    const flagged = many({ flagged: true }, 2);
    const list = [...many({}, 30), ...gold, ...low, ...flagged];
    const on = drawSample(list, settings({ percent: 0, goldFailures: true, lowAgreement: true, flagged: true }));
    const picks = new Map(on.items.map((i) => [i.key, i.picks]));
    for (const c of gold) expect(picks.get(c.key)).toEqual(['gold-failure']);
    for (const c of low) expect(picks.get(c.key)).toEqual(['low-agreement']);
    for (const c of flagged) expect(picks.get(c.key)).toEqual(['flagged']);
    expect(on.items).toHaveLength(9);
    expect(on.makeup.byPick).toEqual({ 'gold-failure': 3, 'low-agreement': 4, flagged: 2 });

    const off = drawSample(list, settings({ percent: 0 }));
    expect(off.items).toEqual([]);
    expect(off.makeup).toEqual({ items: 0, byPick: {}, byAnnotator: {}, byLabel: {} });
  });

  it('picks fast answers against each annotator’s own median, averaging the middle two for an even count', () => {
    // ann: 100, 140, 300, 400 → median 220, × 0.5 = 110: only 100 is fast. (The lower middle,
    // 140, would flag none; the upper, 300, would flag 140 too.)
    const ann = [100, 140, 300, 400].map((activeMs) => candidate({ annotator: 'ann', activeMs }));
    // bob: 10, 1000, 1000 → median 1000, threshold 500: 10 is fast.
    const bob = [10, 1000, 1000].map((activeMs) => candidate({ annotator: 'bob', activeMs }));
    // cy: all 120 → median 120, threshold 60: none fast, though 120 would be fast for ann or bob.
    const cy = [120, 120].map((activeMs) => candidate({ annotator: 'cy', activeMs }));
    const list = [...ann, ...bob, ...cy];
    const { items, makeup } = drawSample(list, settings({ percent: 0, fastFactor: 0.5 }));
    expect(items.map((i) => i.key).sort()).toEqual([ann[0]!.key, bob[0]!.key].sort());
    expect(items.every((i) => i.picks.length === 1 && i.picks[0] === 'fast')).toBe(true);
    expect(makeup.byPick).toEqual({ fast: 2 });
    expect(makeup.byAnnotator).toEqual({ ann: 1, bob: 1 });

    expect(drawSample(list, settings({ percent: 0, fastFactor: 0 })).items).toEqual([]);
  });

  it('records every reason when an item is both targeted and drawn at random', () => {
    const list = many({ flagged: true, goldFailed: true }, 20);
    const { items, makeup } = drawSample(list, settings({ percent: 0.25, flagged: true, goldFailures: true }));
    expect(items).toHaveLength(20);
    const random = items.filter((i) => i.picks.includes('random'));
    expect(random).toHaveLength(5);
    for (const item of random) expect(item.picks).toEqual(['random', 'gold-failure', 'flagged']);
    expect(makeup).toEqual({ items: 20, byPick: { random: 5, 'gold-failure': 20, flagged: 20 }, byAnnotator: { ann: 20 }, byLabel: { cat: 20 } });
  });

  it('with percent 0 samples only the targeted answers', () => {
    const list = [...many({}, 50), candidate({ flagged: true, label: null, annotator: 'bob' }), candidate({ lowAgreement: true })];
    const { items, makeup } = drawSample(list, settings({ percent: 0, stratify: 'both', flagged: true, lowAgreement: true }));
    expect(items.flatMap((i) => i.picks).sort()).toEqual(['flagged', 'low-agreement']);
    expect(makeup).toEqual({ items: 2, byPick: { 'low-agreement': 1, flagged: 1 }, byAnnotator: { ann: 1, bob: 1 }, byLabel: { cat: 1, '(none)': 1 } });
  });
});

describe('drawSample: edges', () => {
  it('returns an empty sample for no candidates', () => {
    const { items, makeup } = drawSample([], settings({ percent: 1, stratify: 'both', goldFailures: true, fastFactor: 0.5 }));
    expect(items).toEqual([]);
    expect(makeup).toEqual({ items: 0, byPick: { random: 0, 'gold-failure': 0, fast: 0 }, byAnnotator: {}, byLabel: {} });
    expect(sampleMakeupSchema.parse(makeup)).toEqual(makeup);
  });

  it('rejects a repeated candidate key', () => {
    const c = candidate();
    expect(() => drawSample([c, { ...c }], settings())).toThrow(/appears twice/);
  });
});
