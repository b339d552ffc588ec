// @vitest-environment happy-dom
/**
 * The region editor mounted under the app's keymap, with the answer in the real history reducer:
 * keys select, relabel, nudge, duplicate, delete and decide proposals; the mouse draws boxes and
 * polygons; every committed change is one undo step; keys that mean nothing here fall through to
 * the labeling view (Enter submits, Space skips) and Backspace never clears the whole answer.
 */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fitView, toScreen, type Point } from '../../../../renderer/src/annotate/regions/view';
import { appEvents } from '../harness';
import { CANVAS, fakeBrowser, mountEditor, resultIn } from './editorHarness';
import { box, boxes, boxesControl, image, polygonsControl, prediction } from './fixtures';

beforeEach(() => {
  fakeBrowser();
  window.__loupeEvents = [];
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const key = (name: string, init: KeyboardEventInit = {}) => act(() => void fireEvent.keyDown(window, { key: name, ...init }));
const fit = fitView(image, CANVAS);
const at = (p: Point) => {
  const [clientX, clientY] = toScreen(fit, p);
  return { clientX, clientY, pointerId: 1 };
};
const canvas = () => screen.getByTestId('region-canvas');
const pointer = (type: 'pointerDown' | 'pointerMove' | 'pointerUp', p: Point, init: PointerEventInit = {}) =>
  act(() => void fireEvent[type](canvas(), { button: 0, ...at(p), ...init }));

const start = [boxes(box('box-1', 100, 100, 50, 40, 'car', 'manual'), box('box-2', 300, 200, 80, 60, 'tree', 'manual'))];
const regionsOf = (probe: Parameters<typeof resultIn>[0]) => {
  const result = resultIn(probe, 'objects');
  return result?.kind === 'boxes' ? result.boxes : [];
};

describe('region editor: keys', () => {
  it('lists the regions and selects them in order with ] and [', async () => {
    await mountEditor(boxesControl, start);
    expect(screen.getByTestId('region-list')).toHaveProperty('dataset.count', '2');
    await key(']');
    expect(screen.getByTestId('region-item-box-1').getAttribute('aria-selected')).toBe('true');
    await key(']');
    expect(screen.getByTestId('region-item-box-2').getAttribute('aria-selected')).toBe('true');
    await key('[');
    expect(screen.getByTestId('region-item-box-1').getAttribute('aria-selected')).toBe('true');
    await key('Escape');
    expect(screen.getByTestId('region-item-box-1').getAttribute('aria-selected')).toBe('false');
  });

  it('relabels the selection with a label key, one undo step, undone and redone', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key(']');
    await key('3');
    expect(regionsOf(probe)[0]).toMatchObject({ id: 'box-1', label: 'sign' });
    expect(probe.history.past).toHaveLength(1);
    await key('z', { ctrlKey: true });
    expect(regionsOf(probe)[0]!.label).toBe('car');
    await key('z', { ctrlKey: true, shiftKey: true });
    expect(regionsOf(probe)[0]!.label).toBe('sign');
  });

  it('with nothing selected, a label key picks the next label instead', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key('2');
    expect(screen.getByTestId('region-next-label').dataset.label).toBe('tree');
    expect(screen.getByTestId('region-label-tree').getAttribute('aria-pressed')).toBe('true');
    expect(probe.history.past).toHaveLength(0);
  });

  it('shows a label palette with name and key; a click picks the next label, or relabels the selection', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    const tree = screen.getByTestId('region-label-tree');
    expect(tree.textContent).toContain('2');
    act(() => void fireEvent.click(tree));
    expect(screen.getByTestId('region-next-label').dataset.label).toBe('tree');
    await key(']');
    const selectedLabel = regionsOf(probe)[0]!.label;
    expect(screen.getByTestId(`region-label-${selectedLabel}`).getAttribute('aria-pressed')).toBe('true');
    act(() => void fireEvent.click(screen.getByTestId('region-label-tree')));
    expect(regionsOf(probe)[0]!.label).toBe('tree');
  });

  it('nudges 1 px and 10 px with Shift, each press one step; arrows without a selection go to the view', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key(']');
    await key('ArrowRight');
    await key('ArrowDown', { shiftKey: true });
    expect(regionsOf(probe)[0]).toMatchObject({ x: 101, y: 110 });
    expect(probe.history.past).toHaveLength(2);
    await key('z', { ctrlKey: true });
    expect(regionsOf(probe)[0]).toMatchObject({ x: 101, y: 100 });
  });

  it('duplicates (Mod+D) and deletes (Backspace) the selection; Backspace with nothing selected clears nothing', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key('Backspace');
    expect(probe.onClear).not.toHaveBeenCalled();
    expect(regionsOf(probe)).toHaveLength(2);
    await key(']');
    await key('d', { ctrlKey: true });
    expect(regionsOf(probe).map((r) => [r.id, r.x, r.origin])).toEqual([['box-1', 100, 'manual'], ['box-2', 300, 'manual'], ['box-3', 110, 'manual']]);
    expect(screen.getByTestId('region-item-box-3').getAttribute('aria-selected')).toBe('true');
    await key('Delete');
    expect(regionsOf(probe).map((r) => r.id)).toEqual(['box-1', 'box-2']);
    await key('z', { ctrlKey: true });
    expect(regionsOf(probe).map((r) => r.id)).toEqual(['box-1', 'box-2', 'box-3']);
  });

  it('hides and shows all regions (Alt+H) and zooms by keys without touching the answer', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    const zoom = () => screen.getByTestId('region-zoom').textContent;
    expect(zoom()).toBe('118%');
    await key('=');
    expect(zoom()).toBe('148%');
    await key('-');
    await key('1', { ctrlKey: true });
    expect(zoom()).toBe('100%');
    await key('0', { ctrlKey: true });
    expect(zoom()).toBe('118%');
    await key('h', { altKey: true });
    expect(screen.getByTestId('regions-hidden')).toBeTruthy();
    expect(probe.history.past).toHaveLength(0);
  });
});

describe('region editor: image', () => {
  it('refuses an image past the pixel cap with a message, before decoding it', async () => {
    fakeBrowser({ width: 12_000, height: 9_000 });
    await mountEditor(boxesControl, start);
    expect(screen.getByTestId('region-image-error').textContent).toContain('12000 × 9000 (108.0 megapixels), more than the 100.0 megapixels');
    expect(createImageBitmap).not.toHaveBeenCalled();
  });
});

describe('region editor: proposals', () => {
  const proposals = [prediction(0.9, boxes(box('d1', 20, 20, 30, 30), box('d2', 400, 300, 40, 40, 'tree'))), prediction(0.3, boxes(box('d3', 500, 50, 20, 20, 'sign')), 'blob-detector', '2.1-low')];

  it('lists proposals with their score, dimming the ones below the threshold', async () => {
    await mountEditor(boxesControl, [], proposals);
    expect(screen.getByTestId('region-item-d1').textContent).toContain('0.90');
    expect(screen.getByTestId('region-item-d1').dataset.dimmed).toBeUndefined();
    expect(screen.getByTestId('region-item-d3').dataset.dimmed).toBe('true');
  });

  it('accepts one (Alt+Enter) as prediction and moves to the next; rejects one (Alt+Backspace)', async () => {
    const { probe } = await mountEditor(boxesControl, [], proposals);
    await key(']');
    await key('Enter', { altKey: true });
    expect(regionsOf(probe)).toEqual([box('d1', 20, 20, 30, 30, 'car', 'prediction')]);
    expect(screen.getByTestId('region-item-d2').getAttribute('aria-selected')).toBe('true');
    await key('Backspace', { altKey: true });
    expect(screen.queryByTestId('region-item-d2')).toBeNull();
    // A rejection is saved with the answer (so it survives reopening) and is its own undo step.
    expect(probe.history.past).toHaveLength(2);
    expect(probe.history.present[0]).toMatchObject({ kind: 'boxes', rejected: ['d2'] });
    expect(appEvents().filter((e) => e.type === 'region-added')).toMatchObject([{ id: 'd1', label: 'car', origin: 'prediction' }]);
  });

  it('accepts all (Alt+A) in one step; a later nudge makes one prediction-changed', async () => {
    const { probe } = await mountEditor(boxesControl, [], proposals);
    await key('a', { altKey: true });
    expect(regionsOf(probe).map((r) => r.origin)).toEqual(['prediction', 'prediction', 'prediction']);
    expect(probe.history.past).toHaveLength(1);
    await key(']');
    await key('ArrowLeft');
    expect(regionsOf(probe)[0]).toMatchObject({ id: 'd1', x: 19, origin: 'prediction-changed' });
  });

  it('relabelling a proposal takes it in as prediction-changed', async () => {
    const { probe } = await mountEditor(boxesControl, [], proposals);
    await key(']');
    await key('2');
    expect(regionsOf(probe)).toEqual([box('d1', 20, 20, 30, 30, 'tree', 'prediction-changed')]);
  });
});

describe('region editor: mouse', () => {
  it('draws a box with the box tool, in image pixels, labelled with the next label', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key('2');
    await key('b', { altKey: true });
    expect(screen.getByTestId('region-tool').dataset.tool).toBe('box');
    pointer('pointerDown', [200, 50]);
    pointer('pointerMove', [260, 90]);
    pointer('pointerUp', [260, 90]);
    const added = regionsOf(probe)[2]!;
    expect(added).toMatchObject({ id: 'box-3', label: 'tree', origin: 'manual' });
    expect(added.x).toBeCloseTo(200, 1);
    expect(added.width).toBeCloseTo(60, 1);
    expect(probe.history.past).toHaveLength(1);
    expect(appEvents().some((e) => e.type === 'region-added' && e.id === 'box-3')).toBe(true);
  });

  it('moves a box with one drag as one step, and resizes it by a handle', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    await key('v', { altKey: true }); // the tool is remembered per control across tasks (and tests)
    expect(screen.getByTestId('region-tool').dataset.tool).toBe('select');
    pointer('pointerDown', [120, 120]);
    pointer('pointerMove', [140, 125]);
    pointer('pointerMove', [160, 130]);
    pointer('pointerUp', [160, 130]);
    expect(regionsOf(probe)[0]).toMatchObject({ x: 140, y: 110 });
    expect(probe.history.past).toHaveLength(1);
    pointer('pointerDown', [190, 150]); // the south-east handle of the moved box
    pointer('pointerMove', [230, 170]);
    pointer('pointerUp', [230, 170]);
    expect(regionsOf(probe)[0]).toMatchObject({ x: 140, y: 110, width: 90, height: 60 });
    expect(probe.history.past).toHaveLength(2);
  });

  it('draws a polygon: Backspace and undo take one point off, Enter closes, Enter then submits', async () => {
    const { probe } = await mountEditor(polygonsControl, []);
    await key('p', { altKey: true });
    for (const p of [[10, 10], [100, 10], [100, 100], [50, 150]] as Point[]) {
      pointer('pointerDown', p);
      pointer('pointerUp', p);
    }
    await key('Backspace');
    await key('z', { ctrlKey: true });
    await key('z', { ctrlKey: true, shiftKey: true }); // redo puts one back
    expect(probe.history.past).toHaveLength(0);
    await key('Enter');
    expect(probe.onSubmit).not.toHaveBeenCalled();
    const result = resultIn(probe, 'outlines');
    expect(result?.kind === 'polygons' && result.polygons).toEqual([{ id: 'poly-1', points: [[10, 10], [100, 10], [100, 100]], label: 'car', origin: 'manual' }]);
    await key('Escape');
    await key('Enter');
    expect(probe.onSubmit).toHaveBeenCalledTimes(1);
  });

  it('closes a polygon by clicking its first point', async () => {
    const { probe } = await mountEditor(polygonsControl, []);
    await key('p', { altKey: true });
    for (const p of [[200, 200], [300, 200], [250, 300], [201, 201]] as Point[]) {
      pointer('pointerDown', p);
      pointer('pointerUp', p);
    }
    const result = resultIn(probe, 'outlines');
    expect(result?.kind === 'polygons' && result.polygons[0]!.points).toHaveLength(3);
  });

  it('pans with Space held over the canvas without skipping; a tap of Space still skips', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    act(() => void fireEvent.pointerEnter(canvas()));
    await key(' ', { code: 'Space' });
    pointer('pointerDown', [500, 400]);
    pointer('pointerMove', [450, 380]);
    pointer('pointerUp', [450, 380]);
    act(() => void fireEvent.keyUp(window, { key: ' ', code: 'Space' }));
    expect(probe.onSkip).not.toHaveBeenCalled();
    await key(' ', { code: 'Space' });
    act(() => void fireEvent.keyUp(window, { key: ' ', code: 'Space' }));
    expect(probe.onSkip).toHaveBeenCalledTimes(1);
    expect(probe.history.past).toHaveLength(0);
  });

  it('pans with Space held and the pointer moved, no button needed; a long hold that did not pan does not skip', async () => {
    const { probe } = await mountEditor(boxesControl, start);
    act(() => void fireEvent.pointerEnter(canvas()));
    await key(' ', { code: 'Space' });
    pointer('pointerMove', [500, 400]);
    pointer('pointerMove', [420, 360]);
    act(() => void fireEvent.keyUp(window, { key: ' ', code: 'Space' }));
    expect(probe.onSkip).not.toHaveBeenCalled();
    expect(canvas().style.cursor).not.toBe('grabbing');
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(10_000);
    await key(' ', { code: 'Space' });
    now.mockReturnValue(11_000);
    act(() => void fireEvent.keyUp(window, { key: ' ', code: 'Space' }));
    now.mockRestore();
    expect(probe.onSkip).not.toHaveBeenCalled();
    expect(probe.history.past).toHaveLength(0);
  });
});
