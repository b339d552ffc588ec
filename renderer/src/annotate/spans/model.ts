/**
 * Edits of a spans result, as pure functions: add, relabel, resize and delete spans, add and delete
 * relations, with the rules of the control (overlap allowed or not) and each span's origin. An edit
 * that the rules refuse returns a reason the editor shows instead of a result. Offsets are code
 * points (see textIndex.ts); spans keep their object identity when untouched, which lets the
 * renderer update only what changed.
 *
 * Origins: new spans are 'manual'; a proposal accepted as is is 'prediction'; relabeling or resizing
 * a 'prediction' span makes it 'prediction-changed' (see proposals.ts for accepting).
 */
import type { Label } from '../../../../shared/pack/labelConfig';
import type { ResultOf } from '../editors/types';
import type { Range } from './textIndex';

export type SpansResult = ResultOf<'spans'>;
export type Span = SpansResult['spans'][number];
export type Relation = SpansResult['relations'][number];

/** What the model needs of the spans control. */
export interface SpanRules {
  labels: readonly Label[];
  allowOverlap: boolean;
  relations: readonly Label[];
}

export type Outcome = { ok: true; result: SpansResult; spanId?: string } | { ok: false; reason: string };

export function emptyResult(controlId: string): SpansResult {
  return { kind: 'spans', controlId, spans: [], relations: [] };
}

/** Reading order: by start, then end (an outer span before the one nested at its start), then id. */
export function compareSpans(a: Range & { id: string }, b: Range & { id: string }): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function labelName(rules: { labels: readonly Label[] }, id: string): string {
  return rules.labels.find((l) => l.id === id)?.name ?? id;
}

/** The first span other than `exceptId` sharing at least one character with [start, end). */
export function overlapping(spans: readonly Span[], range: Range, exceptId?: string): Span | null {
  return spans.find((s) => s.id !== exceptId && s.start < range.end && range.start < s.end) ?? null;
}

/** A fresh id `s<n>`, unused by the result and by anything else in `taken` (proposal ids). */
export function nextSpanId(result: SpansResult, taken: Iterable<string> = []): string {
  const used = new Set<string>(taken);
  for (const s of result.spans) used.add(s.id);
  let n = result.spans.length + 1;
  while (used.has(`s${n}`)) n += 1;
  return `s${n}`;
}

/** Why a span may not take this range and label, or null when it may. */
function refusal(rules: SpanRules, result: SpansResult, range: Range, label: string, exceptId?: string): string | null {
  if (range.end <= range.start) return 'Select some text first.';
  if (!rules.labels.some((l) => l.id === label)) return `“${label}” is not a label of this task.`;
  const twin = result.spans.find((s) => s.id !== exceptId && s.start === range.start && s.end === range.end && s.label === label);
  if (twin) return `That text is already labeled ${labelName(rules, label)}.`;
  if (!rules.allowOverlap) {
    const other = overlapping(result.spans, range, exceptId);
    if (other) return `Spans may not overlap here: this one would overlap a ${labelName(rules, other.label)} span.`;
  }
  return null;
}

export function addSpan(
  rules: SpanRules,
  result: SpansResult,
  range: Range,
  label: string,
  options: { id?: string; origin?: Span['origin']; taken?: Iterable<string> } = {},
): Outcome {
  const reason = refusal(rules, result, range, label);
  if (reason) return { ok: false, reason };
  const id = options.id && !result.spans.some((s) => s.id === options.id) ? options.id : nextSpanId(result, options.taken);
  const span: Span = { id, start: range.start, end: range.end, label, origin: options.origin ?? 'manual' };
  return { ok: true, result: { ...result, spans: [...result.spans, span] }, spanId: id };
}

/** Relabel and/or resize one span; a span accepted from a prediction becomes 'prediction-changed'. */
export function updateSpan(rules: SpanRules, result: SpansResult, id: string, patch: { label?: string; range?: Range }): Outcome {
  const at = result.spans.findIndex((s) => s.id === id);
  const span = result.spans[at];
  if (!span) return { ok: false, reason: 'That span is gone.' };
  const range = patch.range ?? span;
  const label = patch.label ?? span.label;
  if (range.start === span.start && range.end === span.end && label === span.label) {
    return { ok: false, reason: `Already labeled ${labelName(rules, label)}.` };
  }
  const reason = refusal(rules, result, range, label, id);
  if (reason) return { ok: false, reason };
  const origin = span.origin === 'prediction' ? 'prediction-changed' : span.origin;
  const next: Span = { ...span, start: range.start, end: range.end, label, ...(origin ? { origin } : {}) };
  const spans = [...result.spans.slice(0, at), next, ...result.spans.slice(at + 1)];
  return { ok: true, result: { ...result, spans }, spanId: id };
}

/** Remove a span and every relation that starts or ends at it (a dangling relation is invalid). */
export function deleteSpan(result: SpansResult, id: string): SpansResult {
  return {
    ...result,
    spans: result.spans.filter((s) => s.id !== id),
    relations: result.relations.filter((r) => r.from !== id && r.to !== id),
  };
}

export function addRelation(rules: SpanRules, result: SpansResult, relation: Relation): Outcome {
  if (!rules.relations.some((l) => l.id === relation.label)) return { ok: false, reason: `“${relation.label}” is not a relation of this task.` };
  if (relation.from === relation.to) return { ok: false, reason: 'A relation needs two different spans.' };
  const ids = new Set(result.spans.map((s) => s.id));
  if (!ids.has(relation.from) || !ids.has(relation.to)) return { ok: false, reason: 'Both ends of a relation must be accepted spans.' };
  if (result.relations.some((r) => r.from === relation.from && r.to === relation.to && r.label === relation.label)) {
    return { ok: false, reason: `These spans are already related by ${labelName({ labels: rules.relations }, relation.label)}.` };
  }
  return { ok: true, result: { ...result, relations: [...result.relations, relation] } };
}

export function deleteRelation(result: SpansResult, index: number): SpansResult {
  if (index < 0 || index >= result.relations.length) return result;
  return { ...result, relations: result.relations.filter((_, i) => i !== index) };
}
