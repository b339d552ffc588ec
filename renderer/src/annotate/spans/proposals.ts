/**
 * Model proposals (a task's predictions for this control) as the span editor offers them: shown
 * until accepted or rejected, accepted one by one or all at once, each accepted span recording
 * whether it came in as proposed ('prediction') or changed ('prediction-changed').
 *
 * An accepted proposal keeps its prediction's span id, and manual spans never take a proposal's id
 * (model.nextSpanId's `taken`), so "is this proposal still pending" is simply "is its id absent
 * from the result" — which also makes undo of an accept bring the proposal back. Rejections are
 * the editor's own state: the result format has no place for them, so they last while the task is
 * shown.
 */
import type { Prediction } from '../../../../shared/pack/task';
import { addRelation, addSpan, type Outcome, type Relation, type Span, type SpanRules, type SpansResult } from './model';
import type { Range } from './textIndex';

/** Below this score a proposal is shown dimmed (spans controls have no configured threshold). */
export const DIM_BELOW = 0.5;

export interface Proposal extends Span {
  model: string;
  modelVersion: string;
  score: number | undefined;
  dim: boolean;
}

export interface Proposals {
  spans: Proposal[];
  /** Relations between proposed spans, by the proposals' ids. */
  relations: Relation[];
}

/** Every prediction's spans and relations, flattened; a span id seen in an earlier prediction wins. */
export function collectProposals(proposals: ReadonlyArray<{ prediction: Prediction; result: SpansResult }>): Proposals {
  const seen = new Set<string>();
  const spans: Proposal[] = [];
  const relations: Relation[] = [];
  for (const { prediction, result } of proposals) {
    for (const span of result.spans) {
      if (seen.has(span.id) || span.end <= span.start) continue;
      seen.add(span.id);
      const score = prediction.score;
      spans.push({ ...span, model: prediction.model, modelVersion: prediction.modelVersion, score, dim: score !== undefined && score < DIM_BELOW });
    }
    relations.push(...(result.relations ?? []));
  }
  return { spans, relations };
}

/** Proposals neither accepted (their id is in the result, or the same span is) nor rejected. */
export function pendingProposals(all: Proposals, result: SpansResult, rejected: ReadonlySet<string>): Proposal[] {
  if (all.spans.length === 0) return [];
  const ids = new Set(result.spans.map((s) => s.id));
  const same = new Set(result.spans.map((s) => `${s.start}:${s.end}:${s.label}`));
  return all.spans.filter((p) => !rejected.has(p.id) && !ids.has(p.id) && !same.has(`${p.start}:${p.end}:${p.label}`));
}

/** The proposed relations that now connect two accepted spans, added where missing. */
function withProposedRelations(rules: SpanRules, result: SpansResult, relations: readonly Relation[]): SpansResult {
  let next = result;
  for (const relation of relations) {
    const added = addRelation(rules, next, relation);
    if (added.ok) next = added.result;
  }
  return next;
}

/**
 * Accept one proposal, as proposed or with another label or range (then it is 'prediction-changed').
 * Proposed relations between it and spans already accepted come with it.
 */
export function acceptProposal(
  rules: SpanRules,
  result: SpansResult,
  proposal: Proposal,
  all: Proposals,
  change: { label?: string; range?: Range } = {},
): Outcome {
  const range = change.range ?? proposal;
  const label = change.label ?? proposal.label;
  const changed = label !== proposal.label || range.start !== proposal.start || range.end !== proposal.end;
  const added = addSpan(rules, result, range, label, {
    id: proposal.id,
    origin: changed ? 'prediction-changed' : 'prediction',
    taken: all.spans.map((p) => p.id),
  });
  if (!added.ok) return added;
  return { ...added, result: withProposedRelations(rules, added.result, all.relations) };
}

/** Accept every pending proposal that the rules allow; says how many were refused (overlaps). */
export function acceptAll(
  rules: SpanRules,
  result: SpansResult,
  pending: readonly Proposal[],
  all: Proposals,
): { result: SpansResult; accepted: number; refused: number } {
  const taken = all.spans.map((p) => p.id);
  let next = result;
  let refused = 0;
  for (const proposal of pending) {
    // Adding to the growing result keeps the overlap rule between proposals too.
    const added = addSpan(rules, next, proposal, proposal.label, { id: proposal.id, origin: 'prediction', taken });
    if (added.ok) next = added.result;
    else refused += 1;
  }
  const accepted = next.spans.length - result.spans.length;
  return { result: accepted > 0 ? withProposedRelations(rules, next, all.relations) : result, accepted, refused };
}
