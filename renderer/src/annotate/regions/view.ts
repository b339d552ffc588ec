/**
 * The camera of the region editor: how image pixels map to screen pixels (`screen = image × scale
 * + offset`), and the zoom and pan moves on it. Pure functions on plain values, so the maths of
 * "zoom to the cursor" and "fit" is tested without a canvas. Geometry is never rewritten by a zoom
 * or a pan: the view is applied to the Konva stage as a transform, and regions stay in image space.
 */

export type Point = [number, number];

export interface Size {
  width: number;
  height: number;
}

/** Image → screen: `sx = ix × scale + x`, `sy = iy × scale + y` (screen = CSS pixels of the canvas). */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** An axis-aligned rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Past 32× one image pixel is a 32-pixel square: enough to place a vertex on a pixel corner. */
export const MAX_SCALE = 32;
/** One key press of =/- zooms by this factor (about four presses per doubling and a bit). */
export const KEY_ZOOM_STEP = 1.25;
/** Space kept around the image by "fit", so the box edges on the image border stay grabbable. */
const FIT_PADDING = 16;
/** Pan stops when this much of the image (screen pixels) is still on screen: it can never be lost. */
const PAN_KEEP = 48;

export function toScreen(view: View, [ix, iy]: Point): Point {
  return [ix * view.scale + view.x, iy * view.scale + view.y];
}

export function toImage(view: View, [sx, sy]: Point): Point {
  return [(sx - view.x) / view.scale, (sy - view.y) / view.scale];
}

/** The whole image, centred, as large as fits the viewport (small images are enlarged too). */
export function fitView(image: Size, viewport: Size): View {
  const availableWidth = Math.max(1, viewport.width - 2 * FIT_PADDING);
  const availableHeight = Math.max(1, viewport.height - 2 * FIT_PADDING);
  const scale = Math.min(availableWidth / image.width, availableHeight / image.height, MAX_SCALE);
  return { scale, x: (viewport.width - image.width * scale) / 2, y: (viewport.height - image.height * scale) / 2 };
}

/** Zooming out stops at half the fit scale (or 1:1 for an image smaller than the viewport). */
export function minScale(image: Size, viewport: Size): number {
  return Math.min(fitView(image, viewport).scale / 2, 1);
}

/**
 * Set the scale (within limits), keeping the image point under `anchor` (screen) where it is: that
 * is what makes a wheel zoom feel like it goes "into" what the cursor points at.
 */
export function zoomTo(view: View, anchor: Point, target: number, image: Size, viewport: Size): View {
  const scale = Math.min(MAX_SCALE, Math.max(minScale(image, viewport), target));
  const ratio = scale / view.scale;
  const [ax, ay] = anchor;
  return clampPan({ scale, x: ax - (ax - view.x) * ratio, y: ay - (ay - view.y) * ratio }, image, viewport);
}

/** Multiply the scale by `factor` around `anchor`. */
export function zoomAt(view: View, anchor: Point, factor: number, image: Size, viewport: Size): View {
  return zoomTo(view, anchor, view.scale * factor, image, viewport);
}

/** Zoom at the viewport's centre (the keyboard's =, + and -). */
export function zoomCentre(view: View, factor: number, image: Size, viewport: Size): View {
  return zoomAt(view, [viewport.width / 2, viewport.height / 2], factor, image, viewport);
}

/** One image pixel per screen pixel, around what is at the centre of the viewport now. */
export function actualSize(view: View, image: Size, viewport: Size): View {
  return zoomTo(view, [viewport.width / 2, viewport.height / 2], 1, image, viewport);
}

/** A wheel notch (deltaY ≈ 100) zooms by about 16%; trackpads send small deltas and zoom smoothly. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, pixels)) * 0.0015);
}

export function panBy(view: View, dx: number, dy: number, image: Size, viewport: Size): View {
  return clampPan({ ...view, x: view.x + dx, y: view.y + dy }, image, viewport);
}

/** Keep at least PAN_KEEP screen pixels of the image (or all of it, when smaller) inside the viewport. */
export function clampPan(view: View, image: Size, viewport: Size): View {
  const clampAxis = (offset: number, extent: number, room: number) => {
    const keep = Math.min(PAN_KEEP, extent, room);
    return Math.min(room - keep, Math.max(keep - extent, offset));
  };
  return {
    scale: view.scale,
    x: clampAxis(view.x, image.width * view.scale, viewport.width),
    y: clampAxis(view.y, image.height * view.scale, viewport.height),
  };
}

/** The part of image space the viewport shows (may extend past the image): used to skip off-screen regions. */
export function visibleRect(view: View, viewport: Size): Rect {
  const [x, y] = toImage(view, [0, 0]);
  return { x, y, width: viewport.width / view.scale, height: viewport.height / view.scale };
}

/** Pan (never zoom) so `rect` is on screen, centring it if any part is outside the viewport. */
export function reveal(view: View, rect: Rect, image: Size, viewport: Size): View {
  const [left, top] = toScreen(view, [rect.x, rect.y]);
  const [right, bottom] = toScreen(view, [rect.x + rect.width, rect.y + rect.height]);
  if (left >= 0 && top >= 0 && right <= viewport.width && bottom <= viewport.height) return view;
  const dx = viewport.width / 2 - (left + right) / 2;
  const dy = viewport.height / 2 - (top + bottom) / 2;
  return panBy(view, dx, dy, image, viewport);
}

export function sameView(a: View, b: View): boolean {
  return a.scale === b.scale && a.x === b.x && a.y === b.y;
}
