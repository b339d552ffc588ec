/**
 * Drawing a review sample from submitted answers: every answer a targeted rule catches (a failed
 * gold task, a disagreeing task, a flag, a suspiciously fast answer), plus a seeded random share,
 * optionally stratified so every annotator and label is looked at in proportion to its volume.
 * Pure and deterministic: the same candidates in the same order with the same settings give the
 * same sample, so the lead's preview (review:planSample) matches the pack that is then written.
 */
import type { z } from 'zod';
import { samplePickSchema, type SamplePick } from './pack/manifest';
import { seededRandom, shuffled, type Random } from './random';
import type { SampleSettings, sampleMakeupSchema } from './reviewContract';

export type SampleMakeup = z.infer<typeof sampleMakeupSchema>;

/** One annotator's answer to one task, with what the targeted rules need to know about it. */
export interface SampleCandidate {
  /** Unique per (task, annotator), e.g. `${taskId}\u0000${annotatorId}`. */
  key: string;
  taskId: string;
  /** Display name or id; strata and the makeup are keyed by it. */
  annotator: string;
  /** The answer's main label (the first choices label), or null when it has none. */
  label: string | null;
  activeMs: number;
  /** Answered a gold task wrongly. */
  goldFailed: boolean;
  /** The task's annotators disagree. */
  lowAgreement: boolean;
  flagged: boolean;
}

/** A sampled answer and every reason it was picked ('random' included when it was drawn at random). */
export interface SampledItem {
  key: string;
  picks: SamplePick[];
}

/** The makeup's label key for answers without a label. */
export const NO_LABEL = '(none)';

/** Picks are listed in the schema's order, so an item's reasons read the same way everywhere. */
const PICK_ORDER: readonly SamplePick[] = samplePickSchema.options;

export function drawSample(candidates: readonly SampleCandidate[], settings: SampleSettings): { items: SampledItem[]; makeup: SampleMakeup } {
  const seen = new Set<string>();
  for (const c of candidates) {
    // A repeated key would put one answer in the pack twice and count it twice in the makeup.
    if (seen.has(c.key)) throw new Error(`review sample: candidate key ${JSON.stringify(c.key)} appears twice`);
    seen.add(c.key);
  }

  const random = seededRandom(settings.seed);
  const picks = new Map<string, Set<SamplePick>>();
  const pick = (key: string, reason: SamplePick) => {
    const set = picks.get(key) ?? new Set<SamplePick>();
    set.add(reason);
    picks.set(key, set);
  };

  const fastBelow = settings.fastFactor > 0 ? fastThresholds(candidates, settings.fastFactor) : null;
  for (const c of candidates) {
    if (settings.goldFailures && c.goldFailed) pick(c.key, 'gold-failure');
    if (settings.lowAgreement && c.lowAgreement) pick(c.key, 'low-agreement');
    if (settings.flagged && c.flagged) pick(c.key, 'flagged');
    // Strictly below: with a median of 0 (no timing recorded) nothing counts as fast.
    if (fastBelow && c.activeMs < (fastBelow.get(c.annotator) ?? 0)) pick(c.key, 'fast');
  }

  // The random share is drawn from every candidate, targeted or not: it estimates overall
  // quality, which would be biased if the worst answers were taken out first.
  const quota = Math.min(candidates.length, Math.max(0, Math.round(settings.percent * candidates.length)));
  for (const c of drawRandom(candidates, quota, settings.stratify, random)) pick(c.key, 'random');

  // Candidate order first (stable), then one seeded shuffle so the reviewer does not work through
  // one annotator's or one label's answers in a row.
  const chosen = candidates.filter((c) => picks.has(c.key));
  const items = shuffled(chosen, random).map((c) => ({ key: c.key, picks: PICK_ORDER.filter((p) => picks.get(c.key)!.has(p)) }));

  return { items, makeup: makeupOf(chosen, picks, settings) };
}

/** Per annotator, the activeMs below which an answer is "fast": fastFactor × their median. */
function fastThresholds(candidates: readonly SampleCandidate[], fastFactor: number): Map<string, number> {
  const times = new Map<string, number[]>();
  for (const c of candidates) {
    const list = times.get(c.annotator) ?? [];
    list.push(c.activeMs);
    times.set(c.annotator, list);
  }
  const out = new Map<string, number>();
  for (const [annotator, list] of times) out.set(annotator, fastFactor * median(list));
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function strataKey(c: SampleCandidate, stratify: SampleSettings['stratify']): string {
  switch (stratify) {
    case 'none':
      return '';
    case 'annotator':
      return c.annotator;
    case 'label':
      // JSON keeps a null label apart from a label that happens to read "(none)" or "null".
      return JSON.stringify(c.label);
    case 'both':
      return JSON.stringify([c.annotator, c.label]);
  }
}

/** `quota` candidates at random, split across the strata in proportion to their sizes. */
function drawRandom(candidates: readonly SampleCandidate[], quota: number, stratify: SampleSettings['stratify'], random: Random): SampleCandidate[] {
  if (quota === 0) return [];
  const groups = new Map<string, SampleCandidate[]>();
  for (const c of candidates) {
    const key = strataKey(c, stratify);
    const group = groups.get(key) ?? [];
    group.push(c);
    groups.set(key, group);
  }
  const strata = [...groups.values()];
  const counts = allocate(
    strata.map((s) => s.length),
    quota,
    random,
  );
  return strata.flatMap((members, i) => shuffled(members, random).slice(0, counts[i]!));
}

/**
 * Largest-remainder apportionment of `quota` over strata of the given sizes (summing to at least
 * `quota`): each gets the floor of its exact share, the leftovers go to the largest remainders.
 * When the quota allows it, every stratum then gets at least one, taken from the stratum most
 * over its exact share, so a small annotator or rare label is never left unreviewed.
 */
function allocate(sizes: readonly number[], quota: number, random: Random): number[] {
  const total = sizes.reduce((sum, n) => sum + n, 0);
  // Exact share of stratum i is quota × size / total; kept as integers (numerator over `total`)
  // so floors and remainder comparisons have no floating-point error.
  const numerators = sizes.map((n) => quota * n);
  const counts = numerators.map((x) => Math.floor(x / total));
  // Ties between equal remainders go in a seeded order rather than list order, which would
  // always favour whoever comes first in the candidates.
  const tieRank = new Map(shuffled(sizes.map((_, i) => i), random).map((stratum, rank) => [stratum, rank]));
  const byRemainder = sizes.map((_, i) => i).sort((a, b) => numerators[b]! % total - numerators[a]! % total || tieRank.get(a)! - tieRank.get(b)!);
  let left = quota - counts.reduce((sum, n) => sum + n, 0);
  for (const i of byRemainder) {
    if (left === 0) break;
    counts[i]! += 1;
    left -= 1;
  }

  if (quota >= sizes.length) {
    for (let i = 0; i < counts.length; i += 1) {
      if (counts[i] !== 0) continue;
      // Some other stratum has at least 2: the others share `quota` ≥ the number of strata among
      // fewer strata than that. Take from the one furthest above its exact share.
      let donor = -1;
      let donorExcess = -Infinity;
      for (let j = 0; j < counts.length; j += 1) {
        if (counts[j]! < 2) continue;
        const excess = counts[j]! * total - numerators[j]!;
        if (excess > donorExcess || (excess === donorExcess && tieRank.get(j)! < tieRank.get(donor)!)) {
          donor = j;
          donorExcess = excess;
        }
      }
      counts[donor]! -= 1;
      counts[i] = 1;
    }
  }
  return counts;
}

function makeupOf(chosen: readonly SampleCandidate[], picks: ReadonlyMap<string, ReadonlySet<SamplePick>>, settings: SampleSettings): SampleMakeup {
  // Every reason the settings switch on is listed, even at 0, so the lead sees "gold failures: 0"
  // rather than wondering whether the rule ran; reasons switched off are left out.
  const active: Record<SamplePick, boolean> = {
    random: settings.percent > 0,
    'gold-failure': settings.goldFailures,
    'low-agreement': settings.lowAgreement,
    fast: settings.fastFactor > 0,
    flagged: settings.flagged,
  };
  const byPick: Record<string, number> = {};
  for (const p of PICK_ORDER) if (active[p]) byPick[p] = 0;
  const byAnnotator: Record<string, number> = {};
  const byLabel: Record<string, number> = {};
  for (const c of chosen) {
    for (const p of picks.get(c.key)!) byPick[p] = (byPick[p] ?? 0) + 1;
    byAnnotator[c.annotator] = (byAnnotator[c.annotator] ?? 0) + 1;
    const label = c.label ?? NO_LABEL;
    byLabel[label] = (byLabel[label] ?? 0) + 1;
  }
  return { items: chosen.length, byPick, byAnnotator, byLabel };
}
