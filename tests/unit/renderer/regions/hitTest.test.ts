/**
 * What a press lands on: the selected region's handles and vertices first, then the selected
 * region, then the smallest region under the point, then proposals.
 */
import { describe, expect, it } from 'vitest';
import { hitTest } from '../../../../renderer/src/annotate/regions/hitTest';
import { box, polygon } from './fixtures';

const big = box('big', 0, 0, 300, 300);
const small = box('small', 100, 100, 50, 50);
const tri = polygon('tri', [[400, 100], [500, 100], [450, 200]]);

describe('hitTest', () => {
  it('picks the smallest region under the point, so nested boxes can be selected', () => {
    expect(hitTest([120, 120], 2, null, [big, small], [])).toEqual({ kind: 'region', id: 'small', proposal: false });
    expect(hitTest([20, 20], 2, null, [big, small], [])).toEqual({ kind: 'region', id: 'big', proposal: false });
    expect(hitTest([600, 400], 2, null, [big, small], [])).toBeNull();
  });

  it('prefers the selected region where regions overlap, so it can be dragged', () => {
    expect(hitTest([120, 120], 2, { region: big, proposal: false }, [big, small], [])).toEqual({ kind: 'region', id: 'big', proposal: false });
  });

  it('grabs handles of a selected box within the tolerance', () => {
    expect(hitTest([303, 298], 5, { region: big, proposal: false }, [big], [])).toEqual({ kind: 'handle', handle: 'se' });
    expect(hitTest([150, 1], 5, { region: big, proposal: false }, [big], [])).toEqual({ kind: 'handle', handle: 'n' });
  });

  it('grabs vertices and edge midpoints of a selected polygon', () => {
    expect(hitTest([451, 198], 4, { region: tri, proposal: false }, [tri], [])).toEqual({ kind: 'vertex', index: 2 });
    expect(hitTest([450, 101], 4, { region: tri, proposal: false }, [tri], [])).toEqual({ kind: 'midpoint', edge: 0 });
    expect(hitTest([450, 140], 4, null, [tri], [])).toEqual({ kind: 'region', id: 'tri', proposal: false });
    expect(hitTest([405, 190], 4, null, [tri], [])).toBeNull();
  });

  it('finds proposals where no region is', () => {
    const proposed = box('d1', 500, 300, 40, 40);
    expect(hitTest([510, 310], 2, null, [big], [proposed])).toEqual({ kind: 'region', id: 'd1', proposal: true });
  });
});
