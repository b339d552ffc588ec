/**
 * Scoring an annotator's answer against a gold (reference) answer, question by question, and
 * summarising many such scores per annotator and per label.
 *
 * Every scored question yields `correct` (the answer is right as a whole) and `score` in 0..1
 * (partial credit), so one accuracy report can mix question kinds. Rules per kind:
 *  - choices:   set equality of the labels; score 1 or 0.
 *  - spans:     span F1 (exact start/end/label by default, `spanMode: 'overlap'` to relax);
 *               correct when F1 = 1.
 *  - boxes, polygons: F1 of IoU-matched regions (IoU ≥ `iouThreshold`, default 0.5, same label);
 *               correct when F1 = 1.
 *  - rubric:    1 − mean over gold's dimensions of |answer − gold| / (scale max − scale min);
 *               correct when every dimension equals gold's.
 *  - pairwise:  the overall choice equals gold's; per-dimension agreement is reported in perItem
 *               but does not move the score, because gold's overall verdict is the label.
 *  - ranking:   Kendall's tau-b between gold's and the answer's ranks, mapped to 0..1 as
 *               (τ + 1) / 2; correct when the rankings (ties included) are identical.
 *  - checklist: share of gold's constraints given the same verdict; correct when all are.
 *  - safety:    F1 over the set of flagged labels (severity and excerpts are not compared: gold
 *               says what is unsafe, and severities are too coarse to grade); correct when F1 = 1.
 *  - textarea, rewrite: free text has no right answer to compare against: not scored (null).
 *
 * A question gold did not answer is not scored (null). A question gold answered but the annotator
 * did not is scored as the empty answer of its kind (no labels, no regions, no scores…), so
 * skipping a gold question costs what answering it wrongly would.
 */
import { LoupeError } from '../errors';
import type { Control, LabelConfig } from '../pack/labelConfig';
import type { Answer, ControlResult } from '../pack/task';
import { kendallTauB } from './agreement';
import { boxF1, polygonF1, prf, spanF1, tallyByLabel, type LabelTally, type SpanMatchMode } from './matching';

export interface GoldOptions {
  /** How spans match: exact start/end/label (default) or overlapping with the same label. */
  spanMode?: SpanMatchMode;
  /** IoU from which a box or polygon matches gold's (inclusive); default 0.5. */
  iouThreshold?: number;
}

export interface GoldScore {
  correct: boolean;
  /** Partial credit, 0..1. */
  score: number;
  /** Per-label counts, for the label-based kinds (choices, spans, boxes, polygons, safety). */
  perLabel?: Record<string, LabelTally>;
  /** Per-item score 0..1: rubric dimensions, checklist constraints, pairwise dimensions. */
  perItem?: Record<string, number>;
}

type ResultOf<K extends ControlResult['kind']> = Extract<ControlResult, { kind: K }>;

/** The answer of a question left unanswered: what "nothing" is for each kind. */
function emptyResult(control: Control): ControlResult | null {
  const controlId = control.id;
  switch (control.kind) {
    case 'choices':
      return { kind: 'choices', controlId, labels: [] };
    case 'spans':
      return { kind: 'spans', controlId, spans: [], relations: [] };
    case 'boxes':
      return { kind: 'boxes', controlId, boxes: [] };
    case 'polygons':
      return { kind: 'polygons', controlId, polygons: [] };
    case 'rubric':
      return { kind: 'rubric', controlId, scores: {} };
    case 'pairwise':
      return { kind: 'pairwise', controlId, justification: '' };
    case 'ranking':
      return { kind: 'ranking', controlId, order: [] };
    case 'safety':
      return { kind: 'safety', controlId, flags: [] };
    case 'checklist':
      return { kind: 'checklist', controlId, items: {} };
    case 'textarea':
    case 'rewrite':
      return null;
  }
}

function checkKind(control: Control, result: ControlResult | undefined, role: string): void {
  if (result && result.kind !== control.kind) {
    throw new LoupeError('invalid-input', `the ${role} of question "${control.id}" is a ${result.kind} result, but the question is ${control.kind}`);
  }
}

/**
 * Score one question's answer against gold. Null when the question is not scored: free text, gold
 * left it unanswered, or gold and answer were given under different rubric versions.
 */
export function scoreControl(control: Control, answer: ControlResult | undefined, gold: ControlResult | undefined, options: GoldOptions = {}): GoldScore | null {
  checkKind(control, answer, 'answer');
  checkKind(control, gold, 'gold answer');
  if (!gold) return null;
  const given = answer ?? emptyResult(control);
  if (!given) return null;
  const threshold = options.iouThreshold ?? 0.5;
  switch (gold.kind) {
    case 'choices':
      return scoreChoices(given as ResultOf<'choices'>, gold);
    case 'spans': {
      const a = (given as ResultOf<'spans'>).spans;
      const r = spanF1(a, gold.spans, options.spanMode ?? 'exact');
      return { correct: r.f1 === 1, score: r.f1, perLabel: tallyByLabel(a, gold.spans, r.matches) };
    }
    case 'boxes': {
      const a = (given as ResultOf<'boxes'>).boxes;
      const r = boxF1(a, gold.boxes, threshold);
      return { correct: r.f1 === 1, score: r.f1, perLabel: tallyByLabel(a, gold.boxes, r.matches) };
    }
    case 'polygons': {
      const a = (given as ResultOf<'polygons'>).polygons;
      const r = polygonF1(a, gold.polygons, threshold);
      return { correct: r.f1 === 1, score: r.f1, perLabel: tallyByLabel(a, gold.polygons, r.matches) };
    }
    case 'rubric':
      return control.kind === 'rubric' ? scoreRubric(control, given as ResultOf<'rubric'>, gold) : null;
    case 'pairwise':
      return scorePairwise(given as ResultOf<'pairwise'>, gold);
    case 'ranking':
      return scoreRanking(given as ResultOf<'ranking'>, gold);
    case 'safety':
      return scoreSafety(given as ResultOf<'safety'>, gold);
    case 'checklist':
      return scoreChecklist(given as ResultOf<'checklist'>, gold);
    case 'textarea':
    case 'rewrite':
      return null;
  }
}

/**
 * Score every question of the config that gold answered. Keyed by control id (ids are restricted
 * to letters, digits and . _ : -, so they are safe as object keys); null where not scored.
 */
export function scoreAgainstGold(config: LabelConfig, answer: Answer, gold: Answer, options: GoldOptions = {}): Record<string, GoldScore | null> {
  const scores: [string, GoldScore | null][] = [];
  for (const control of config.controls) {
    const g = gold.find((r) => r.controlId === control.id);
    const a = answer.find((r) => r.controlId === control.id);
    scores.push([control.id, scoreControl(control, a, g, options)]);
  }
  return Object.fromEntries(scores);
}

function setTallies(given: readonly string[], gold: readonly string[]): { tallies: Record<string, LabelTally>; tp: number; fp: number; fn: number } {
  const a = new Set(given);
  const g = new Set(gold);
  const tallies = new Map<string, LabelTally>();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const label of new Set([...g, ...a])) {
    const t = { tp: 0, fp: 0, fn: 0 };
    if (a.has(label) && g.has(label)) {
      t.tp = 1;
      tp += 1;
    } else if (a.has(label)) {
      t.fp = 1;
      fp += 1;
    } else {
      t.fn = 1;
      fn += 1;
    }
    tallies.set(label, t);
  }
  return { tallies: Object.fromEntries(tallies), tp, fp, fn };
}

function scoreChoices(given: ResultOf<'choices'>, gold: ResultOf<'choices'>): GoldScore {
  const { tallies, fp, fn } = setTallies(given.labels, gold.labels);
  const correct = fp === 0 && fn === 0;
  return { correct, score: correct ? 1 : 0, perLabel: tallies };
}

function scoreSafety(given: ResultOf<'safety'>, gold: ResultOf<'safety'>): GoldScore {
  const { tallies, tp, fp, fn } = setTallies(
    given.flags.map((f) => f.label),
    gold.flags.map((f) => f.label),
  );
  const { f1 } = prf(tp, fp, fn);
  return { correct: f1 === 1, score: f1, perLabel: tallies };
}

function scoreRubric(control: Extract<Control, { kind: 'rubric' }>, given: ResultOf<'rubric'>, gold: ResultOf<'rubric'>): GoldScore | null {
  // Scores under different rubric versions measure different things; comparing them would be noise.
  if (given.rubricVersion && gold.rubricVersion && given.rubricVersion !== gold.rubricVersion) return null;
  const perItem = new Map<string, number>();
  let distance = 0;
  let allEqual = true;
  for (const dim of control.dimensions) {
    const g = gold.scores[dim.id];
    if (g === undefined || !Object.hasOwn(gold.scores, dim.id)) continue;
    const a = Object.hasOwn(given.scores, dim.id) ? given.scores[dim.id] : undefined;
    const values = dim.scale.map((p) => p.value);
    const range = Math.max(...values) - Math.min(...values);
    // A missing score is as far off as possible; off-scale values are clamped to that as well.
    const d = a === undefined ? 1 : a === g ? 0 : range > 0 ? Math.min(Math.abs(a - g) / range, 1) : 1;
    if (d !== 0) allEqual = false;
    distance += d;
    perItem.set(dim.id, 1 - d);
  }
  if (perItem.size === 0) return null;
  return { correct: allEqual, score: 1 - distance / perItem.size, perItem: Object.fromEntries(perItem) };
}

function scorePairwise(given: ResultOf<'pairwise'>, gold: ResultOf<'pairwise'>): GoldScore | null {
  if (gold.choice === undefined) return null;
  const correct = given.choice === gold.choice;
  const perItem = new Map<string, number>();
  for (const [dim, pref] of Object.entries(gold.dimensions ?? {})) {
    perItem.set(dim, given.dimensions && Object.hasOwn(given.dimensions, dim) && given.dimensions[dim] === pref ? 1 : 0);
  }
  return { correct, score: correct ? 1 : 0, ...(perItem.size > 0 ? { perItem: Object.fromEntries(perItem) } : {}) };
}

/**
 * Dense ranks (0 = best) of `ids` in a ranking; ids the ranking leaves out share the rank after
 * its last, i.e. an unranked response counts as tied for last.
 */
export function ranksOf(order: readonly (readonly string[])[], ids: readonly string[]): number[] {
  const group = new Map<string, number>();
  order.forEach((ids, g) => ids.forEach((id) => group.set(id, g)));
  const raw = ids.map((id) => group.get(id) ?? order.length);
  // Densify over the ids asked about, so rankings that differ only by items outside `ids` compare equal.
  const distinct = [...new Set(raw)].sort((a, b) => a - b);
  return raw.map((r) => distinct.indexOf(r));
}

function scoreRanking(given: ResultOf<'ranking'>, gold: ResultOf<'ranking'>): GoldScore | null {
  const ids = [...new Set(gold.order.flat())];
  if (ids.length === 0) return null;
  const g = ranksOf(gold.order, ids);
  const a = ranksOf(given.order, ids);
  const identical = g.every((r, i) => r === a[i]);
  if (identical) return { correct: true, score: 1 };
  const tau = kendallTauB(g, a);
  // τ is undefined when one side ties everything: there is then no order to agree or disagree
  // with, which is neither agreement (1) nor reversal (0), so it scores the midpoint.
  return { correct: false, score: Number.isNaN(tau) ? 0.5 : (tau + 1) / 2 };
}

function scoreChecklist(given: ResultOf<'checklist'>, gold: ResultOf<'checklist'>): GoldScore | null {
  const perItem = new Map<string, number>();
  for (const [id, item] of Object.entries(gold.items)) {
    const a = Object.hasOwn(given.items, id) ? given.items[id] : undefined;
    perItem.set(id, a?.verdict === item.verdict ? 1 : 0);
  }
  if (perItem.size === 0) return null;
  let same = 0;
  for (const v of perItem.values()) same += v;
  return { correct: same === perItem.size, score: same / perItem.size, perItem: Object.fromEntries(perItem) };
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

export interface AccuracyItem {
  annotator: string;
  /** The label the item is about (gold's class, a control id …); items without one only count per annotator. */
  label?: string;
  correct: boolean;
  score: number;
}

export interface AccuracyStats {
  count: number;
  /** Items judged correct. */
  correct: number;
  /** correct / count; NaN with no items. */
  accuracy: number;
  /** Mean partial-credit score; NaN with no items. */
  meanScore: number;
}

export interface AccuracySummary {
  overall: AccuracyStats;
  /** Sorted by annotator. */
  byAnnotator: (AccuracyStats & { annotator: string })[];
  /** Sorted by label. */
  byLabel: (AccuracyStats & { label: string })[];
}

interface Acc {
  count: number;
  correct: number;
  score: number;
}

function stats(acc: Acc): AccuracyStats {
  return {
    count: acc.count,
    correct: acc.correct,
    accuracy: acc.count === 0 ? NaN : acc.correct / acc.count,
    meanScore: acc.count === 0 ? NaN : acc.score / acc.count,
  };
}

/**
 * Accuracy and mean score per annotator and per label. Rows are arrays rather than objects keyed by
 * name because annotator names are free text (a name like "__proto__" must not become a key).
 * Sorted by plain code-unit order so the report is the same on every machine and locale.
 */
export function accuracySummary(items: readonly AccuracyItem[]): AccuracySummary {
  const overall: Acc = { count: 0, correct: 0, score: 0 };
  const byAnnotator = new Map<string, Acc>();
  const byLabel = new Map<string, Acc>();
  const add = (map: Map<string, Acc>, key: string, item: AccuracyItem) => {
    let acc = map.get(key);
    if (!acc) map.set(key, (acc = { count: 0, correct: 0, score: 0 }));
    acc.count += 1;
    acc.correct += item.correct ? 1 : 0;
    acc.score += item.score;
  };
  for (const item of items) {
    overall.count += 1;
    overall.correct += item.correct ? 1 : 0;
    overall.score += item.score;
    add(byAnnotator, item.annotator, item);
    if (item.label !== undefined) add(byLabel, item.label, item);
  }
  const byKey = <T>(map: Map<string, Acc>, make: (key: string, s: AccuracyStats) => T): T[] =>
    [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => make(key, stats(map.get(key)!)));
  return {
    overall: stats(overall),
    byAnnotator: byKey(byAnnotator, (annotator, s) => ({ annotator, ...s })),
    byLabel: byKey(byLabel, (label, s) => ({ label, ...s })),
  };
}
