/**
 * The region model: results in and out, deterministic ids, provenance (prediction, changed,
 * manual), duplicate, nudge, delete, selection order, and proposals accepted, adopted and pending.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptAll, acceptProposal, adoptProposal, cycle, deleteRegionVertex, describeSize, duplicateRegion, edited, isDimmed, newBox, newId,
  newPolygon, nudgeRegion, pendingProposals, proposalsOf, regionContains, regionsOf, removeRegion, replaceRegion, resultOf,
} from '../../../../renderer/src/annotate/regions/model';
import { box, boxes, image, polygon, prediction } from './fixtures';

describe('results and ids', () => {
  it('reads and writes a control result', () => {
    const value = boxes(box('a', 1, 2, 3, 4));
    expect(regionsOf(value)).toEqual([box('a', 1, 2, 3, 4)]);
    expect(regionsOf(undefined)).toEqual([]);
    expect(resultOf('boxes', 'objects', regionsOf(value))).toEqual(value);
    expect(resultOf('polygons', 'outlines', [polygon('p', [[0, 0], [1, 0], [1, 1]])])).toEqual({
      kind: 'polygons', controlId: 'outlines', polygons: [polygon('p', [[0, 0], [1, 0], [1, 1]])],
    });
  });

  it('gives the smallest free number, never a proposal’s id', () => {
    expect(newId('boxes', new Set())).toBe('box-1');
    expect(newId('boxes', new Set(['box-1', 'box-3']))).toBe('box-2');
    expect(newId('polygons', new Set(['poly-1']))).toBe('poly-2');
  });

  it('makes new regions as manual', () => {
    expect(newBox({ x: 1, y: 2, width: 3, height: 4 }, 'tree', new Set(['box-1']))).toEqual(box('box-2', 1, 2, 3, 4, 'tree', 'manual'));
    expect(newPolygon([[0, 0], [5, 0], [5, 5]], 'car', new Set())).toEqual(polygon('poly-1', [[0, 0], [5, 0], [5, 5]], 'car', 'manual'));
  });
});

describe('provenance', () => {
  const accepted = box('d1', 10, 10, 20, 20, 'car', 'prediction');

  it('turns an accepted prediction into prediction-changed on any geometry or label change', () => {
    expect(edited(accepted, { ...accepted, x: 11 }).origin).toBe('prediction-changed');
    expect(edited(accepted, { ...accepted, label: 'tree' }).origin).toBe('prediction-changed');
    expect(edited(accepted, { ...accepted }).origin).toBe('prediction');
  });

  it('keeps manual and changed regions as they were', () => {
    expect(edited(box('m', 0, 0, 1, 1, 'car', 'manual'), box('m', 5, 0, 1, 1)).origin).toBe('manual');
    const changed = box('c', 0, 0, 1, 1, 'car', 'prediction-changed');
    expect(edited(changed, { ...changed, x: 0 }).origin).toBe('prediction-changed');
  });

  it('replaces by id with the rule applied', () => {
    expect(replaceRegion([accepted, box('b', 0, 0, 5, 5)], { ...accepted, width: 30 })[0]).toEqual({ ...accepted, width: 30, origin: 'prediction-changed' });
  });
});

describe('edits', () => {
  it('nudges a box, stopping at the border', () => {
    expect(nudgeRegion(box('a', 0, 0, 10, 10), -1, 1, image)).toEqual(box('a', 0, 1, 10, 10));
    expect(nudgeRegion(box('a', 625, 0, 10, 10), 10, 0, image)).toEqual(box('a', 630, 0, 10, 10));
  });

  it('nudges the selected vertex of a polygon, or all of it', () => {
    const p = polygon('p', [[0, 0], [10, 0], [10, 10]]);
    expect(nudgeRegion(p, 1, 1, image, 1).points).toEqual([[0, 0], [11, 1], [10, 10]]);
    expect(nudgeRegion(p, 1, 1, image).points).toEqual([[1, 1], [11, 1], [11, 11]]);
  });

  it('duplicates down-right as manual, or up-left when the border leaves no room', () => {
    const original = box('a', 100, 100, 50, 50, 'tree', 'prediction');
    expect(duplicateRegion(original, image, new Set(['a']), 'boxes')).toEqual(box('box-1', 110, 110, 50, 50, 'tree', 'manual'));
    const corner = box('a', 590, 430, 50, 50);
    expect(duplicateRegion(corner, image, new Set(['a']), 'boxes')).toMatchObject({ x: 580, y: 420 });
  });

  it('deletes regions and polygon vertices (never below three)', () => {
    expect(removeRegion([box('a', 0, 0, 1, 1), box('b', 0, 0, 1, 1)], 'a').map((r) => r.id)).toEqual(['b']);
    expect(deleteRegionVertex(polygon('p', [[0, 0], [10, 0], [10, 10], [0, 10]]), 0)?.points).toEqual([[10, 0], [10, 10], [0, 10]]);
    expect(deleteRegionVertex(polygon('p', [[0, 0], [10, 0], [10, 10]]), 0)).toBeNull();
  });

  it('cycles through an order, wrapping, from nothing selected', () => {
    const order = ['r:a', 'r:b', 'p:c'];
    expect(cycle(order, null, 1)).toBe('r:a');
    expect(cycle(order, null, -1)).toBe('p:c');
    expect(cycle(order, 'p:c', 1)).toBe('r:a');
    expect(cycle(order, 'r:a', -1)).toBe('p:c');
    expect(cycle([], null, 1)).toBeNull();
  });

  it('hit-tests regions with a tolerance and describes their size', () => {
    expect(regionContains(box('a', 10, 10, 10, 10), [21, 15], 2)).toBe(true);
    expect(regionContains(polygon('p', [[0, 0], [10, 0], [0, 10]]), [8, 8], 0)).toBe(false);
    expect(describeSize(box('a', 0, 0, 12.4, 7.6))).toBe('12 × 8');
    expect(describeSize(polygon('p', [[0, 0], [10, 0], [0, 10]]))).toBe('3 points');
  });
});

describe('proposals', () => {
  const high = prediction(0.9, boxes(box('d1', 10, 10, 20, 20), box('d2', 50, 50, 20, 20, 'tree')));
  const low = prediction(0.3, boxes(box('d1', 200, 200, 10, 10, 'sign')), 'blob-detector', '2.1-low');
  const all = proposalsOf([high, low]);

  it('flattens predictions, renaming a reused id so both stay decidable', () => {
    expect(all.map((p) => p.region.id)).toEqual(['d1', 'd2', 'd1-p1']);
    expect(all[2]).toMatchObject({ model: 'blob-detector', modelVersion: '2.1-low', score: 0.3 });
  });

  it('dims proposals below the threshold', () => {
    expect(isDimmed(all[0]!, 0.5)).toBe(false);
    expect(isDimmed(all[2]!, 0.5)).toBe(true);
  });

  it('accepts one as prediction, all, or adopts an edited one as prediction-changed', () => {
    expect(acceptProposal([], all[0]!)).toEqual([box('d1', 10, 10, 20, 20, 'car', 'prediction')]);
    expect(acceptAll([box('m', 0, 0, 1, 1)], all).map((r) => [r.id, r.origin])).toEqual([['m', undefined], ['d1', 'prediction'], ['d2', 'prediction'], ['d1-p1', 'prediction']]);
    expect(adoptProposal([], all[1]!, { ...all[1]!.region, x: 51 })).toEqual([box('d2', 51, 50, 20, 20, 'tree', 'prediction-changed')]);
    expect(adoptProposal([], all[1]!, { ...all[1]!.region })[0]!.origin).toBe('prediction');
  });

  it('leaves pending only what is neither accepted nor rejected', () => {
    const regions = acceptProposal([], all[0]!);
    expect(pendingProposals(all, regions, new Set(['d1-p1'])).map((p) => p.region.id)).toEqual(['d2']);
    expect(pendingProposals(all, [], new Set()).length).toBe(3);
  });
});
