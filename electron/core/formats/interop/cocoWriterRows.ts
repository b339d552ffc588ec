/**
 * What both COCO writers (dataset and results list) need from the project's rows: the categories
 * (the file's own, with their ids and fields, matched to the config's labels by name and place;
 * new labels get the next free id), each row's regions with their `extras.coco`, the records an
 * annotation is written as (as given when untouched; otherwise with a new bbox, area and
 * segmentation), and ids that stay as the file gave them wherever they are still unique.
 */
import type { Answer, Task } from '../../../../shared/pack/task';
import {
  boxCoordinates, boxPolygon, clean, cocoExtrasOf, isBoxPolygon, isKey, isRecord, labelNameOf, pointCoordinates, shapeFingerprint,
  type CocoDatasetMeta, type CocoExtras, type JsonRecord,
} from './cocoShared';
import type { Notes } from './notes';
import { polygonArea, polygonBounds, type Point, type ShapeClasses } from './shapes';
import type { ExportInput, FinalRow } from './types';

export interface CocoCategories {
  /** Category records in class order (class index i is records[i]). */
  records: JsonRecord[];
  idOf: (classIndex: number) => string | number;
}

/** The categories to write: the file's own where a label still has their name, new ones after them. */
export function cocoCategories(shape: ShapeClasses, dataset: CocoDatasetMeta | null, notes: Notes): CocoCategories {
  const kept = dataset?.categories ?? [];
  const taken = new Set<number>();
  let next = Math.max(0, ...kept.map((c) => (typeof c.id === 'number' ? c.id : Number.NaN)).filter(Number.isFinite)) + 1;
  const records = shape.classes.map((cls, i) => {
    const same = (j: number) => !taken.has(j) && typeof kept[j]?.name === 'string' && labelNameOf(kept[j]!.name as string) === cls.name;
    const j = same(i) ? i : kept.findIndex((_, k) => same(k));
    if (j >= 0) {
      taken.add(j);
      return kept[j]!;
    }
    return { id: next++, name: cls.name, supercategory: '' };
  });
  kept.forEach((c, j) => {
    if (!taken.has(j)) notes.add('categories of the source file that are no longer labels of the project are not written', `category ${String(c.id)} "${String(c.name)}"`);
  });
  return { records, idOf: (i) => records[i]!.id as string | number };
}

export interface RegionOut {
  kind: 'box' | 'polygon';
  classIndex: number;
  points: Point[];
  box: { x: number; y: number; width: number; height: number };
  extras: CocoExtras | null;
  /** The geometry is the one read (the fingerprint matches). */
  unchanged: boolean;
}

/** The boxes and polygons of an answer, by class index; other kinds are noted (not written). */
export function regionsOf(answer: Answer, task: Task, shape: ShapeClasses, shapeControls: ReadonlySet<string>, notes: Notes | null): RegionOut[] {
  const regions: RegionOut[] = [];
  const classOf = (label: string) => shape.indexOf.get(label);
  for (const result of answer) {
    if (result.kind === 'boxes' && shapeControls.has(result.controlId)) {
      for (const b of result.boxes) {
        const classIndex = classOf(b.label);
        if (classIndex === undefined) continue;
        const extras = cocoExtrasOf(b.extras);
        const box = { x: b.x, y: b.y, width: b.width, height: b.height };
        regions.push({ kind: 'box', classIndex, points: [], box, extras, unchanged: extras?.shape === shapeFingerprint(boxCoordinates(box)) });
      }
    } else if (result.kind === 'polygons' && shapeControls.has(result.controlId)) {
      for (const p of result.polygons) {
        const classIndex = classOf(p.label);
        if (classIndex === undefined) continue;
        const extras = cocoExtrasOf(p.extras);
        regions.push({ kind: 'polygon', classIndex, points: p.points, box: polygonBounds(p.points), extras, unchanged: extras?.shape === shapeFingerprint(pointCoordinates(p.points)) });
      }
    } else {
      notes?.add(`${result.kind} answers are not written: COCO holds boxes and polygons only`, `task ${task.id}`);
    }
  }
  return regions;
}

/** The controls whose results are regions COCO holds. */
export const shapeControlsOf = (input: ExportInput): Set<string> =>
  new Set(input.labelConfig.controls.filter((c) => c.kind === 'boxes' || c.kind === 'polygons').map((c) => c.id));

/** A segmentation that is only the box (empty, absent, or the box's own polygon): redrawing it loses nothing. */
function segmentationIsBox(annotation: JsonRecord): boolean {
  const s = annotation.segmentation;
  if (s === undefined || (Array.isArray(s) && s.length === 0)) return true;
  return Array.isArray(s) && s.length === 1 && Array.isArray(s[0]) && Array.isArray(annotation.bbox) && isBoxPolygon(s[0] as number[], annotation.bbox as number[]);
}

export interface AnnotationOut {
  /** The record (the caller sets its `id`); key order as the file gave it where it did. */
  record: JsonRecord;
  /** The id the file gave, to keep where still unique. */
  keptId: string | number | undefined;
}

/**
 * The annotation records of one row's regions. Polygons that were parts of one outline are one
 * annotation again (if a part was relabelled, its own). `boxSegmentation`: write a box's
 * segmentation as its 4-point polygon (datasets, so pycocotools can draw every annotation), or
 * leave a box without one (results lists: pycocotools' loadRes makes it from the bbox).
 */
export function annotationRecords(regions: RegionOut[], fields: { image_id: string | number; categoryOf: (i: number) => string | number }, notes: Notes | null, boxSegmentation: boolean): AnnotationOut[] {
  const out: AnnotationOut[] = [];
  const groups = new Map<string, RegionOut[]>();
  // The file's order: read regions by their place in it, then new ones as the answer has them.
  const ordered = regions.map((r, i) => ({ r, i })).sort((a, b) => (a.r.extras?.position ?? Infinity) - (b.r.extras?.position ?? Infinity) || a.i - b.i).map(({ r }) => r);
  for (const region of ordered) {
    const part = region.kind === 'polygon' ? region.extras?.part : undefined;
    if (!part) {
      out.push(region.kind === 'box' ? boxRecord(region, fields, notes, boxSegmentation) : polygonRecord([region], fields));
      continue;
    }
    const key = `${region.extras!.position}:${region.classIndex}`;
    const group = groups.get(key);
    if (group) group.push(region);
    else {
      const fresh = [region];
      groups.set(key, fresh);
      // Placeholder in order; filled once every part of the group is seen.
      out.push({ record: { [GROUP]: key }, keptId: undefined });
    }
  }
  return out.map((entry) => {
    const key = entry.record[GROUP] as unknown;
    return typeof key === 'string' ? polygonRecord(groups.get(key)!, fields) : entry;
  });
}

const GROUP = '\u0000group';

/** Set a field, keeping its place when the record has it. */
function put(record: JsonRecord, key: string, value: unknown): void {
  record[key] = value;
}

function base(extras: CocoExtras | null, fields: { image_id: string | number }, category: string | number): JsonRecord {
  const record: JsonRecord = extras ? { ...extras.annotation } : { image_id: fields.image_id, category_id: category };
  put(record, 'image_id', fields.image_id);
  put(record, 'category_id', category);
  return record;
}

function boxRecord(region: RegionOut, fields: { image_id: string | number; categoryOf: (i: number) => string | number }, notes: Notes | null, boxSegmentation: boolean): AnnotationOut {
  const { extras } = region;
  const record = base(extras, fields, fields.categoryOf(region.classIndex));
  const keptId = extras && isKey(extras.annotation.id) ? extras.annotation.id : undefined;
  const { x, y, width, height } = region.box;
  if (extras && region.unchanged) {
    if (boxSegmentation && (extras.annotation.segmentation === undefined || (Array.isArray(extras.annotation.segmentation) && extras.annotation.segmentation.length === 0))) {
      notes?.add('box-only annotations (segmentation []) are written with their box as a 4-point polygon segmentation, so that COCO tools (pycocotools annToMask) can draw them; bbox and area stay as given');
      put(record, 'segmentation', [boxPolygon(x, y, width, height)]);
    }
    return { record, keptId };
  }
  if (extras && !segmentationIsBox(extras.annotation)) {
    notes?.add('edited boxes of masks or other segmentations are written as the new box: the mask no longer matched it', `annotation ${String(extras.annotation.id ?? '')}`.trim());
    if (record.iscrowd !== undefined) put(record, 'iscrowd', 0);
  }
  const bbox = [clean(x), clean(y), clean(width), clean(height)];
  if (!extras) {
    Object.assign(record, { bbox, area: clean(bbox[2]! * bbox[3]!), iscrowd: 0 });
  } else {
    put(record, 'bbox', bbox);
    if (boxSegmentation || record.area !== undefined) put(record, 'area', clean(bbox[2]! * bbox[3]!));
  }
  // From the bbox as written, so the reader finds the polygon equal to it (a box again).
  if (boxSegmentation) put(record, 'segmentation', [boxPolygon(bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!)]);
  else if (isRecord(record.segmentation) || (Array.isArray(record.segmentation) && record.segmentation.length > 0)) delete record.segmentation;
  return { record, keptId };
}

function polygonRecord(parts: RegionOut[], fields: { image_id: string | number; categoryOf: (i: number) => string | number }): AnnotationOut {
  const first = parts[0]!;
  const { extras } = first;
  const record = base(extras, fields, fields.categoryOf(first.classIndex));
  const keptId = extras && isKey(extras.annotation.id) ? extras.annotation.id : undefined;
  const sorted = [...parts].sort((a, b) => (a.extras?.part?.index ?? 0) - (b.extras?.part?.index ?? 0));
  const whole = extras?.part ? sorted.length === extras.part.count && sorted.every((p, i) => p.extras?.part?.index === i) : true;
  if (extras && whole && parts.every((p) => p.unchanged)) {
    // Untouched: the outline as read, bbox and area as the file gave them.
    const segmentation = sorted.map((p) => pointCoordinates(p.points));
    return { record: withSegmentation(record, segmentation), keptId };
  }
  const segmentation = sorted.map((p) => p.points.flatMap(([x, y]) => [clean(x), clean(y)]));
  const all = sorted.flatMap((p) => p.points);
  const b = polygonBounds(all);
  const bbox = [clean(b.x), clean(b.y), clean(b.width), clean(b.height)];
  const area = clean(sorted.reduce((sum, p) => sum + polygonArea(p.points), 0));
  if (!extras) return { record: { ...record, bbox, area, iscrowd: 0, segmentation }, keptId };
  put(record, 'bbox', bbox);
  put(record, 'area', area);
  return { record: withSegmentation(record, segmentation), keptId };
}

/** The segmentation in the place the file had it (the reader keeps a null there), else last. */
function withSegmentation(record: JsonRecord, segmentation: number[][]): JsonRecord {
  put(record, 'segmentation', segmentation);
  return record;
}

/** Annotation (or image) ids: the file's own while unique, else the next free number. */
export class IdKeeper {
  private readonly used = new Set<string>();
  private next: number;
  constructor(kept: Iterable<string | number>) {
    let max = 0;
    for (const id of kept) if (typeof id === 'number' && Number.isFinite(id)) max = Math.max(max, id);
    this.next = max + 1;
  }

  take(kept: string | number | undefined): string | number {
    if (kept !== undefined && !this.used.has(`${typeof kept}:${kept}`)) {
      this.used.add(`${typeof kept}:${kept}`);
      return kept;
    }
    while (this.used.has(`number:${this.next}`)) this.next += 1;
    this.used.add(`number:${this.next}`);
    return this.next++;
  }
}

/** The regions a results list writes for a row: the final answer's, else the task's predictions. */
export function resultRegionsSource(row: FinalRow): { answer: Answer; from: 'answer' | 'predictions' } | null {
  if (row.answer !== null) return { answer: row.answer, from: 'answer' };
  const predictions = row.task.predictions ?? [];
  if (predictions.length === 0) return null;
  return { answer: predictions.flatMap((p) => p.result), from: 'predictions' };
}

/** The record with its id, in the place the file had it (first for a new annotation). */
export function withId(record: JsonRecord, id: string | number): JsonRecord {
  return 'id' in record ? { ...record, id } : { id, ...record };
}
