/**
 * What the COCO reader keeps for the writer, and the small helpers both sides use.
 *
 * A region read from a COCO annotation carries `extras.coco` (CocoExtras): the annotation record
 * as the file gave it (every field, known or not: `attributes`, `isbbox`, `iscrowd: "false"`,
 * `score` …; only a polygon's `segmentation` is null, since the region's points are it), a
 * fingerprint of the geometry as read, so the writer can tell an untouched region (written back
 * as given: `area` and `bbox` unchanged) from an edited one (new `bbox`, `area`, `segmentation`),
 * and for a polygon the part of a multi-part outline it was.
 *
 * A task carries `meta.coco` (CocoTaskMeta): the image record as given (or, for a results list,
 * the image id), and on the file's first task the file's own top-level fields (info, licenses,
 * categories with supercategory, color …), in the file's key order. Labels have no place for a
 * category's fields, so the first task holds them for the whole file.
 */
import { createHash } from 'node:crypto';
import type { Point } from './shapes';

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isKey = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The region's `extras.coco`. */
export interface CocoExtras {
  /** The annotation (or detection) as the file gave it; a polygon's `segmentation` is null (the region's points are it). */
  annotation: JsonRecord;
  /** Fingerprint of the geometry as read (shapeFingerprint). */
  shape: string;
  /** The annotation's place in the file (its index in `annotations`, or in a results list), so the writer keeps the file's order. */
  position: number;
  /** A polygon from a segmentation of `count` parts: this is part `index` (the parts share `position`). */
  part?: { index: number; count: number };
}

export interface CocoDatasetMeta {
  /** The file's top-level fields in its order; `images` and `annotations` are null placeholders (their place in the order). */
  fields: JsonRecord;
  /** The categories as given (all their fields), in file order. */
  categories: JsonRecord[];
}

export interface CocoTaskMeta {
  /** A dataset's image record as given (id, file_name, width, height, license, coco_url, …). */
  image?: JsonRecord;
  /** `results` when the task came from a results list (a JSON array of detections). */
  layout?: 'results';
  /** A results list's image_id. */
  imageId?: string | number;
  /** On the file's first task only. */
  dataset?: CocoDatasetMeta;
}

/**
 * An image record field Loupe writes for an answered-empty task, so that its reader reads the
 * image back as "nothing here" rather than as not yet labelled (COCO itself cannot tell the two
 * apart; other tools ignore the field). It is not kept in meta: it follows the answer.
 */
export const NOTHING_HERE_FIELD = 'loupe_none';

export function cocoExtrasOf(extras: Record<string, unknown> | undefined): CocoExtras | null {
  const coco = extras?.coco;
  return isRecord(coco) && isRecord(coco.annotation) && typeof coco.shape === 'string' ? (coco as unknown as CocoExtras) : null;
}

export function cocoMetaOf(meta: Record<string, unknown> | undefined): CocoTaskMeta {
  const coco = meta?.coco;
  return isRecord(coco) ? (coco as CocoTaskMeta) : {};
}

/** A short fingerprint of coordinates, to tell later whether a region was moved. */
export function shapeFingerprint(coordinates: readonly number[]): string {
  return createHash('sha1').update(JSON.stringify(coordinates)).digest('hex').slice(0, 16);
}

export const boxCoordinates = (b: { x: number; y: number; width: number; height: number }): number[] => [b.x, b.y, b.width, b.height];
export const pointCoordinates = (points: readonly Point[]): number[] => points.flat();

/**
 * A number Loupe computes (a bbox from points, an area, a corner x + width) without float noise:
 * to 1e-6 px, which no image tool resolves, and never -0 (`x = -0.0000075` becomes 0).
 */
export function clean(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}

/**
 * The box as the 4-point polygon COCO tools rasterise (pycocotools' annToMask cannot draw
 * `segmentation: []`), in the order pycocotools' own loadRes makes it from a bbox: down the left
 * edge first, [x1, y1, x1, y2, x2, y2, x2, y1]. The reader takes exactly this polygon (equal to
 * the bbox) for a box; a rectangle a person drew as a polygon is read as one unless its points
 * happen to run in this order from the top-left corner.
 */
export function boxPolygon(x: number, y: number, width: number, height: number): number[] {
  const [x1, y1, x2, y2] = [clean(x), clean(y), clean(x + width), clean(y + height)];
  return [x1, y1, x1, y2, x2, y2, x2, y1];
}

/** Whether a flat polygon is exactly the box polygon Loupe writes for this bbox (so it reads back as a box). */
export function isBoxPolygon(flat: readonly number[], bbox: readonly number[]): boolean {
  if (flat.length !== 8 || bbox.length !== 4) return false;
  const expected = boxPolygon(bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!);
  // 2e-6: the corners are rounded to 1e-6 from x + width, as the writer rounds them.
  return expected.every((v, i) => Math.abs(v - flat[i]!) <= 2e-6);
}

export const isBbox = (value: unknown): value is [number, number, number, number] =>
  Array.isArray(value) && value.length === 4 && value.every(isNumber) && (value[2] as number) >= 0 && (value[3] as number) >= 0;

/** The name a label gets for a category (ShapeLabels trims names; an empty one takes the label id). */
export const labelNameOf = (name: string): string => name.trim();
