/**
 * One place that knows every format a project reads from and exports to, so the service and the
 * CLI offer the same list. Readers give a SourceSet; writers take the project's final rows.
 */
import { LoupeError } from '../../../shared/errors';
import type { ProjectExportFormat, SourceFormat } from '../../../shared/projectContract';
import { readCoco, writeCoco } from '../formats/interop/coco';
import { readConll, writeConll } from '../formats/interop/conll';
import { writeCsvDataset } from '../formats/interop/csvDataset';
import { readDoccano, writeDoccano } from '../formats/interop/doccano';
import { readLabelme } from '../formats/interop/labelme';
import { writeLabelme } from '../formats/interop/labelmeWriter';
import { readLabelStudio, writeLabelStudio } from '../formats/interop/labelStudio';
import { writeLoupeJsonl } from '../formats/interop/loupeJsonl';
import { readPreference, writePreference } from '../formats/interop/preference';
import { readProdigy, writeProdigy } from '../formats/interop/prodigy';
import type { ExportInput, ExportOutcome, SourceSet } from '../formats/interop/types';
import { readVoc, writeVoc } from '../formats/interop/voc';
import { readYolo, writeYolo } from '../formats/interop/yolo';
import { readLoupeSource } from './create';

export interface SourceOptions {
  /** Loupe's own sources carry no label config: it comes as JSON (a file or the editor's text). */
  labelConfig?: unknown;
  /** Where the images of a Label Studio, COCO or labelme export are, found by their own file names. */
  imagesDir?: string;
  /** A Label Studio labeling config (XML) that says what the labels are. */
  labelStudioConfig?: string;
  /** CoNLL: one task per sentence (default) or per document. */
  conllPer?: 'sentence' | 'document';
}

/** How text formats are written: labels as ids (default) or names; CoNLL's 4 columns (default) or 2. */
export interface WriteOptions {
  labelAs?: 'id' | 'name';
  conllColumns?: 2 | 4;
}

export interface ReadSource {
  source: SourceSet;
  inlineImages?: Map<string, Uint8Array>;
  warnings: string[];
}

export async function readProjectSource(format: SourceFormat, path: string, options: SourceOptions = {}): Promise<ReadSource> {
  const withWarnings = (set: SourceSet & { warnings?: string[] }): ReadSource => ({ source: set, warnings: set.warnings ?? [] });
  switch (format) {
    case 'loupe': {
      if (options.labelConfig === undefined) throw new LoupeError('invalid-input', 'a project from JSONL, CSV or a folder needs a label config (--config)', { field: 'labelConfig' });
      const { source, inlineImages } = await readLoupeSource(path, options.labelConfig);
      return { source, inlineImages, warnings: [] };
    }
    case 'label-studio':
      return withWarnings(await readLabelStudio(path, { ...(options.imagesDir ? { imagesDir: options.imagesDir } : {}), ...(options.labelStudioConfig ? { configPath: options.labelStudioConfig } : {}) }));
    case 'coco':
      return withWarnings(await readCoco(path, options.imagesDir ? { imagesDir: options.imagesDir } : {}));
    case 'yolo':
      return withWarnings(await readYolo(path));
    case 'voc':
      return withWarnings(await readVoc(path, options.imagesDir ? { imagesDir: options.imagesDir } : {}));
    case 'conll':
      return withWarnings(await readConll(path, options.conllPer ? { per: options.conllPer } : {}));
    case 'doccano':
      return withWarnings(await readDoccano(path));
    case 'prodigy':
      return withWarnings(await readProdigy(path));
    case 'labelme': {
      // Images embedded in the files (imageData) come as bytes, like a Loupe folder's.
      const { source, inlineImages } = await readLabelme(path, options.imagesDir ? { imagesDir: options.imagesDir } : {});
      return { source, inlineImages, warnings: source.warnings };
    }
    case 'preference':
      return withWarnings(await readPreference(path));
  }
}

/** Formats written as a folder (images copied beside the labels) rather than one file. */
export const FOLDER_EXPORTS: ReadonlySet<ProjectExportFormat> = new Set(['yolo', 'voc', 'labelme']);

export const EXPORT_EXTENSION: Record<ProjectExportFormat, string> = {
  jsonl: 'jsonl', 'preference-pairs': 'jsonl', 'rubric-csv': 'csv', 'rubric-jsonl': 'jsonl', rewrites: 'jsonl',
  'label-studio': 'json', coco: 'json', yolo: '', voc: '', conll: 'conll', doccano: 'jsonl', prodigy: 'jsonl', csv: 'csv', preference: 'jsonl', labelme: '',
};

/** The writers that take final rows (the AI-evaluation formats are written by aiEvalExports.ts). */
export async function writeProjectExport(
  format: Exclude<ProjectExportFormat, 'preference-pairs' | 'rubric-csv' | 'rubric-jsonl' | 'rewrites'>,
  input: ExportInput,
  out: string,
  options: WriteOptions = {},
): Promise<ExportOutcome> {
  const labelAs = options.labelAs ? { labelAs: options.labelAs } : {};
  switch (format) {
    case 'jsonl':
      return writeLoupeJsonl(input, out);
    case 'label-studio':
      return writeLabelStudio(input, out);
    case 'coco':
      return writeCoco(input, out);
    case 'yolo':
      return writeYolo(input, out);
    case 'voc':
      return writeVoc(input, out);
    case 'conll':
      return writeConll(input, out, { ...labelAs, ...(options.conllColumns ? { columns: options.conllColumns } : {}) });
    case 'doccano':
      return writeDoccano(input, out, labelAs);
    case 'prodigy':
      return writeProdigy(input, out, labelAs);
    case 'csv':
      return writeCsvDataset(input, out);
    case 'labelme':
      return writeLabelme(input, out);
    case 'preference':
      return writePreference(input, out);
  }
}
