/**
 * One annotator's answer against a comparison answer (the gold answer or a second annotator's),
 * question by question, for the QA reviewer's read-only diff view: both answers in words, whether
 * they agree, and for spans and regions which items are matched, extra (in the reviewed answer
 * only) or missing (in the comparison only), with the IoU of each matched box or polygon.
 *
 * Matching reuses metrics/matching.ts so the view agrees with the gold scores: spans match at the
 * same position and label, regions by IoU at the same label. A second pass then pairs leftovers
 * that sit in the same place under another label, so a changed label reads as one relabelled item
 * rather than as an extra plus a missing one.
 *
 * "Same" compares what the question asks and nothing else: free-text side notes (a preference's
 * justification, a checklist item's note, a safety flag's quoted excerpt) are left out, since two
 * people never word them alike and a row lit up for that alone would hide the real disagreements.
 */
import { resultSummary } from './answerSummary';
import { boxIoU, matchByIoU, matchSpans, polygonIoU, type Match } from './metrics/matching';
import type { Control, LabelConfig } from './pack/labelConfig';
import type { Answer, ControlResult, DiffPart } from './pack/task';
import { rewriteDiff } from './rewriteDiff';

type ResultOf<K extends ControlResult['kind']> = Extract<ControlResult, { kind: K }>;
export type DiffSpan = ResultOf<'spans'>['spans'][number];
export type DiffBox = ResultOf<'boxes'>['boxes'][number];
export type DiffPolygon = ResultOf<'polygons'>['polygons'][number];
export type DiffRegion = DiffBox | DiffPolygon;

/** Items are the answers' own objects (not copies), so a view can look their status up by identity. */
export interface SpanDiff {
  /** Same position in both; the labels differ where the span was relabelled. */
  matched: Array<{ reviewed: DiffSpan; compare: DiffSpan }>;
  /** In the reviewed answer only. */
  extra: DiffSpan[];
  /** In the comparison only. */
  missing: DiffSpan[];
}

export interface RegionDiff {
  /** IoU at least the threshold; the labels differ where the region was relabelled. */
  matched: Array<{ reviewed: DiffRegion; compare: DiffRegion; iou: number }>;
  extra: DiffRegion[];
  missing: DiffRegion[];
}

export interface QuestionDiff {
  controlId: string;
  title: string;
  kind: Control['kind'];
  /** True without a comparison: there is nothing to differ from. */
  same: boolean;
  reviewed: string;
  /** Null without a comparison. */
  compare: string | null;
  /** Spans questions with a comparison. */
  spans?: SpanDiff;
  /** Boxes and polygons questions with a comparison. */
  regions?: RegionDiff;
  /** Text questions whose texts differ: word diff from the comparison's text to the reviewed one. */
  textDiff?: DiffPart[];
}

export interface DiffOptions {
  /** Lowest IoU at which two regions count as the same object (inclusive); 0.5 as in PASCAL VOC. */
  iouThreshold?: number;
  /** The task's text, so spans read as their quoted text rather than offsets. */
  text?: string;
}

function resultFor<K extends ControlResult['kind']>(answer: Answer | null, control: Control, kind: K): ResultOf<K> | undefined {
  const result = answer?.find((r) => r.controlId === control.id);
  return result?.kind === kind ? (result as ResultOf<K>) : undefined;
}

function sortedEntries<V>(record: Readonly<Record<string, V>> | undefined): Array<[string, V]> {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A canonical form of a non-geometric answer: equal strings mean the same answer. An unanswered
 * question reads as the empty answer where the two cannot be told apart in words (no labels, no
 * scores, no text); a safety question stays distinct, since "no concerns" is itself an answer.
 */
function canonical(control: Control, answer: Answer | null): string {
  switch (control.kind) {
    case 'choices':
      return JSON.stringify([...new Set(resultFor(answer, control, 'choices')?.labels ?? [])].sort());
    case 'rubric':
      return JSON.stringify(sortedEntries(resultFor(answer, control, 'rubric')?.scores));
    case 'pairwise': {
      const r = resultFor(answer, control, 'pairwise');
      return JSON.stringify([r?.choice ?? null, r?.strength ?? null, sortedEntries(r?.dimensions)]);
    }
    case 'ranking':
      // Ranks are ordered; the responses tied within one rank are not.
      return JSON.stringify((resultFor(answer, control, 'ranking')?.order ?? []).map((tier) => [...tier].sort()));
    case 'safety': {
      const r = resultFor(answer, control, 'safety');
      return r ? JSON.stringify(r.flags.map((f) => `${f.label}:${f.severity ?? ''}`).sort()) : 'unanswered';
    }
    case 'checklist':
      return JSON.stringify(sortedEntries(resultFor(answer, control, 'checklist')?.items).map(([id, item]) => [id, item.verdict]));
    case 'textarea':
      return resultFor(answer, control, 'textarea')?.text ?? '';
    case 'rewrite': {
      const r = resultFor(answer, control, 'rewrite');
      return r ? JSON.stringify([r.responseId, r.text]) : 'unanswered';
    }
    case 'spans':
    case 'boxes':
    case 'polygons':
      // Decided by matching (see diffAnswers), never by this form.
      return '';
  }
}

/**
 * Matches in two passes: `first` pairs items as the metrics do; `second` then pairs what is left,
 * ignoring labels. Returns index pairs into the original lists.
 */
function twoPass<T extends { label: string }>(reviewed: readonly T[], compare: readonly T[], match: (a: readonly T[], b: readonly T[]) => Match[]): Match[] {
  const first = match(reviewed, compare);
  const takenR = new Set(first.map((m) => m.pred));
  const takenC = new Set(first.map((m) => m.gold));
  const restR = reviewed.map((_, i) => i).filter((i) => !takenR.has(i));
  const restC = compare.map((_, j) => j).filter((j) => !takenC.has(j));
  const unlabelled = (items: readonly T[], idx: number[]) => idx.map((i) => ({ ...items[i]!, label: '' }));
  const second = match(unlabelled(reviewed, restR), unlabelled(compare, restC)).map((m) => ({ pred: restR[m.pred]!, gold: restC[m.gold]!, score: m.score }));
  return [...first, ...second].sort((a, b) => a.pred - b.pred);
}

function split<T>(reviewed: readonly T[], compare: readonly T[], matches: Match[]) {
  const takenR = new Set(matches.map((m) => m.pred));
  const takenC = new Set(matches.map((m) => m.gold));
  return { extra: reviewed.filter((_, i) => !takenR.has(i)), missing: compare.filter((_, j) => !takenC.has(j)) };
}

function diffSpans(reviewed: readonly DiffSpan[], compare: readonly DiffSpan[]): SpanDiff {
  const matches = twoPass(reviewed, compare, (a, b) => matchSpans(a, b, 'exact'));
  return { matched: matches.map((m) => ({ reviewed: reviewed[m.pred]!, compare: compare[m.gold]! })), ...split(reviewed, compare, matches) };
}

function regionIoU(a: DiffRegion, b: DiffRegion): number {
  if ('points' in a && 'points' in b) return polygonIoU(a.points, b.points);
  if (!('points' in a) && !('points' in b)) return boxIoU(a, b);
  return 0;
}

function diffRegions(reviewed: readonly DiffRegion[], compare: readonly DiffRegion[], threshold: number): RegionDiff {
  const matches = twoPass(reviewed, compare, (a, b) => matchByIoU(a, b, regionIoU, threshold));
  return {
    matched: matches.map((m) => ({ reviewed: reviewed[m.pred]!, compare: compare[m.gold]!, iou: m.score })),
    ...split(reviewed, compare, matches),
  };
}

/**
 * Relations between spans compared through the span matching (span ids differ between two
 * annotators): the same when every relation maps onto one of the other side's.
 */
function relationsSame(diff: SpanDiff, reviewed: ResultOf<'spans'> | undefined, compare: ResultOf<'spans'> | undefined): boolean {
  const toCompareId = new Map(diff.matched.map((m) => [m.reviewed.id, m.compare.id]));
  const mapped = (reviewed?.relations ?? []).map((r) => `${toCompareId.get(r.from) ?? `?${r.from}`}>${toCompareId.get(r.to) ?? `?${r.to}`}:${r.label}`).sort();
  const theirs = (compare?.relations ?? []).map((r) => `${r.from}>${r.to}:${r.label}`).sort();
  return mapped.length === theirs.length && mapped.every((key, i) => key === theirs[i]);
}

/**
 * The answer in words: answerSummary's line, plus what `same` compares that the line leaves out
 * (relations between spans, a preference's per-dimension choices), so a row marked as differing
 * always shows why.
 */
function words(control: Control, answer: Answer | null, text: string | undefined): string {
  const result = answer?.find((r) => r.controlId === control.id);
  const base = resultSummary(control, result, text);
  if (control.kind === 'spans' && result?.kind === 'spans' && result.relations.length > 0) {
    const chars = text ? [...text] : null;
    const spanWords = (id: string) => {
      const s = result.spans.find((x) => x.id === id);
      return s && chars ? `“${chars.slice(s.start, s.end).join('')}”` : id;
    };
    const relationName = (id: string) => control.relations.find((l) => l.id === id)?.name ?? id;
    return `${base}; relations: ${result.relations.map((r) => `${spanWords(r.from)} ${relationName(r.label)} ${spanWords(r.to)}`).join(', ')}`;
  }
  if (control.kind === 'pairwise' && result?.kind === 'pairwise' && result.dimensions && Object.keys(result.dimensions).length > 0) {
    const dims = control.dimensions.filter((d) => result.dimensions?.[d.id] !== undefined).map((d) => `${d.name} ${result.dimensions?.[d.id]}`);
    return dims.length > 0 ? `${base}; ${dims.join(', ')}` : base;
  }
  return base;
}

export function diffAnswers(config: LabelConfig, reviewed: Answer, compare: Answer | null, options: DiffOptions = {}): QuestionDiff[] {
  const threshold = options.iouThreshold ?? 0.5;
  return config.controls.map((control) => {
    const row: QuestionDiff = {
      controlId: control.id,
      title: control.title ?? control.id,
      kind: control.kind,
      same: true,
      reviewed: words(control, reviewed, options.text),
      compare: compare ? words(control, compare, options.text) : null,
    };
    if (!compare) return row;
    switch (control.kind) {
      case 'spans': {
        const mine = resultFor(reviewed, control, 'spans');
        const theirs = resultFor(compare, control, 'spans');
        const spans = diffSpans(mine?.spans ?? [], theirs?.spans ?? []);
        const labelsEqual = spans.matched.every((m) => m.reviewed.label === m.compare.label);
        return { ...row, spans, same: spans.extra.length === 0 && spans.missing.length === 0 && labelsEqual && relationsSame(spans, mine, theirs) };
      }
      case 'boxes':
      case 'polygons': {
        const items = (answer: Answer): DiffRegion[] =>
          control.kind === 'boxes' ? (resultFor(answer, control, 'boxes')?.boxes ?? []) : (resultFor(answer, control, 'polygons')?.polygons ?? []);
        const regions = diffRegions(items(reviewed), items(compare), threshold);
        const labelsEqual = regions.matched.every((m) => m.reviewed.label === m.compare.label);
        return { ...row, regions, same: regions.extra.length === 0 && regions.missing.length === 0 && labelsEqual };
      }
      default: {
        const same = canonical(control, reviewed) === canonical(control, compare);
        if (same || (control.kind !== 'textarea' && control.kind !== 'rewrite')) return { ...row, same };
        const mine = resultFor(reviewed, control, control.kind)?.text;
        const theirs = resultFor(compare, control, control.kind)?.text;
        // A word diff only where both wrote something: against nothing it would be one long insert.
        return mine && theirs ? { ...row, same, textDiff: rewriteDiff(theirs, mine) } : { ...row, same };
      }
    }
  });
}
