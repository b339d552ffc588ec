/**
 * Shape geometry: boxes from drags in any direction, clamped to the image; moves that stop at the
 * border; handle resizes that flip past the opposite edge; polygon vertex operations.
 */
import { describe, expect, it } from 'vitest';
import {
  boxFromDrag, canClose, closesPolygon, deleteVertex, edgeMidpoint, handlePoint, insertVertex, moveBox, movePolygon, moveVertex,
  pointInPolygon, polygonArea, polygonBounds, resizeBox,
} from '../../../../renderer/src/annotate/regions/geometry';
import type { Point } from '../../../../renderer/src/annotate/regions/view';

const image = { width: 200, height: 100 };

describe('boxes', () => {
  it('makes a box from a drag in any direction', () => {
    expect(boxFromDrag([10, 20], [50, 60], image)).toEqual({ x: 10, y: 20, width: 40, height: 40 });
    expect(boxFromDrag([50, 60], [10, 20], image)).toEqual({ x: 10, y: 20, width: 40, height: 40 });
  });

  it('clamps a drag that leaves the image', () => {
    expect(boxFromDrag([-30, -5], [250, 40], image)).toEqual({ x: 0, y: 0, width: 200, height: 40 });
  });

  it('rounds to 1/100 px', () => {
    expect(boxFromDrag([10.123456, 1 / 3], [20.5, 2.999], image)).toEqual({ x: 10.12, y: 0.33, width: 10.38, height: 2.67 });
  });

  it('moves a box and stops it at the border, keeping its size', () => {
    const box = { x: 10, y: 10, width: 30, height: 20 };
    expect(moveBox(box, 5, -3, image)).toEqual({ x: 15, y: 7, width: 30, height: 20 });
    expect(moveBox(box, 500, 500, image)).toEqual({ x: 170, y: 80, width: 30, height: 20 });
    expect(moveBox(box, -500, -500, image)).toEqual({ x: 0, y: 0, width: 30, height: 20 });
  });

  it('resizes by each handle, the opposite side staying put', () => {
    const box = { x: 50, y: 20, width: 40, height: 30 };
    expect(resizeBox(box, 'se', [100, 60], image)).toEqual({ x: 50, y: 20, width: 50, height: 40 });
    expect(resizeBox(box, 'nw', [40, 10], image)).toEqual({ x: 40, y: 10, width: 50, height: 40 });
    expect(resizeBox(box, 'e', [70, 99], image)).toEqual({ x: 50, y: 20, width: 20, height: 30 });
    expect(resizeBox(box, 'n', [0, 5], image)).toEqual({ x: 50, y: 5, width: 40, height: 45 });
  });

  it('flips a box dragged past its opposite edge instead of giving it a negative size', () => {
    const box = { x: 50, y: 20, width: 40, height: 30 };
    expect(resizeBox(box, 'e', [30, 0], image)).toEqual({ x: 30, y: 20, width: 20, height: 30 });
  });

  it('clamps a resize to the image and keeps a 1 px minimum inside it', () => {
    const box = { x: 50, y: 20, width: 40, height: 30 };
    expect(resizeBox(box, 'se', [999, 999], image)).toEqual({ x: 50, y: 20, width: 150, height: 80 });
    expect(resizeBox({ x: 199, y: 0, width: 1, height: 10 }, 'w', [200, 0], image)).toEqual({ x: 199, y: 0, width: 1, height: 10 });
  });

  it('places handles on corners and edge middles', () => {
    const box = { x: 0, y: 0, width: 10, height: 20 };
    expect(handlePoint(box, 'nw')).toEqual([0, 0]);
    expect(handlePoint(box, 'e')).toEqual([10, 10]);
    expect(handlePoint(box, 's')).toEqual([5, 20]);
  });
});

describe('polygons', () => {
  const triangle: Point[] = [[10, 10], [50, 10], [30, 40]];
  const square: Point[] = [[0, 0], [10, 0], [10, 10], [0, 10]];

  it('moves a whole polygon, stopping at the border without changing its shape', () => {
    expect(movePolygon(triangle, 5, 5, image)).toEqual([[15, 15], [55, 15], [35, 45]]);
    expect(movePolygon(triangle, -100, 1000, image)).toEqual([[0, 70], [40, 70], [20, 100]]);
  });

  it('moves one vertex, clamped to the image', () => {
    expect(moveVertex(triangle, 2, [30, 500], image)).toEqual([[10, 10], [50, 10], [30, 100]]);
  });

  it('inserts a vertex on an edge, including the closing edge', () => {
    expect(insertVertex(triangle, 0, [30, 5], image)).toEqual([[10, 10], [30, 5], [50, 10], [30, 40]]);
    expect(insertVertex(triangle, 2, [15, 30], image)).toEqual([[10, 10], [50, 10], [30, 40], [15, 30]]);
    expect(edgeMidpoint(triangle, 2)).toEqual([20, 25]);
  });

  it('deletes a vertex but never below three', () => {
    expect(deleteVertex(square, 1)).toEqual([[0, 0], [10, 10], [0, 10]]);
    expect(deleteVertex(triangle, 0)).toBeNull();
  });

  it('closes with three points or more, on a click near the first point', () => {
    expect(canClose(triangle.slice(0, 2))).toBe(false);
    expect(closesPolygon(triangle, [12, 11], 5)).toBe(true);
    expect(closesPolygon(triangle, [20, 20], 5)).toBe(false);
    expect(closesPolygon(triangle.slice(0, 2), [10, 10], 5)).toBe(false);
  });

  it('tells inside from outside, with bounds and area', () => {
    expect(pointInPolygon(triangle, [30, 20])).toBe(true);
    expect(pointInPolygon(triangle, [12, 35])).toBe(false);
    expect(polygonBounds(triangle)).toEqual({ x: 10, y: 10, width: 40, height: 30 });
    expect(polygonArea(square)).toBe(100);
  });
});
