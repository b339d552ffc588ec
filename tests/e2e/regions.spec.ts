/**
 * Image regions end to end, keys wherever the task allows and the mouse where drawing needs it:
 * boxes on a street scene (accept a detector's proposal by key, draw, nudge, resize by a handle,
 * undo and redo, reject a false alarm, accept the rest, zoom by keys) and polygons on an aerial
 * view (click points, close with Enter, delete a vertex, undo and redo); then submit, export and
 * read the results pack back: geometry in image pixels and every region's origin.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { readPack } from '../../electron/core/packs';
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

type Point = [number, number];

/** Where an image pixel is on the page, from the view the canvas exposes (scale and offset). */
async function pagePoint(loupe: LoupeUi, [x, y]: Point): Promise<{ x: number; y: number }> {
  const canvas = loupe.page.getByTestId('region-canvas');
  const box = (await canvas.boundingBox())!;
  const view = await canvas.evaluate((el: HTMLElement) => ({ scale: Number(el.dataset.scale), x: Number(el.dataset.x), y: Number(el.dataset.y) }));
  return { x: box.x + view.x + x * view.scale, y: box.y + view.y + y * view.scale };
}

async function drag(loupe: LoupeUi, from: Point, to: Point): Promise<void> {
  const a = await pagePoint(loupe, from);
  const b = await pagePoint(loupe, to);
  await loupe.page.mouse.move(a.x, a.y);
  await loupe.page.mouse.down();
  await loupe.page.mouse.move(b.x, b.y, { steps: 8 });
  await loupe.page.mouse.up();
}

async function click(loupe: LoupeUi, at: Point): Promise<void> {
  const p = await pagePoint(loupe, at);
  await loupe.page.mouse.click(p.x, p.y);
}

const scale = (canvas: Locator) => canvas.evaluate((el: HTMLElement) => Number(el.dataset.scale));

async function openRegionsSample(loupe: LoupeUi, sample: string): Promise<void> {
  await loupe.home();
  await loupe.createProfile('Rae');
  await loupe.after('regions-rendered', () => loupe.openSample(sample));
  await expect(loupe.page.getByTestId('region-editor')).toBeVisible();
}

async function exported(app: { exportDir: string }, loupe: LoupeUi) {
  await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  const results = await readPack(join(app.exportDir, readdirSync(app.exportDir)[0]!));
  if (results.kind !== 'results') throw new Error('expected a results pack');
  return results;
}

test('boxes: proposals by key, draw, nudge, resize, undo/redo, zoom, export', async ({ app, loupe }) => {
  await openRegionsSample(loupe, 'objects');
  const list = loupe.page.getByTestId('region-list');
  await expect(loupe.page.getByTestId('region-item-d1')).toHaveAttribute('data-origin', 'proposal');
  await expect(loupe.page.getByTestId('region-item-lc1')).toHaveAttribute('data-dimmed', 'true');
  await loupe.screenshot('20-regions-proposals');

  // Accept the first proposal by key: selected with ], accepted with Alt+Enter.
  await loupe.key(']');
  await expect(loupe.page.getByTestId('region-item-d1')).toHaveAttribute('aria-selected', 'true');
  const accepted = await loupe.after('region-added', () => loupe.key('Alt+Enter'));
  expect(accepted).toMatchObject({ id: 'd1', origin: 'prediction' });
  await expect(loupe.page.getByTestId('region-item-d1')).toHaveAttribute('data-origin', 'prediction');

  // Draw a box in the sky with the box tool, labelled "sign" (4) before drawing.
  await loupe.key('Escape');
  await loupe.key('4');
  await loupe.key('Alt+B');
  await expect(loupe.page.getByTestId('region-tool')).toHaveAttribute('data-tool', 'box');
  const drawn = await loupe.after('region-added', () => drag(loupe, [380, 40], [470, 100]));
  expect(drawn).toMatchObject({ id: 'box-1', label: 'sign', origin: 'manual' });
  const start = drawn.region as { x: number; y: number; width: number; height: number };
  expect(start.x).toBeCloseTo(380, 0);
  expect(start.width).toBeCloseTo(90, 0);

  // Nudge: three 1-px steps right, one 10-px step down (image pixels, whatever the zoom).
  for (let i = 0; i < 3; i += 1) await loupe.after('region-changed', () => loupe.key('ArrowRight'));
  const nudged = await loupe.after('region-changed', () => loupe.key('Shift+ArrowDown'));
  expect(nudged.region).toMatchObject({ x: start.x + 3, y: start.y + 10, width: start.width });

  // Resize by the south-east handle.
  const moved = nudged.region as typeof start;
  const resized = await loupe.after('region-changed', () =>
    drag(loupe, [moved.x + moved.width, moved.y + moved.height], [moved.x + moved.width + 40, moved.y + moved.height + 30]),
  );
  const bigger = resized.region as typeof start;
  expect(bigger.x).toBe(moved.x);
  expect(bigger.width).toBeCloseTo(moved.width + 40, 0);
  expect(bigger.height).toBeCloseTo(moved.height + 30, 0);
  await loupe.screenshot('21-regions-box-drawn');

  // Undo the resize, then redo it: the list shows each size.
  const row = loupe.page.getByTestId('region-item-box-1');
  const sizeText = (b: typeof start) => `${Math.round(b.width)} × ${Math.round(b.height)}`;
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Z'));
  await expect(row).toContainText(sizeText(moved));
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Shift+Z'));
  await expect(row).toContainText(sizeText(bigger));

  // Zoom by keys: in, in, out, fit; none of it is history.
  const canvas = loupe.page.getByTestId('region-canvas');
  const fitted = await scale(canvas);
  await loupe.key('=');
  await loupe.key('=');
  await expect.poll(() => scale(canvas)).toBeCloseTo(fitted * 1.5625, 5);
  await loupe.screenshot('22-regions-zoomed');
  await loupe.key('-');
  await expect.poll(() => scale(canvas)).toBeCloseTo(fitted * 1.25, 5);
  await loupe.key('ControlOrMeta+0');
  await expect.poll(() => scale(canvas)).toBeCloseTo(fitted, 5);

  // Reject the detector's false alarm (picked in the list), then accept all the rest at once.
  await loupe.page.getByTestId('region-item-lc1').click();
  await loupe.key('Alt+Backspace');
  await expect(loupe.page.getByTestId('region-item-lc1')).toHaveCount(0);
  await loupe.after('region-added', () => loupe.key('Alt+A'));
  await expect(list.locator('[data-origin="proposal"]')).toHaveCount(0);
  await loupe.screenshot('23-regions-accepted');

  await loupe.after('task-submitted', () => loupe.key('Enter'));
  await loupe.waitForEvent('task-shown', 1);
  const results = await exported(app, loupe);
  const row1 = results.rows.find((r) => r.taskId === 'street-01')!;
  expect(row1).toMatchObject({ provenance: 'prediction-changed', modelVersion: 'street-detector@3.2' });
  const answer = row1.answer[0]!;
  if (answer.kind !== 'boxes') throw new Error('expected boxes');
  const byId = new Map(answer.boxes.map((b) => [b.id, b]));
  expect(byId.get('d1')).toMatchObject({ origin: 'prediction', label: 'house' });
  expect(byId.get('box-1')).toMatchObject({ origin: 'manual', label: 'sign', x: bigger.x, y: bigger.y, width: bigger.width, height: bigger.height });
  expect(byId.has('lc1')).toBe(false);
  expect(byId.get('lc2')).toMatchObject({ origin: 'prediction' });
  for (const b of answer.boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(960);
    expect(b.y + b.height).toBeLessThanOrEqual(640);
  }
});

test('polygons: click points, close with Enter, delete a vertex, undo/redo, export', async ({ app, loupe }) => {
  await openRegionsSample(loupe, 'outlines');
  await loupe.key('2'); // lake
  await loupe.key('Alt+P');
  const points: Point[] = [[100, 300], [260, 290], [280, 420], [120, 430], [50, 380]];
  for (const p of points) await click(loupe, p);
  // Backspace while drawing takes off the last point only.
  await loupe.key('Backspace');
  await expect(loupe.page.getByTestId('region-hint')).toContainText('Enter');
  await loupe.screenshot('24-polygon-drawing');
  const closed = await loupe.after('region-added', () => loupe.key('Enter'));
  expect(closed).toMatchObject({ id: 'poly-1', label: 'lake', origin: 'manual' });
  expect((closed.region as { points: Point[] }).points).toHaveLength(4);

  // Select a vertex with the select tool and delete it: four points become three.
  await loupe.key('Alt+V');
  await click(loupe, [260, 290]);
  const fewer = await loupe.after('region-changed', () => loupe.key('Backspace'));
  expect((fewer.region as { points: Point[] }).points).toHaveLength(3);
  const row = loupe.page.getByTestId('region-item-poly-1');
  await expect(row).toContainText('3 points');
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Z'));
  await expect(row).toContainText('4 points');
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Y'));
  await expect(row).toContainText('3 points');

  // Accept the segmenter's first outline by key, then nudge it: a changed prediction.
  await loupe.key('Escape');
  await loupe.key('Escape');
  await loupe.key(']');
  await loupe.key(']');
  await expect(loupe.page.getByTestId('region-item-s1')).toHaveAttribute('aria-selected', 'true');
  await loupe.after('region-added', () => loupe.key('Alt+Enter'));
  await loupe.page.getByTestId('region-item-s1').click();
  await loupe.after('region-changed', () => loupe.key('ArrowLeft'));
  await expect(loupe.page.getByTestId('region-item-s1')).toHaveAttribute('data-origin', 'prediction-changed');

  await loupe.key('ControlOrMeta+1');
  await expect.poll(() => scale(loupe.page.getByTestId('region-canvas'))).toBe(1);
  await loupe.key('ControlOrMeta+0');
  await loupe.screenshot('25-polygons-done');

  await loupe.after('task-submitted', () => loupe.key('Enter'));
  const results = await exported(app, loupe);
  const first = results.rows.find((r) => r.taskId === 'aerial-01')!;
  expect(first).toMatchObject({ provenance: 'prediction-changed', modelVersion: 'outline-net@1.4' });
  const answer = first.answer[0]!;
  if (answer.kind !== 'polygons') throw new Error('expected polygons');
  const lake = answer.polygons.find((p) => p.id === 'poly-1')!;
  expect(lake).toMatchObject({ label: 'lake', origin: 'manual' });
  expect(lake.points).toHaveLength(3);
  expect(lake.points[0]![0]).toBeCloseTo(100, 0);
  expect(lake.points[1]![1]).toBeCloseTo(420, 0);
  expect(answer.polygons.find((p) => p.id === 's1')).toMatchObject({ origin: 'prediction-changed' });
});
