/**
 * The task text as a few hundred inline chunks, each one element holding one text node: small
 * enough that the editor can tell which part of a 100k-character text is on screen (one
 * IntersectionObserver entry per chunk) and measure only the spans there, few enough that React
 * and the DOM never notice them. Chunks end after white space so no word, grapheme cluster or
 * surrogate pair is ever split between two text nodes (shaping would break a combining mark off).
 *
 * Every chunk element carries `data-offset` (its UTF-16 start), which maps a DOM selection back to
 * text offsets.
 */

export interface Chunk {
  /** UTF-16 offsets. */
  start: number;
  end: number;
}

/** Target chunk length in UTF-16 units; a chunk may run longer to reach white space. */
export const CHUNK_SIZE = 800;

export function chunkText(text: string, size = CHUNK_SIZE): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      // Cut just after the next white space; text with none for a long way is cut after a
      // complete code point instead (still never inside a surrogate pair).
      const space = text.slice(end, end + size).search(/\s/u);
      if (space >= 0) end += space + 1;
      else {
        end = Math.min(text.length, end + size);
        const code = text.charCodeAt(end);
        if (code >= 0xdc00 && code <= 0xdfff) end += 1;
      }
    }
    chunks.push({ start, end });
    start = end;
  }
  if (chunks.length === 0) chunks.push({ start: 0, end: 0 });
  return chunks;
}

/** Index of the chunk holding UTF-16 offset `u` (the last chunk for the end of the text). */
export function chunkAt(chunks: readonly Chunk[], u: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.start <= u) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The UTF-16 text offset of a DOM position (a selection's anchor or focus) inside elements with
 * `data-offset`, or null when it is outside them (the overlay, the list).
 */
export function textOffsetOf(root: Element, node: Node | null, offset: number): number | null {
  if (!node || !root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const holder = node.parentElement?.closest<HTMLElement>('[data-offset]');
    if (!holder || !root.contains(holder)) return null;
    let before = 0;
    for (let n = node.previousSibling; n; n = n.previousSibling) before += n.textContent?.length ?? 0;
    return Number(holder.dataset.offset) + before + offset;
  }
  const element = node as Element;
  const own = element.closest<HTMLElement>('[data-offset]');
  if (own && root.contains(own)) return Number(own.dataset.offset) + (offset > 0 ? (own.textContent?.length ?? 0) : 0);
  // A position between children of the text root: the start of the next chunk, or the end of the last.
  const children = Array.from(element.childNodes).filter((c): c is HTMLElement => c instanceof HTMLElement && c.dataset.offset !== undefined);
  const next = Array.from(element.childNodes).slice(offset).find((c): c is HTMLElement => c instanceof HTMLElement && c.dataset.offset !== undefined);
  if (next) return Number(next.dataset.offset);
  const last = children.at(-1);
  return last ? Number(last.dataset.offset) + (last.textContent?.length ?? 0) : null;
}
