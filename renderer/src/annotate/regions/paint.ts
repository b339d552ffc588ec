/**
 * The painters behind the region canvas: plain 2D-canvas functions that the Konva shapes call from
 * their scene functions, with the stage transform (image → screen) already applied, so they draw
 * in image pixels and divide line widths by the zoom to keep them one screen width thick.
 *
 * Why not one Konva node per region: 2,000 Rect nodes cost 2,000 draw calls, state changes and
 * attribute objects per frame. Here all regions of one colour are one path, stroked once, and
 * regions outside the viewport are skipped; a pan or zoom frame is a handful of canvas calls.
 */
import { edgeMidpoint, handlePoint, HANDLES } from './geometry';
import { isDimmed, isPolygon, regionBounds, type Proposal, type Region } from './model';
import { visibleRect, type Point, type Rect, type Size, type View } from './view';

/** A decoded image and smaller copies of it (largest first), so a zoomed-out frame never samples 24 megapixels. */
export interface ImageSource {
  width: number;
  height: number;
  levels: ReadonlyArray<{ source: CanvasImageSource; width: number }>;
}

export type Tool = 'select' | 'box' | 'polygon';

/** Everything the painters and the pointer handling read; replaced (never mutated) when React state changes. */
export interface Scene {
  image: ImageSource | null;
  regions: readonly Region[];
  pending: readonly Proposal[];
  /** The regions of `pending`, kept once for hit testing. */
  pendingRegions: readonly Region[];
  selected: { region: Region; proposal: boolean } | null;
  vertex: number | null;
  hidden: boolean;
  colors: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  minScore: number;
  tool: Tool;
  /** The polygon being drawn (image pixels), or null. */
  drawing: readonly Point[] | null;
  /** Colour of the label the next drawn region gets. */
  drawColor: string;
}

/** What a gesture in progress shows before it is committed; lives in a ref, never in React state. */
export interface Transient {
  /** The selected region as the current drag has it (moved, resized, vertex moved). */
  edited: Region | null;
  draftBox: Rect | null;
  cursor: Point | null;
}

const FALLBACK_COLOR = '#868e96';
/** Above this many regions on screen, names are left off: they would be unreadable and cost a text draw each. */
const MAX_NAMED = 150;
/** Names are drawn only on regions at least this wide on screen. */
const MIN_NAMED_WIDTH = 40;
const FILL_ALPHA = 0.12;
const DIMMED_ALPHA = 0.4;

export const colorOf = (scene: Scene, label: string): string => scene.colors.get(label) ?? FALLBACK_COLOR;

/** Draw the image level closest above the needed resolution, only the part on screen. */
export function paintImage(ctx: CanvasRenderingContext2D, scene: Scene, view: View, viewport: Size, pixelRatio: number): void {
  const image = scene.image;
  if (!image || image.levels.length === 0) return;
  const needed = image.width * view.scale * pixelRatio;
  let level = image.levels[0]!;
  for (const candidate of image.levels) if (candidate.width >= needed) level = candidate;
  const seen = visibleRect(view, viewport);
  const x = Math.max(0, Math.floor(seen.x));
  const y = Math.max(0, Math.floor(seen.y));
  const right = Math.min(image.width, Math.ceil(seen.x + seen.width));
  const bottom = Math.min(image.height, Math.ceil(seen.y + seen.height));
  if (right <= x || bottom <= y) return;
  const f = level.width / image.width;
  // Zoomed far in, annotators place edges on pixels: show them as squares, not a blur.
  ctx.imageSmoothingEnabled = view.scale * pixelRatio < 3;
  ctx.drawImage(level.source, x * f, y * f, (right - x) * f, (bottom - y) * f, x, y, right - x, bottom - y);
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function tracePath(ctx: CanvasRenderingContext2D, region: Region): void {
  if (isPolygon(region)) {
    region.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.closePath();
  } else {
    ctx.rect(region.x, region.y, region.width, region.height);
  }
}

interface Batch {
  color: string;
  alpha: number;
  dashed: boolean;
  regions: Region[];
}

/** Visible regions grouped by how they are drawn: one path per (colour, dimmed, proposal). */
function batches(scene: Scene, seen: Rect): { list: Batch[]; visible: Region[] } {
  const byKey = new Map<string, Batch>();
  const visible: Region[] = [];
  const selectedId = scene.selected?.region.id;
  const add = (region: Region, dashed: boolean, dimmed: boolean) => {
    if (region.id === selectedId || !overlaps(regionBounds(region), seen)) return;
    const color = colorOf(scene, region.label);
    const key = `${color}|${dashed}|${dimmed}`;
    let batch = byKey.get(key);
    if (!batch) byKey.set(key, (batch = { color, alpha: dimmed ? DIMMED_ALPHA : 1, dashed, regions: [] }));
    batch.regions.push(region);
    visible.push(region);
  };
  for (const region of scene.regions) add(region, false, false);
  for (const proposal of scene.pending) add(proposal.region, true, isDimmed(proposal, scene.minScore));
  return { list: [...byKey.values()], visible };
}

/** All regions but the selected one (the overlay draws that), proposals dashed and low scores dimmed. */
export function paintRegions(ctx: CanvasRenderingContext2D, scene: Scene, view: View, viewport: Size): number {
  if (scene.hidden) return 0;
  const { list, visible } = batches(scene, visibleRect(view, viewport));
  const unit = 1 / view.scale;
  ctx.lineWidth = 2 * unit;
  ctx.lineJoin = 'miter';
  for (const batch of list) {
    ctx.beginPath();
    for (const region of batch.regions) tracePath(ctx, region);
    ctx.fillStyle = batch.color;
    ctx.strokeStyle = batch.color;
    ctx.globalAlpha = FILL_ALPHA * batch.alpha;
    // Non-zero winding: where regions overlap, the fill is their union (even-odd would punch holes).
    ctx.fill('nonzero');
    ctx.globalAlpha = batch.alpha;
    ctx.setLineDash(batch.dashed ? [6 * unit, 4 * unit] : []);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  if (visible.length <= MAX_NAMED) {
    ctx.font = tagFont(false, unit);
    ctx.textBaseline = 'middle';
    for (const region of visible) {
      const bounds = regionBounds(region);
      if (bounds.width * view.scale >= MIN_NAMED_WIDTH) nameTag(ctx, scene, region, bounds, unit, false);
    }
  }
  return visible.length;
}

const tagFont = (strong: boolean, unit: number) => `${(strong ? 12 : 11) * unit}px system-ui, sans-serif`;

/** Text widths at unit scale, per name and weight: measureText is the costly part of a tag, and names repeat. */
const tagWidths = new Map<string, number>();

function tagWidth(ctx: CanvasRenderingContext2D, name: string, strong: boolean, unit: number): number {
  const key = `${strong ? 'b' : 'n'}${name}`;
  let width = tagWidths.get(key);
  if (width === undefined) {
    // Measured at the 1:1 size: a font scaled down to a fraction of a pixel measures unreliably.
    const font = ctx.font;
    ctx.font = tagFont(strong, 1);
    width = ctx.measureText(name).width;
    ctx.font = font;
    tagWidths.set(key, width);
  }
  return width * unit;
}

/**
 * The label's name on a small coloured tab above the region's top-left corner (inside it at the
 * image top). The caller sets the font and baseline once for a run of tags.
 */
function nameTag(ctx: CanvasRenderingContext2D, scene: Scene, region: Region, bounds: Rect, unit: number, strong: boolean): void {
  const name = scene.names.get(region.label) ?? region.label;
  const width = tagWidth(ctx, name, strong, unit) + 6 * unit;
  const height = 15 * unit;
  const y = bounds.y - height >= 0 ? bounds.y - height : bounds.y;
  // The selected region's tab starts past its corner handle, so the two do not overlap.
  const x = strong ? bounds.x + 6 * unit : bounds.x;
  ctx.fillStyle = colorOf(scene, region.label);
  ctx.globalAlpha = strong ? 1 : 0.85;
  ctx.fillRect(x, y - (strong ? 3 * unit : 0), width, height);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#fff';
  ctx.fillText(name, x + 3 * unit, y - (strong ? 3 * unit : 0) + height / 2);
}

function square(ctx: CanvasRenderingContext2D, [x, y]: Point, half: number): void {
  ctx.rect(x - half, y - half, half * 2, half * 2);
}

function dot(ctx: CanvasRenderingContext2D, [x, y]: Point, radius: number): void {
  ctx.moveTo(x + radius, y);
  ctx.arc(x, y, radius, 0, Math.PI * 2);
}

function paintSelected(ctx: CanvasRenderingContext2D, scene: Scene, region: Region, proposal: boolean, unit: number): void {
  const color = colorOf(scene, region.label);
  ctx.beginPath();
  tracePath(ctx, region);
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.22;
  ctx.fill('evenodd');
  ctx.globalAlpha = 1;
  ctx.strokeStyle = color;
  ctx.lineWidth = 3 * unit;
  ctx.setLineDash(proposal ? [6 * unit, 4 * unit] : []);
  ctx.stroke();
  ctx.setLineDash([]);
  // Handles: white with the label colour around them, readable on any image.
  ctx.beginPath();
  if (isPolygon(region)) {
    region.points.forEach((p) => dot(ctx, p, 4.5 * unit));
  } else {
    for (const handle of HANDLES) square(ctx, handlePoint(region, handle), 4.5 * unit);
  }
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.lineWidth = 1.5 * unit;
  ctx.stroke();
  if (isPolygon(region)) {
    ctx.beginPath();
    region.points.forEach((_, edge) => dot(ctx, edgeMidpoint(region.points, edge), 3 * unit));
    ctx.globalAlpha = 0.6;
    ctx.stroke();
    ctx.globalAlpha = 1;
    const vertex = scene.vertex !== null ? region.points[scene.vertex] : undefined;
    if (vertex) {
      ctx.beginPath();
      dot(ctx, vertex, 6 * unit);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
  }
  ctx.font = tagFont(true, unit);
  ctx.textBaseline = 'middle';
  nameTag(ctx, scene, region, regionBounds(region), unit, true);
}

function paintDrawing(ctx: CanvasRenderingContext2D, scene: Scene, points: readonly Point[], cursor: Point | null, unit: number): void {
  ctx.strokeStyle = scene.drawColor;
  ctx.lineWidth = 2 * unit;
  ctx.beginPath();
  points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  if (cursor) ctx.lineTo(cursor[0], cursor[1]);
  ctx.stroke();
  ctx.beginPath();
  points.forEach((p, i) => dot(ctx, p, (i === 0 && points.length >= 3 ? 7 : 4) * unit));
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.stroke();
}

/** The selected region with its handles, the box being drawn, the polygon being drawn. */
export function paintOverlay(ctx: CanvasRenderingContext2D, scene: Scene, transient: Transient, view: View): void {
  const unit = 1 / view.scale;
  ctx.lineJoin = 'miter';
  if (scene.selected && !scene.hidden) {
    paintSelected(ctx, scene, transient.edited ?? scene.selected.region, scene.selected.proposal, unit);
  }
  if (transient.draftBox) {
    const { x, y, width, height } = transient.draftBox;
    ctx.strokeStyle = scene.drawColor;
    ctx.lineWidth = 2 * unit;
    ctx.setLineDash([5 * unit, 3 * unit]);
    ctx.strokeRect(x, y, width, height);
    ctx.setLineDash([]);
  }
  if (scene.drawing) paintDrawing(ctx, scene, scene.drawing, transient.cursor, unit);
}
