/**
 * Reading long content from the keyboard. Every pane of task content that scrolls on its own (the
 * task text, a span editor's text, the prompt, each response, the questions column) carries
 * `data-scroll-pane`: "primary" for what is being judged, "secondary" for the rest.
 *
 * Two ways in, so no key has to change meaning:
 *  - The scroll commands (Shift+↓, Shift+Space, Home, End …) scroll the pane that holds the focus,
 *    or else every primary pane by the same amount (two responses side by side stay level).
 *  - A pane that has the focus itself (Tab to it, or click it) keeps the browser's own scroll keys
 *    (↑ ↓ PageUp PageDown Home End): the keymap lets them through, as any reader would expect.
 *    Space still skips and ← → still change task there; only reading keys are the pane's.
 */

export const SCROLL_PANE = 'data-scroll-pane';
export type ScrollPaneRole = 'primary' | 'secondary';

/** Spread on a scrolling element: `<Box {...scrollPane('primary')}>`. */
export function scrollPane(role: ScrollPaneRole): Record<typeof SCROLL_PANE, ScrollPaneRole> {
  return { [SCROLL_PANE]: role };
}

export type ScrollMove = 'lineDown' | 'lineUp' | 'pageDown' | 'pageUp' | 'top' | 'bottom';

/** One arrow press: about two lines of body text, as browsers scroll. */
const LINE_PX = 48;
/** A page keeps a line or two of the previous one in view, so the eye finds its place. */
const PAGE_SHARE = 0.85;

/** Keys a focused pane keeps for the browser's native scrolling (canonical names, shared/keymap.ts). */
const NATIVE_SCROLL_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

function paneOf(element: Element | null): HTMLElement | null {
  return element?.closest<HTMLElement>(`[${SCROLL_PANE}]`) ?? null;
}

/** True when `key` should scroll the focused pane natively instead of running a command. */
export function paneKeepsKey(target: EventTarget | null, key: string): boolean {
  if (!NATIVE_SCROLL_KEYS.has(key) || !(target instanceof HTMLElement)) return false;
  // Only the pane itself: a button or row inside it (a rubric score) keeps its own keys.
  return target.hasAttribute(SCROLL_PANE);
}

function offset(pane: HTMLElement, move: ScrollMove): number {
  const page = Math.max(LINE_PX, pane.clientHeight * PAGE_SHARE);
  switch (move) {
    case 'lineDown': return LINE_PX;
    case 'lineUp': return -LINE_PX;
    case 'pageDown': return page;
    case 'pageUp': return -page;
    case 'top': return -pane.scrollTop;
    case 'bottom': return pane.scrollHeight - pane.clientHeight - pane.scrollTop;
  }
}

/** The panes a scroll command moves: the focused one, else the primary ones, else any. */
export function panesToScroll(doc: Document = document): HTMLElement[] {
  const focused = paneOf(doc.activeElement);
  if (focused) return [focused];
  const primary = [...doc.querySelectorAll<HTMLElement>(`[${SCROLL_PANE}="primary"]`)];
  if (primary.length > 0) return primary;
  const any = doc.querySelector<HTMLElement>(`[${SCROLL_PANE}]`);
  return any ? [any] : [];
}

/** Scroll the task content; returns how many panes moved (0 when there is nothing to scroll). */
export function scrollTask(move: ScrollMove, doc: Document = document): number {
  const panes = panesToScroll(doc);
  for (const pane of panes) pane.scrollBy({ top: offset(pane, move) });
  return panes.length;
}
