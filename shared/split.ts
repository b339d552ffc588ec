/**
 * Splitting a project's tasks into one pack per annotator: a share of the tasks (`overlap`) goes
 * to `k` annotators each, so agreement can be measured; the rest to one; loads stay balanced; and
 * gold tasks are mixed into every pack at `goldRate` (a share of each pack), in shuffled order, so
 * an annotator cannot tell them apart. Deterministic: the same input and seed give the same packs.
 */
import { seededRandom, shuffled } from './random';

export interface SplitSettings {
  annotators: string[];
  /** Share of the (non-gold) tasks answered by `k` annotators, 0–1. */
  overlap: number;
  k: number;
  /** Share of each pack that is gold, 0–1 (below 1). */
  goldRate: number;
  seed: string;
}

export interface SplitPack {
  annotator: string;
  /** Task ids in the order the annotator will see them. */
  taskIds: string[];
  overlapped: number;
  gold: number;
}

export interface SplitReport {
  packs: SplitPack[];
  tasks: number;
  overlappedTasks: number;
  goldTasksUsed: number;
  /** How many tasks each pair of annotators shares ("a|b" with a < b): what pairwise agreement will rest on. */
  shared: Record<string, number>;
}

export function splitProblem(settings: SplitSettings, taskCount: number, goldCount: number): string | null {
  const { annotators, overlap, k, goldRate } = settings;
  if (annotators.length === 0) return 'name at least one annotator';
  if (new Set(annotators).size !== annotators.length) return 'an annotator is named twice';
  if (!(overlap >= 0 && overlap <= 1)) return 'overlap must be between 0 and 1';
  if (!Number.isInteger(k) || k < 1) return 'k must be a whole number of at least 1';
  if (overlap > 0 && k > annotators.length) return `k (${k}) cannot exceed the number of annotators (${annotators.length})`;
  if (!(goldRate >= 0 && goldRate < 1)) return 'the gold rate must be at least 0 and below 1';
  if (goldRate > 0 && goldCount === 0) return 'a gold rate needs gold tasks (import annotations as gold first)';
  if (taskCount === 0) return 'the project has no tasks to split (gold tasks are not split on their own)';
  return null;
}

export function splitTasks(taskIds: readonly string[], goldIds: readonly string[], settings: SplitSettings): SplitReport {
  const problem = splitProblem(settings, taskIds.length, goldIds.length);
  if (problem) throw new Error(problem);
  const random = seededRandom(settings.seed);
  const order = shuffled(taskIds, random);
  const overlapCount = Math.round(settings.overlap * order.length);
  const copiesOf = (i: number) => (i < overlapCount ? settings.k : 1);
  // A fixed random tie order among annotators, rotated per task, keeps the greedy fill fair.
  const tieOrder = shuffled(settings.annotators.map((_, i) => i), random);
  const loads = settings.annotators.map(() => 0);
  const assigned = settings.annotators.map(() => [] as string[]);
  const overlapped = settings.annotators.map(() => 0);
  const shared: Record<string, number> = {};
  order.forEach((taskId, i) => {
    const copies = copiesOf(i);
    const rotation = i % tieOrder.length;
    const candidates = tieOrder.map((_, j) => tieOrder[(j + rotation) % tieOrder.length]!);
    candidates.sort((a, b) => loads[a]! - loads[b]!); // stable: ties keep the rotated random order
    const chosen = candidates.slice(0, copies).sort((a, b) => a - b);
    for (const a of chosen) {
      loads[a]! += 1;
      assigned[a]!.push(taskId);
      if (copies > 1) overlapped[a]! += 1;
    }
    for (let x = 0; x < chosen.length; x += 1) {
      for (let y = x + 1; y < chosen.length; y += 1) {
        const key = `${settings.annotators[chosen[x]!]}|${settings.annotators[chosen[y]!]}`;
        shared[key] = (shared[key] ?? 0) + 1;
      }
    }
  });
  const goldOrder = shuffled(goldIds, random);
  const goldUsed = new Set<string>();
  const packs = settings.annotators.map((annotator, a) => {
    const own = assigned[a]!;
    // Gold is a share of the whole pack: g / (own + g) = goldRate.
    const wanted = settings.goldRate > 0 ? Math.round((settings.goldRate * own.length) / (1 - settings.goldRate)) : 0;
    const count = Math.min(wanted, goldOrder.length);
    const start = goldOrder.length > 0 ? (a * count) % goldOrder.length : 0;
    const gold = Array.from({ length: count }, (_, i) => goldOrder[(start + i) % goldOrder.length]!);
    gold.forEach((id) => goldUsed.add(id));
    return { annotator, taskIds: shuffled([...own, ...gold], random), overlapped: overlapped[a]!, gold: count };
  });
  return { packs, tasks: order.length, overlappedTasks: overlapCount, goldTasksUsed: goldUsed.size, shared };
}
