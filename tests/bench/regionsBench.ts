/**
 * The region editor's figures, measured in the page (headless Chromium) on a task with a
 * 24-megapixel image and 2,000 boxes already open in the annotator:
 *  - renderMs: one full paint of the image and the 2,000 boxes (the first 'regions-rendered');
 *  - firstPaintMs: from the editor asking for the image to that first paint (load, size check,
 *    decode, paint);
 *  - frameP50 / frameP95: requestAnimationFrame deltas while the wheel zooms in at the cursor, a
 *    middle-button drag pans, and the wheel zooms back out, paced like real input (one event per
 *    16 ms);
 *  - addBoxMs: from releasing the mouse after drawing one more box to that box being on screen
 *    (the 'region-added' event: answer updated through the view's history, list and canvas redrawn).
 * `bigRegionsTask` makes the task's rows: a 6000 × 4000 PNG (flat colour and stripes, so it is quick
 * to generate and compress) and 2,000 boxes on a grid.
 */
import type { Page } from '@playwright/test';
import { encodePng } from '../../scripts/png';

export interface RegionsFigures {
  renderMs: number;
  firstPaintMs: number;
  frameP50: number;
  frameP95: number;
  addBoxMs: number;
  /** Frames recorded, and those that took longer than 1.5 display frames (a visible stutter). */
  frames: number;
  droppedFrames: number;
}

const WIDTH = 6000;
const HEIGHT = 4000;
const COLUMNS = 50;
const ROWS = 40;

interface Box { id: string; x: number; y: number; width: number; height: number; label: string }

/**
 * The big task's image and boxes. `labels` must be label ids of the bench pack's config (the
 * browser bench's defaults).
 */
export function bigRegionsTask(labels: readonly string[] = ['person', 'org', 'place', 'date', 'misc']): { assetPath: string; image: Uint8Array; boxes: Box[] } {
  const stride = WIDTH * 3 + 1;
  // Two kinds of rows, copied: vertical stripes every 500 px, and a darker band every 1,000 rows.
  const plain = Buffer.alloc(stride);
  const band = Buffer.alloc(stride);
  for (let x = 0; x < WIDTH; x += 1) {
    const stripe = Math.floor(x / 500) % 2 === 0;
    plain.set(stripe ? [180, 196, 210] : [200, 210, 190], 1 + x * 3);
    band.set(stripe ? [120, 130, 150] : [140, 150, 130], 1 + x * 3);
  }
  const raw = Buffer.alloc(stride * HEIGHT);
  for (let y = 0; y < HEIGHT; y += 1) (y % 1000 < 60 ? band : plain).copy(raw, y * stride);
  const cellWidth = WIDTH / COLUMNS;
  const cellHeight = HEIGHT / ROWS;
  const boxes = Array.from({ length: COLUMNS * ROWS }, (_, i) => {
    const column = i % COLUMNS;
    const row = Math.floor(i / COLUMNS);
    return { id: `b${i + 1}`, x: column * cellWidth + 10, y: row * cellHeight + 10, width: cellWidth - 30 - (i % 7) * 4, height: cellHeight - 30 - (i % 5) * 4, label: labels[i % labels.length]! };
  });
  return { assetPath: 'assets/big.png', image: encodePng(WIDTH, HEIGHT, raw, 1), boxes };
}

type Event = { type: string; [key: string]: unknown };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
}

async function waitForEvent(page: Page, type: string, match: Record<string, unknown> = {}): Promise<Event> {
  const handle = await page.waitForFunction(
    ([t, m]) => ((window as unknown as { __loupeEvents?: Event[] }).__loupeEvents ?? []).find((e) => e.type === t && Object.entries(m).every(([k, v]) => e[k] === v)) ?? null,
    [type, match] as const,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as Event;
}

const pause = (page: Page) => page.waitForTimeout(16);

export async function benchRegions(page: Page): Promise<RegionsFigures> {
  const first = await waitForEvent(page, 'regions-rendered', { first: true });
  const canvas = page.getByTestId('region-canvas');
  const bounds = (await canvas.boundingBox())!;
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;

  // Frame deltas from requestAnimationFrame, recorded in the page while the input is scripted.
  // (A string, not a function: tsx would wrap a named inner function with a helper the page lacks.)
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = 0;
    const tick = (now) => {
      if (last) window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(cx - bounds.width / 4, cy - bounds.height / 4);
  for (let i = 0; i < 40; i += 1) {
    await page.mouse.wheel(0, -60);
    await pause(page);
  }
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 1; i <= 60; i += 1) {
    await page.mouse.move(cx - i * 8, cy - i * 5);
    await pause(page);
  }
  await page.mouse.up({ button: 'middle' });
  for (let i = 0; i < 40; i += 1) {
    await page.mouse.wheel(0, 60);
    await pause(page);
  }
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const sorted = [...frames].sort((a, b) => a - b);

  // One more box: the box tool, a drag on the image, and the time until it is drawn.
  await page.keyboard.press('Alt+B');
  await page.evaluate(() => {
    const w = window as unknown as { __upAt: number; __addedAt: number };
    window.addEventListener('pointerup', () => (w.__upAt = performance.now()), { capture: true, once: true });
    window.addEventListener('loupe:app-event', (e) => {
      if ((e as CustomEvent<Event>).detail.type === 'region-added') w.__addedAt = performance.now();
    });
  });
  await page.mouse.move(cx - 60, cy - 40);
  await page.mouse.down();
  await page.mouse.move(cx, cy, { steps: 5 });
  await page.mouse.up();
  await waitForEvent(page, 'region-added');
  const addBoxMs = await page.evaluate(() => {
    const w = window as unknown as { __upAt: number; __addedAt: number };
    return w.__addedAt - w.__upAt;
  });

  return {
    renderMs: Number(first.ms),
    firstPaintMs: Number(first.sinceShownMs),
    frameP50: percentile(sorted, 0.5),
    frameP95: percentile(sorted, 0.95),
    addBoxMs,
    frames: frames.length,
    droppedFrames: frames.filter((f) => f > 25).length,
  };
}
