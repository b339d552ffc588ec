/**
 * A project's dataset: every task in order with its final answer (final.ts), streamed in batches
 * to the format's writer, so 100k tasks never sit in memory at once (the answers do: they are
 * what the final choice is made from). With the final choice `all`, each row carries every
 * annotator's latest answer instead, skips included, for the formats that hold several per task.
 *
 * The outcome lists what the writer could not carry over (warnings), and also says so when the
 * final choice left tasks without an answer that the person may not expect: an annotator who
 * answered nothing, a project nobody has answered yet.
 */
import { LoupeError } from '../../../shared/errors';
import { ALL_ANSWERS_FORMATS, type ProjectExportFormat, type FinalChoice } from '../../../shared/projectContract';
import { AI_EVAL_FORMATS, type AiEvalFormat } from '../../../shared/exportFormats';
import { aiEvalWarnings, exportAiEvalRows } from '../formats/aiEvalExports';
import type { FinalRow, RowAnswer } from '../formats/interop/types';
import type { ExportRow, Store } from '../store';
import { finalContextOf, finalFor } from './final';
import { writeProjectExport, type WriteOptions } from './formats';

export interface ProjectExportOutcome {
  path: string;
  rows: number;
  files: string[];
  warnings: string[];
}

export async function exportProject(
  store: Store,
  projectId: string,
  format: ProjectExportFormat,
  final: FinalChoice,
  out: string,
  onProgress?: (done: number, total: number) => void,
  writeOptions: WriteOptions = {},
): Promise<ProjectExportOutcome> {
  const project = await store.project(projectId);
  const counts = await store.projectCounts(projectId);
  const ctx = await finalContextOf(store, projectId);
  const images = await store.projectImages(projectId);
  if (final === 'all' && !(ALL_ANSWERS_FORMATS as readonly string[]).includes(format)) {
    throw new LoupeError('invalid-input', `--final all writes every annotator's answer, which only ${ALL_ANSWERS_FORMATS.join(', ')} can hold; ${format} holds one answer per task`, { field: 'final' });
  }
  const warnings: string[] = [];
  if (typeof final === 'object') {
    const known = [...ctx.byTask.values()].some((answers) => answers.some((a) => a.annotatorId === final.annotator || a.annotatorName === final.annotator));
    if (!known) warnings.push(`annotator "${final.annotator}" has no answers in project "${project.name}": only gold tasks have a final answer`);
  }
  let answered = 0;
  async function* finalRows(): AsyncGenerator<FinalRow[]> {
    for await (const batch of store.projectTasks(projectId)) {
      yield batch.map(({ task }) => {
        if (final !== 'all') {
          const chosen = finalFor(task.id, final, ctx);
          const name = (ctx.everyAnswer.get(task.id) ?? []).find((a) => a.annotatorId === chosen.annotator)?.annotatorName;
          const row: FinalRow = { task, ...chosen, ...(name ? { annotatorName: name } : {}) };
          if (row.answer) answered += 1;
          return row;
        }
        // Skips too: a format that holds every answer (Prodigy's ignore) gives them back as skipped.
        const answers: RowAnswer[] = (ctx.everyAnswer.get(task.id) ?? []).map((a) => ({ annotator: a.annotatorName, status: a.status, answer: a.answer, skipReason: a.skipReason, submittedAt: a.submittedAt }));
        const gold = ctx.gold.get(task.id);
        if (gold && !answers.some((a) => a.status === 'submitted')) answers.push({ annotator: 'gold', status: 'submitted', answer: gold, skipReason: null, submittedAt: project.createdAt });
        if (answers.some((a) => a.status === 'submitted')) answered += 1;
        return { task, answer: null, annotator: null, answers };
      });
    }
  }
  const finish = (written: { rows: number; files: string[]; warnings?: string[] }): ProjectExportOutcome => {
    if (answered === 0 && counts.tasks > 0) warnings.push(`no task of project "${project.name}" has a final answer yet; the export holds the tasks (and what the source file had)`);
    return { path: out, rows: written.rows, files: written.files, warnings: [...(written.warnings ?? []), ...warnings] };
  };
  if ((AI_EVAL_FORMATS as readonly string[]).includes(format)) {
    // The AI-evaluation exports read rows of (task, answers): give each task its final answer.
    async function* asRows(): AsyncGenerator<ExportRow[]> {
      for await (const batch of finalRows()) {
        yield batch.map((row) => ({
          taskId: row.task.id,
          body: JSON.stringify(row.task),
          annotations: row.answer
            ? [{ annotator: { id: row.annotator ?? 'final', name: row.annotator ?? 'final' }, revision: 1, status: 'submitted', answer: row.answer, provenance: 'manual' as const, modelVersion: null, activeMs: 0, skipReason: null, submittedAt: project.updatedAt }]
            : [],
        }));
      }
    }
    const written = await exportAiEvalRows({ labelConfig: project.labelConfig, owner: `project "${project.name}"`, rows: asRows(), total: counts.tasks }, format as AiEvalFormat, out, onProgress);
    return finish({ rows: written.rows, files: [out], warnings: aiEvalWarnings(written) });
  }
  const written = await writeProjectExport(format as Parameters<typeof writeProjectExport>[0], {
    labelConfig: project.labelConfig,
    // A writer may make several passes; the count is of the last one.
    rows: () => {
      answered = 0;
      return finalRows();
    },
    imagePath: (assetPath) => images.get(assetPath) ?? null,
    total: counts.tasks,
    ...(onProgress ? { onProgress } : {}),
  }, out, writeOptions);
  return finish(written);
}
