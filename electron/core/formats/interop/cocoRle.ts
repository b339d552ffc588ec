/**
 * COCO run-length-encoded masks (RLE), read only as far as Loupe needs them: the box around a
 * mask, for masks that come without a `bbox` (detection results written by pycocotools give just
 * `segmentation: {size, counts}`). The mask itself is never changed: the reader keeps it as given
 * and the writer writes it back.
 *
 * COCO's RLE runs go down the columns (Fortran order), starting with a run of zeros. `counts` is
 * either a list of run lengths (uncompressed, iscrowd ground truth) or pycocotools' compressed
 * string (5 bits per character, each run after the second stored as the difference to the run two
 * before). Both functions are ports of pycocotools' maskApi.c (rleFrString, rleToBbox), so the box
 * is exactly what `maskUtils.toBbox` gives.
 */

/** Run lengths of a compressed RLE string (maskApi.c rleFrString). */
export function decodeRleString(text: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= text.length) throw new Error('the compressed RLE string ends inside a run');
      const c = text.charCodeAt(p) - 48;
      // Arithmetic, not bit shifts: JavaScript shifts are 32-bit and a run of a big mask overflows them.
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p += 1;
      k += 1;
      if (!more && (c & 0x10) !== 0) x -= 2 ** (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    counts.push(x);
  }
  return counts;
}

/** The run lengths of an RLE `counts` (a list or a compressed string), or null when it is neither. */
export function rleCounts(counts: unknown): number[] | null {
  if (typeof counts === 'string') {
    try {
      return decodeRleString(counts);
    } catch {
      return null;
    }
  }
  if (Array.isArray(counts) && counts.every((c) => typeof c === 'number' && Number.isInteger(c) && c >= 0)) return counts as number[];
  return null;
}

/** The box [x, y, width, height] around an RLE mask of height `h` (maskApi.c rleToBbox). */
export function rleBbox(counts: readonly number[], h: number): [number, number, number, number] {
  const m = Math.floor(counts.length / 2) * 2;
  if (m === 0 || h <= 0) return [0, 0, 0, 0];
  let [xs, ys, xe, ye] = [Infinity, h, 0, 0];
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j += 1) {
    cc += counts[j]!;
    const t = cc - (j % 2);
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    xs = Math.min(xs, x);
    xe = Math.max(xe, x);
    ys = Math.min(ys, y);
    ye = Math.max(ye, y);
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/** The size [height, width] an RLE names, or null. */
export function rleSize(segmentation: Record<string, unknown>): [number, number] | null {
  const size = segmentation.size;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0)) return null;
  return [size[0] as number, size[1] as number];
}
