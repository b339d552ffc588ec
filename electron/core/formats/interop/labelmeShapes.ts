/**
 * labelme shapes ⇄ Loupe regions, and what a labelme file keeps in a task so its exporter can
 * write the file back as it came (labelme.ts reads, labelmeWriter.ts writes).
 *
 * labelme (3.x–5.x) writes one JSON per image: `{version, flags, shapes, imagePath, imageData,
 * imageHeight, imageWidth}`, each shape `{label, points, group_id, description?, shape_type,
 * flags, mask?}`. Loupe edits two of its shape types: `polygon` (a polygons region) and `rectangle`
 * (two opposite corners in the order they were drawn: a boxes region). Everything else a shape
 * has — group_id, description, flags, shape_type, keys other tools add — rides along in the
 * region's `extras.labelme`, with the shape's place in the file and, for rectangles, the corners
 * as given, so an untouched rectangle is written back with the very same numbers in the same
 * corner order. The shapes Loupe cannot edit (circle, line, linestrip, point, points, mask, and
 * types other tools invent) are kept whole in `task.meta.labelme.kept` with their place, and
 * written back unchanged among the others.
 */
import { LoupeError } from '../../../../shared/errors';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import { IdScope } from './naming';
import { polygonBounds, type PixelBox, type Point, type ShapeLabels } from './shapes';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isRecord = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The order labelme itself writes a shape's keys in (LabelFile.save / format_shape); other keys follow in their own order. */
const SHAPE_KEYS = ['label', 'points', 'group_id', 'description', 'shape_type', 'flags', 'mask'] as const;

/** A shape with its keys in labelme's order, values untouched. */
export function orderedShape(shape: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of SHAPE_KEYS) if (key in shape) out[key] = shape[key]!;
  for (const [key, value] of Object.entries(shape)) if (!(key in out)) out[key] = value;
  return out;
}

/** What a task from a labelme file keeps of it under `task.meta.labelme`. */
export interface LabelmeMeta {
  /** The JSON file, relative to what was imported (for messages). */
  file: string;
  /** The top-level fields as the file gave them (absent when it had none). */
  version?: Json;
  flags?: Json;
  imagePath?: Json;
  imageHeight?: Json;
  imageWidth?: Json;
  /** The image was embedded as base64 in `imageData`; the export embeds it again. */
  embedded: boolean;
  /** Shapes Loupe does not edit, whole, with their index among the file's shapes. */
  kept: { order: number; shape: JsonObject }[];
  /** Top-level keys labelme does not write (other tools' additions), in file order. */
  other: JsonObject;
}

/** What a polygon or box region keeps of its shape under `extras.labelme`. */
export interface RegionExtras {
  /** Index among the file's shapes, so the export puts it back in its place. */
  order: number;
  /** Every key of the shape but label and points, as given. */
  fields: JsonObject;
  /** The label exactly as the file spelled it, where Loupe's label name differs (blank, spaces around). */
  label?: { raw: string; as: string };
  /** A rectangle's points as given (corner order, and numbers the box arithmetic would round). */
  points?: Json;
}

const numberPair = (p: unknown): p is Point => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/** A shape's points as pairs of numbers, or null when they are not that. */
function pointsOf(shape: JsonObject): Point[] | null {
  const points = shape.points;
  return Array.isArray(points) && points.every(numberPair) ? (points as Point[]) : null;
}

/** The x, y, width, height box of a rectangle's corners (given in any order). */
export function boxOfCorners(points: readonly Point[]): PixelBox {
  return polygonBounds(points);
}

/**
 * One image's shapes as a Loupe answer (polygons and boxes) plus the shapes kept whole; labels
 * are added to `labels` for every shape, editable or not, so a person can draw more of them.
 */
export class ShapeReader {
  readonly kept: { order: number; shape: JsonObject }[] = [];
  private readonly boxes: Extract<ControlResult, { kind: 'boxes' }>['boxes'] = [];
  private readonly polygons: Extract<ControlResult, { kind: 'polygons' }>['polygons'] = [];
  private readonly boxIds = new IdScope('b');
  private readonly polygonIds = new IdScope('p');

  /** `keptTypes` counts the shapes kept but not shown, by type, for the import's one warning. */
  constructor(
    private readonly labels: ShapeLabels,
    private readonly keptTypes: Map<string, number>,
    private readonly file: string,
  ) {}

  add(raw: unknown, order: number): void {
    const field = `shapes[${order}]`;
    if (!isRecord(raw)) throw new LoupeError('invalid-input', 'a shape must be a JSON object', { file: this.file, field });
    if (typeof raw.label !== 'string') throw new LoupeError('invalid-input', 'a shape needs a label (a string)', { file: this.file, field: `${field}.label` });
    const labelId = this.labels.idFor(raw.label);
    // labelme reads a shape without shape_type as a polygon (3.x files have none).
    const type = raw.shape_type === undefined || raw.shape_type === null ? 'polygon' : String(raw.shape_type);
    const points = pointsOf(raw);
    const editable = points !== null && ((type === 'polygon' && points.length >= 3) || (type === 'rectangle' && points.length >= 2));
    if (!editable) {
      const why = type === 'polygon' || type === 'rectangle' ? `${type} (too few points)` : type;
      this.keptTypes.set(why, (this.keptTypes.get(why) ?? 0) + 1);
      this.kept.push({ order, shape: raw });
      return;
    }
    const { label: rawLabel, points: rawPoints, ...fields } = raw;
    // The name ShapeLabels gives a label (its name trimmed, else its id).
    const name = rawLabel.trim() || labelId;
    const extras: RegionExtras = { order, fields, ...(name !== rawLabel ? { label: { raw: rawLabel, as: name } } : {}) };
    if (type === 'polygon') {
      this.labels.use('polygons');
      this.polygons.push({ id: this.polygonIds.next(), points: points.map(([x, y]) => [x, y]), label: labelId, extras: { labelme: extras as unknown as JsonObject } });
    } else {
      this.labels.use('boxes');
      this.boxes.push({ id: this.boxIds.next(), ...boxOfCorners(points), label: labelId, extras: { labelme: { ...extras, points: rawPoints } as unknown as JsonObject } });
    }
  }

  /** Whether the image has a region Loupe shows. */
  get editable(): number {
    return this.boxes.length + this.polygons.length;
  }

  answer(): Answer {
    const answer: Answer = [];
    if (this.boxes.length) answer.push({ kind: 'boxes', controlId: 'boxes', boxes: this.boxes });
    if (this.polygons.length) answer.push({ kind: 'polygons', controlId: 'polygons', polygons: this.polygons });
    return answer;
  }
}

/** A computed coordinate without binary noise (x + width can give 10.299999999999999). */
function clean(value: number): number {
  const rounded = Number(value.toPrecision(15));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** [major, minor] of a labelme version string, or null. */
function versionOf(version: Json | undefined): [number, number] | null {
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)/.exec(version) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The keys labelme of that version writes for a new shape (description from 5.2, mask from 5.3). */
export function newShapeFields(version: Json | undefined, shapeType: 'polygon' | 'rectangle'): JsonObject {
  const [major, minor] = versionOf(version) ?? [5, 2];
  const at = (a: number, b: number) => major > a || (major === a && minor >= b);
  return { group_id: null, ...(at(5, 2) ? { description: '' } : {}), shape_type: shapeType, flags: {}, ...(at(5, 3) ? { mask: null } : {}) };
}

export interface RegionIn {
  kind: 'boxes' | 'polygons';
  labelName: string;
  points?: Point[];
  box?: PixelBox;
  extras: RegionExtras | null;
}

/** The label as the shape writes it: as the file spelled it when the region still has that label. */
function labelFor(region: RegionIn): string {
  const kept = region.extras?.label;
  return kept && kept.as === region.labelName ? kept.raw : region.labelName;
}

/** A rectangle's two corners: as given when the box is unchanged, else in the corner order it was drawn. */
function rectanglePoints(box: PixelBox, given: Json | undefined): Json {
  const original = Array.isArray(given) && given.every(numberPair) ? (given as Point[]) : null;
  if (original && original.length >= 2) {
    const was = boxOfCorners(original);
    if (was.x === box.x && was.y === box.y && was.width === box.width && was.height === box.height) return given!;
  }
  const [a, b] = original && original.length === 2 ? original : [[0, 0], [1, 1]];
  const flipX = a[0] > b[0];
  const flipY = a[1] > b[1];
  const [x1, x2] = [box.x, clean(box.x + box.width)];
  const [y1, y2] = [box.y, clean(box.y + box.height)];
  return [
    [flipX ? x2 : x1, flipY ? y2 : y1],
    [flipX ? x1 : x2, flipY ? y1 : y2],
  ];
}

/** A Loupe region as a labelme shape, keeping what its extras say it had. */
export function shapeOfRegion(region: RegionIn, version: Json | undefined): JsonObject {
  const type = region.kind === 'boxes' ? 'rectangle' : 'polygon';
  const fields = region.extras?.fields ?? newShapeFields(version, type);
  const points = region.kind === 'boxes' ? rectanglePoints(region.box!, region.extras?.points) : (region.points!.map(([x, y]) => [x, y]) as Json);
  return orderedShape({ label: labelFor(region), points, ...fields });
}

/** The region extras a labelme reader left, or null for a region drawn in Loupe (or from another format). */
export function regionExtras(extras: Record<string, unknown> | undefined): RegionExtras | null {
  const mine = extras?.labelme;
  if (!isRecord(mine) || typeof mine.order !== 'number' || !isRecord(mine.fields)) return null;
  const label = isRecord(mine.label) && typeof mine.label.raw === 'string' && typeof mine.label.as === 'string' ? { raw: mine.label.raw, as: mine.label.as } : undefined;
  return { order: mine.order, fields: mine.fields, ...(label ? { label } : {}), ...('points' in mine ? { points: mine.points! } : {}) };
}
