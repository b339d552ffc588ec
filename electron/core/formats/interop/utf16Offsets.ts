/**
 * Text offsets between UTF-16 units (how JavaScript strings, and so Label Studio's browser
 * front end, count: "😀" is 2) and Unicode code points (how Loupe counts span offsets: "😀" is 1).
 *
 * The two differ only by the surrogate pairs (characters outside the Basic Multilingual Plane)
 * before an offset, so the text is scanned once for its pairs and each offset is then converted
 * with a binary search: a long document with many spans costs linear time, not text × spans.
 */

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

export class TextOffsets {
  /** UTF-16 index of the first half of each surrogate pair, ascending. */
  private readonly pairs: number[] = [];
  private readonly units: number;
  readonly codePoints: number;

  constructor(text: string) {
    this.units = text.length;
    for (let i = 0; i + 1 < text.length; i += 1) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        this.pairs.push(i);
        i += 1;
      }
    }
    // A lone surrogate counts as one code point, as Array.from and Python count it.
    this.codePoints = this.units - this.pairs.length;
  }

  /** How many entries of an ascending list are below `limit`. */
  private static countBelow(list: readonly number[], limit: number, key: (value: number, i: number) => number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(list[mid]!, mid) < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The code-point offset of a UTF-16 offset, or null when it is outside the text or falls between
   * the two halves of one character (no code-point offset means that).
   */
  toCodePoint(utf16: number): number | null {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.units) return null;
    // Pairs starting before utf16 - 1 lie wholly before the offset; one starting at utf16 - 1 is cut in two.
    const before = TextOffsets.countBelow(this.pairs, utf16 - 1, (p) => p);
    if (this.pairs[before] === utf16 - 1) return null;
    return utf16 - before;
  }

  /** The UTF-16 offset of a code-point offset, or null when it is outside the text. */
  toUtf16(point: number): number | null {
    if (!Number.isInteger(point) || point < 0 || point > this.codePoints) return null;
    // Pair i starts at code point pairs[i] - i (ascending), so count the pairs starting before `point`.
    return point + TextOffsets.countBelow(this.pairs, point, (p, i) => p - i);
  }
}
