/**
 * Matching of one annotation's regions against another's (an annotator against gold, or two
 * annotators against each other): spans by exact position or by overlap, boxes and polygons by
 * intersection over union (IoU), with precision / recall / F1 over the matches.
 *
 * Matching is one-to-one and greedy: candidate pairs (same label, good enough) are taken best
 * first, and a region once matched is not matched again. Greedy is what detection benchmarks use
 * (PASCAL VOC, COCO) and is deterministic here because ties are broken by position in the lists.
 * Spans are half-open [start, end) in code points, as the answer format stores them.
 */

export interface SpanLike {
  start: number;
  end: number;
  label: string;
}

export interface BoxLike {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

export type Point = readonly [number, number];

export interface PolygonLike {
  points: readonly Point[];
  label: string;
}

/** A matched pair: indices into the predicted and reference lists and how well they match. */
export interface Match {
  pred: number;
  gold: number;
  /** Overlap length (spans, overlap mode), IoU (boxes, polygons), 1 (exact spans). */
  score: number;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 from counts. With nothing predicted and nothing to find, all three are
 * 1: an annotator who marks nothing where gold marks nothing is right, and gold scoring relies on
 * F1 = 1 meaning "correct". With nothing predicted but something to find (or the reverse) the
 * undefined ratio is 0, so an empty answer never scores as perfect against a non-empty one.
 */
export function prf(tp: number, fp: number, fn: number): PRF {
  if (tp + fp + fn === 0) return { tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Greedy one-to-one assignment of candidates, best score first, ties by pred then gold index. */
function greedy(candidates: Match[], predCount: number, goldCount: number): Match[] {
  candidates.sort((a, b) => b.score - a.score || a.pred - b.pred || a.gold - b.gold);
  const predTaken = new Uint8Array(predCount);
  const goldTaken = new Uint8Array(goldCount);
  const matches: Match[] = [];
  for (const c of candidates) {
    if (predTaken[c.pred] || goldTaken[c.gold]) continue;
    predTaken[c.pred] = 1;
    goldTaken[c.gold] = 1;
    matches.push(c);
  }
  return matches.sort((a, b) => a.pred - b.pred);
}

/** Indices of `items` by label, so candidates are only looked for among regions of the same label. */
function byLabel(items: readonly { label: string }[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  items.forEach((item, i) => {
    const list = map.get(item.label);
    if (list) list.push(i);
    else map.set(item.label, [i]);
  });
  return map;
}

// ---------------------------------------------------------------------------------------------
// Spans
// ---------------------------------------------------------------------------------------------

/**
 * `exact`: same start, end and label (the CoNLL / seqeval entity criterion).
 * `overlap`: same label and at least one shared code point; pairs with the longest overlap are
 * matched first. Two identical empty spans also match in overlap mode, since they are equal.
 */
export type SpanMatchMode = 'exact' | 'overlap';

export function matchSpans(pred: readonly SpanLike[], gold: readonly SpanLike[], mode: SpanMatchMode = 'exact'): Match[] {
  if (mode === 'exact') {
    // Multiset matching: the k-th copy of a span in pred pairs with the k-th copy in gold.
    const open = new Map<string, number[]>();
    gold.forEach((g, j) => {
      const key = `${g.start}:${g.end}:${g.label}`;
      const list = open.get(key);
      if (list) list.push(j);
      else open.set(key, [j]);
    });
    const matches: Match[] = [];
    pred.forEach((p, i) => {
      const list = open.get(`${p.start}:${p.end}:${p.label}`);
      const j = list?.shift();
      if (j !== undefined) matches.push({ pred: i, gold: j, score: 1 });
    });
    return matches;
  }
  const goldByLabel = byLabel(gold);
  const candidates: Match[] = [];
  pred.forEach((p, i) => {
    for (const j of goldByLabel.get(p.label) ?? []) {
      const g = gold[j]!;
      const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start);
      if (overlap > 0 || (p.start === g.start && p.end === g.end)) candidates.push({ pred: i, gold: j, score: Math.max(overlap, 0) });
    }
  });
  return greedy(candidates, pred.length, gold.length);
}

export interface SpanF1 extends PRF {
  matches: Match[];
}

/** Span-level precision / recall / F1 of `pred` against `gold`. */
export function spanF1(pred: readonly SpanLike[], gold: readonly SpanLike[], mode: SpanMatchMode = 'exact'): SpanF1 {
  const matches = matchSpans(pred, gold, mode);
  const tp = matches.length;
  return { ...prf(tp, pred.length - tp, gold.length - tp), matches };
}

// ---------------------------------------------------------------------------------------------
// Boxes
// ---------------------------------------------------------------------------------------------

/**
 * Intersection over union of two axis-aligned boxes (x, y = top-left corner, pixels). Two boxes of
 * zero area have no meaningful ratio; they count as 1 when identical and 0 otherwise, so a
 * degenerate box still matches its own copy.
 */
export function boxIoU(a: Omit<BoxLike, 'label'>, b: Omit<BoxLike, 'label'>): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const intersection = w > 0 && h > 0 ? w * h : 0;
  const union = a.width * a.height + b.width * b.height - intersection;
  if (union <= 0) return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height ? 1 : 0;
  return intersection / union;
}

export interface IoUF1 extends PRF {
  /** Mean IoU of the matched pairs; NaN when nothing matched. */
  meanIoU: number;
  matches: Match[];
}

/**
 * Greedy one-to-one matching by IoU: among pairs with the same label and IoU ≥ threshold, the
 * highest IoU is matched first. The threshold is inclusive (IoU = 0.5 matches at 0.5, as in PASCAL VOC).
 */
export function matchByIoU<T extends { label: string }>(
  pred: readonly T[],
  gold: readonly T[],
  iou: (a: T, b: T) => number,
  threshold = 0.5,
): Match[] {
  const goldByLabel = byLabel(gold);
  const candidates: Match[] = [];
  pred.forEach((p, i) => {
    for (const j of goldByLabel.get(p.label) ?? []) {
      const score = iou(p, gold[j]!);
      // A zero threshold still needs some overlap: disjoint regions are never "the same object".
      if (score >= threshold && score > 0) candidates.push({ pred: i, gold: j, score });
    }
  });
  return greedy(candidates, pred.length, gold.length);
}

function iouF1(matches: Match[], predCount: number, goldCount: number): IoUF1 {
  const tp = matches.length;
  const meanIoU = tp === 0 ? NaN : matches.reduce((sum, m) => sum + m.score, 0) / tp;
  return { ...prf(tp, predCount - tp, goldCount - tp), meanIoU, matches };
}

/** Box-level precision / recall / F1 at an IoU threshold (default 0.5), with the mean IoU of matches. */
export function boxF1(pred: readonly BoxLike[], gold: readonly BoxLike[], threshold = 0.5): IoUF1 {
  return iouF1(matchByIoU(pred, gold, boxIoU, threshold), pred.length, gold.length);
}

// ---------------------------------------------------------------------------------------------
// Polygons
// ---------------------------------------------------------------------------------------------
//
// Exact intersection area of two simple polygons (convex or not), without rasterising:
// fan-triangulate each polygon from its first vertex into signed triangles (p0, p_i, p_i+1). The
// signed triangles' indicator functions sum to the polygon's winding number, which for a simple
// polygon is ±1 inside and 0 outside. The intersection area is therefore
//   Σ_i Σ_j sign(T_i) · sign(U_j) · area(T_i ∩ U_j)   (times the two orientations' signs),
// and each T_i ∩ U_j is a convex-by-convex clip that Sutherland–Hodgman computes exactly.
// Cost is O(n · m) triangle clips, trivial for hand-drawn polygons.
// Self-intersecting polygons (a "bow tie") are outside the contract: their winding number is not a
// 0/1 indicator, so the figure is not an area. The polygon editor draws simple polygons.

/** Signed area by the shoelace formula: positive for counter-clockwise in y-up coordinates. */
function signedArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0, n = points.length; i < n; i += 1) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % n]!;
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

/** Area of a simple polygon (absolute, so either winding direction works). */
export function polygonArea(points: readonly Point[]): number {
  return Math.abs(signedArea(points));
}

/** Flat [x0, y0, x1, y1, …]; clipping runs in the hot loop, so it works on plain number arrays. */
type Flat = number[];

/** Clip a convex polygon by the left half-plane of the directed edge (ax, ay) → (bx, by). */
function clipHalfPlane(subject: Flat, ax: number, ay: number, bx: number, by: number): Flat {
  const out: Flat = [];
  const n = subject.length / 2;
  const side = (px: number, py: number) => (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  for (let i = 0; i < n; i += 1) {
    const px = subject[2 * i]!;
    const py = subject[2 * i + 1]!;
    const j = (i + 1) % n;
    const qx = subject[2 * j]!;
    const qy = subject[2 * j + 1]!;
    const sp = side(px, py);
    const sq = side(qx, qy);
    if (sp >= 0) out.push(px, py);
    if ((sp >= 0 && sq < 0) || (sp < 0 && sq >= 0)) {
      const t = sp / (sp - sq);
      out.push(px + t * (qx - px), py + t * (qy - py));
    }
  }
  return out;
}

function flatArea(poly: Flat): number {
  let twice = 0;
  const n = poly.length / 2;
  for (let i = 0; i < n; i += 1) {
    const j = (i + 1) % n;
    twice += poly[2 * i]! * poly[2 * j + 1]! - poly[2 * j]! * poly[2 * i + 1]!;
  }
  return Math.abs(twice) / 2;
}

interface Triangle {
  /** Counter-clockwise vertices. */
  v: Flat;
  sign: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function fan(points: readonly Point[]): Triangle[] {
  const triangles: Triangle[] = [];
  const [x0, y0] = points[0]!;
  for (let i = 1; i + 1 < points.length; i += 1) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[i + 1]!;
    const twice = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (twice === 0) continue; // a degenerate triangle covers no area
    const sign = twice > 0 ? 1 : -1;
    triangles.push({
      v: sign > 0 ? [x0, y0, x1, y1, x2, y2] : [x0, y0, x2, y2, x1, y1],
      sign,
      minX: Math.min(x0, x1, x2),
      minY: Math.min(y0, y1, y2),
      maxX: Math.max(x0, x1, x2),
      maxY: Math.max(y0, y1, y2),
    });
  }
  return triangles;
}

function triangleIntersection(a: Triangle, b: Triangle): number {
  if (a.maxX <= b.minX || b.maxX <= a.minX || a.maxY <= b.minY || b.maxY <= a.minY) return 0;
  let poly: Flat = a.v;
  const c = b.v;
  for (let e = 0; e < 3 && poly.length >= 6; e += 1) {
    const f = (e + 1) % 3;
    poly = clipHalfPlane(poly, c[2 * e]!, c[2 * e + 1]!, c[2 * f]!, c[2 * f + 1]!);
  }
  return poly.length >= 6 ? flatArea(poly) : 0;
}

/** Exact area of the intersection of two simple polygons (see the note above). */
export function polygonIntersectionArea(a: readonly Point[], b: readonly Point[]): number {
  if (a.length < 3 || b.length < 3) return 0;
  const orientation = Math.sign(signedArea(a)) * Math.sign(signedArea(b));
  if (orientation === 0) return 0;
  const ta = fan(a);
  const tb = fan(b);
  let sum = 0;
  for (const s of ta) for (const t of tb) sum += s.sign * t.sign * triangleIntersection(s, t);
  // Clamp away floating-point residue of the signed sum (it can dip a hair below 0 or above the smaller area).
  return Math.min(Math.max(sum * orientation, 0), polygonArea(a), polygonArea(b));
}

/**
 * IoU of two simple polygons, computed exactly (no rasterisation, no bounding-box shortcut).
 * Zero-area polygons count as 1 when they have the same points and 0 otherwise, as for boxes.
 */
export function polygonIoU(a: readonly Point[], b: readonly Point[]): number {
  const areaA = polygonArea(a);
  const areaB = polygonArea(b);
  const intersection = polygonIntersectionArea(a, b);
  const union = areaA + areaB - intersection;
  if (union <= 0) return a.length === b.length && a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]) ? 1 : 0;
  return intersection / union;
}

/** Polygon-level precision / recall / F1 at an IoU threshold (default 0.5). */
export function polygonF1(pred: readonly PolygonLike[], gold: readonly PolygonLike[], threshold = 0.5): IoUF1 {
  return iouF1(
    matchByIoU(pred, gold, (p, g) => polygonIoU(p.points, g.points), threshold),
    pred.length,
    gold.length,
  );
}

/** Per-label true positives, false positives and false negatives of a matching. */
export interface LabelTally {
  tp: number;
  fp: number;
  fn: number;
}

export function tallyByLabel(pred: readonly { label: string }[], gold: readonly { label: string }[], matches: readonly Match[]): Record<string, LabelTally> {
  // A Map, not an object literal, while counting: a label id such as "constructor" would otherwise
  // find Object.prototype's property. Object.fromEntries then defines own properties only.
  const tallies = new Map<string, LabelTally>();
  const get = (label: string): LabelTally => {
    let t = tallies.get(label);
    if (!t) tallies.set(label, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  const predMatched = new Uint8Array(pred.length);
  const goldMatched = new Uint8Array(gold.length);
  for (const m of matches) {
    predMatched[m.pred] = 1;
    goldMatched[m.gold] = 1;
    get(gold[m.gold]!.label).tp += 1;
  }
  pred.forEach((p, i) => {
    if (!predMatched[i]) get(p.label).fp += 1;
  });
  gold.forEach((g, j) => {
    if (!goldMatched[j]) get(g.label).fn += 1;
  });
  return Object.fromEntries(tallies);
}
