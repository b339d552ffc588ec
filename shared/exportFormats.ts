/**
 * The dataset formats a pack's answers export to (CLI `loupe export --format`, the app's Export
 * dataset dialog), with what each needs from the label config, so the app offers only the ones
 * that mean something for the open pack.
 */
import type { Control, LabelConfig } from './pack/labelConfig';

export const AI_EVAL_FORMATS = ['preference-pairs', 'rubric-csv', 'rubric-jsonl', 'rewrites'] as const;
export type AiEvalFormat = (typeof AI_EVAL_FORMATS)[number];

export const DATASET_FORMATS = ['jsonl', ...AI_EVAL_FORMATS] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DatasetFormatInfo {
  title: string;
  description: string;
  extension: 'jsonl' | 'csv';
  /** Question kinds the format reads; empty means any pack. */
  needs: readonly Control['kind'][];
}

export const DATASET_FORMAT_INFO: Record<DatasetFormat, DatasetFormatInfo> = {
  jsonl: { title: 'Loupe JSONL', description: 'Every task with every answer, one JSON object per line.', extension: 'jsonl', needs: [] },
  'preference-pairs': {
    title: 'Preference pairs (JSONL)',
    description: 'prompt / chosen / rejected with strength and annotator, as reward-model and DPO trainers read them.',
    extension: 'jsonl',
    needs: ['pairwise', 'ranking'],
  },
  'rubric-csv': { title: 'Rubric scores (CSV)', description: 'One row per rubric answer, one column per dimension.', extension: 'csv', needs: ['rubric'] },
  'rubric-jsonl': { title: 'Rubric scores (JSONL)', description: 'One object per rubric answer with its scores and rubric version.', extension: 'jsonl', needs: ['rubric'] },
  rewrites: { title: 'Rewrites (JSONL)', description: 'prompt / original / corrected with the word diff.', extension: 'jsonl', needs: ['rewrite'] },
};

/** The formats that apply to a label config, in menu order. */
export function formatsFor(config: LabelConfig): DatasetFormat[] {
  return DATASET_FORMATS.filter((f) => {
    const needs = DATASET_FORMAT_INFO[f].needs;
    return needs.length === 0 || config.controls.some((c) => needs.includes(c.kind));
  });
}
