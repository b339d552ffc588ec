/**
 * The camera maths: image↔screen round trips, fit, zoom to the cursor (the point under it stays
 * put), zoom limits, 1:1 around the centre, pan limits, and revealing a region.
 */
import { describe, expect, it } from 'vitest';
import {
  actualSize, clampPan, fitView, MAX_SCALE, minScale, panBy, reveal, toImage, toScreen, visibleRect, wheelFactor, zoomAt, zoomCentre,
  type Point,
} from '../../../../renderer/src/annotate/regions/view';

const image = { width: 6000, height: 4000 };
const viewport = { width: 1232, height: 832 };

describe('view', () => {
  it('maps image to screen and back', () => {
    const view = { scale: 0.25, x: 40, y: -12 };
    expect(toScreen(view, [100, 200])).toEqual([65, 38]);
    expect(toImage(view, toScreen(view, [123.5, 77]))).toEqual([123.5, 77]);
  });

  it('fits the whole image, centred, inside a padding', () => {
    const view = fitView(image, viewport);
    expect(view.scale).toBeCloseTo(0.2, 10); // (1232 - 32) / 6000
    const [left, top] = toScreen(view, [0, 0]);
    const [right, bottom] = toScreen(view, [6000, 4000]);
    expect(left).toBeCloseTo(16);
    expect(right).toBeCloseTo(1216);
    expect(top).toBeCloseTo(viewport.height - bottom);
  });

  it('enlarges a small image to fit', () => {
    expect(fitView({ width: 480, height: 320 }, { width: 1000, height: 1000 }).scale).toBeCloseTo(968 / 480);
  });

  it('zooms to the cursor: the image point under it does not move', () => {
    const view = fitView(image, viewport);
    const cursor: Point = [300, 500];
    const before = toImage(view, cursor);
    const zoomed = zoomAt(view, cursor, 2.5, image, viewport);
    expect(zoomed.scale).toBeCloseTo(view.scale * 2.5);
    const after = toImage(zoomed, cursor);
    expect(after[0]).toBeCloseTo(before[0], 6);
    expect(after[1]).toBeCloseTo(before[1], 6);
  });

  it('zooms in and out by keys around the centre, and back to where it was', () => {
    const view = fitView(image, viewport);
    const centre: Point = [viewport.width / 2, viewport.height / 2];
    const there = zoomCentre(zoomCentre(view, 1.25, image, viewport), 1 / 1.25, image, viewport);
    expect(there.scale).toBeCloseTo(view.scale);
    expect(toImage(there, centre)[0]).toBeCloseTo(toImage(view, centre)[0]);
  });

  it('stops zooming at 32x and at half the fit scale', () => {
    const view = fitView(image, viewport);
    expect(zoomAt(view, [0, 0], 1e6, image, viewport).scale).toBe(MAX_SCALE);
    expect(zoomAt(view, [0, 0], 1e-6, image, viewport).scale).toBeCloseTo(view.scale / 2);
    expect(minScale({ width: 100, height: 100 }, viewport)).toBe(1);
  });

  it('shows 1:1 around the centre of the viewport', () => {
    const view = fitView(image, viewport);
    const centre: Point = [viewport.width / 2, viewport.height / 2];
    const actual = actualSize(view, image, viewport);
    expect(actual.scale).toBe(1);
    expect(toImage(actual, centre)[0]).toBeCloseTo(toImage(view, centre)[0]);
    expect(toImage(actual, centre)[1]).toBeCloseTo(toImage(view, centre)[1]);
  });

  it('turns wheel deltas into a zoom factor: down zooms out, up zooms in, bounded', () => {
    expect(wheelFactor(100, 0)).toBeLessThan(1);
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(-100, 0) * wheelFactor(100, 0)).toBeCloseTo(1);
    expect(wheelFactor(1e9, 0)).toBe(wheelFactor(300, 0));
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48, 0)); // lines
  });

  it('pans, but never so far that the image leaves the viewport', () => {
    const view = fitView(image, viewport);
    expect(panBy(view, 10, -5, image, viewport)).toMatchObject({ x: view.x + 10, y: view.y - 5 });
    const far = panBy(view, 1e6, 1e6, image, viewport);
    expect(far.x).toBe(viewport.width - 48);
    expect(far.y).toBe(viewport.height - 48);
    const back = clampPan({ scale: 1, x: -1e6, y: -1e6 }, image, viewport);
    expect(back.x + image.width).toBe(48);
    expect(back.y + image.height).toBe(48);
  });

  it('knows which part of the image is on screen', () => {
    expect(visibleRect({ scale: 2, x: -100, y: -50 }, { width: 400, height: 300 })).toEqual({ x: 50, y: 25, width: 200, height: 150 });
  });

  it('reveals an off-screen region by panning to it, and leaves a visible one alone', () => {
    const view = { scale: 1, x: 0, y: 0 };
    const onScreen = { x: 10, y: 10, width: 50, height: 50 };
    expect(reveal(view, onScreen, image, viewport)).toBe(view);
    const offScreen = { x: 3000, y: 2000, width: 100, height: 100 };
    const moved = reveal(view, offScreen, image, viewport);
    expect(moved.scale).toBe(1);
    expect(toScreen(moved, [3050, 2050])).toEqual([viewport.width / 2, viewport.height / 2]);
  });
});
