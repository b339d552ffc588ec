/**
 * COCO: the dataset file (`images`, `categories`, `annotations`; bbox [x, y, width, height] in
 * pixels from the top-left, polygons as flat [[x1, y1, x2, y2, …]] segmentations, masks as RLE)
 * and the results list detectors write (a top-level array of detections with scores).
 *
 * Reading sees which of the two a file is; cocoDatasetReader.ts and cocoResults.ts read them.
 * What Loupe does not model is kept (cocoShared.ts: a region's annotation in `extras.coco`, an
 * image's record and the file's own fields in `meta.coco`), so a round trip changes only what a
 * person changed. Images are found by cocoImages.ts; one not found keeps its task with the size
 * the file gave.
 *
 * Writing: a project made from a results list is written as a results list again
 * (cocoResults.ts); any other as a dataset file (cocoDatasetWriter.ts).
 */
import { basename } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import { readCocoDataset } from './cocoDatasetReader';
import { CocoImageFinder } from './cocoImages';
import { readCocoResults, writeCocoResults } from './cocoResults';
import { cocoMetaOf, isRecord } from './cocoShared';
import { writeCocoDataset } from './cocoDatasetWriter';
import { readJsonFile } from './imageFiles';
import type { ExportInput, ExportOutcome, SourceSet } from './types';

/** Read a COCO dataset or results list; `imagesDir` is where its images are (also searched: the JSON's folder). */
export async function readCoco(path: string, options: { imagesDir?: string } = {}): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const json = await readJsonFile(path);
  const finder = new CocoImageFinder(path, options.imagesDir);
  if (Array.isArray(json)) return readCocoResults(path, json, finder);
  if (!isRecord(json)) throw new LoupeError('invalid-input', 'a COCO file is a JSON object with images, categories and annotations, or a results list (an array of detections)', { file });
  return readCocoDataset(path, json, finder);
}

/** Write a COCO file: a results list for a project made from one, else a dataset (see the top of this file). */
export async function writeCoco(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  let results = 0;
  let others = 0;
  for await (const batch of input.rows()) {
    for (const row of batch) {
      if (cocoMetaOf(row.task.meta).layout === 'results') results += 1;
      else others += 1;
    }
  }
  return results > 0 && others === 0 ? writeCocoResults(input, outPath) : writeCocoDataset(input, outPath);
}
