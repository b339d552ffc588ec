/**
 * Matching for the command palette and the settings filter, pure so it is tested on its own.
 * Every word of the query must match a command's title, group or id: as a substring (best, and
 * best of all at the start of a word) or, in the title only, as letters in order ("sbm" finds
 * "Submit"), which forgives a typo-free abbreviation without flooding the list.
 */
import type { CommandId } from '../../../shared/keymap';
import type { ResolvedCommand } from '../../../shared/keyOverrides';

export interface PaletteItem {
  command: ResolvedCommand;
  /** False when the current view has no handler for the command: shown, with its key, but not runnable. */
  enabled: boolean;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const char of haystack) if (char === needle[at]) at += 1;
  return at === needle.length;
}

function wordScore(word: string, command: ResolvedCommand): number | null {
  const title = command.title.toLowerCase();
  const at = title.indexOf(word);
  if (at === 0) return 4;
  if (at > 0) return /\W/.test(title[at - 1] ?? '') ? 3 : 2;
  if (command.group.toLowerCase().includes(word) || command.id.toLowerCase().includes(word)) return 2;
  return isSubsequence(word, title) ? 1 : null;
}

/** How well a command matches the query (higher is better); null when it does not. An empty query matches all. */
export function matchScore(query: string, command: ResolvedCommand): number | null {
  let total = 0;
  for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const score = wordScore(word, command);
    if (score === null) return null;
    total += score;
  }
  return total;
}

/**
 * The palette's list: runnable commands first, best match first, then table order; the others
 * after them, so what cannot run here never sits between the person and what can.
 */
export function paletteItems(commands: readonly ResolvedCommand[], query: string, canRun: (id: CommandId) => boolean): PaletteItem[] {
  return commands
    .map((command, order) => ({ command, order, score: matchScore(query, command), enabled: canRun(command.id) }))
    .filter((item): item is typeof item & { score: number } => item.score !== null)
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || b.score - a.score || a.order - b.order)
    .map(({ command, enabled }) => ({ command, enabled }));
}
