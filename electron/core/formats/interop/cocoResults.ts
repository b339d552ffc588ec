/**
 * COCO results lists: what detectors and pycocotools' `loadRes` exchange, a top-level JSON array
 * of detections `{image_id, category_id, bbox?, segmentation?, score}` (sahi adds category_name,
 * area, iscrowd; pycocotools' segm results carry a compressed RLE mask and no bbox).
 *
 * Reading: one task per image_id, in the order the ids first appear, its detections one
 * prediction (kind `prediction`, the model named after the file; each region keeps its detection
 * as given, score included, in `extras.coco`; the prediction's own score is the highest). The list
 * names images by id only, not by file: with an images folder a file named by the id
 * (`42.jpg`, `COCO_val2014_000000000042.jpg`) is found; otherwise the task keeps the asset path
 * `assets/<image_id>` and the image is reported missing, with the size an RLE mask gives.
 * Categories are named by `category_name` where given, else by their id.
 *
 * Writing (a project made from a results list): a results list again, of each task's final
 * answer where there is one, else of its predictions. Untouched detections are written as given;
 * an edited one gets its new bbox (its mask dropped: it no longer matches); one a person drew gets
 * score 1. An answer of "nothing here" writes no detection: a results list cannot say it.
 */
import { basename, extname } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import { writeFileAtomically } from '../lineWriter';
import { CocoAnswer, readAnnotation } from './cocoDatasetReader';
import type { CocoImageFinder } from './cocoImages';
import { rleSize } from './cocoRle';
import { cocoMetaOf, isKey, isNumber, isRecord, type CocoDatasetMeta, type CocoTaskMeta, type JsonRecord } from './cocoShared';
import { annotationRecords, cocoCategories, IdKeeper, regionsOf, resultRegionsSource, shapeControlsOf } from './cocoWriterRows';
import { IMAGE_SIZE_META } from './imageFiles';
import { assetPathOf, IdScope } from './naming';
import { Notes } from './notes';
import { ShapeLabels, shapeClasses } from './shapes';
import type { ExportInput, ExportOutcome, SourceSet, SourceTask } from './types';

const compareIds = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });

export async function readCocoResults(path: string, list: unknown[], finder: CocoImageFinder): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const notes = new Notes();
  const names = new Map<string, { id: string | number; name: string | null }>();
  list.forEach((d, i) => {
    const field = `[${i}]`;
    if (!isRecord(d)) throw new LoupeError('invalid-input', 'a COCO results list holds detections: objects with image_id, category_id, bbox or segmentation, and score', { file, field });
    if (typeof d.caption === 'string') throw new LoupeError('invalid-input', 'a COCO results list of captions: Loupe reads detection results (boxes and masks)', { file, field: `${field}.caption` });
    if (!isKey(d.image_id)) throw new LoupeError('invalid-input', 'a detection needs an image_id', { file, field: `${field}.image_id` });
    if (!isKey(d.category_id)) throw new LoupeError('invalid-input', 'a detection needs a category_id', { file, field: `${field}.category_id` });
    if (d.bbox === undefined && d.segmentation === undefined) throw new LoupeError('invalid-input', 'a detection needs a bbox or a segmentation (keypoint results are not read)', { file, field: `${field}.bbox` });
    const key = String(d.category_id);
    const known = names.get(key);
    const name = typeof d.category_name === 'string' && d.category_name.trim() ? d.category_name : null;
    if (!known) names.set(key, { id: d.category_id, name });
    else if (known.name === null && name !== null) known.name = name;
  });
  const labels = new ShapeLabels();
  const labelOf = new Map<string, string>();
  const categories: JsonRecord[] = [];
  for (const { id, name } of [...names.values()].sort((a, b) => compareIds(a.id, b.id))) {
    if (name === null) notes.add(`categories in ${file} come with no category_name; their labels are named by category id`, `category ${id}`);
    labelOf.set(String(id), labels.add(name ?? String(id)));
    categories.push({ id, name: name ?? String(id) });
  }

  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const missingImages: string[] = [];
  const byImage = new Map<string, { task: SourceTask; answer: CocoAnswer; scores: number[] }>();
  const tasks: SourceTask[] = [];
  for (const [i, d] of (list as JsonRecord[]).entries()) {
    const imageId = d.image_id as string | number;
    let entry = byImage.get(String(imageId));
    if (!entry) {
      const found = await finder.findById(imageId);
      const name = found ? basename(found) : String(imageId);
      const asset = assetPathOf(name);
      const meta: Record<string, unknown> = { coco: { layout: 'results', imageId } satisfies CocoTaskMeta };
      if (found) images.set(asset, found);
      else {
        missingImages.push(asset);
        const size = isRecord(d.segmentation) ? rleSize(d.segmentation) : null;
        if (size) meta[IMAGE_SIZE_META] = { width: size[1], height: size[0] };
        notes.add(`${file} is a COCO results list, which names images by id only (no file names): images not found${finder.where === 'the folder of the COCO file' ? ' (give an images folder to find them by id)' : ` in ${finder.where}`}; their tasks are kept without an image file`, `image ${imageId}`);
      }
      entry = { task: { task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta }, annotations: [] }, answer: new CocoAnswer(labels), scores: [] };
      byImage.set(String(imageId), entry);
      tasks.push(entry.task);
    }
    readAnnotation(d, `[${i}]`, labelOf.get(String(d.category_id))!, entry.answer, notes, file);
    if (isNumber(d.score)) entry.scores.push(d.score);
  }
  const model = basename(file, extname(file)) || 'coco-results';
  for (const { task, answer, scores } of byImage.values()) {
    task.annotations.push({ annotator: null, answer: answer.answer(), kind: 'prediction', model, ...(scores.length ? { score: Math.max(...scores) } : {}) });
  }
  if (tasks.length === 0) throw new LoupeError('invalid-input', 'the COCO results list holds no detections', { file });
  const dataset: CocoDatasetMeta = { fields: { images: null, annotations: null, categories: null }, categories };
  (tasks[0]!.task.meta!.coco as CocoTaskMeta).dataset = dataset;
  return { format: 'coco', labelConfig: labels.config({ file }), tasks, images, warnings: notes.list(), ...(missingImages.length ? { missingImages } : {}) };
}

/** Write a results list (see the top of this file). */
export async function writeCocoResults(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'COCO');
  const shapeControls = shapeControlsOf(input);
  const notes = new Notes();
  let dataset: CocoDatasetMeta | null = null;
  const kept: (string | number)[] = [];
  for await (const batch of input.rows()) {
    for (const row of batch) {
      const meta = cocoMetaOf(row.task.meta);
      dataset ??= meta.dataset ?? null;
      const id = meta.imageId ?? meta.image?.id;
      if (isKey(id)) kept.push(id);
    }
  }
  const categories = cocoCategories(shape, dataset, new Notes());
  const imageIds = new IdKeeper(kept);
  const rows = await writeFileAtomically(outPath, async (write) => {
    let done = 0;
    let count = 0;
    await write('[');
    for await (const batch of input.rows()) {
      let chunk = '';
      for (const row of batch) {
        done += 1;
        input.onProgress?.(done, input.total);
        const meta = cocoMetaOf(row.task.meta);
        const given = meta.imageId ?? meta.image?.id;
        const imageId = imageIds.take(isKey(given) ? given : undefined);
        const source = resultRegionsSource(row);
        if (!source) {
          notes.add('tasks with neither a final answer nor a prediction have no detections in the results list', `task ${row.task.id}`);
          continue;
        }
        const regions = regionsOf(source.answer, row.task, shape, shapeControls, notes);
        if (regions.length === 0 && source.from === 'answer') notes.add('answers of "nothing here" write no detection: a results list cannot say that an image was checked', `task ${row.task.id}`);
        for (const region of regions) if (!region.extras) notes.add('detections a person drew are written with score 1', `task ${row.task.id}`);
        for (const { record } of annotationRecords(regions, { image_id: imageId, categoryOf: categories.idOf }, notes, false)) {
          if (!isNumber(record.score)) record.score = 1;
          chunk += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`;
          count += 1;
        }
      }
      await write(chunk);
    }
    await write(count ? '\n]\n' : ']\n');
    if (count === 0) notes.add('the results list is empty: no task has an answer or a prediction with a region');
    return count;
  });
  return { rows, files: [outPath], warnings: notes.list() };
}
