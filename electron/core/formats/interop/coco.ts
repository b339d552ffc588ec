/**
 * COCO object-detection JSON: `images` (id, file_name, width, height), `categories` (id, name)
 * and `annotations` (image_id, category_id, bbox [x, y, width, height] in pixels from the top-left,
 * area, iscrowd, and for outlines `segmentation` as flat polygons [[x1, y1, x2, y2, …]]).
 *
 * Reading: each image is a task named by the image's own file name (a `file_name` holding a path,
 * `train/x.jpg`, gives `x.jpg`); an annotation with a polygon segmentation becomes polygons (one
 * per part), one without becomes a box. Run-length-encoded masks (iscrowd 1) are refused: Loupe
 * holds no masks, and turning one into a box would silently change what it marks. Images are
 * looked up in the images folder given (by the file_name's path, then by name anywhere beneath
 * it), else beside the JSON file; one not found keeps its task without an image file, with a
 * warning.
 *
 * Writing: category ids start at 1 in label-config order; images are written in a first pass over
 * the rows and annotations in a second, so the file streams out and nothing is held whole.
 * Boxes have an empty segmentation; polygons have their bbox computed from their points and their
 * own area (shoelace), as COCO tools expect.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import { writeFileAtomically } from '../lineWriter';
import { ImageFolder, ImageSizes, readJsonFile } from './imageFiles';
import { assetPathOf, IdScope, imageNameFrom } from './naming';
import { Notes } from './notes';
import { NameGuard, polygonArea, polygonBounds, ShapeAnswer, ShapeLabels, shapeClasses, shapeRows, type Point } from './shapes';
import type { ExportInput, ExportOutcome, SourceSet, SourceTask } from './types';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isKey = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

function listField(json: Record<string, unknown>, key: string, file: string, required: boolean): unknown[] {
  const value = json[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw new LoupeError('invalid-input', `"${key}" must be a list (a COCO file has images, categories and annotations)`, { file, field: key });
  return value;
}

/** Where an image named by `file_name` is on disk, or null. */
async function locateImage(fileName: string, name: string, dir: string, folder: (() => Promise<ImageFolder>) | null): Promise<string | null> {
  for (const candidate of [join(dir, fileName), join(dir, name)]) {
    if ((await stat(candidate).catch(() => null))?.isFile()) return candidate;
  }
  return folder ? (await folder()).find(name) : null;
}

/** Read a COCO detection file; `imagesDir` is where its images are (default: the JSON's folder). */
export async function readCoco(path: string, options: { imagesDir?: string } = {}): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const json = await readJsonFile(path);
  if (!isRecord(json)) throw new LoupeError('invalid-input', 'a COCO file is a JSON object with images, categories and annotations', { file });
  const notes = new Notes();
  const labels = new ShapeLabels();

  const categories = new Map<string, string>();
  listField(json, 'categories', file, true).forEach((c, i) => {
    const field = `categories[${i}]`;
    if (!isRecord(c) || !isKey(c.id) || typeof c.name !== 'string') throw new LoupeError('invalid-input', 'a category needs an id and a name', { file, field });
    if (categories.has(String(c.id))) throw new LoupeError('invalid-input', `category id ${c.id} appears twice`, { file, field: `${field}.id` });
    categories.set(String(c.id), labels.add(c.name));
  });

  // Without an images folder, only the spot the file names beside the JSON is tried: searching
  // every folder under the JSON's (perhaps a home folder) would be slow and could pick a stranger.
  const dir = options.imagesDir ?? dirname(path);
  let index: Promise<ImageFolder> | null = null;
  const folder = options.imagesDir ? () => (index ??= ImageFolder.open(options.imagesDir!)) : null;
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const assets = new Set<string>();
  const byImageId = new Map<string, { task: SourceTask; answer: ShapeAnswer }>();
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
    const found = await locateImage(image.file_name, name, dir, folder);
    if (found) images.set(asset, found);
    else notes.add(`images not found in ${options.imagesDir ?? 'the folder of the COCO file'}; their tasks are kept without an image file`, name);
    const task: SourceTask = { task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta: { cocoImageId: image.id } }, annotations: [] };
    tasks.push(task);
    byImageId.set(String(image.id), { task, answer: new ShapeAnswer(labels) });
  }

  listField(json, 'annotations', file, false).forEach((a, i) => {
    const field = `annotations[${i}]`;
    if (!isRecord(a)) throw new LoupeError('invalid-input', 'an annotation must be an object', { file, field });
    const target = isKey(a.image_id) ? byImageId.get(String(a.image_id)) : undefined;
    if (!target) throw new LoupeError('invalid-input', `image_id ${JSON.stringify(a.image_id)} is not the id of an image in this file`, { file, field: `${field}.image_id` });
    const label = isKey(a.category_id) ? categories.get(String(a.category_id)) : undefined;
    if (!label) throw new LoupeError('invalid-input', `category_id ${JSON.stringify(a.category_id)} is not the id of a category in this file`, { file, field: `${field}.category_id` });
    const id = isKey(a.id) ? a.id : undefined;
    const named = id === undefined ? `annotation ${i + 1}` : `annotation ${id}`;
    if (a.iscrowd === 1 || isRecord(a.segmentation)) {
      throw new LoupeError('invalid-input', `${named} is a run-length-encoded mask (RLE, iscrowd 1); Loupe holds boxes and polygons, not masks`, { file, field: `${field}.segmentation` });
    }
    if (Array.isArray(a.segmentation) && a.segmentation.length > 0) {
      a.segmentation.forEach((part, k) => {
        if (!Array.isArray(part) || part.length < 6 || part.length % 2 !== 0 || !part.every((v) => typeof v === 'number' && Number.isFinite(v))) {
          throw new LoupeError('invalid-input', `${named}: a polygon is a flat list of at least 3 x, y pairs of numbers`, { file, field: `${field}.segmentation[${k}]` });
        }
        const points: Point[] = [];
        for (let p = 0; p < part.length; p += 2) points.push([part[p] as number, part[p + 1] as number]);
        // A multi-part outline (an object split by an occluder) becomes one polygon per part.
        target.answer.polygon(points, label, id === undefined ? undefined : k === 0 ? id : `${id}-${k + 1}`);
      });
      return;
    }
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new LoupeError('invalid-input', `${named} needs a bbox of 4 numbers [x, y, width, height] or a polygon segmentation`, { file, field: `${field}.bbox` });
    }
    const [x, y, width, height] = bbox as [number, number, number, number];
    if (width < 0 || height < 0) throw new LoupeError('invalid-input', `${named} has a negative bbox width or height`, { file, field: `${field}.bbox` });
    target.answer.box({ x, y, width, height }, label, id);
  });

  // Every listed image counts as annotated: COCO lists an image with no objects as just that.
  for (const { task, answer } of byImageId.values()) task.annotations.push({ annotator: null, answer: answer.answer(), kind: 'annotation' });
  return { format: 'coco', labelConfig: labels.config({ file }), tasks, images, warnings: notes.list() };
}

/** Write a COCO detection file (see the top of this file). */
export async function writeCoco(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'COCO');
  const notes = new Notes();
  const sizes = new ImageSizes();
  const categories = shape.classes.map((c, i) => ({ id: i + 1, name: c.name, supercategory: '' }));
  const rows = await writeFileAtomically(outPath, async (write) => {
    await write(`{\n"info": ${JSON.stringify({ description: 'Exported from Loupe' })},\n"licenses": [],\n"categories": ${JSON.stringify(categories)},\n"images": [`);
    // Pass 1: images. Notes go to a scratch list here, or pass 2 would count each one twice.
    const names = new NameGuard('image');
    let images = 0;
    for await (const row of shapeRows(input, 'COCO', shape, new Notes(), false)) {
      names.claim(row.name, row.task.id);
      if (row.imagePath === null) {
        throw new LoupeError('invalid-input', `the image ${row.name} of task "${row.task.id}" is not available, and COCO needs its width and height`, { entry: row.task.id });
      }
      const { width, height } = await sizes.of(row.imagePath, { entry: row.task.id, file: row.name });
      images += 1;
      await write(`${images === 1 ? '\n' : ',\n'}${JSON.stringify({ id: images, file_name: row.name, width, height })}`);
    }
    await write('\n],\n"annotations": [');
    // Pass 2: annotations; image ids are the same sequence as pass 1 (same rows, same order).
    let imageId = 0;
    let annotationId = 0;
    for await (const row of shapeRows(input, 'COCO', shape, notes, true)) {
      imageId += 1;
      const entries = [
        ...row.boxes.map((b) => ({ category: b.classIndex, bbox: [b.x, b.y, b.width, b.height], area: b.width * b.height, segmentation: [] as number[][] })),
        ...row.polygons.map((p) => {
          const b = polygonBounds(p.points);
          return { category: p.classIndex, bbox: [b.x, b.y, b.width, b.height], area: polygonArea(p.points), segmentation: [p.points.flat()] };
        }),
      ];
      let chunk = '';
      for (const e of entries) {
        annotationId += 1;
        const record = { id: annotationId, image_id: imageId, category_id: e.category + 1, bbox: e.bbox, area: e.area, iscrowd: 0, segmentation: e.segmentation };
        chunk += `${annotationId === 1 ? '\n' : ',\n'}${JSON.stringify(record)}`;
      }
      await write(chunk);
    }
    if (imageId !== images) throw new LoupeError('internal', `the rows changed between the two passes of the COCO export (${images} images, then ${imageId})`);
    await write('\n]\n}\n');
    return images;
  });
  return { rows, files: [outPath], warnings: notes.list() };
}
