/**
 * Shape geometry in image pixels: creating, moving and resizing boxes, and the vertex operations of
 * polygons. Every function clamps to the image, so no box or vertex can leave it whatever the
 * pointer or the keys do, and rounds to 1/100 px so stored JSON never carries float noise
 * (123.45600000000002). Pure: no React, no Konva.
 */
import type { Point, Rect, Size } from './view';

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Smallest box side, in image pixels: a box of zero width would be invisible and unselectable. */
export const MIN_BOX_SIDE = 1;

export const round2 = (v: number): number => Math.round(v * 100) / 100;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function clampPoint([x, y]: Point, image: Size): Point {
  return [round2(clamp(x, 0, image.width)), round2(clamp(y, 0, image.height))];
}

function rounded(rect: Rect): Rect {
  return { x: round2(rect.x), y: round2(rect.y), width: round2(rect.width), height: round2(rect.height) };
}

/** The box spanned by a drag from `a` to `b`, either direction, clamped to the image. */
export function boxFromDrag(a: Point, b: Point, image: Size): Rect {
  const [ax, ay] = clampPoint(a, image);
  const [bx, by] = clampPoint(b, image);
  return rounded({ x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) });
}

/** Move a box by (dx, dy); it stops at the image border (keeping its size) instead of leaving it. */
export function moveBox(box: Rect, dx: number, dy: number, image: Size): Rect {
  const width = Math.min(box.width, image.width);
  const height = Math.min(box.height, image.height);
  return rounded({
    x: clamp(box.x + dx, 0, image.width - width),
    y: clamp(box.y + dy, 0, image.height - height),
    width,
    height,
  });
}

/**
 * Drag one handle to `to`: the opposite edges stay put; dragging past them flips the box (as every
 * drawing tool does) rather than giving it a negative size. Edge handles move one side only.
 */
export function resizeBox(box: Rect, handle: Handle, to: Point, image: Size): Rect {
  const [px, py] = clampPoint(to, image);
  let left = box.x;
  let top = box.y;
  let right = box.x + box.width;
  let bottom = box.y + box.height;
  if (handle.includes('w')) left = px;
  if (handle.includes('e')) right = px;
  if (handle.includes('n')) top = py;
  if (handle.includes('s')) bottom = py;
  const width = Math.min(image.width, Math.max(MIN_BOX_SIDE, Math.abs(right - left)));
  const height = Math.min(image.height, Math.max(MIN_BOX_SIDE, Math.abs(bottom - top)));
  // The minimum side may push a box that was squeezed against the border past it: pull it back in.
  return rounded({
    x: clamp(Math.min(left, right), 0, image.width - width),
    y: clamp(Math.min(top, bottom), 0, image.height - height),
    width,
    height,
  });
}

/** Where each handle of a box sits (image pixels). */
export function handlePoint(box: Rect, handle: Handle): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const x = handle.includes('w') ? box.x : handle.includes('e') ? box.x + box.width : cx;
  const y = handle.includes('n') ? box.y : handle.includes('s') ? box.y + box.height : cy;
  return [x, y];
}

export function boxContains(box: Rect, [x, y]: Point, tolerance = 0): boolean {
  return x >= box.x - tolerance && x <= box.x + box.width + tolerance && y >= box.y - tolerance && y <= box.y + box.height + tolerance;
}

// Polygons

export function polygonBounds(points: readonly Point[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Move all points by (dx, dy), limited so the whole polygon stays on the image (its shape never changes). */
export function movePolygon(points: readonly Point[], dx: number, dy: number, image: Size): Point[] {
  const bounds = polygonBounds(points);
  const mx = clamp(dx, -bounds.x, image.width - (bounds.x + bounds.width));
  const my = clamp(dy, -bounds.y, image.height - (bounds.y + bounds.height));
  return points.map(([x, y]) => clampPoint([x + mx, y + my], image));
}

export function moveVertex(points: readonly Point[], index: number, to: Point, image: Size): Point[] {
  return points.map((p, i) => (i === index ? clampPoint(to, image) : p));
}

/** Insert a vertex on the edge from `edge` to `edge + 1` (the last edge closes back to point 0). */
export function insertVertex(points: readonly Point[], edge: number, at: Point, image: Size): Point[] {
  return [...points.slice(0, edge + 1), clampPoint(at, image), ...points.slice(edge + 1)];
}

/** A polygon keeps at least three points: deleting one of a triangle's returns null. */
export function deleteVertex(points: readonly Point[], index: number): Point[] | null {
  if (points.length <= 3 || index < 0 || index >= points.length) return null;
  return points.filter((_, i) => i !== index);
}

export function edgeMidpoint(points: readonly Point[], edge: number): Point {
  const [ax, ay] = points[edge]!;
  const [bx, by] = points[(edge + 1) % points.length]!;
  return [(ax + bx) / 2, (ay + by) / 2];
}

/** Even-odd ray casting: true inside the polygon (self-intersecting ones included, as canvas fills them). */
export function pointInPolygon(points: readonly Point[], [x, y]: Point): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distance([ax, ay]: Point, [bx, by]: Point): number {
  return Math.hypot(ax - bx, ay - by);
}

/** A polygon being drawn may close once it has three points. */
export const canClose = (points: readonly Point[]): boolean => points.length >= 3;

/**
 * Whether a click at `p` closes the polygon being drawn: it has three points or more and the click
 * lands within `tolerance` (image pixels; the caller converts from screen pixels) of the first one.
 */
export function closesPolygon(points: readonly Point[], p: Point, tolerance: number): boolean {
  return canClose(points) && distance(points[0]!, p) <= tolerance;
}

export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    twice += points[j]![0] * points[i]![1] - points[i]![0] * points[j]![1];
  }
  return Math.abs(twice) / 2;
}
