/**
 * YOLO label files, line by line: `class cx cy w h` (a box by its center and size) or
 * `class x1 y1 x2 y2 …` (an Ultralytics segmentation polygon), every number a fraction of the
 * image's width or height. `yolo predict --save-conf` adds a confidence after the geometry, which
 * makes a box line 5 numbers and a polygon line an odd count: that last number is kept.
 *
 * Each region keeps the number tokens it was read from (`extras.yolo.values`) and its line, so an
 * unchanged region is written back exactly as the file gave it (`0.498437`, not `0.49843700`
 * recomputed through pixels) and in its place among the others; a moved one is written from its
 * new pixel geometry, rounded to 1e-8 of the image (well under a hundredth of a pixel), with no
 * trailing zeros.
 */
import { LoupeError } from '../../../../shared/errors';
import { decimal, type PixelBox, type Point } from './shapes';

/** Units a hair outside 0–1 come from float rounding in other tools; anything beyond is pixels written by mistake. */
const UNIT_SLACK = 1e-6;
const DIGITS = 8;

export interface LabelLine {
  classIndex: number;
  /** The geometry's number tokens as written. */
  values: string[];
  /** A confidence written after the geometry, as written. */
  confidence?: string;
}

/** What a region carries in `extras.yolo`: its tokens and line (0-based), and a confidence. */
export interface YoloExtras {
  values: string[];
  line: number;
  confidence?: string;
}

/** One line of a label file, refusing anything that is not YOLO with its file and line. */
export function parseLabelLine(text: string, classes: number, where: { file: string; line: number }): LabelLine {
  const [classToken = '', ...rest] = text.trim().split(/\s+/);
  // Some exporters write the class as a float ("0.0"); a fraction is no class.
  if (!/^\d+(\.0+)?$/.test(classToken)) throw new LoupeError('invalid-input', `starts with "${classToken}", not a class index (a whole number)`, where);
  const classIndex = Number(classToken);
  if (classIndex >= classes) {
    throw new LoupeError('invalid-input', `class index ${classIndex} is out of range: the class list names ${classes} class${classes === 1 ? '' : 'es'} (0–${classes - 1})`, where);
  }
  const bad = rest.find((t) => !Number.isFinite(Number(t)));
  if (bad !== undefined) throw new LoupeError('invalid-input', `"${bad}" is not a number`, where);
  const n = rest.length;
  const withConfidence = n === 5 || (n >= 7 && n % 2 === 1);
  if (!(n === 4 || n === 5 || n >= 6)) {
    throw new LoupeError('invalid-input', `has ${n} numbers after the class; a box has 4 (cx cy w h) and a polygon at least 3 x y pairs`, where);
  }
  const values = withConfidence ? rest.slice(0, -1) : rest;
  if (values.some((t) => Number(t) < -UNIT_SLACK || Number(t) > 1 + UNIT_SLACK)) {
    throw new LoupeError('invalid-input', 'has a value outside 0–1; YOLO coordinates are fractions of the image size, not pixels', where);
  }
  return { classIndex, values, ...(withConfidence ? { confidence: rest[n - 1]! } : {}) };
}

export const isBoxLine = (line: { values: readonly unknown[] }): boolean => line.values.length === 4;

export function boxFromValues(values: readonly string[], width: number, height: number): PixelBox {
  const [cx, cy, w, h] = values.map(Number) as [number, number, number, number];
  return { x: (cx - w / 2) * width, y: (cy - h / 2) * height, width: w * width, height: h * height };
}

export function pointsFromValues(values: readonly string[], width: number, height: number): Point[] {
  const points: Point[] = [];
  for (let k = 0; k + 1 < values.length; k += 2) points.push([Number(values[k]) * width, Number(values[k + 1]) * height]);
  return points;
}

/** Equal up to float noise of the pixel conversion (the project stores what was read, so this is exact in practice). */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const unit = (v: number) => decimal(v, DIGITS);

/** A box's number tokens: the ones it was read from when it has not moved, else new ones. */
export function boxValues(box: PixelBox, width: number, height: number, kept: YoloExtras | undefined): string[] {
  if (kept && kept.values.length === 4) {
    const was = boxFromValues(kept.values, width, height);
    if (same(was.x, box.x) && same(was.y, box.y) && same(was.width, box.width) && same(was.height, box.height)) return kept.values;
  }
  return [unit((box.x + box.width / 2) / width), unit((box.y + box.height / 2) / height), unit(box.width / width), unit(box.height / height)];
}

/** A polygon's number tokens: the ones it was read from when no point has moved, else new ones. */
export function polygonValues(points: readonly Point[], width: number, height: number, kept: YoloExtras | undefined): string[] {
  if (kept && kept.values.length === points.length * 2) {
    const was = pointsFromValues(kept.values, width, height);
    if (was.every(([x, y], i) => same(x, points[i]![0]) && same(y, points[i]![1]))) return kept.values;
  }
  return points.flatMap(([x, y]) => [unit(x / width), unit(y / height)]);
}

/** `extras.yolo` of a region as written by the reader, or undefined for a region drawn in Loupe. */
export function yoloExtrasOf(extras: Record<string, Record<string, unknown>> | undefined): YoloExtras | undefined {
  const y = extras?.yolo;
  if (!y || !Array.isArray(y.values) || !y.values.every((v) => typeof v === 'string')) return undefined;
  return { values: y.values as string[], line: typeof y.line === 'number' ? y.line : Number.MAX_SAFE_INTEGER, ...(typeof y.confidence === 'string' ? { confidence: y.confidence } : {}) };
}

/** How a label file ends its lines, so one written on Windows comes back with CRLF. */
export interface LineStyle {
  eol: '\n' | '\r\n';
  /** Whether the last line ends with a line break (Roboflow's files do not). */
  finalNewline: boolean;
}

export function lineStyleOf(text: string): LineStyle {
  return { eol: text.includes('\r\n') ? '\r\n' : '\n', finalNewline: text === '' || /\n$/.test(text) };
}

export function joinLines(lines: readonly string[], style: LineStyle): string {
  if (lines.length === 0) return '';
  return lines.join(style.eol) + (style.finalNewline ? style.eol : '');
}
