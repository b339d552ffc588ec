/**
 * Writing a Label Studio JSON import file: a list of tasks, streamed (`[`, tasks joined by
 * `,\n`, `]`) so a large export holds one task at a time.
 *
 *   data.image        `/data/local-files/?d=<name>`: Label Studio's own URL for a file under its
 *                     local-files document root, so pointing LOCAL_FILES_DOCUMENT_ROOT at the folder
 *                     of the images shows them at once; readLabelStudio reads the name back from `d`.
 *   data.text         the task's text.
 *   annotations       the final answer, when there is one: `[{ result, completed_by? }]`.
 *                     `completed_by` is a Label Studio user id, so it is written only for an
 *                     annotator that is a number; another annotator (a name, an email) goes to
 *                     `meta.loupe_annotator`, where readLabelStudio finds it.
 *   predictions       the task's predictions: model_version "<model> <version>", score, result.
 *   meta.loupe_task_id the Loupe task id, so reading the file back keeps the ids.
 *
 * Results: boxes and polygons in percent of original_width / original_height (read from the image
 * file's header), spans with start / end in UTF-16 units (as Label Studio counts) and their text,
 * choices by label. Labels are written by name (labelStudioConfig.ts's labelValues), question
 * names (from_name) are the Loupe question ids and to_name is `image` or `text`, which is what
 * labelStudioConfigXml writes, so that config sets up a project that imports this file. Answers
 * to questions Label Studio has no tag for here (rubrics, pairwise …) are left out, with a warning.
 */
import { LoupeError } from '../../../../shared/errors';
import type { Control } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { writeFileAtomically } from '../lineWriter';
import { ImageSizes, type PixelSize } from './imageFiles';
import { labelValues, OBJECT_NAME, type DataKind } from './labelStudioConfig';
import { IdScope, imageNameOfTask } from './naming';
import { Notes } from './notes';
import type { ExportInput, ExportOutcome, FinalRow } from './types';
import { TextOffsets } from './utf16Offsets';

type LsResult = Record<string, unknown>;

interface RowContext {
  taskId: string;
  data: DataKind;
  size: PixelSize | null;
  text: { value: string; offsets: TextOffsets } | null;
}

const hasShapes = (answer: Answer | null | undefined) => answer?.some((r) => r.kind === 'boxes' || r.kind === 'polygons') ?? false;

/** Write a Label Studio JSON file (see the top of this file). */
export async function writeLabelStudio(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  const config = input.labelConfig;
  if (config.data === 'conversation') throw new LoupeError('invalid-input', 'Label Studio export covers image and text tasks, and these tasks are conversations', { field: 'labelConfig.data' });
  const data: DataKind = config.data;
  const controls = new Map(config.controls.map((c) => [c.id, c]));
  const values = new Map(config.controls.map((c) => [c.id, 'labels' in c ? labelValues(c.labels) : new Map<string, string>()]));
  const notes = new Notes();
  const sizes = new ImageSizes();

  /** One Loupe answer as a Label Studio result list. */
  const resultsOf = (answer: Answer, ctx: RowContext): LsResult[] => {
    const ids = new IdScope('r');
    const results: LsResult[] = [];
    for (const result of answer) {
      const control: Control | undefined = controls.get(result.controlId);
      const valueOf = (label: string) => values.get(result.controlId)?.get(label) ?? label;
      const base = (id: string | null, type: string) => ({ id: id === null ? ids.next() : ids.take(id), type, from_name: result.controlId, to_name: OBJECT_NAME[data] });
      const origin = (o: string | undefined) => (o ? { origin: o } : {});
      if (!control || control.kind !== result.kind) {
        notes.add('answers to questions not in the label config were left out', `task ${ctx.taskId}`);
      } else if (result.kind === 'choices') {
        results.push({ ...base(null, 'choices'), value: { choices: result.labels.map(valueOf) } });
      } else if (result.kind === 'spans') {
        const text = ctx.text;
        if (!text) throw new LoupeError('invalid-input', `task "${ctx.taskId}" has spans and no text`, { entry: ctx.taskId });
        for (const s of result.spans) {
          const start = text.offsets.toUtf16(s.start);
          const end = text.offsets.toUtf16(s.end);
          if (start === null || end === null) throw new LoupeError('invalid-input', `span "${s.id}" of task "${ctx.taskId}" runs past the end of its text`, { entry: ctx.taskId });
          results.push({ ...base(s.id, 'labels'), value: { start, end, text: text.value.slice(start, end), labels: [valueOf(s.label)] }, ...origin(s.origin) });
        }
      } else if (result.kind === 'boxes' || result.kind === 'polygons') {
        const size = ctx.size!;
        const px = (x: number) => (x / size.width) * 100;
        const py = (y: number) => (y / size.height) * 100;
        const frame = { original_width: size.width, original_height: size.height, image_rotation: 0 };
        if (result.kind === 'boxes') {
          for (const b of result.boxes) {
            const value = { x: px(b.x), y: py(b.y), width: px(b.width), height: py(b.height), rotation: 0, rectanglelabels: [valueOf(b.label)] };
            results.push({ ...base(b.id, 'rectanglelabels'), ...frame, value, ...origin(b.origin) });
          }
        } else {
          for (const p of result.polygons) {
            const value = { points: p.points.map(([x, y]) => [px(x), py(y)]), closed: true, polygonlabels: [valueOf(p.label)] };
            results.push({ ...base(p.id, 'polygonlabels'), ...frame, value, ...origin(p.origin) });
          }
        }
      } else {
        notes.add(`${result.kind} answers were left out: Label Studio export writes boxes, polygons, choices and spans`, `task ${ctx.taskId}`);
      }
    }
    return results;
  };

  const taskOf = async ({ task, answer, annotator }: FinalRow): Promise<Record<string, unknown>> => {
    const ctx: RowContext = { taskId: task.id, data, size: null, text: null };
    let taskData: Record<string, string>;
    if (data === 'image') {
      const name = imageNameOfTask(task);
      if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image`, { entry: task.id, field: 'data.image' });
      taskData = { image: `/data/local-files/?d=${encodeURIComponent(name)}` };
      if (hasShapes(answer) || task.predictions?.some((p) => hasShapes(p.result))) {
        const path = input.imagePath(task.data.image!);
        if (path === null) throw new LoupeError('invalid-input', `the image ${name} of task "${task.id}" is not available, and percent coordinates need its size`, { entry: task.id });
        ctx.size = await sizes.of(path, { entry: task.id, file: name });
      }
    } else {
      if (task.data.text === undefined) throw new LoupeError('invalid-input', `task "${task.id}" has no text`, { entry: task.id, field: 'data.text' });
      taskData = { text: task.data.text };
      ctx.text = { value: task.data.text, offsets: new TextOffsets(task.data.text) };
    }
    const userId = annotator !== null && /^\d+$/.test(annotator) ? { completed_by: Number(annotator) } : {};
    const predictions = (task.predictions ?? []).map((p) => ({
      model_version: p.model === p.modelVersion ? p.model : `${p.model} ${p.modelVersion}`,
      ...(p.score !== undefined ? { score: p.score } : {}),
      result: resultsOf(p.result, ctx),
    }));
    return {
      data: taskData,
      annotations: answer === null ? [] : [{ result: resultsOf(answer, ctx), ...userId }],
      predictions,
      meta: { loupe_task_id: task.id, ...(annotator !== null && !('completed_by' in userId) ? { loupe_annotator: annotator } : {}) },
    };
  };

  const rows = await writeFileAtomically(outPath, async (write) => {
    await write('[');
    let done = 0;
    for await (const batch of input.rows()) {
      for (const row of batch) {
        await write(`${done === 0 ? '\n' : ',\n'}${JSON.stringify(await taskOf(row))}`);
        done += 1;
        input.onProgress?.(done, input.total);
      }
    }
    await write('\n]\n');
    return done;
  });
  return { rows, files: [outPath], warnings: notes.list() };
}
