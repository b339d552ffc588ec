/**
 * The region editor's model: a control's boxes or polygons as one list of regions, and every edit
 * on it as a pure function returning the next list (so each is one undo step when the editor hands
 * it to the view's history). Owns the provenance rules: a proposal accepted as is stays
 * `prediction`, any later change of geometry or label makes it `prediction-changed`, and anything
 * drawn or duplicated by hand is `manual`. Ids are deterministic (`box-1`, `poly-3`: the smallest
 * free number), so tests and repeated runs give the same results.
 */
import type { ControlResult, Prediction } from '../../../../shared/pack/task';
import { boxContains, clampPoint, deleteVertex, movePolygon, moveBox, pointInPolygon, polygonBounds } from './geometry';
import type { Point, Rect, Size } from './view';

export type BoxesResult = Extract<ControlResult, { kind: 'boxes' }>;
export type PolygonsResult = Extract<ControlResult, { kind: 'polygons' }>;
export type RegionsResult = BoxesResult | PolygonsResult;
export type RegionKind = RegionsResult['kind'];
export type BoxRegion = BoxesResult['boxes'][number];
export type PolygonRegion = PolygonsResult['polygons'][number];
export type Region = BoxRegion | PolygonRegion;
export type Origin = NonNullable<Region['origin']>;

export const isPolygon = (region: Region): region is PolygonRegion => 'points' in region;
export const isBox = (region: Region): region is BoxRegion => !('points' in region);

/** A duplicate lands this far (image pixels) down and right of its original, so both stay visible. */
export const DUPLICATE_OFFSET = 10;

export function regionsOf(value: RegionsResult | undefined): Region[] {
  if (!value) return [];
  return value.kind === 'boxes' ? value.boxes : value.polygons;
}

/** The control's result; `rejected` lists the proposals the annotator turned down (saved, so they stay decided). */
export function resultOf(kind: RegionKind, controlId: string, regions: readonly Region[], rejected: readonly string[] = []): RegionsResult {
  const decided = rejected.length > 0 ? { rejected: [...new Set(rejected)] } : {};
  return kind === 'boxes'
    ? { kind, controlId, boxes: regions.filter(isBox), ...decided }
    : { kind, controlId, polygons: regions.filter(isPolygon), ...decided };
}

export function regionBounds(region: Region): Rect {
  return isPolygon(region) ? polygonBounds(region.points) : { x: region.x, y: region.y, width: region.width, height: region.height };
}

export function sameGeometry(a: Region, b: Region): boolean {
  if (isPolygon(a) || isPolygon(b)) {
    if (!isPolygon(a) || !isPolygon(b) || a.points.length !== b.points.length) return false;
    return a.points.every(([x, y], i) => x === b.points[i]![0] && y === b.points[i]![1]);
  }
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * `after` as an edit of `before`, with its provenance updated: an accepted prediction whose shape or
 * label changes becomes `prediction-changed`; anything else keeps the origin it had.
 */
export function edited<R extends Region>(before: Region, after: R): R {
  const changed = before.label !== after.label || !sameGeometry(before, after);
  if (before.origin === 'prediction' && changed) return { ...after, origin: 'prediction-changed' };
  return { ...after, origin: before.origin };
}

/** Replace the region with the same id (provenance updated); unchanged list if nothing differs. */
export function replaceRegion(regions: readonly Region[], next: Region): Region[] {
  return regions.map((region) => (region.id === next.id ? edited(region, next) : region));
}

export function removeRegion(regions: readonly Region[], id: string): Region[] {
  return regions.filter((region) => region.id !== id);
}

/** `box-N` / `poly-N` with the smallest N not in `taken` (the result's ids and the proposals'). */
export function newId(kind: RegionKind, taken: ReadonlySet<string>): string {
  const prefix = kind === 'boxes' ? 'box' : 'poly';
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function newBox(rect: Rect, label: string, taken: ReadonlySet<string>): BoxRegion {
  return { id: newId('boxes', taken), x: rect.x, y: rect.y, width: rect.width, height: rect.height, label, origin: 'manual' };
}

export function newPolygon(points: readonly Point[], label: string, taken: ReadonlySet<string>): PolygonRegion {
  return { id: newId('polygons', taken), points: points.map(([x, y]) => [x, y] as Point), label, origin: 'manual' };
}

/** Move a whole region by (dx, dy) image pixels; it stops at the image border. */
export function moveRegion<R extends Region>(region: R, dx: number, dy: number, image: Size): R {
  if (isPolygon(region)) return { ...region, points: movePolygon(region.points, dx, dy, image) };
  const box = region as BoxRegion;
  return { ...box, ...moveBox(box, dx, dy, image) } as R;
}

/**
 * Arrow-key nudge: the selected vertex of a polygon when there is one (fine-tuning a corner),
 * otherwise the whole region.
 */
export function nudgeRegion<R extends Region>(region: R, dx: number, dy: number, image: Size, vertex: number | null = null): R {
  if (isPolygon(region) && vertex !== null && region.points[vertex]) {
    const [x, y] = region.points[vertex];
    return { ...region, points: region.points.map((p, i) => (i === vertex ? clampPoint([x + dx, y + dy], image) : p)) };
  }
  return moveRegion(region, dx, dy, image);
}

/** A copy (new id, `manual`) offset down-right, or up-left when the image border leaves no room. */
export function duplicateRegion(region: Region, image: Size, taken: ReadonlySet<string>, kind: RegionKind): Region {
  let copy: Region = moveRegion(region, DUPLICATE_OFFSET, DUPLICATE_OFFSET, image);
  if (sameGeometry(copy, region)) copy = moveRegion(region, -DUPLICATE_OFFSET, -DUPLICATE_OFFSET, image);
  return { ...copy, id: newId(kind, taken), origin: 'manual' };
}

/** Delete one vertex of a polygon; null when it would leave fewer than three. */
export function deleteRegionVertex(region: PolygonRegion, vertex: number): PolygonRegion | null {
  const points = deleteVertex(region.points, vertex);
  return points ? { ...region, points } : null;
}

/** The next (step 1) or previous (step -1) id in `order`, wrapping; the first or last when none is selected. */
export function cycle(order: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return step === 1 ? order[0]! : order[order.length - 1]!;
  return order[(at + step + order.length) % order.length]!;
}

// Proposals (pre-annotations)

export interface Proposal {
  /** The region as proposed; its id is unique among all proposals of the task (see proposalsOf). */
  region: Region;
  model: string;
  modelVersion: string;
  score: number | undefined;
}

/**
 * Flatten the task's predictions into proposals. Two predictions may reuse a region id; the later
 * one gets `-p<prediction index>` appended, so accepting one never hides the other.
 */
export function proposalsOf(proposals: ReadonlyArray<{ prediction: Prediction; result: RegionsResult }>): Proposal[] {
  const seen = new Set<string>();
  const out: Proposal[] = [];
  proposals.forEach(({ prediction, result }, index) => {
    for (const region of regionsOf(result)) {
      const id = seen.has(region.id) ? `${region.id}-p${index}` : region.id;
      seen.add(id);
      out.push({ region: { ...region, id }, model: prediction.model, modelVersion: prediction.modelVersion, score: prediction.score });
    }
  });
  return out;
}

/** Proposals still waiting for a decision: neither in the result (accepted) nor rejected. */
export function pendingProposals(all: readonly Proposal[], regions: readonly Region[], rejected: ReadonlySet<string>): Proposal[] {
  const ids = new Set(regions.map((r) => r.id));
  return all.filter((p) => !ids.has(p.region.id) && !rejected.has(p.region.id));
}

export function acceptProposal(regions: readonly Region[], proposal: Proposal): Region[] {
  return [...regions, { ...proposal.region, origin: 'prediction' }];
}

export function acceptAll(regions: readonly Region[], pending: readonly Proposal[]): Region[] {
  return pending.reduce<Region[]>((list, proposal) => acceptProposal(list, proposal), [...regions]);
}

/** A proposal edited before it was accepted (moved, resized, relabelled): taken in as `prediction-changed`. */
export function adoptProposal(regions: readonly Region[], proposal: Proposal, changed: Region): Region[] {
  return [...regions, edited({ ...proposal.region, origin: 'prediction' }, changed)];
}

/** Dimmed in the list and on the canvas: the model itself was not confident (config.minPredictionScore). */
export const isDimmed = (proposal: Proposal, minScore: number): boolean => proposal.score !== undefined && proposal.score < minScore;

export function regionContains(region: Region, p: Point, tolerance: number): boolean {
  if (isPolygon(region)) return boxContains(polygonBounds(region.points), p, tolerance) && pointInPolygon(region.points, p);
  return boxContains(region, p, tolerance);
}

export function regionArea(region: Region): number {
  const b = regionBounds(region);
  return b.width * b.height;
}

/** How a region's size reads in the list: `120 × 80` for a box, `6 points` for a polygon. */
export function describeSize(region: Region): string {
  if (isPolygon(region)) return `${region.points.length} points`;
  return `${Math.round(region.width)} × ${Math.round(region.height)}`;
}
