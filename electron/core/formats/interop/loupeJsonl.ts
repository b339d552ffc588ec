/**
 * The final dataset as Loupe JSONL: one JSON object per line, the task as it is (id, data,
 * predictions, meta) with the final `answer` (null when there is none) and its `annotator`. Unlike
 * the per-annotator dataset export (datasetJsonl.ts), each task carries one settled answer, which
 * is what a training pipeline wants.
 */
import { writeRows } from './textShared';
import type { ExportInput, ExportOutcome } from './types';

export async function writeLoupeJsonl(input: ExportInput, outPath: string): Promise<ExportOutcome> {
  // A task's keys are id, data, predictions and meta, so `answer` and `annotator` never shadow one.
  return writeRows(input, outPath, (row) => `${JSON.stringify({ ...row.task, answer: row.answer, annotator: row.annotator })}\n`);
}
