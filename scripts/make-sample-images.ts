/**
 * Draws the images of the "shapes" sample pack (resources/sample-sources/shapes/): simple shapes
 * on a noisy background, encoded as PNG by hand (zlib + CRC-32 from Node), so the project ships
 * only images it made itself. Deterministic: a seeded generator, so running it again changes nothing.
 *
 *   npx tsx scripts/make-sample-images.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodePng, seededRandom } from './png';

const OUT = resolve(import.meta.dirname, '../resources/sample-sources/shapes');
const WIDTH = 480;
const HEIGHT = 320;

type Shape = 'circle' | 'square' | 'triangle';
type Rgb = [number, number, number];

function inside(shape: Shape, x: number, y: number, cx: number, cy: number, r: number): boolean {
  const dx = x - cx;
  const dy = y - cy;
  switch (shape) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
    case 'triangle': {
      // Point-up equilateral-ish triangle: below the two upper edges and above the base.
      const top = cy - r;
      const base = cy + r * 0.8;
      if (y < top || y > base) return false;
      const halfWidth = ((y - top) / (base - top)) * r;
      return Math.abs(dx) <= halfWidth;
    }
  }
}

export function drawShape(shape: Shape, color: Rgb, seed: number): Buffer {
  const rand = seededRandom(seed);
  const r = 50 + rand() * 60;
  const cx = r + 10 + rand() * (WIDTH - 2 * r - 20);
  const cy = r + 10 + rand() * (HEIGHT - 2 * r - 20);
  const base = 200 + Math.floor(rand() * 40);
  // Mottled background in 16-pixel blocks: enough texture to not look synthetic-flat, and it
  // compresses well (per-pixel noise made each PNG ~100 kB).
  const blocks = Array.from({ length: Math.ceil(WIDTH / 16) * Math.ceil(HEIGHT / 16) }, () => Math.floor(rand() * 24) - 12);
  const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y += 1) {
    const row = y * (WIDTH * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < WIDTH; x += 1) {
      const noise = blocks[(y >> 4) * Math.ceil(WIDTH / 16) + (x >> 4)]!;
      const pixel: Rgb = inside(shape, x, y, cx, cy, r) ? color : [base + noise, base + noise, base + 8 + noise];
      raw.set(pixel.map((v) => Math.max(0, Math.min(255, v))), row + 1 + x * 3);
    }
  }
  return encodePng(WIDTH, HEIGHT, raw);
}

const SHAPES: Shape[] = ['circle', 'square', 'triangle'];
const COLORS: Rgb[] = [[224, 49, 49], [25, 113, 194], [47, 158, 68], [240, 140, 0], [112, 72, 232]];

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  mkdirSync(join(OUT, 'assets'), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 15; i += 1) {
    const shape = SHAPES[(i * 7) % 3]!;
    const id = `shape-${String(i + 1).padStart(2, '0')}`;
    writeFileSync(join(OUT, 'assets', `${id}.png`), drawShape(shape, COLORS[i % COLORS.length]!, 1000 + i));
    const task: Record<string, unknown> = { id, data: { image: `assets/${id}.png` } };
    // A pretend model pre-labels every third image (and gets one wrong), to show pre-annotations.
    if (i % 3 === 0) {
      const guess = i === 9 ? SHAPES[(((i * 7) % 3) + 1) % 3]! : shape;
      task.predictions = [{ model: 'shape-net', modelVersion: '0.3', score: i === 9 ? 0.41 : 0.93, result: [{ kind: 'choices', controlId: 'shape', labels: [guess] }] }];
    }
    lines.push(JSON.stringify(task));
  }
  writeFileSync(join(OUT, 'tasks.jsonl'), `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} images and tasks.jsonl to ${OUT}`);
}
