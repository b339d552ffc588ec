/**
 * Writing Label Studio JSON: a list of tasks, streamed (`[`, tasks joined by `,\n`, `]`) so a
 * large export holds one task at a time, and the labeling config beside it
 * (`<name>.label_config.xml`, labelStudioNaming.ts), which declares every from_name and to_name
 * the results use: the config given at import as it was (plus any question of Loupe's own it
 * lacks, warned), else one generated from the label config and the results kept.
 *
 * A task read from a Label Studio file (task.meta.labelStudio, labelStudioMeta.ts) is written back
 * as the file had it: every task field in its order, `data` whole (the key it showed, its other
 * fields), the same wrapper (`data`, or none; `annotations` or the pre-1.0 `completions`), the
 * predictions as given. Its annotations are the answers the export gives (the final answer, or
 * every annotator's with --final all), each matched with the source annotation it came from:
 *
 *   unchanged   (the same answer as read, by the same annotator) the source JSON exactly;
 *   changed     (the annotator's own, edited in Loupe) the source annotation with its result
 *               rebuilt (labelStudioResultsOut.ts: unchanged regions exactly, kept result types
 *               where they were), its other fields (id, completed_by, history …) as given;
 *   new         a new annotation: `{ result, completed_by }`, completed_by a Label Studio user id
 *               for an annotator that is a number, else `loupe_annotator` (readLabelStudio reads it
 *               back); a skipped answer has `was_cancelled: true`.
 *
 * A source annotation that holds only results Loupe does not model (a chat, keypoints) cannot
 * have changed in Loupe and is written back as given. Any other source annotation the export
 * does not give (a single final answer of several) is counted in a warning.
 *
 * A task made in Loupe gets `data.image` as `/data/local-files/?d=<name>` (Label Studio's URL
 * for a file under its local-files document root) or `data.text`, and `meta.loupe_task_id`.
 */
import { LoupeError } from '../../../../shared/errors';
import type { Answer } from '../../../../shared/pack/task';
import { writeFileAtomically } from '../lineWriter';
import { ImageSizes, recordedImageSize, type PixelSize } from './imageFiles';
import { labelValues, type DataKind } from './labelStudioConfig';
import { annotatorOf } from './labelStudioData';
import { fingerprint, lsMetaOf, type LsProjectInfo, type LsTaskMeta } from './labelStudioMeta';
import { configPathFor, generatedConfigXml, givenConfigXml, LsNaming, SeenResults } from './labelStudioNaming';
import { sizeOfResult } from './labelStudioResults';
import { editedResults, freshResults, type LsResult, type OutContext } from './labelStudioResultsOut';
import { flatResults, isNestedResult, isRecord, shapeOf, type LsTaskShape } from './labelStudioShape';
import { imageNameOfTask } from './naming';
import { Notes } from './notes';
import type { ExportInput, ExportOutcome, FinalRow } from './types';
import { TextOffsets } from './utf16Offsets';

/** One answer to write: the final one, or one annotator's (--final all). */
interface AnswerOut {
  annotator: string | null;
  status: 'submitted' | 'skipped';
  answer: Answer;
}

const EMPTY_ANSWER = fingerprint([]);
/** What create.ts names the people of annotations with no completed_by: the format's name. */
const UNNAMED = 'label-studio';
/** Predictions that create.ts made from this file's own annotations and predictions: the source has them. */
const IMPORTED_VERSIONS = new Set(['imported', 'imported-annotation']);
const hasShapes = (answer: Answer) => answer.some((r) => r.kind === 'boxes' || r.kind === 'polygons');

function answersOf(row: FinalRow): AnswerOut[] {
  if (row.answers) return row.answers.map((a) => ({ annotator: a.annotator, status: a.status, answer: a.answer }));
  return row.answer ? [{ annotator: row.annotator, status: 'submitted', answer: row.answer }] : [];
}

/** The project's names, from the first task (readLabelStudio keeps them there). */
async function projectInfoOf(input: ExportInput): Promise<LsProjectInfo | null> {
  for await (const batch of input.rows()) {
    for (const row of batch) return lsMetaOf(row.task.meta)?.project ?? null;
  }
  return null;
}

/** Write a Label Studio JSON file and its labeling config (see the top of this file). */
export async function writeLabelStudio(input: ExportInput, outPath: string): Promise<ExportOutcome & { warnings: string[] }> {
  const config = input.labelConfig;
  if (config.data === 'conversation') throw new LoupeError('invalid-input', 'Label Studio export covers image and text tasks, and these tasks are conversations', { field: 'labelConfig.data' });
  const typed = config as typeof config & { data: DataKind };
  const naming = new LsNaming(typed, await projectInfoOf(input));
  const values = new Map(config.controls.map((c) => [c.id, 'labels' in c ? labelValues(c.labels) : new Map<string, string>()]));
  const notes = new Notes();
  const sizes = new ImageSizes();
  const seen = new SeenResults();

  /** What results of this task are written with: its text, or its image size when a region needs it. */
  const contextOf = async (row: FinalRow, answers: AnswerOut[], source: LsTaskMeta | null): Promise<OutContext> => {
    const { task } = row;
    const ctx: OutContext = { taskId: task.id, naming, values, size: null, text: null, notes };
    if (naming.data === 'text') {
      if (task.data.text === undefined) throw new LoupeError('invalid-input', `task "${task.id}" has no text`, { entry: task.id, field: 'data.text' });
      ctx.text = { value: task.data.text, offsets: new TextOffsets(task.data.text) };
      return ctx;
    }
    const fromSource = source ? shapeOf(source.source, 'source', task.id) : null;
    const given = fromSource ? [...fromSource.annotations, ...fromSource.predictions].flatMap((a) => (isRecord(a) ? (flatResults(a.result) ?? []) : [])).map(sizeOfResult).find((s) => s !== null) : undefined;
    ctx.unsized = !given && !recordedImageSize(task.meta) && (task.data.image === undefined || input.imagePath(task.data.image) === null);
    if (!answers.some((a) => hasShapes(a.answer)) && !task.predictions?.some((p) => hasShapes(p.result))) return ctx;
    let size: PixelSize | null = given ?? recordedImageSize(task.meta);
    const path = size || task.data.image === undefined ? null : input.imagePath(task.data.image);
    if (!size && path) size = await sizes.of(path, { entry: task.id, file: imageNameOfTask(task) ?? task.id });
    if (!size) notes.add('images not available and with no size in the file: their regions cannot be written in percent', imageNameOfTask(task) ?? task.id);
    ctx.size = size;
    return ctx;
  };

  const freshAnnotation = (a: AnswerOut, ctx: OutContext): LsResult => {
    const who = a.annotator === null ? {} : /^\d+$/.test(a.annotator) ? { completed_by: Number(a.annotator) } : { loupe_annotator: a.annotator };
    return { result: freshResults(a.answer, ctx), ...(a.status === 'skipped' ? { was_cancelled: true } : {}), ...who };
  };

  const predictionsOf = (row: FinalRow, ctx: OutContext, fromFile: boolean): LsResult[] =>
    (row.task.predictions ?? [])
      .filter((p) => !(fromFile && IMPORTED_VERSIONS.has(p.modelVersion)))
      .map((p) => ({ model_version: p.model === p.modelVersion ? p.model : `${p.model} ${p.modelVersion}`, ...(p.score !== undefined ? { score: p.score } : {}), result: freshResults(p.result, ctx) }));

  /** The source annotations, each written as given, edited, or (not in the export) counted. */
  const annotationsOf = (shape: LsTaskShape, meta: LsTaskMeta, answers: AnswerOut[], ctx: OutContext): unknown[] => {
    // A project names the file's unnamed annotator after the format (create.ts), and keeps the last
    // of one person's annotations of a task: so a person's answer is matched with their last one.
    const sources = shape.annotations.map((raw, i) => {
      const rec = isRecord(raw) ? raw : {};
      return { i, raw, rec, fp: meta.answers[i], person: annotatorOf(rec, shape.raw.meta) ?? UNNAMED, skipped: rec.was_cancelled === true, used: false, results: flatResults(rec.result) ?? [] };
    });
    const chosen: { i: number; json: unknown }[] = [];
    const added: LsResult[] = [];
    for (const a of answers) {
      const fp = fingerprint(a.answer);
      const free = sources.filter((s) => !s.used && s.skipped === (a.status === 'skipped'));
      const known = a.annotator !== null && sources.some((s) => s.person === a.annotator);
      // A final answer not one person's (gold, majority) is the first annotation that gave it, as gold is.
      const same = known ? free.findLast((s) => s.fp === fp && s.person === a.annotator) : free.find((s) => s.fp === fp);
      if (same) {
        same.used = true;
        chosen.push({ i: same.i, json: same.raw });
        continue;
      }
      const mine = known ? sources.findLast((s) => !s.used && s.person === a.annotator) : undefined;
      if (mine) {
        mine.used = true;
        const results = editedResults(mine.results, a.answer, ctx);
        const status = mine.skipped !== (a.status === 'skipped') ? { was_cancelled: a.status === 'skipped' } : {};
        chosen.push({ i: mine.i, json: { ...mine.rec, result: isNestedResult(mine.rec.result) ? [results] : results, ...status } });
        continue;
      }
      added.push(freshAnnotation(a, ctx));
    }
    for (const s of sources.filter((x) => !x.used)) {
      // Only results Loupe does not model: nothing of it could change in Loupe, so it goes back as given.
      if (!s.skipped && s.fp === EMPTY_ANSWER && s.results.length > 0) chosen.push({ i: s.i, json: s.raw });
      else notes.add("annotations of the source file not in this export (the final choice gives one answer per task; --final all writes every annotator's)", `task ${ctx.taskId}`);
    }
    return [...chosen.sort((x, y) => x.i - y.i).map((c) => c.json), ...added];
  };

  const taskOf = async (row: FinalRow): Promise<unknown> => {
    const { task } = row;
    const answers = answersOf(row);
    const meta = lsMetaOf(task.meta);
    const ctx = await contextOf(row, answers, meta);
    if (!meta) {
      let shown: string;
      if (naming.data === 'image') {
        const name = imageNameOfTask(task);
        if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image`, { entry: task.id, field: 'data.image' });
        shown = `/data/local-files/?d=${encodeURIComponent(name)}`;
      } else shown = ctx.text!.value;
      return { data: { [naming.dataKey]: shown }, annotations: answers.map((a) => freshAnnotation(a, ctx)), predictions: predictionsOf(row, ctx, false), meta: { loupe_task_id: task.id } };
    }
    seen.addTask(meta.source, naming);
    const shape = shapeOf(meta.source, 'source', task.id);
    const annotations = annotationsOf(shape, meta, answers, ctx);
    const predictions = [...shape.predictions, ...predictionsOf(row, ctx, true)];
    // The task's own fields in their order, its annotations and predictions in their place.
    const out: LsResult = {};
    for (const [key, value] of Object.entries(shape.raw)) {
      if (key === shape.annotationsKey) out[key] = annotations;
      else if (key === 'predictions') out[key] = predictions;
      else out[key] = value;
    }
    if (!(shape.annotationsKey in out) && annotations.length > 0) out[shape.annotationsKey] = annotations;
    if (!('predictions' in out) && predictions.length > 0) out.predictions = predictions;
    return out;
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
  const configPath = configPathFor(outPath);
  const xml = naming.info?.config !== undefined ? givenConfigXml(naming.info.config, typed, naming, notes) : generatedConfigXml(typed, naming, seen);
  await writeFileAtomically(configPath, (write) => write(xml));
  return { rows, files: [outPath, configPath], warnings: notes.list() };
}
