/**
 * Pure edits of one question's result, for every AI-evaluation kind. Each takes the question's
 * current result (undefined while it has none) and returns the next one; the view turns that into
 * one undo step (text typing coalesces into one step per field, see history.ts).
 */
import type { PairwiseControl, RubricControl } from '../../../../shared/pack/labelConfig';
import type { ControlResult } from '../../../../shared/pack/task';
import { rewriteDiff } from '../../../../shared/rewriteDiff';
import type { ResultOf } from '../editors/types';

type Preference = 'A' | 'B' | 'tie';

export function withScore(control: RubricControl, result: ResultOf<'rubric'> | undefined, dimension: string, value: number): ResultOf<'rubric'> {
  return { kind: 'rubric', controlId: control.id, rubricVersion: control.rubricVersion, scores: { ...result?.scores, [dimension]: value } };
}

/** A preference with nothing chosen yet (a dimension or a justification may come first). */
function pairwiseBase(control: PairwiseControl, result: ResultOf<'pairwise'> | undefined): ResultOf<'pairwise'> {
  return result ?? { kind: 'pairwise', controlId: control.id, justification: '' };
}

/** The overall preference. A tie has no strength, so choosing one drops it. */
export function withChoice(control: PairwiseControl, result: ResultOf<'pairwise'> | undefined, choice: Preference): ResultOf<'pairwise'> {
  const { strength, ...rest } = pairwiseBase(control, result);
  return choice === 'tie' ? { ...rest, choice } : { ...rest, choice, ...(strength !== undefined ? { strength } : {}) };
}

/** How much better the chosen response is; with no choice yet, or a tie, there is nothing to qualify. */
export function withStrength(result: ResultOf<'pairwise'> | undefined, strength: number): ResultOf<'pairwise'> | undefined {
  if (!result?.choice || result.choice === 'tie') return result;
  return { ...result, strength };
}

export function withDimension(control: PairwiseControl, result: ResultOf<'pairwise'> | undefined, dimension: string, choice: Preference): ResultOf<'pairwise'> {
  const base = pairwiseBase(control, result);
  return { ...base, dimensions: { ...base.dimensions, [dimension]: choice } };
}

export function withJustification(control: PairwiseControl, result: ResultOf<'pairwise'> | undefined, text: string): ResultOf<'pairwise'> {
  return { ...pairwiseBase(control, result), justification: text };
}

/** A ranking as a flat list plus, per item, whether it is tied with the one above. */
export interface FlatRanking {
  ids: string[];
  tiedWithAbove: boolean[];
}

export function flatten(order: readonly (readonly string[])[]): FlatRanking {
  const ids: string[] = [];
  const tiedWithAbove: boolean[] = [];
  for (const tier of order) {
    tier.forEach((id, i) => {
      ids.push(id);
      tiedWithAbove.push(i > 0);
    });
  }
  return { ids, tiedWithAbove };
}

export function tiers({ ids, tiedWithAbove }: FlatRanking): string[][] {
  const out: string[][] = [];
  ids.forEach((id, i) => {
    if (i > 0 && tiedWithAbove[i]) out[out.length - 1]!.push(id);
    else out.push([id]);
  });
  return out;
}

function ranking(controlId: string, flat: FlatRanking): ResultOf<'ranking'> {
  return { kind: 'ranking', controlId, order: tiers(flat) };
}

/** Move one response to position `to` (0-based) in the flat list; a moved response is tied with nothing. */
export function withMoved(controlId: string, order: readonly (readonly string[])[], id: string, to: number): ResultOf<'ranking'> {
  const { ids, tiedWithAbove } = flatten(order);
  const from = ids.indexOf(id);
  if (from < 0) return ranking(controlId, { ids, tiedWithAbove });
  // Take it out: if it headed a tie group, the next member heads the group now.
  const headed = !tiedWithAbove[from];
  ids.splice(from, 1);
  tiedWithAbove.splice(from, 1);
  if (headed && from < tiedWithAbove.length) tiedWithAbove[from] = false;
  // Put it back on its own: whatever follows it is not tied to it.
  const target = Math.max(0, Math.min(ids.length, to));
  ids.splice(target, 0, id);
  tiedWithAbove.splice(target, 0, false);
  if (target + 1 < tiedWithAbove.length) tiedWithAbove[target + 1] = false;
  return ranking(controlId, { ids, tiedWithAbove });
}

/** Tie a response with the one above it, or untie it. The first response has nothing above. */
export function withTieToggled(controlId: string, order: readonly (readonly string[])[], id: string): ResultOf<'ranking'> {
  const flat = flatten(order);
  const at = flat.ids.indexOf(id);
  if (at > 0) flat.tiedWithAbove[at] = !flat.tiedWithAbove[at];
  return ranking(controlId, flat);
}

type SafetyFlag = ResultOf<'safety'>['flags'][number];

function safety(controlId: string, flags: SafetyFlag[]): ResultOf<'safety'> {
  return { kind: 'safety', controlId, flags };
}

export function withFlagToggled(controlId: string, result: ResultOf<'safety'> | undefined, label: string): ResultOf<'safety'> {
  const flags = result?.flags ?? [];
  return safety(controlId, flags.some((f) => f.label === label) ? flags.filter((f) => f.label !== label) : [...flags, { label }]);
}

/** Set a flag's severity, flagging the category if it was not flagged yet (a severity key implies the flag). */
export function withSeverity(controlId: string, result: ResultOf<'safety'> | undefined, label: string, severity: number): ResultOf<'safety'> {
  const flags = result?.flags ?? [];
  const has = flags.some((f) => f.label === label);
  return safety(controlId, has ? flags.map((f) => (f.label === label ? { ...f, severity } : f)) : [...flags, { label, severity }]);
}

export function withExcerpt(controlId: string, result: ResultOf<'safety'> | undefined, label: string, excerpt: string, responseId?: string): ResultOf<'safety'> {
  const flags = result?.flags ?? [];
  const patch = (f: SafetyFlag): SafetyFlag => {
    const { excerpt: _old, responseId: _oldResponse, ...rest } = f;
    return { ...rest, ...(excerpt ? { excerpt } : {}), ...(excerpt && responseId ? { responseId } : {}) };
  };
  const has = flags.some((f) => f.label === label);
  return safety(controlId, has ? flags.map((f) => (f.label === label ? patch(f) : f)) : [...flags, patch({ label })]);
}

/** "No concerns": an explicit answer with no flags (unlike no answer at all). */
export function noConcerns(controlId: string): ResultOf<'safety'> {
  return safety(controlId, []);
}

export function withVerdict(controlId: string, result: ResultOf<'checklist'> | undefined, item: string, verdict: 'pass' | 'fail' | 'na'): ResultOf<'checklist'> {
  const current = result?.items[item];
  return { kind: 'checklist', controlId, items: { ...result?.items, [item]: { ...current, verdict } } };
}

/** A note needs a verdict to belong to; writing one first marks the constraint failed, the usual reason to write. */
export function withNote(controlId: string, result: ResultOf<'checklist'> | undefined, item: string, note: string): ResultOf<'checklist'> {
  const current = result?.items[item] ?? { verdict: 'fail' as const };
  const { note: _old, ...rest } = current;
  return { kind: 'checklist', controlId, items: { ...result?.items, [item]: note ? { ...rest, note } : rest } };
}

export function withText(controlId: string, text: string): ResultOf<'textarea'> {
  return { kind: 'textarea', controlId, text };
}

export function withRewrite(controlId: string, responseId: string, original: string, text: string): ResultOf<'rewrite'> {
  return { kind: 'rewrite', controlId, responseId, text, diff: rewriteDiff(original, text) };
}

export function resultOf<K extends ControlResult['kind']>(answer: readonly ControlResult[], controlId: string, kind: K): ResultOf<K> | undefined {
  const result = answer.find((r) => r.controlId === controlId);
  return result?.kind === kind ? (result as ResultOf<K>) : undefined;
}
