/**
 * What is under the pointer, computed from the model rather than from Konva's hit canvas: the
 * canvas layers do not listen at all (no hit graph to redraw for 2,000 shapes), and the same
 * function is unit-tested. Handles and vertices of the selected region come first, then the
 * selected region itself (so it can be dragged where it overlaps others), then the smallest
 * region under the point (so a box nested in a larger one can be picked), then proposals.
 */
import { distance, edgeMidpoint, handlePoint, HANDLES, type Handle } from './geometry';
import { isPolygon, regionArea, regionContains, type Region } from './model';
import type { Point } from './view';

export type Hit =
  | { kind: 'handle'; handle: Handle }
  | { kind: 'vertex'; index: number }
  | { kind: 'midpoint'; edge: number }
  | { kind: 'region'; id: string; proposal: boolean };

/** Handles of the selected region: box handles, polygon vertices and edge midpoints (which insert a vertex). */
export function hitHandle(selected: Region, p: Point, tolerance: number): Hit | null {
  if (isPolygon(selected)) {
    const vertex = selected.points.findIndex((v) => distance(v, p) <= tolerance);
    if (vertex >= 0) return { kind: 'vertex', index: vertex };
    for (let edge = 0; edge < selected.points.length; edge += 1) {
      if (distance(edgeMidpoint(selected.points, edge), p) <= tolerance) return { kind: 'midpoint', edge };
    }
    return null;
  }
  const handle = HANDLES.find((h) => distance(handlePoint(selected, h), p) <= tolerance);
  return handle ? { kind: 'handle', handle } : null;
}

function smallestContaining(regions: readonly Region[], p: Point, tolerance: number): Region | null {
  let best: Region | null = null;
  let bestArea = Infinity;
  for (const region of regions) {
    if (!regionContains(region, p, tolerance)) continue;
    const area = regionArea(region);
    if (area < bestArea) {
      best = region;
      bestArea = area;
    }
  }
  return best;
}

/**
 * `tolerance` is in image pixels (the caller divides its screen tolerance by the zoom), so handles
 * are equally easy to grab at any zoom.
 */
export function hitTest(
  p: Point,
  tolerance: number,
  selected: { region: Region; proposal: boolean } | null,
  regions: readonly Region[],
  /** The regions of the pending proposals. */
  pending: readonly Region[],
): Hit | null {
  if (selected) {
    const handle = hitHandle(selected.region, p, tolerance);
    if (handle) return handle;
    if (regionContains(selected.region, p, tolerance)) return { kind: 'region', id: selected.region.id, proposal: selected.proposal };
  }
  const region = smallestContaining(regions, p, tolerance);
  if (region) return { kind: 'region', id: region.id, proposal: false };
  const proposal = smallestContaining(pending, p, tolerance);
  return proposal ? { kind: 'region', id: proposal.id, proposal: true } : null;
}
