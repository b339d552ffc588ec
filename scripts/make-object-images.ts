/**
 * Draws the images and tasks of the two region sample packs, so the project ships only pictures it
 * made itself:
 *  - objects/  street scenes (houses, trees, cars, signs) for boxes, pre-annotated by a pretend
 *    detector: a confident prediction with slightly-off boxes (and a miss), and a low-confidence
 *    one below the config's threshold (a false alarm and the missed object);
 *  - outlines/ aerial views (fields, lakes, roofs) for polygons, pre-annotated by a pretend
 *    segmenter with coarse outlines.
 * Every object is drawn from a shape the script knows, so its true box or outline is exact, and
 * the predictions are that truth, disturbed. Deterministic (seeded), like make-sample-images.ts,
 * whose PNG encoding (zlib + CRC-32 from Node) this repeats, with a few more drawing primitives.
 *
 *   npx tsx scripts/make-object-images.ts && npx tsx scripts/make-samples.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodePng, seededRandom } from './png';

const SOURCES = resolve(import.meta.dirname, '../resources/sample-sources');

type Box = { x: number; y: number; width: number; height: number };
type Point = [number, number];
type Thing = { label: string; box: Box };
type Outline = { label: string; points: Point[] };

type Rgb = [number, number, number];

const round = (v: number) => Math.round(v);

/** An RGB raster with the few fills the scenes need, and a PNG encoder (8-bit RGB, no filter). */
class SampleCanvas {
  private readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  private span(y: number, from: number, to: number, color: Rgb): void {
    if (y < 0 || y >= this.height) return;
    const start = Math.max(0, Math.round(from));
    const end = Math.min(this.width, Math.round(to));
    for (let x = start; x < end; x += 1) this.pixels.set(color, (y * this.width + x) * 3);
  }

  fillRect(x: number, y: number, width: number, height: number, color: Rgb): void {
    for (let row = Math.round(y); row < Math.round(y + height); row += 1) this.span(row, x, x + width, color);
  }

  /** Rows from `top` to `bottom` shading from one colour to another (a sky). */
  fillGradient(top: number, bottom: number, from: Rgb, to: Rgb): void {
    for (let y = top; y < bottom; y += 1) {
      const t = (y - top) / Math.max(1, bottom - top);
      this.span(y, 0, this.width, from.map((v, i) => Math.round(v + (to[i]! - v) * t)) as Rgb);
    }
  }

  /** A colour mottled in 16-pixel blocks: texture that still compresses well. */
  fillNoisy(x: number, y: number, width: number, height: number, color: Rgb, amount: number, rand: () => number): void {
    for (let by = y; by < y + height; by += 16) {
      for (let bx = x; bx < x + width; bx += 16) {
        const n = Math.floor((rand() * 2 - 1) * amount);
        this.fillRect(bx, by, Math.min(16, x + width - bx), Math.min(16, y + height - by), color.map((v) => Math.max(0, Math.min(255, v + n))) as Rgb);
      }
    }
  }

  /** Even-odd scanline fill, sampling each row at its centre. */
  fillPolygon(points: Point[], color: Rgb): void {
    const ys = points.map((p) => p[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(this.height - 1, Math.ceil(Math.max(...ys))); y += 1) {
      const cy = y + 0.5;
      const xs: number[] = [];
      points.forEach(([x1, y1], i) => {
        const [x2, y2] = points[(i + 1) % points.length]!;
        if (y1 <= cy !== y2 <= cy) xs.push(x1 + ((cy - y1) / (y2 - y1)) * (x2 - x1));
      });
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) this.span(y, xs[i]!, xs[i + 1]!, color);
    }
  }

  fillCircle(cx: number, cy: number, r: number, color: Rgb): void {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y += 1) {
      const dy = y + 0.5 - cy;
      if (Math.abs(dy) > r) continue;
      const half = Math.sqrt(r * r - dy * dy);
      this.span(y, cx - half, cx + half, color);
    }
  }

  png(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y += 1) {
      raw[y * (this.width * 3 + 1)] = 0;
      raw.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), y * (this.width * 3 + 1) + 1);
    }
    return encodePng(this.width, this.height, raw);
  }
}

// Street scenes (boxes)

const STREET = { width: 960, height: 640 };
const CAR_COLORS: Rgb[] = [[201, 42, 42], [25, 113, 194], [240, 140, 0], [73, 80, 87], [230, 230, 230]];

function house(c: SampleCanvas, x: number, base: number, rand: () => number): Thing {
  const width = 120 + round(rand() * 60);
  const wall = 80 + round(rand() * 30);
  const roof = 45 + round(rand() * 20);
  const wallColor: Rgb = [[233, 201, 160], [206, 212, 218], [255, 236, 153]][Math.floor(rand() * 3)] as Rgb;
  c.fillRect(x, base - wall, width, wall, wallColor);
  c.fillPolygon([[x - 10, base - wall], [x + width / 2, base - wall - roof], [x + width + 10, base - wall]], [134, 46, 36]);
  c.fillRect(x + width / 2 - 12, base - 44, 24, 44, [92, 58, 33]);
  c.fillRect(x + 16, base - wall + 18, 26, 22, [165, 216, 255]);
  c.fillRect(x + width - 42, base - wall + 18, 26, 22, [165, 216, 255]);
  return { label: 'house', box: { x: x - 10, y: base - wall - roof, width: width + 20, height: wall + roof } };
}

function tree(c: SampleCanvas, x: number, base: number, rand: () => number): Thing {
  const r = 26 + round(rand() * 22);
  const trunk = 30 + round(rand() * 25);
  c.fillRect(x - 6, base - trunk, 12, trunk, [102, 66, 40]);
  c.fillCircle(x, base - trunk - r + 8, r, [47, 125, 50]);
  c.fillCircle(x - r * 0.45, base - trunk - r * 0.4, r * 0.6, [55, 140, 60]);
  return { label: 'tree', box: { x: x - r, y: base - trunk - 2 * r + 8, width: 2 * r, height: trunk + 2 * r - 8 } };
}

function car(c: SampleCanvas, x: number, base: number, rand: () => number): Thing {
  const width = 110 + round(rand() * 40);
  const body = 30 + round(rand() * 8);
  const color = CAR_COLORS[Math.floor(rand() * CAR_COLORS.length)]!;
  const top = base - 12 - body - 26;
  c.fillPolygon([[x + width * 0.22, base - 12 - body], [x + width * 0.32, top], [x + width * 0.7, top], [x + width * 0.82, base - 12 - body]], color);
  c.fillPolygon([[x + width * 0.3, base - 14 - body], [x + width * 0.36, top + 5], [x + width * 0.66, top + 5], [x + width * 0.74, base - 14 - body]], [190, 225, 250]);
  c.fillRect(x, base - 12 - body, width, body, color);
  c.fillCircle(x + width * 0.22, base - 12, 13, [33, 37, 41]);
  c.fillCircle(x + width * 0.78, base - 12, 13, [33, 37, 41]);
  return { label: 'car', box: { x, y: top, width, height: base + 1 - top } };
}

function sign(c: SampleCanvas, x: number, base: number): Thing {
  c.fillRect(x - 3, base - 110, 6, 110, [134, 142, 150]);
  const r = 22;
  const cy = base - 110 - r + 4;
  const octagon: Point[] = Array.from({ length: 8 }, (_, i) => [x + r * Math.cos(Math.PI / 8 + (i * Math.PI) / 4), cy + r * Math.sin(Math.PI / 8 + (i * Math.PI) / 4)]);
  c.fillPolygon(octagon, [224, 49, 49]);
  c.fillRect(x - 12, cy - 3, 24, 6, [255, 255, 255]);
  return { label: 'sign', box: { x: x - r, y: cy - r, width: 2 * r, height: base - (cy - r) } };
}

function streetScene(seed: number): { png: Buffer; things: Thing[] } {
  const rand = seededRandom(seed);
  const { width, height } = STREET;
  const c = new SampleCanvas(width, height);
  const horizon = round(height * 0.42);
  c.fillGradient(0, horizon, [120, 180, 235], [205, 230, 250]);
  c.fillNoisy(0, horizon, width, height - horizon, [118, 170, 82], 10, rand);
  const roadTop = round(height * 0.64);
  const roadBottom = round(height * 0.86);
  c.fillRect(0, roadTop, width, roadBottom - roadTop, [96, 100, 106]);
  for (let x = 20; x < width; x += 80) c.fillRect(x, round((roadTop + roadBottom) / 2) - 3, 40, 6, [240, 240, 240]);
  const things: Thing[] = [];
  // One object per slot of each band, so objects never pile onto each other.
  const houses = 2;
  for (let i = 0; i < houses; i += 1) things.push(house(c, 60 + i * 460 + round(rand() * 180), horizon + 30, rand));
  for (let i = 0; i < 3; i += 1) things.push(tree(c, 110 + i * 320 + round(rand() * 120), roadTop - 8 - round(rand() * 30), rand));
  const cars = 2 + Math.floor(rand() * 2);
  for (let i = 0; i < cars; i += 1) things.push(car(c, 30 + i * (width / cars) + round(rand() * 80), roadTop + 55 + round(rand() * 60), rand));
  things.push(sign(c, 40 + round(rand() * (width - 80)), roadBottom + 60));
  return { png: c.png(), things };
}

/** The truth, as a detector would miss it: each edge off by a few pixels, clamped to the image. */
function jitter(box: Box, amount: number, rand: () => number): Box {
  const d = () => round((rand() * 2 - 1) * amount);
  const x = Math.max(0, box.x + d());
  const y = Math.max(0, box.y + d());
  const right = Math.min(STREET.width, box.x + box.width + d());
  const bottom = Math.min(STREET.height, box.y + box.height + d());
  return { x, y, width: right - x, height: bottom - y };
}

function streetPredictions(things: Thing[], rand: () => number): unknown[] {
  const missed = Math.floor(rand() * things.length);
  const confident = things.flatMap((t, i) => (i === missed ? [] : [{ id: `d${i + 1}`, ...jitter(t.box, 6, rand), label: t.label }]));
  const falseAlarm = { id: 'lc1', x: 200 + round(rand() * 500), y: 30 + round(rand() * 80), width: 60, height: 40, label: 'sign' };
  const unsure = { id: 'lc2', ...jitter(things[missed]!.box, 14, rand), label: things[missed]!.label };
  return [
    { model: 'street-detector', modelVersion: '3.2', score: 0.87, result: [{ kind: 'boxes', controlId: 'objects', boxes: confident }] },
    { model: 'street-detector', modelVersion: '3.2', score: 0.34, result: [{ kind: 'boxes', controlId: 'objects', boxes: [falseAlarm, unsure] }] },
  ];
}

// Aerial views (polygons)

const AERIAL = { width: 800, height: 560 };

function blob(cx: number, cy: number, r: number, n: number, rand: () => number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (i / n) * Math.PI * 2;
    const rr = r * (0.75 + rand() * 0.4);
    return [round(cx + rr * Math.cos(a)), round(cy + rr * Math.sin(a) * 0.8)] as Point;
  });
}

function rotatedRect(cx: number, cy: number, w: number, h: number, angle: number): Point[] {
  const corners: Point[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return corners.map(([x, y]) => [round(cx + x * Math.cos(angle) - y * Math.sin(angle)), round(cy + x * Math.sin(angle) + y * Math.cos(angle))]);
}

function aerialScene(seed: number): { png: Buffer; outlines: Outline[] } {
  const rand = seededRandom(seed);
  const c = new SampleCanvas(AERIAL.width, AERIAL.height);
  c.fillNoisy(0, 0, AERIAL.width, AERIAL.height, [196, 181, 140], 12, rand);
  const outlines: Outline[] = [];
  const field: Point[] = [[40 + round(rand() * 40), 40], [360, 30 + round(rand() * 30)], [340 + round(rand() * 40), 250], [30, 260 + round(rand() * 20)]];
  c.fillPolygon(field, [120, 170, 80]);
  outlines.push({ label: 'field', points: field });
  const lake = blob(560 + round(rand() * 80), 170 + round(rand() * 40), 90 + rand() * 30, 12, rand);
  c.fillPolygon(lake, [66, 133, 196]);
  outlines.push({ label: 'lake', points: lake });
  for (let i = 0; i < 3; i += 1) {
    const roof = rotatedRect(120 + i * 230 + round(rand() * 60), 400 + round(rand() * 60), 90 + rand() * 40, 55 + rand() * 20, (rand() - 0.5) * 0.9);
    c.fillPolygon(roof, [[160, 62, 50], [110, 110, 120], [150, 80, 60]][i] as Rgb);
    outlines.push({ label: 'roof', points: roof });
  }
  return { png: c.png(), outlines };
}

/** A segmenter's coarse outline: blobs lose every other vertex, and every vertex moves a little. */
function coarse(outline: Outline, rand: () => number): Point[] {
  const kept = outline.points.length > 6 ? outline.points.filter((_, i) => i % 2 === 0) : outline.points;
  return kept.map(([x, y]) => [Math.max(0, Math.min(AERIAL.width, x + round((rand() * 2 - 1) * 5))), Math.max(0, Math.min(AERIAL.height, y + round((rand() * 2 - 1) * 5)))]);
}

// Output

function writeTasks(dir: string, lines: unknown[]): void {
  writeFileSync(join(dir, 'tasks.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const objects = join(SOURCES, 'objects');
  mkdirSync(join(objects, 'assets'), { recursive: true });
  const streetTasks: unknown[] = [];
  for (let i = 0; i < 8; i += 1) {
    const id = `street-${String(i + 1).padStart(2, '0')}`;
    const rand = seededRandom(7000 + i);
    const { png, things } = streetScene(3000 + i);
    writeFileSync(join(objects, 'assets', `${id}.png`), png);
    // Two scenes come without predictions: drawn from scratch.
    streetTasks.push({ id, data: { image: `assets/${id}.png` }, ...(i % 4 === 3 ? {} : { predictions: streetPredictions(things, rand) }) });
  }
  writeTasks(objects, streetTasks);

  const outlinesDir = join(SOURCES, 'outlines');
  mkdirSync(join(outlinesDir, 'assets'), { recursive: true });
  const aerialTasks: unknown[] = [];
  for (let i = 0; i < 6; i += 1) {
    const id = `aerial-${String(i + 1).padStart(2, '0')}`;
    const rand = seededRandom(9000 + i);
    const { png, outlines } = aerialScene(5000 + i);
    writeFileSync(join(outlinesDir, 'assets', `${id}.png`), png);
    const polygons = outlines.slice(0, -1).map((o, k) => ({ id: `s${k + 1}`, points: coarse(o, rand), label: o.label }));
    const score = i === 2 ? 0.41 : 0.81;
    aerialTasks.push({ id, data: { image: `assets/${id}.png` }, ...(i % 3 === 1 ? {} : { predictions: [{ model: 'outline-net', modelVersion: '1.4', score, result: [{ kind: 'polygons', controlId: 'outlines', polygons }] }] }) });
  }
  writeTasks(outlinesDir, aerialTasks);
  console.log(`wrote ${streetTasks.length} street scenes to ${objects} and ${aerialTasks.length} aerial views to ${outlinesDir}`);
}

