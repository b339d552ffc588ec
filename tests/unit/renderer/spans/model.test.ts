/**
 * Pure edits of a spans result: overlap rules, relabel and resize with origins, deleting a span
 * takes its relations along, relations are directed and labeled, proposals accepted one by one or
 * all at once record where each span came from.
 */
import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../shared/pack/task';
import {
  addRelation,
  addSpan,
  compareSpans,
  deleteRelation,
  deleteSpan,
  emptyResult,
  nextSpanId,
  updateSpan,
  type Span,
  type SpanRules,
  type SpansResult,
} from '../../../../renderer/src/annotate/spans/model';
import { acceptAll, acceptProposal, collectProposals, pendingProposals } from '../../../../renderer/src/annotate/spans/proposals';
import { ENTITY_RULES } from './fixtures';

const rules = (allowOverlap: boolean): SpanRules => ({ ...ENTITY_RULES, allowOverlap });
const result = (spans: Span[], relations: SpansResult['relations'] = []): SpansResult => ({ ...emptyResult('entities'), spans, relations });
const span = (id: string, start: number, end: number, label = 'PER', origin?: Span['origin']): Span => ({ id, start, end, label, ...(origin ? { origin } : {}) });

function ok<T extends { ok: boolean }>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`refused: ${(outcome as unknown as { reason: string }).reason}`);
  return outcome as Extract<T, { ok: true }>;
}

describe('spans', () => {
  it('adds a manual span with a fresh id', () => {
    const added = ok(addSpan(rules(false), emptyResult('entities'), { start: 0, end: 5 }, 'PER'));
    expect(added.result.spans).toEqual([{ id: 's1', start: 0, end: 5, label: 'PER', origin: 'manual' }]);
    expect(added.spanId).toBe('s1');
  });

  it('never reuses an id, nor takes one a proposal holds', () => {
    const r = result([span('s1', 0, 1), span('s3', 2, 3)]);
    expect(nextSpanId(r)).toBe('s4');
    expect(nextSpanId(result([span('s1', 0, 1)]), ['s2', 's3'])).toBe('s4');
  });

  it('refuses overlaps when the config does not allow them, with a reason', () => {
    const r = result([span('s1', 0, 12, 'PER')]);
    const refused = addSpan(rules(false), r, { start: 6, end: 20 }, 'ORG');
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('overlap a Person span') });
    expect(addSpan(rules(false), r, { start: 12, end: 20 }, 'ORG').ok).toBe(true); // touching is not overlapping
  });

  it('allows nested and overlapping spans where the config does, but not the same span twice', () => {
    const r = result([span('s1', 4, 24, 'ORG')]);
    expect(ok(addSpan(rules(true), r, { start: 18, end: 24 }, 'LOC')).result.spans).toHaveLength(2);
    expect(addSpan(rules(true), r, { start: 4, end: 24 }, 'ORG')).toEqual({ ok: false, reason: expect.stringContaining('already labeled Organisation') });
  });

  it('refuses empty ranges and unknown labels', () => {
    expect(addSpan(rules(true), emptyResult('entities'), { start: 3, end: 3 }, 'PER').ok).toBe(false);
    expect(addSpan(rules(true), emptyResult('entities'), { start: 0, end: 3 }, 'NOPE').ok).toBe(false);
  });

  it('relabels and resizes; a span accepted from a prediction becomes prediction-changed', () => {
    const r = result([span('p1', 0, 5, 'ORG', 'prediction'), span('s2', 10, 15, 'PER', 'manual')]);
    const relabeled = ok(updateSpan(rules(false), r, 'p1', { label: 'LOC' })).result;
    expect(relabeled.spans[0]).toEqual({ id: 'p1', start: 0, end: 5, label: 'LOC', origin: 'prediction-changed' });
    expect(relabeled.spans[1]).toBe(r.spans[1]); // untouched spans keep their identity
    const resized = ok(updateSpan(rules(false), r, 's2', { range: { start: 10, end: 18 } })).result;
    expect(resized.spans[1]).toEqual({ id: 's2', start: 10, end: 18, label: 'PER', origin: 'manual' });
    expect(updateSpan(rules(false), r, 's2', { range: { start: 3, end: 15 } }).ok).toBe(false); // would overlap p1
    expect(updateSpan(rules(false), r, 's2', { label: 'PER' }).ok).toBe(false); // nothing changes
  });

  it('deleting a span deletes the relations at either end', () => {
    const r = result([span('a', 0, 1), span('b', 2, 3, 'ORG'), span('c', 4, 5, 'LOC')], [
      { from: 'a', to: 'b', label: 'works_for' },
      { from: 'b', to: 'c', label: 'located_in' },
    ]);
    const after = deleteSpan(r, 'b');
    expect(after.spans.map((s) => s.id)).toEqual(['a', 'c']);
    expect(after.relations).toEqual([]);
  });

  it('orders spans by start, then end', () => {
    const sorted = [span('c', 5, 9), span('b', 0, 9), span('a', 0, 3)].sort(compareSpans).map((s) => s.id);
    expect(sorted).toEqual(['a', 'b', 'c']);
  });
});

describe('relations', () => {
  const r = result([span('a', 0, 5, 'PER'), span('b', 10, 15, 'ORG')]);

  it('adds a directed, labeled relation once', () => {
    const added = ok(addRelation(rules(true), r, { from: 'a', to: 'b', label: 'works_for' })).result;
    expect(added.relations).toEqual([{ from: 'a', to: 'b', label: 'works_for' }]);
    expect(addRelation(rules(true), added, { from: 'a', to: 'b', label: 'works_for' }).ok).toBe(false);
    expect(addRelation(rules(true), added, { from: 'b', to: 'a', label: 'works_for' }).ok).toBe(true); // the other direction
  });

  it('refuses a relation to itself, to a missing span, or with an unknown label', () => {
    expect(addRelation(rules(true), r, { from: 'a', to: 'a', label: 'works_for' }).ok).toBe(false);
    expect(addRelation(rules(true), r, { from: 'a', to: 'zz', label: 'works_for' }).ok).toBe(false);
    expect(addRelation(rules(true), r, { from: 'a', to: 'b', label: 'loves' }).ok).toBe(false);
  });

  it('deletes one relation by position', () => {
    const two = result(r.spans, [{ from: 'a', to: 'b', label: 'works_for' }, { from: 'b', to: 'a', label: 'founded' }]);
    expect(deleteRelation(two, 0).relations).toEqual([{ from: 'b', to: 'a', label: 'founded' }]);
    expect(deleteRelation(two, 5)).toBe(two);
  });
});

describe('proposals', () => {
  const prediction = (score: number | undefined, spans: Span[], relations: SpansResult['relations'] = []) => {
    const proposed = result(spans, relations);
    const p: Prediction = { model: 'ner', modelVersion: '2', ...(score === undefined ? {} : { score }), result: [proposed] };
    return { prediction: p, result: proposed };
  };
  const all = collectProposals([
    prediction(0.9, [span('p1', 0, 5, 'PER'), span('p2', 10, 15, 'ORG')], [{ from: 'p1', to: 'p2', label: 'works_for' }]),
    prediction(0.3, [span('p1', 0, 5, 'LOC'), span('q1', 20, 25, 'LOC')]),
  ]);

  it('flattens every prediction, the first one winning an id, and dims low scores', () => {
    expect(all.spans.map((p) => [p.id, p.label, p.dim])).toEqual([['p1', 'PER', false], ['p2', 'ORG', false], ['q1', 'LOC', true]]);
  });

  it('accepts one as proposed (prediction), with its relations once both ends are in', () => {
    const first = ok(acceptProposal(rules(false), emptyResult('entities'), all.spans[0]!, all)).result;
    expect(first.spans).toEqual([{ id: 'p1', start: 0, end: 5, label: 'PER', origin: 'prediction' }]);
    expect(first.relations).toEqual([]);
    const second = ok(acceptProposal(rules(false), first, all.spans[1]!, all)).result;
    expect(second.relations).toEqual([{ from: 'p1', to: 'p2', label: 'works_for' }]);
    expect(pendingProposals(all, second, new Set()).map((p) => p.id)).toEqual(['q1']);
  });

  it('accepted with another label or range it is prediction-changed', () => {
    const relabeled = ok(acceptProposal(rules(false), emptyResult('entities'), all.spans[0]!, all, { label: 'ORG' })).result;
    expect(relabeled.spans[0]!.origin).toBe('prediction-changed');
    const resized = ok(acceptProposal(rules(false), emptyResult('entities'), all.spans[0]!, all, { range: { start: 0, end: 7 } })).result;
    expect(resized.spans[0]).toMatchObject({ start: 0, end: 7, origin: 'prediction-changed' });
  });

  it('accepts all that fit; overlapping ones are counted as refused', () => {
    const mine = result([span('s1', 22, 24, 'LOC', 'manual')]);
    const out = acceptAll(rules(false), mine, pendingProposals(all, mine, new Set()), all);
    expect(out).toMatchObject({ accepted: 2, refused: 1 });
    expect(out.result.spans.map((s) => [s.id, s.origin])).toEqual([['s1', 'manual'], ['p1', 'prediction'], ['p2', 'prediction']]);
    expect(out.result.relations).toHaveLength(1);
  });

  it('a rejected proposal is no longer pending; an undone accept is pending again', () => {
    expect(pendingProposals(all, emptyResult('entities'), new Set(['p2'])).map((p) => p.id)).toEqual(['p1', 'q1']);
    expect(pendingProposals(all, emptyResult('entities'), new Set())).toHaveLength(3);
  });
});
