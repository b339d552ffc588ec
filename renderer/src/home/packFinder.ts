/**
 * Finding a pack or sample on Home from the keyboard: what matches the find field (every word of
 * the query, in any order, in the name, the description, the task kind or the author), and which
 * of the matches Enter opens. Your packs come before the samples, as on screen.
 */
import type { CSSProperties } from 'react';
import type { PackSummary } from '../../../shared/contract';
import type { Sample } from './SamplePacks';

export type FinderEntry = { kind: 'recent'; id: string; name: string; pack: PackSummary } | { kind: 'sample'; id: string; name: string; sample: Sample };

function matches(query: string, ...fields: string[]): boolean {
  const haystack = fields.join(' ').toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function findEntries(query: string, recent: readonly PackSummary[], samples: readonly Sample[]): FinderEntry[] {
  return [
    ...recent.filter((p) => matches(query, p.name, p.author.name, p.kind)).map((pack) => ({ kind: 'recent' as const, id: pack.packId, name: pack.name, pack })),
    ...samples.filter((s) => matches(query, s.name, s.description, s.taskKind)).map((sample) => ({ kind: 'sample' as const, id: sample.id, name: sample.name, sample })),
  ];
}

/** The highlighted card: an outline in the accent colour (not colour alone: the field also names it). */
export function activeCardStyle(active: boolean): CSSProperties | undefined {
  return active ? { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: 1 } : undefined;
}

/**
 * ↑/↓ between the open buttons of the cards (a focused list): from one card's button to the next
 * card's, in the order they are on screen. Returns true when it moved the focus.
 */
export function moveBetweenCards(container: HTMLElement, from: EventTarget, step: 1 | -1): boolean {
  const buttons = [...container.querySelectorAll<HTMLButtonElement>('[data-pack-open]:not(:disabled)')];
  const at = buttons.indexOf(from as HTMLButtonElement);
  if (at < 0) return false;
  buttons[Math.max(0, Math.min(buttons.length - 1, at + step))]?.focus();
  return true;
}
