/**
 * One task text as the span editor sees it: Unicode code-point offsets (the stored truth) mapped to
 * and from the UTF-16 indices the DOM uses, caret stops, and tokens. Pure: no DOM, no React.
 *
 * Decisions:
 * - Offsets are code points, end exclusive, as the pack format says. Every span offset that crosses
 *   this module's boundary is a code point; UTF-16 indices stay inside (and in the DOM layer).
 * - The caret stops at grapheme-cluster boundaries (Intl.Segmenter 'grapheme'): `e` + U+0301 is one
 *   step, 👍🏽 is one step (2 code points, 4 UTF-16 units), a ZWJ family is one step. A span never
 *   starts or ends inside a cluster, so a combining mark can never be cut from its letter.
 * - Tokens are the Intl.Segmenter 'word' segments that are not white space: words (CJK words via the
 *   dictionary), numbers, and each punctuation mark or emoji on its own.
 * - Segmentation runs on a small window around the position asked about, never on the whole text:
 *   V8 iterates the segments of a long string in quadratic time (7 s for 100k characters here),
 *   while a 512-unit window costs about 0.1 ms. Segments touching a window edge are not trusted
 *   (they may be cut), so windows start and end a little beyond what they must answer.
 */

export interface Range {
  start: number;
  end: number;
}

interface Segment {
  start: number;
  end: number;
  space: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const SPACE = /^\s+$/u;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export class TextIndex {
  readonly text: string;
  /** Length in code points. */
  readonly length: number;
  /** UTF-16 index of each code point (and of the end); null when the text has no astral characters. */
  private readonly cpToU16: Uint32Array | null;

  constructor(text: string) {
    this.text = text;
    let astral = 0;
    for (let i = 0; i < text.length; i += 1) if (isLowSurrogate(text.charCodeAt(i))) astral += 1;
    this.length = text.length - astral;
    if (astral === 0) {
      this.cpToU16 = null;
      return;
    }
    const map = new Uint32Array(this.length + 1);
    let cp = 0;
    for (let u = 0; u < text.length; u += 1) {
      if (isLowSurrogate(text.charCodeAt(u)) && u > 0) continue;
      map[cp] = u;
      cp += 1;
    }
    map[this.length] = text.length;
    this.cpToU16 = map;
  }

  /** UTF-16 index of a code-point offset (clamped to the text). */
  toUtf16(cp: number): number {
    const at = Math.max(0, Math.min(this.length, Math.trunc(cp)));
    return this.cpToU16 ? this.cpToU16[at]! : at;
  }

  /** Code-point offset of a UTF-16 index; an index inside a surrogate pair rounds down to the pair. */
  toCodePoint(u16: number): number {
    const u = Math.max(0, Math.min(this.text.length, Math.trunc(u16)));
    const map = this.cpToU16;
    if (!map) return u;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map[mid]! <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }

  /** The next caret stop after `cp` (a grapheme boundary), or the end. */
  nextStop(cp: number): number {
    const u = this.toUtf16(cp);
    if (u >= this.text.length) return this.length;
    const next = this.findSegment(graphemes, u, 'forward', (s) => s.end > u);
    return this.toCodePoint(next ? next.end : this.text.length);
  }

  /** The previous caret stop before `cp`, or 0. */
  previousStop(cp: number): number {
    const u = this.toUtf16(cp);
    if (u <= 0) return 0;
    const previous = this.findSegment(graphemes, u, 'backward', (s) => s.start < u);
    return this.toCodePoint(previous ? previous.start : 0);
  }

  /** The end of the token after the caret (the current one if the caret is inside it). */
  tokenRight(cp: number): number {
    const u = this.toUtf16(cp);
    const token = this.findSegment(words, u, 'forward', (s) => !s.space && s.end > u);
    return this.toCodePoint(token ? token.end : this.text.length);
  }

  /** The start of the token before the caret (the current one if the caret is inside it). */
  tokenLeft(cp: number): number {
    const u = this.toUtf16(cp);
    const token = this.findSegment(words, u, 'backward', (s) => !s.space && s.start < u);
    return this.toCodePoint(token ? token.start : 0);
  }

  /**
   * The token a caret at `cp` points at: the one ending right there (where a move by word leaves
   * the caret), else the one containing it; null on white space.
   */
  tokenAt(cp: number): Range | null {
    const u = this.toUtf16(cp);
    const around = this.trustedSegments(words, Math.max(0, u - 256), Math.min(this.text.length, u + 256));
    const token = around.find((s) => !s.space && s.end === u) ?? around.find((s) => !s.space && s.start <= u && u < s.end);
    return token ? { start: this.toCodePoint(token.start), end: this.toCodePoint(token.end) } : null;
  }

  /** A range widened to whole grapheme clusters (a mouse selection may split one). */
  snapToStops(range: Range): Range {
    const start = Math.min(range.start, range.end);
    const end = Math.max(range.start, range.end);
    const u = this.toUtf16(start);
    const cluster = u < this.text.length ? this.findSegment(graphemes, u, 'forward', (s) => s.end > u) : null;
    const snappedStart = cluster && cluster.start < u ? this.toCodePoint(cluster.start) : start;
    const ue = this.toUtf16(end);
    const last = ue > 0 ? this.findSegment(graphemes, ue, 'backward', (s) => s.start < ue) : null;
    const snappedEnd = last && last.end > ue ? this.toCodePoint(last.end) : end;
    return { start: snappedStart, end: Math.max(snappedStart, snappedEnd) };
  }

  /**
   * A range trimmed of white space at both ends and widened to whole tokens: selecting "ondon" in
   * "London, UK" gives "London"; "ondon, " gives "London," (the comma was touched). Null when
   * nothing but white space was selected.
   */
  snapToTokens(range: Range): Range | null {
    const stops = this.snapToStops(range);
    let u0 = this.toUtf16(stops.start);
    let u1 = this.toUtf16(stops.end);
    while (u0 < u1 && /\s/u.test(this.text[u0]!)) u0 += 1;
    while (u1 > u0 && /\s/u.test(this.text[u1 - 1]!)) u1 -= 1;
    if (u0 >= u1) return null;
    const first = this.findSegment(words, u0, 'forward', (s) => s.end > u0);
    const last = this.findSegment(words, u1, 'backward', (s) => s.start < u1);
    const start = first && !first.space && first.start < u0 ? first.start : u0;
    const end = last && !last.space && last.end > u1 ? last.end : u1;
    return { start: this.toCodePoint(start), end: this.toCodePoint(end) };
  }

  /**
   * Segments of [from, to) whose boundaries can be trusted: the first is dropped unless the window
   * starts the text, the last unless it ends it (either may be cut by the window edge).
   */
  private trustedSegments(segmenter: Intl.Segmenter, from: number, to: number): Segment[] {
    let a = from;
    let b = to;
    if (a > 0 && isLowSurrogate(this.text.charCodeAt(a))) a -= 1;
    if (b < this.text.length && isLowSurrogate(this.text.charCodeAt(b))) b += 1;
    const out: Segment[] = [];
    for (const s of segmenter.segment(this.text.slice(a, b))) {
      out.push({ start: a + s.index, end: a + s.index + s.segment.length, space: SPACE.test(s.segment) });
    }
    if (b < this.text.length) out.pop();
    if (a > 0) out.shift();
    return out;
  }

  /**
   * The first segment (forward from `u`) or last segment (backward from `u`) matching `wanted`,
   * searching a window that doubles until it finds one or covers the text.
   */
  private findSegment(segmenter: Intl.Segmenter, u: number, direction: 'forward' | 'backward', wanted: (s: Segment) => boolean): Segment | null {
    const forward = direction === 'forward';
    for (let size = 512; ; size *= 2) {
      // The margin behind `u` must reach past the start (or end) of the segment around `u`.
      const margin = size / 4;
      const from = Math.max(0, u - (forward ? margin : size));
      const to = Math.min(this.text.length, u + (forward ? size : margin));
      const segments = this.trustedSegments(segmenter, from, to);
      const reachesBack = forward ? from === 0 || (segments[0]?.start ?? Infinity) <= u : to === this.text.length || (segments.at(-1)?.end ?? -1) >= u;
      if (reachesBack) {
        const found = forward ? segments.find(wanted) : segments.findLast(wanted);
        if (found) return found;
        if (forward ? to >= this.text.length : from <= 0) return null;
      }
    }
  }
}
