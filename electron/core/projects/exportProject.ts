/**
 * A project's dataset: every task in order with its final answer (final.ts), streamed in batches
 * to the format's writer, so 100k tasks never sit in memory at once (the answers do: they are
 * what the final choice is made from).
 */
import type { ProjectExportFormat, FinalChoice } from '../../../shared/projectContract';
import { AI_EVAL_FORMATS, type AiEvalFormat } from '../../../shared/exportFormats';
import { exportAiEvalRows } from '../formats/aiEvalExports';
import type { FinalRow } from '../formats/interop/types';
import type { ExportRow, Store } from '../store';
import { finalContextOf, finalFor } from './final';
import { writeProjectExport, type WriteOptions } from './formats';

export async function exportProject(
  store: Store,
  projectId: string,
  format: ProjectExportFormat,
  final: FinalChoice,
  out: string,
  onProgress?: (done: number, total: number) => void,
  writeOptions: WriteOptions = {},
): Promise<{ path: string; rows: number; files: string[] }> {
  const project = await store.project(projectId);
  const counts = await store.projectCounts(projectId);
  const ctx = await finalContextOf(store, projectId);
  const images = await store.projectImages(projectId);
  async function* finalRows(): AsyncGenerator<FinalRow[]> {
    for await (const batch of store.projectTasks(projectId)) {
      yield batch.map(({ task }) => ({ task, ...finalFor(task.id, final, ctx) }));
    }
  }
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
    return { path: out, rows: written.rows, files: [out] };
  }
  const written = await writeProjectExport(format as Parameters<typeof writeProjectExport>[0], {
    labelConfig: project.labelConfig,
    rows: finalRows,
    imagePath: (assetPath) => images.get(assetPath) ?? null,
    total: counts.tasks,
    ...(onProgress ? { onProgress } : {}),
  }, out, writeOptions);
  return { path: out, rows: written.rows, files: written.files };
}
