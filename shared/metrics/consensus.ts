/**
 * Consensus of several annotators' answers to one task (majority vote), and the helpers that turn a
 * control result into the single value agreement coefficients compare.
 *
 * Voters: for each question, the answers that hold a result for it. An answer without one
 * abstains; it neither agrees nor disagrees. "n" below is that number of voters.
 *
 * Rules, per kind:
 *  - choices:   the mode of the whole label set (a multi-label answer is one vote for its exact
 *               set). A tie for the most votes decides nothing: result null, `tie: true`.
 *  - rubric:    per dimension, the median of the scores; with an even number of scores, the mean
 *               of the two middle ones rounded down to the nearest point of the dimension's scale
 *               (so a 1–5 scale splitting 2 and 5 gives 3, and the result is always a scale point).
 *               Scores given under another rubricVersion than the config's do not vote.
 *  - pairwise:  the mode of the overall choice (tie → null, `tie: true`); the strength is the median
 *               (same rounding) of the strengths given by those who chose the winner; each
 *               preference dimension is its own mode, tied dimensions are left out (`tiedItems`).
 *  - spans, boxes, polygons: a region is kept when at least ⌈n/2⌉ annotators have a matching one:
 *               spans match exactly (start, end, label), boxes and polygons by IoU ≥ 0.5 (option)
 *               with the same label, one region per annotator, greedy by highest IoU. The kept
 *               geometry (and id) is that of the earliest annotator, in `answers` order, among
 *               those who agree. Note ⌈n/2⌉ is a half, not a strict majority: with two
 *               annotators every region is kept (the matched ones once). Span relations are kept
 *               when ⌈n/2⌉ annotators drew the same relation between spans that were kept.
 *  - ranking:   Borda count. Each annotator gives a response one point per response ranked below
 *               it and half a point per response tied with it; responses an annotator left out are
 *               tied below all the ones they ranked. Equal totals share a rank when the question
 *               allows ties; otherwise they are ordered by first appearance and `tie: true` says
 *               an order was imposed.
 *  - safety:    a flag is kept when at least ⌈n/2⌉ annotators raised it (several flags of one
 *               label by one annotator count once); its severity is the median (same rounding) of
 *               those annotators' highest severity for it. Excerpts are not merged.
 *  - checklist: per constraint, the mode of the verdicts; tied constraints are left out (`tiedItems`).
 *  - textarea, rewrite: free text cannot be voted on: result null.
 */
import { LoupeError } from '../errors';
import type { Control, LabelConfig } from '../pack/labelConfig';
import type { Answer, ControlResult } from '../pack/task';
import { boxIoU, polygonIoU } from './matching';

type ResultOf<K extends ControlResult['kind']> = Extract<ControlResult, { kind: K }>;
type ControlOf<K extends Control['kind']> = Extract<Control, { kind: K }>;

export interface ConsensusOptions {
  /** IoU from which two boxes or polygons are the same region (inclusive); default 0.5. */
  iouThreshold?: number;
}

export interface ControlConsensus {
  controlId: string;
  kind: Control['kind'];
  /** The consensus answer to the question; null when there is none (no voters, a tie, free text). */
  result: ControlResult | null;
  /** The vote tied: for choices and pairwise the result is then null; for ranking an order was imposed. */
  tie: boolean;
  /** Rows left undecided by a tie (pairwise dimensions, checklist constraints). */
  tiedItems?: string[];
  /** Answers that held a result for the question. */
  voters: number;
}

export interface Consensus {
  /** The decided results, in config order: an answer in the format annotators give. */
  answer: Answer;
  controls: ControlConsensus[];
}

export function majorityVote(answers: readonly Answer[], config: LabelConfig, options: ConsensusOptions = {}): Consensus {
  const controls = config.controls.map((control) => voteControl(control, answers, options.iouThreshold ?? 0.5));
  return { answer: controls.flatMap((c) => (c.result ? [c.result] : [])), controls };
}

function voteControl(control: Control, answers: readonly Answer[], threshold: number): ControlConsensus {
  const results: ControlResult[] = [];
  for (const answer of answers) {
    const r = answer.find((x) => x.controlId === control.id);
    if (!r) continue;
    if (r.kind !== control.kind) {
      throw new LoupeError('invalid-input', `an answer to question "${control.id}" is a ${r.kind} result, but the question is ${control.kind}`);
    }
    results.push(r);
  }
  const base = { controlId: control.id, kind: control.kind, voters: results.length };
  if (results.length === 0) return { ...base, result: null, tie: false };
  switch (control.kind) {
    case 'choices':
      return { ...base, ...voteChoices(control, results as ResultOf<'choices'>[]) };
    case 'rubric':
      return voteRubric(control, results as ResultOf<'rubric'>[]);
    case 'pairwise':
      return { ...base, ...votePairwise(control, results as ResultOf<'pairwise'>[]) };
    case 'ranking':
      return { ...base, ...voteRanking(control, results as ResultOf<'ranking'>[]) };
    case 'spans':
      return { ...base, tie: false, result: voteSpans(control.id, results as ResultOf<'spans'>[]) };
    case 'boxes':
    case 'polygons':
      return { ...base, tie: false, result: voteShapes(control.id, control.kind, results as (ResultOf<'boxes'> | ResultOf<'polygons'>)[], threshold) };
    case 'safety':
      return { ...base, tie: false, result: voteSafety(control, results as ResultOf<'safety'>[]) };
    case 'checklist':
      return { ...base, ...voteChecklist(control.id, results as ResultOf<'checklist'>[]) };
    case 'textarea':
    case 'rewrite':
      return { ...base, result: null, tie: false };
  }
}

/** How many agreeing annotators keep a region or flag: ⌈n/2⌉. */
function quorum(voters: number): number {
  return Math.ceil(voters / 2);
}

/** The most frequent key (first-seen order breaks nothing: two keys at the top count is a tie). */
function mode(keys: readonly string[]): { key: string | null; tie: boolean } {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  let tie = false;
  for (const [k, c] of counts) {
    if (c > bestCount) {
      best = k;
      bestCount = c;
      tie = false;
    } else if (c === bestCount) {
      tie = true;
    }
  }
  return tie ? { key: null, tie: true } : { key: best, tie: false };
}

/**
 * Median of integer votes; with an even count, the mean of the two middle values rounded down to the
 * nearest scale point not below the lower middle value (plain floor when no scale is known).
 */
export function lowerMedian(values: readonly number[], scale: readonly number[] = []): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[half]!;
  const lo = sorted[half - 1]!;
  const mid = (lo + sorted[half]!) / 2;
  if (scale.length === 0) return Math.max(lo, Math.floor(mid));
  let pick = lo;
  for (const p of scale) if (p <= mid && p > pick) pick = p;
  return pick;
}

function voteChoices(control: ControlOf<'choices'>, results: ResultOf<'choices'>[]): Pick<ControlConsensus, 'result' | 'tie'> {
  const keys = results.map((r) => choiceKey(r.labels));
  const { key, tie } = mode(keys);
  if (key === null) return { result: null, tie };
  const winner = results[keys.indexOf(key)]!;
  return { result: { kind: 'choices', controlId: control.id, labels: [...new Set(winner.labels)].sort() }, tie: false };
}

function voteRubric(control: ControlOf<'rubric'>, all: ResultOf<'rubric'>[]): ControlConsensus {
  // Scores from another rubric version measure something else; they abstain.
  const results = all.filter((r) => !r.rubricVersion || r.rubricVersion === control.rubricVersion);
  const scores = new Map<string, number>();
  for (const dim of control.dimensions) {
    const values = results.flatMap((r) => (Object.hasOwn(r.scores, dim.id) ? [r.scores[dim.id]!] : []));
    const m = lowerMedian(values, dim.scale.map((p) => p.value));
    if (m !== null) scores.set(dim.id, m);
  }
  const base = { controlId: control.id, kind: control.kind, voters: results.length, tie: false };
  if (scores.size === 0) return { ...base, result: null };
  return { ...base, result: { kind: 'rubric', controlId: control.id, rubricVersion: control.rubricVersion, scores: Object.fromEntries(scores) } };
}

function votePairwise(control: ControlOf<'pairwise'>, results: ResultOf<'pairwise'>[]): Pick<ControlConsensus, 'result' | 'tie' | 'tiedItems'> {
  const choices = results.flatMap((r) => (r.choice ? [r.choice] : []));
  const { key, tie } = mode(choices);
  const choice = key as 'A' | 'B' | 'tie' | null;
  if (choice === null) return { result: null, tie };
  const strengths = results.flatMap((r) => (r.choice === choice && r.strength !== undefined ? [r.strength] : []));
  const strength = choice === 'tie' ? null : lowerMedian(strengths, control.strength.map((p) => p.value));
  const dimensions = new Map<string, 'A' | 'B' | 'tie'>();
  const tiedItems: string[] = [];
  const dimIds = [...new Set([...control.dimensions.map((d) => d.id), ...results.flatMap((r) => Object.keys(r.dimensions ?? {}))])];
  for (const id of dimIds) {
    const prefs = results.flatMap((r) => (r.dimensions && Object.hasOwn(r.dimensions, id) ? [r.dimensions[id]!] : []));
    if (prefs.length === 0) continue;
    const m = mode(prefs);
    if (m.key === null) tiedItems.push(id);
    else dimensions.set(id, m.key as 'A' | 'B' | 'tie');
  }
  return {
    result: {
      kind: 'pairwise',
      controlId: control.id,
      choice,
      ...(strength !== null ? { strength } : {}),
      ...(dimensions.size > 0 ? { dimensions: Object.fromEntries(dimensions) } : {}),
      // A consensus has no author to justify it; the annotators' own justifications stay with their answers.
      justification: '',
    },
    tie: false,
    ...(tiedItems.length > 0 ? { tiedItems } : {}),
  };
}

function voteRanking(control: ControlOf<'ranking'>, results: ResultOf<'ranking'>[]): Pick<ControlConsensus, 'result' | 'tie'> {
  const index = new Map<string, number>();
  for (const r of results) for (const group of r.order) for (const id of group) if (!index.has(id)) index.set(id, index.size);
  const m = index.size;
  if (m === 0) return { result: null, tie: false };
  // Doubled Borda points, so half points for ties stay integers.
  const points = new Float64Array(m);
  const seen = new Int32Array(m).fill(-1);
  results.forEach((r, voter) => {
    // Only the first mention of an id counts, should a ranking list one twice.
    const groups = r.order.map((group) => group.filter((id) => {
      const i = index.get(id)!;
      if (seen[i] === voter) return false;
      seen[i] = voter;
      return true;
    }));
    let ranked = 0;
    for (const g of groups) ranked += g.length;
    let below = m - ranked;
    const missing = below;
    // Walk from the last rank up, so "below" is the count of responses under the current group.
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const group = groups[g]!;
      for (const id of group) points[index.get(id)!]! += 2 * below + (group.length - 1);
      below += group.length;
    }
    for (let i = 0; i < m; i += 1) if (seen[i] !== voter) points[i]! += missing - 1;
  });
  const ids = [...index.keys()];
  const sorted = ids.map((id, i) => ({ id, i, p: points[i]! })).sort((a, b) => b.p - a.p || a.i - b.i);
  const order: string[][] = [];
  let tie = false;
  sorted.forEach((item, k) => {
    const tiedWithPrevious = k > 0 && sorted[k - 1]!.p === item.p;
    if (tiedWithPrevious && control.allowTies) order[order.length - 1]!.push(item.id);
    else {
      if (tiedWithPrevious) tie = true;
      order.push([item.id]);
    }
  });
  return { result: { kind: 'ranking', controlId: control.id, order }, tie };
}

interface Member {
  voter: number;
  index: number;
}

/**
 * Groups regions of different annotators that are "the same" (one per annotator), keeping the groups
 * with at least `need` members. Each region, in annotator order, is tried as an anchor: from each
 * other annotator it takes the unclaimed region of the same label that matches it best. A group that
 * reaches the quorum claims its members; one that does not claims nothing, so its regions may still
 * join a later anchor's group. Members are returned sorted by annotator.
 */
function cluster<T extends { label: string }>(perVoter: readonly (readonly T[])[], similarity: (a: T, b: T) => number, threshold: number, need: number): Member[][] {
  const claimed = perVoter.map((items) => new Uint8Array(items.length));
  const groups: Member[][] = [];
  perVoter.forEach((items, v) => {
    items.forEach((anchor, i) => {
      if (claimed[v]![i]) return;
      const members: Member[] = [{ voter: v, index: i }];
      perVoter.forEach((others, w) => {
        if (w === v) return;
        let best = -1;
        let bestScore = -Infinity;
        others.forEach((other, j) => {
          if (claimed[w]![j] || other.label !== anchor.label) return;
          const s = similarity(anchor, other);
          if (s >= threshold && s > 0 && s > bestScore) {
            best = j;
            bestScore = s;
          }
        });
        if (best >= 0) members.push({ voter: w, index: best });
      });
      if (members.length < need) return;
      members.sort((a, b) => a.voter - b.voter);
      for (const m of members) claimed[m.voter]![m.index] = 1;
      groups.push(members);
    });
  });
  return groups;
}

/** The id of a kept region: its own, unless a region kept earlier (from another annotator) has it. */
function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let k = 2; used.has(candidate); k += 1) candidate = `${id.slice(0, 120)}-${k}`;
  used.add(candidate);
  return candidate;
}

function voteSpans(controlId: string, results: ResultOf<'spans'>[]): ResultOf<'spans'> {
  const need = quorum(results.length);
  const same = (a: { start: number; end: number }, b: { start: number; end: number }) => (a.start === b.start && a.end === b.end ? 1 : 0);
  const groups = cluster(results.map((r) => r.spans), same, 1, need);
  const used = new Set<string>();
  // Which kept group each annotator's span (by its id) belongs to, to carry relations over.
  const groupOf = results.map(() => new Map<string, number>());
  const spans = groups.map((members, g) => {
    for (const m of members) groupOf[m.voter]!.set(results[m.voter]!.spans[m.index]!.id, g);
    const first = members[0]!;
    const s = results[first.voter]!.spans[first.index]!;
    return { id: uniqueId(s.id, used), start: s.start, end: s.end, label: s.label, ...(s.extras ? { extras: s.extras } : {}) };
  });
  const relationVotes = new Map<string, { from: number; to: number; label: string; voters: Set<number> }>();
  results.forEach((r, v) => {
    for (const rel of r.relations ?? []) {
      const from = groupOf[v]!.get(rel.from);
      const to = groupOf[v]!.get(rel.to);
      if (from === undefined || to === undefined) continue;
      const key = `${from}>${to}:${rel.label}`;
      let vote = relationVotes.get(key);
      if (!vote) relationVotes.set(key, (vote = { from, to, label: rel.label, voters: new Set() }));
      vote.voters.add(v);
    }
  });
  const relations = [...relationVotes.values()]
    .filter((r) => r.voters.size >= need)
    .map((r) => ({ from: spans[r.from]!.id, to: spans[r.to]!.id, label: r.label }));
  return { kind: 'spans', controlId, spans, relations, ...noneByQuorum(spans.length, results, need) };
}

/** An empty vote is "nothing here" when a quorum said so, rather than "not answered". */
function noneByQuorum(kept: number, results: readonly { none?: true | undefined }[], need: number): { none?: true } {
  return kept === 0 && results.filter((r) => r.none === true).length >= need ? { none: true } : {};
}

function voteShapes(
  controlId: string,
  kind: 'boxes' | 'polygons',
  results: (ResultOf<'boxes'> | ResultOf<'polygons'>)[],
  threshold: number,
): ResultOf<'boxes'> | ResultOf<'polygons'> {
  const need = quorum(results.length);
  const used = new Set<string>();
  if (kind === 'boxes') {
    const perVoter = (results as ResultOf<'boxes'>[]).map((r) => r.boxes);
    const groups = cluster(perVoter, boxIoU, threshold, need);
    const boxes = groups.map(([first]) => {
      const b = perVoter[first!.voter]![first!.index]!;
      return { id: uniqueId(b.id, used), x: b.x, y: b.y, width: b.width, height: b.height, label: b.label, ...(b.extras ? { extras: b.extras } : {}) };
    });
    return { kind: 'boxes', controlId, boxes, ...noneByQuorum(boxes.length, results, need) };
  }
  const perVoter = (results as ResultOf<'polygons'>[]).map((r) => r.polygons);
  const groups = cluster(perVoter, (a, b) => polygonIoU(a.points, b.points), threshold, need);
  const polygons = groups.map(([first]) => {
    const p = perVoter[first!.voter]![first!.index]!;
    return { id: uniqueId(p.id, used), points: p.points.map(([x, y]) => [x, y] as [number, number]), label: p.label, ...(p.extras ? { extras: p.extras } : {}) };
  });
  return { kind: 'polygons', controlId, polygons, ...noneByQuorum(polygons.length, results, need) };
}

function voteSafety(control: ControlOf<'safety'>, results: ResultOf<'safety'>[]): ResultOf<'safety'> {
  const need = quorum(results.length);
  const scale = control.severities.map((p) => p.value);
  // Config label order first, then any label the config no longer lists (kept rather than lost).
  const labels = [...new Set([...control.labels.map((l) => l.id), ...results.flatMap((r) => r.flags.map((f) => f.label))])];
  const flags: ResultOf<'safety'>['flags'] = [];
  for (const label of labels) {
    let raisedBy = 0;
    const severities: number[] = [];
    for (const r of results) {
      const own = r.flags.filter((f) => f.label === label);
      if (own.length === 0) continue;
      raisedBy += 1;
      const given = own.flatMap((f) => (f.severity !== undefined ? [f.severity] : []));
      if (given.length > 0) severities.push(Math.max(...given));
    }
    if (raisedBy < need) continue;
    const severity = lowerMedian(severities, scale);
    flags.push({ label, ...(severity !== null ? { severity } : {}) });
  }
  return { kind: 'safety', controlId: control.id, flags };
}

function voteChecklist(controlId: string, results: ResultOf<'checklist'>[]): Pick<ControlConsensus, 'result' | 'tie' | 'tiedItems'> {
  const ids = [...new Set(results.flatMap((r) => Object.keys(r.items)))];
  const items = new Map<string, { verdict: 'pass' | 'fail' | 'na' }>();
  const tiedItems: string[] = [];
  for (const id of ids) {
    const verdicts = results.flatMap((r) => (Object.hasOwn(r.items, id) ? [r.items[id]!.verdict] : []));
    const m = mode(verdicts);
    if (m.key === null) tiedItems.push(id);
    else items.set(id, { verdict: m.key as 'pass' | 'fail' | 'na' });
  }
  return {
    result: { kind: 'checklist', controlId, items: Object.fromEntries(items) },
    tie: false,
    ...(tiedItems.length > 0 ? { tiedItems } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Values for agreement coefficients
// ---------------------------------------------------------------------------------------------

/**
 * Label ids are limited to letters, digits and . _ : - (shared/pack/labelConfig.ts), so "|" cannot
 * occur inside one and joining with it is unambiguous.
 */
function choiceKey(labels: readonly string[]): string {
  return [...new Set(labels)].sort().join('|');
}

/**
 * The single value of a control result that agreement coefficients compare, or null when it holds
 * none:
 *  - choices:   the label (single-label) or the sorted labels joined by "|" (multi-label, so equal
 *               sets compare equal); "" for an answer that picked no label, which is an answer.
 *  - pairwise:  the overall choice ("A" | "B" | "tie"); with `key`, that preference dimension's.
 *  - rubric:    the score of dimension `key` (a number, for ordinal/interval alpha).
 *  - checklist: the verdict of constraint `key`.
 *  - ranking:   the 1-based rank of response `key` (a number, for ordinal alpha per response).
 *  - safety:    the sorted flagged labels joined by "|" ("" when nothing was flagged).
 *  - spans, boxes, polygons, free text: null; they have no single value (use matching.ts).
 */
export function categoricalValue(result: ControlResult | undefined, key?: string): string | number | null {
  if (!result) return null;
  switch (result.kind) {
    case 'choices':
      return choiceKey(result.labels);
    case 'pairwise':
      if (key === undefined) return result.choice ?? null;
      return result.dimensions && Object.hasOwn(result.dimensions, key) ? result.dimensions[key]! : null;
    case 'rubric':
      return key !== undefined && Object.hasOwn(result.scores, key) ? result.scores[key]! : null;
    case 'checklist':
      return key !== undefined && Object.hasOwn(result.items, key) ? result.items[key]!.verdict : null;
    case 'ranking': {
      if (key === undefined) return null;
      const g = result.order.findIndex((group) => group.includes(key));
      return g < 0 ? null : g + 1;
    }
    case 'safety':
      return choiceKey(result.flags.map((f) => f.label));
    default:
      return null;
  }
}

export interface ReliabilityMatrix {
  /** The annotators, in order of first appearance: the rows of `data`. */
  coders: string[];
  /** coders × units, null where an annotator gave no value: the input of `krippendorffAlpha`. */
  data: (string | number | null)[][];
}

/**
 * Reliability data for one question (and, with `key`, one of its rows) over many tasks: `tasks[u]`
 * lists the answers given to task u, each with its annotator. An annotator answering a task twice
 * counts once (their last answer), since alpha expects one value per coder and unit.
 */
export function reliabilityData(
  tasks: readonly (readonly { annotator: string; answer: Answer }[])[],
  controlId: string,
  key?: string,
): ReliabilityMatrix {
  const row = new Map<string, number>();
  const data: (string | number | null)[][] = [];
  const units = tasks.length;
  tasks.forEach((answers, u) => {
    for (const { annotator, answer } of answers) {
      let r = row.get(annotator);
      if (r === undefined) {
        r = row.size;
        row.set(annotator, r);
        data.push(new Array<string | number | null>(units).fill(null));
      }
      data[r]![u] = categoricalValue(answer.find((x) => x.controlId === controlId), key);
    }
  });
  return { coders: [...row.keys()], data };
}
