/**
 * Writing a COCO dataset file from a project's rows, in passes so the file streams out and no
 * task list is held whole: pass 0 reads ids, the source file's top-level fields and categories;
 * then `images` and `annotations` are written each in one pass, in the order the source file had
 * its top-level keys (info, licenses, anything else, as given).
 *
 * Which images: every task with a final answer, and every task that was an image of a COCO file
 * (an image the source listed stays listed, labelled or not); other unanswered tasks are left
 * out, with a warning, since a COCO consumer takes a listed image with no annotations for an
 * image with nothing in it. An answered-empty task's image carries NOTHING_HERE_FIELD so Loupe's
 * reader reads it back as answered.
 *
 * Image records are written as given (file_name with its sub-folder, license, coco_url …), ids
 * kept while unique; a task from elsewhere gets `{id, file_name, width, height}`, the size read
 * from the image or, for an image not on disk, the size its source file gave.
 */
import { LoupeError } from '../../../../shared/errors';
import { writeFileAtomically } from '../lineWriter';
import { cocoMetaOf, isKey, isNumber, NOTHING_HERE_FIELD, type CocoDatasetMeta, type JsonRecord } from './cocoShared';
import { annotationRecords, cocoCategories, IdKeeper, regionsOf, shapeControlsOf, withId } from './cocoWriterRows';
import { ImageSizes, recordedImageSize } from './imageFiles';
import { imageNameFrom, imageNameOfTask } from './naming';
import { Notes } from './notes';
import { NameGuard, shapeClasses } from './shapes';
import type { ExportInput, ExportOutcome, FinalRow } from './types';

const DEFAULT_FIELDS: JsonRecord = { info: { description: 'Exported from Loupe' }, licenses: [], categories: null, images: null, annotations: null };

/** Whether a row is written, and why not. */
function written(row: FinalRow): boolean {
  return row.answer !== null || cocoMetaOf(row.task.meta).image !== undefined;
}

export async function writeCocoDataset(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'COCO');
  const shapeControls = shapeControlsOf(input);
  const notes = new Notes();

  // Pass 0: the source file's fields and categories, and the ids to keep.
  let dataset: CocoDatasetMeta | null = null;
  const keptImageIds: (string | number | undefined)[] = [];
  let unanswered = 0;
  for await (const batch of input.rows()) {
    for (const row of batch) {
      const meta = cocoMetaOf(row.task.meta);
      dataset ??= meta.dataset ?? null;
      if (!written(row)) {
        unanswered += 1;
        continue;
      }
      const given = meta.image?.id ?? meta.imageId;
      keptImageIds.push(isKey(given) ? given : undefined);
    }
  }
  if (unanswered > 0) notes.add(`${unanswered} tasks with no final answer are not written: a COCO file would list them as images with nothing in them`);
  const imageIdKeeper = new IdKeeper(keptImageIds.filter((id) => id !== undefined));
  const imageIds = keptImageIds.map((id) => imageIdKeeper.take(id));
  const categories = cocoCategories(shape, dataset, notes);
  const fields: JsonRecord = { ...(dataset?.fields ?? DEFAULT_FIELDS) };
  for (const key of ['categories', 'images', 'annotations']) if (!(key in fields)) fields[key] = null;

  const sizes = new ImageSizes();
  const writeImages = async (write: (text: string) => Promise<void>) => {
    const names = new NameGuard('image');
    let n = 0;
    for await (const batch of input.rows()) {
      let chunk = '';
      for (const row of batch) {
        if (!written(row)) continue;
        const name = imageNameOfTask(row.task);
        if (name === null) throw new LoupeError('invalid-input', `task "${row.task.id}" has no image, and COCO describes images`, { entry: row.task.id, field: 'data.image' });
        names.claim(name, row.task.id);
        const given = cocoMetaOf(row.task.meta).image;
        const record: JsonRecord = given ? { ...given } : {};
        record.id = imageIds[n]!;
        if (typeof record.file_name !== 'string' || imageNameFrom(record.file_name) !== name) record.file_name = name;
        if (!(isNumber(record.width) && isNumber(record.height) && record.width > 0 && record.height > 0)) {
          const path = row.task.data.image ? input.imagePath(row.task.data.image) : null;
          const size = path ? await sizes.of(path, { entry: row.task.id, file: name }) : recordedImageSize(row.task.meta);
          if (!size) throw new LoupeError('invalid-input', `the image ${name} of task "${row.task.id}" is not available and no size was recorded for it, and COCO needs its width and height`, { entry: row.task.id });
          record.width = size.width;
          record.height = size.height;
        }
        const empty = row.answer !== null && regionsOf(row.answer, row.task, shape, shapeControls, null).length === 0;
        if (empty) record[NOTHING_HERE_FIELD] = true;
        if (row.answer === null) notes.add('images of the source file with no final answer are listed with no annotations, as the source listed them (COCO cannot mark an image unlabelled)', `task ${row.task.id}`);
        chunk += `${n === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`;
        n += 1;
      }
      await write(chunk);
    }
    return n;
  };

  const writeAnnotations = async (write: (text: string) => Promise<void>) => {
    const annotationIds = new IdKeeper(await keptAnnotationIds(input));
    let done = 0;
    let n = 0;
    let count = 0;
    for await (const batch of input.rows()) {
      let chunk = '';
      for (const row of batch) {
        done += 1;
        input.onProgress?.(done, input.total);
        if (!written(row)) continue;
        const imageId = imageIds[n++]!;
        if (row.answer === null) continue;
        const regions = regionsOf(row.answer, row.task, shape, shapeControls, notes);
        for (const { record, keptId } of annotationRecords(regions, { image_id: imageId, categoryOf: categories.idOf }, notes, true)) {
          chunk += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(withId(record, annotationIds.take(keptId)))}`;
          count += 1;
        }
      }
      await write(chunk);
    }
  };

  const rows = await writeFileAtomically(outPath, async (write) => {
    let images = 0;
    const keys = Object.keys(fields);
    await write('{');
    for (const [k, key] of keys.entries()) {
      await write(`${k === 0 ? '\n' : ',\n'}${JSON.stringify(key)}: `);
      if (key === 'categories') await write(JSON.stringify(categories.records));
      else if (key === 'images') {
        await write('[');
        images = await writeImages(write);
        await write('\n]');
      } else if (key === 'annotations') {
        await write('[');
        await writeAnnotations(write);
        await write('\n]');
      } else await write(JSON.stringify(fields[key]));
    }
    await write('\n}\n');
    return images;
  });
  return { rows, files: [outPath], warnings: notes.list() };
}

/** The annotation ids the kept regions carry, so new annotations never take one of them. */
async function keptAnnotationIds(input: ExportInput): Promise<(string | number)[]> {
  const ids: (string | number)[] = [];
  for await (const batch of input.rows()) {
    for (const row of batch) {
      for (const result of row.answer ?? []) {
        const regions = result.kind === 'boxes' ? result.boxes : result.kind === 'polygons' ? result.polygons : [];
        for (const r of regions) {
          const id = (r.extras?.coco as { annotation?: JsonRecord } | undefined)?.annotation?.id;
          if (typeof id === 'number') ids.push(id);
        }
      }
    }
  }
  return ids;
}
