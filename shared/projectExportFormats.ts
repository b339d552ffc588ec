/**
 * A project's export formats by name, with what each needs of the label config, so the app offers
 * only the ones that can hold the project's answers (COCO needs boxes or polygons on images,
 * CoNLL spans on text …) and names the rest with the reason. The writers refuse the same cases;
 * this says so before anyone picks a file.
 */
import { DATASET_FORMAT_INFO, type DatasetFormat } from './exportFormats';
import type { Control, LabelConfig } from './pack/labelConfig';
import { PROJECT_EXPORT_FORMATS, type ProjectExportFormat } from './projectContract';

interface FormatNeeds {
  title: string;
  /** The task data it describes; absent: any. */
  data?: ReadonlyArray<LabelConfig['data']>;
  /** At least one question of these kinds; empty: any. */
  kinds: ReadonlyArray<Control['kind']>;
}

const REGIONS = ['boxes', 'polygons'] as const;
const dataset = (f: DatasetFormat): FormatNeeds => ({ title: DATASET_FORMAT_INFO[f].title, kinds: DATASET_FORMAT_INFO[f].needs });

export const PROJECT_EXPORT_NEEDS: Record<ProjectExportFormat, FormatNeeds> = {
  jsonl: dataset('jsonl'),
  'preference-pairs': dataset('preference-pairs'),
  'rubric-csv': dataset('rubric-csv'),
  'rubric-jsonl': dataset('rubric-jsonl'),
  rewrites: dataset('rewrites'),
  csv: { title: 'CSV (one row per task)', kinds: [] },
  'label-studio': { title: 'Label Studio JSON', data: ['text', 'image'], kinds: [] },
  coco: { title: 'COCO (JSON)', data: ['image'], kinds: REGIONS },
  yolo: { title: 'YOLO (folder)', data: ['image'], kinds: REGIONS },
  voc: { title: 'Pascal VOC (folder)', data: ['image'], kinds: REGIONS },
  labelme: { title: 'labelme (folder)', data: ['image'], kinds: [...REGIONS, 'choices'] },
  conll: { title: 'CoNLL / IOB', data: ['text'], kinds: ['spans'] },
  doccano: { title: 'doccano JSONL', data: ['text'], kinds: ['spans', 'choices'] },
  prodigy: { title: 'Prodigy JSONL', data: ['text'], kinds: ['spans', 'choices'] },
  preference: { title: 'Preference data (TRL JSONL)', data: ['conversation'], kinds: ['pairwise', 'ranking'] },
};

/** Why `format` cannot hold answers to `config`, or null when it can. */
export function exportMismatch(format: ProjectExportFormat, config: LabelConfig): string | null {
  const needs = PROJECT_EXPORT_NEEDS[format];
  if (needs.data && !needs.data.includes(config.data)) return `${needs.title} describes ${needs.data.join(' or ')} tasks, and these are ${config.data}`;
  if (needs.kinds.length > 0 && !config.controls.some((c) => needs.kinds.includes(c.kind))) {
    return `${needs.title} needs a ${needs.kinds.join(' or ')} question, and this label config has ${config.controls.map((c) => c.kind).join(', ')}`;
  }
  return null;
}

/** The formats that can hold the project's answers, in menu order. */
export function projectExportFormatsFor(config: LabelConfig): ProjectExportFormat[] {
  return PROJECT_EXPORT_FORMATS.filter((f) => exportMismatch(f, config) === null);
}
