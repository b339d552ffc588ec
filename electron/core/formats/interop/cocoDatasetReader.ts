/**
 * Reading a COCO dataset (a JSON object with `images`, `categories` and `annotations`) into tasks.
 *
 * - Each image is a task named by the image's own file name; its record is kept as given in
 *   `meta.coco.image` (license, coco_url, date_captured, COCO Annotator's metadata, events …).
 *   An image not on disk keeps its task, with the width and height the file gave (missingImages).
 * - An image with no annotation is a task with no annotation: COCO cannot say whether nobody
 *   labelled it or someone found nothing in it. Loupe's own export marks the second case
 *   (NOTHING_HERE_FIELD), which reads back as "nothing here".
 * - Polygon segmentations become polygons (one per part of a multi-part outline); an annotation
 *   with `segmentation: []` or none becomes its box; a run-length-encoded mask (iscrowd, `counts`
 *   a list or a compressed string) and any segmentation that is not a polygon are shown as their
 *   box, the segmentation kept unchanged for the writer. Every annotation's own fields are kept in
 *   the region's `extras.coco` (cocoShared.ts).
 * - Categories keep their ids, order and fields for the writer (on the first task's meta); a
 *   category's `color` (PaddleLabel, COCO Annotator) becomes its label's color.
 */
import { basename, extname } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import type { CocoImageFinder } from './cocoImages';
import { rleBbox, rleCounts, rleSize } from './cocoRle';
import {
  isBbox, isBoxPolygon, isKey, isNumber, isRecord, NOTHING_HERE_FIELD, pointCoordinates, shapeFingerprint,
  type CocoExtras, type CocoTaskMeta, type JsonRecord,
} from './cocoShared';
import { IMAGE_SIZE_META } from './imageFiles';
import { assetPathOf, IdScope, imageNameFrom } from './naming';
import { Notes } from './notes';
import { cssColorToHex } from './palette';
import { ShapeLabels, type PixelBox, type Point } from './shapes';
import type { SourceSet, SourceTask } from './types';

type Box = Extract<ControlResult, { kind: 'boxes' }>['boxes'][number];
type Polygon = Extract<ControlResult, { kind: 'polygons' }>['polygons'][number];

/** One image's regions, each with its annotation's fields in `extras.coco`. */
export class CocoAnswer {
  readonly boxes: Box[] = [];
  readonly polygons: Polygon[] = [];
  private readonly boxIds = new IdScope('b');
  private readonly polygonIds = new IdScope('p');
  constructor(private readonly labels: ShapeLabels) {}

  box(box: PixelBox, label: string, extras: CocoExtras, id?: string | number): void {
    this.labels.use('boxes');
    this.boxes.push({ id: id === undefined ? this.boxIds.next() : this.boxIds.take(id), ...box, label, extras: { coco: extras as never } });
  }

  polygon(points: Point[], label: string, extras: CocoExtras, id?: string | number): void {
    this.labels.use('polygons');
    this.polygons.push({ id: id === undefined ? this.polygonIds.next() : this.polygonIds.take(id), points, label, extras: { coco: extras as never } });
  }

  get empty(): boolean {
    return this.boxes.length === 0 && this.polygons.length === 0;
  }

  answer(): Answer {
    const answer: Answer = [];
    if (this.boxes.length) answer.push({ kind: 'boxes', controlId: 'boxes', boxes: this.boxes });
    if (this.polygons.length) answer.push({ kind: 'polygons', controlId: 'polygons', polygons: this.polygons });
    return answer;
  }
}

/** "Nothing here" for the config's first question (the config asks for boxes, polygons or both). */
export function nothingHere(config: LabelConfig): Answer {
  const control = config.controls[0]!;
  return [control.kind === 'polygons' ? { kind: 'polygons', controlId: control.id, polygons: [], none: true } : { kind: 'boxes', controlId: control.id, boxes: [], none: true }];
}

/** Label colors from the categories' `color` fields, where they parse. */
export function withCategoryColors(config: LabelConfig, colors: (string | null)[]): LabelConfig {
  if (colors.every((c) => c === null)) return config;
  return {
    ...config,
    controls: config.controls.map((control) => ('labels' in control ? { ...control, labels: control.labels.map((l, i) => ({ ...l, color: colors[i] ?? l.color })) } : control)) as LabelConfig['controls'],
  };
}

function listField(json: JsonRecord, key: string, file: string, required: boolean): unknown[] {
  const value = json[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw new LoupeError('invalid-input', `"${key}" must be a list (a COCO file has images, categories and annotations)`, { file, field: key });
  return value;
}

/** A polygon's record keeps `segmentation: null` in its place: the region's points are the outline. */
const withoutSegmentation = (record: JsonRecord): JsonRecord => ({ ...record, segmentation: null });

export async function readCocoDataset(path: string, json: JsonRecord, finder: CocoImageFinder): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const notes = new Notes();
  const labels = new ShapeLabels();

  const categories = new Map<string, string>();
  const categoryRecords: JsonRecord[] = [];
  const colors: (string | null)[] = [];
  listField(json, 'categories', file, true).forEach((c, i) => {
    const field = `categories[${i}]`;
    if (!isRecord(c) || !isKey(c.id) || typeof c.name !== 'string') throw new LoupeError('invalid-input', 'a category needs an id and a name', { file, field });
    if (categories.has(String(c.id))) throw new LoupeError('invalid-input', `category id ${c.id} appears twice`, { file, field: `${field}.id` });
    categories.set(String(c.id), labels.add(c.name));
    categoryRecords.push(c);
    colors.push(typeof c.color === 'string' ? cssColorToHex(c.color) : null);
  });

  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const missingImages: string[] = [];
  const assets = new Set<string>();
  const byImageId = new Map<string, { task: SourceTask; answer: CocoAnswer; none: boolean }>();
  const tasks: SourceTask[] = [];
  for (const [i, image] of listField(json, 'images', file, true).entries()) {
    const field = `images[${i}]`;
    if (!isRecord(image) || !isKey(image.id) || typeof image.file_name !== 'string') throw new LoupeError('invalid-input', 'an image needs an id and a file_name', { file, field });
    if (byImageId.has(String(image.id))) throw new LoupeError('invalid-input', `image id ${image.id} appears twice`, { file, field: `${field}.id` });
    const name = imageNameFrom(image.file_name);
    if (name === null) throw new LoupeError('invalid-input', `file_name "${image.file_name}" names no file`, { file, field: `${field}.file_name` });
    const asset = assetPathOf(name);
    if (assets.has(asset)) {
      throw new LoupeError('invalid-input', `two images are named ${name}; Loupe names images by their own file name, so names must be unique`, { file, field: `${field}.file_name` });
    }
    assets.add(asset);
    const { [NOTHING_HERE_FIELD]: none, ...record } = image;
    const meta: Record<string, unknown> = { coco: { image: record } satisfies CocoTaskMeta };
    const found = await finder.find(image.file_name, name);
    if (found) images.set(asset, found);
    else {
      missingImages.push(asset);
      if (isNumber(image.width) && isNumber(image.height) && image.width > 0 && image.height > 0) meta[IMAGE_SIZE_META] = { width: image.width, height: image.height };
      else notes.add(`images named in ${file} have no width and height and were not found, so their size is unknown`, name);
      notes.add(`images named in ${file} were not found in ${finder.where}; their tasks are kept with the width and height the file gave`, image.file_name);
    }
    const task: SourceTask = { task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta }, annotations: [] };
    tasks.push(task);
    byImageId.set(String(image.id), { task, answer: new CocoAnswer(labels), none: none === true });
  }

  listField(json, 'annotations', file, false).forEach((a, i) => {
    const field = `annotations[${i}]`;
    if (!isRecord(a)) throw new LoupeError('invalid-input', 'an annotation must be an object', { file, field });
    const target = isKey(a.image_id) ? byImageId.get(String(a.image_id)) : undefined;
    if (!target) throw new LoupeError('invalid-input', `image_id ${JSON.stringify(a.image_id)} is not the id of an image in this file`, { file, field: `${field}.image_id` });
    const label = isKey(a.category_id) ? categories.get(String(a.category_id)) : undefined;
    if (!label) throw new LoupeError('invalid-input', `category_id ${JSON.stringify(a.category_id)} is not the id of a category in this file`, { file, field: `${field}.category_id` });
    readAnnotation(a, field, label, target.answer, notes, file);
  });

  const config = withCategoryColors(labels.config({ file }), colors);
  for (const { task, answer, none } of byImageId.values()) {
    if (!answer.empty) task.annotations.push({ annotator: null, answer: answer.answer(), kind: 'annotation' });
    else if (none) task.annotations.push({ annotator: null, answer: nothingHere(config), kind: 'annotation' });
  }
  const first = tasks[0];
  if (first) {
    const fields: JsonRecord = {};
    for (const [key, value] of Object.entries(json)) fields[key] = key === 'images' || key === 'annotations' || key === 'categories' ? null : value;
    (first.task.meta!.coco as CocoTaskMeta).dataset = { fields, categories: categoryRecords };
  }
  return { format: 'coco', labelConfig: config, tasks, images, warnings: notes.list(), ...(missingImages.length ? { missingImages } : {}) };
}

/**
 * One annotation's (or detection's) regions into its image's answer; `field` names it in errors
 * (`annotations[3]`, or `[3]` in a results list) and its position keeps a multi-part outline's
 * parts together.
 */
export function readAnnotation(a: JsonRecord, field: string, label: string, answer: CocoAnswer, notes: Notes, file: string): void {
  const i = Number(/\[(\d+)\]$/.exec(field)?.[1] ?? 0);
  const id = isKey(a.id) ? a.id : undefined;
  const named = id === undefined ? `annotation ${i + 1}` : `annotation ${id}`;
  const segmentation = a.segmentation;
  const asBox = (bbox: [number, number, number, number]) => {
    const [x, y, width, height] = bbox;
    answer.box({ x, y, width, height }, label, { annotation: a, shape: shapeFingerprint(bbox), position: i }, id);
  };
  if (isRecord(segmentation)) {
    const counts = rleCounts(segmentation.counts);
    const size = rleSize(segmentation);
    const bbox = isBbox(a.bbox) ? a.bbox : counts && size ? rleBbox(counts, size[0]) : null;
    if (!bbox) throw new LoupeError('invalid-input', `${named}: a mask (RLE) without a bbox, whose counts and size cannot be read`, { file, field: `${field}.segmentation` });
    notes.add('masks (RLE segmentation, iscrowd) are shown as their bounding boxes; each mask is kept and written back unchanged unless its box is edited', named);
    asBox(bbox);
    return;
  }
  if (Array.isArray(segmentation) && segmentation.length > 0) {
    const polygons = segmentation.every((part) => Array.isArray(part) && part.length >= 6 && part.length % 2 === 0 && part.every(isNumber));
    if (polygons) {
      const parts = segmentation as number[][];
      // Loupe's own export writes a box as its 4-point polygon (for pycocotools); it is a box again.
      if (parts.length === 1 && isBbox(a.bbox) && isBoxPolygon(parts[0]!, a.bbox)) {
        asBox(a.bbox);
        return;
      }
      const kept = withoutSegmentation(a);
      parts.forEach((part, k) => {
        const points: Point[] = [];
        for (let p = 0; p < part.length; p += 2) points.push([part[p]!, part[p + 1]!]);
        // A multi-part outline (an object split by an occluder) becomes one polygon per part.
        const extras: CocoExtras = { annotation: kept, shape: shapeFingerprint(pointCoordinates(points)), position: i, part: { index: k, count: parts.length } };
        answer.polygon(points, label, extras, id === undefined ? undefined : k === 0 ? id : `${id}-${k + 1}`);
      });
      return;
    }
    if (!isBbox(a.bbox)) throw new LoupeError('invalid-input', `${named}: a polygon is a flat list of at least 3 x, y pairs of numbers`, { file, field: `${field}.segmentation` });
    notes.add('segmentations that are not polygons of 3 or more points are shown as their bounding boxes, and kept as given unless the box is edited', named);
    asBox(a.bbox);
    return;
  }
  const bbox = a.bbox;
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isNumber)) {
    throw new LoupeError('invalid-input', `${named} needs a bbox of 4 numbers [x, y, width, height] or a polygon segmentation`, { file, field: `${field}.bbox` });
  }
  if (!isBbox(bbox)) throw new LoupeError('invalid-input', `${named} has a negative bbox width or height`, { file, field: `${field}.bbox` });
  asBox(bbox);
}
