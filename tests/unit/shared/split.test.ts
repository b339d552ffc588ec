/** Splitting into packs: coverage, overlap, balance, gold share, pair counts and determinism. */
import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from '../../../shared/random';
import { splitProblem, splitTasks, type SplitSettings } from '../../../shared/split';

const ids = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const settings = (patch: Partial<SplitSettings> = {}): SplitSettings => ({ annotators: ['ann', 'bob', 'cy'], overlap: 0.2, k: 2, goldRate: 0.1, seed: 's1', ...patch });

describe('splitTasks', () => {
  it('covers every task, k times for the overlapped share and once for the rest', () => {
    const report = splitTasks(ids(100), ids(10, 'g'), settings());
    const copies = new Map<string, number>();
    for (const pack of report.packs) for (const id of pack.taskIds) if (!id.startsWith('g')) copies.set(id, (copies.get(id) ?? 0) + 1);
    expect(copies.size).toBe(100);
    expect([...copies.values()].filter((c) => c === 2)).toHaveLength(20);
    expect([...copies.values()].filter((c) => c === 1)).toHaveLength(80);
    expect(report.overlappedTasks).toBe(20);
    expect(report.packs.reduce((sum, p) => sum + p.overlapped, 0)).toBe(40);
  });

  it('balances loads within one task and counts the tasks each pair shares', () => {
    const report = splitTasks(ids(101), [], settings({ goldRate: 0, overlap: 0.3, k: 3 }));
    const loads = report.packs.map((p) => p.taskIds.length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // k = 3 of 3 annotators: every overlapped task is shared by every pair.
    expect(report.shared).toEqual({ 'ann|bob': 30, 'ann|cy': 30, 'bob|cy': 30 });
  });

  it('mixes gold in at the asked share of each pack, distinct within a pack, shuffled among the tasks', () => {
    const report = splitTasks(ids(90), ids(20, 'g'), settings({ overlap: 0, goldRate: 0.25 }));
    for (const pack of report.packs) {
      const gold = pack.taskIds.filter((id) => id.startsWith('g'));
      expect(gold).toHaveLength(pack.gold);
      expect(pack.gold / pack.taskIds.length).toBeCloseTo(0.25, 1);
      expect(new Set(pack.taskIds).size).toBe(pack.taskIds.length);
      // Not all at the end or the start: gold positions spread through the pack.
      const positions = pack.taskIds.flatMap((id, i) => (id.startsWith('g') ? [i] : []));
      expect(Math.max(...positions) - Math.min(...positions)).toBeGreaterThan(pack.taskIds.length / 2);
    }
    expect(report.goldTasksUsed).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs for another', () => {
    const a = splitTasks(ids(50), ids(5, 'g'), settings());
    expect(splitTasks(ids(50), ids(5, 'g'), settings())).toEqual(a);
    expect(splitTasks(ids(50), ids(5, 'g'), settings({ seed: 's2' })).packs[0]!.taskIds).not.toEqual(a.packs[0]!.taskIds);
  });

  it('refuses settings that cannot work, saying why', () => {
    expect(splitProblem(settings({ k: 4 }), 10, 1)).toMatch(/k \(4\) cannot exceed the number of annotators \(3\)/);
    expect(splitProblem(settings({ annotators: ['a', 'a'] }), 10, 1)).toMatch(/named twice/);
    expect(splitProblem(settings({ goldRate: 0.1 }), 10, 0)).toMatch(/needs gold tasks/);
    expect(splitProblem(settings({ goldRate: 1 }), 10, 3)).toMatch(/below 1/);
    expect(() => splitTasks([], [], settings({ goldRate: 0 }))).toThrow(/no tasks/);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, spreads over [0, 1), and shuffles without losing items', () => {
    const r1 = seededRandom('x');
    const r2 = seededRandom('x');
    const a = Array.from({ length: 1000 }, r1);
    expect(Array.from({ length: 1000 }, r2)).toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(a.filter((v) => v < 0.5).length).toBeGreaterThan(430);
    expect(shuffled(ids(30), seededRandom(1)).sort()).toEqual(ids(30).sort());
  });
});
