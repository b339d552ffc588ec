/**
 * The diff of a rewrite: word by word (whitespace kept), from the model's original response to the
 * annotator's corrected text. Stored with the answer so a lead or trainer reads what changed
 * without recomputing; `diffIsOf` lets the service refuse a stored diff that does not match.
 */
import { diffWordsWithSpace } from 'diff';
import type { DiffPart } from './pack/task';

export function rewriteDiff(original: string, corrected: string): DiffPart[] {
  return diffWordsWithSpace(original, corrected).map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value,
  }));
}

/** True when `parts` turns `original` into `corrected` (kept + deleted = before; kept + inserted = after). */
export function diffIsOf(parts: readonly DiffPart[], original: string, corrected: string): boolean {
  const before = parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
  const after = parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
  return before === original && after === corrected;
}

/** Counts for a one-line summary under the editor ("12 words changed"). */
export function diffStats(parts: readonly DiffPart[]): { inserted: number; deleted: number } {
  const words = (text: string) => text.split(/\s+/u).filter(Boolean).length;
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    if (part.op === 'insert') inserted += words(part.text);
    if (part.op === 'delete') deleted += words(part.text);
  }
  return { inserted, deleted };
}
