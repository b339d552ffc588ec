/**
 * Label Studio JSON exports: a list of tasks, each with `data` (the image URL or the text, by the
 * field the labeling config names), `annotations` (each with `completed_by`, a user id or an
 * object with an email, and `result`), and `predictions` (with `model_version`, `score`, `result`).
 * Results are converted by labelStudioResults.ts; the label config comes from the project's XML
 * labeling config when given (labelStudioConfig.ts), else from the results seen.
 *
 * Images: Label Studio stores an URL (`/data/upload/1/8f3a2c1d-cat.jpg`, `http://host/cat.jpg?…`,
 * `/data/local-files/?d=dir/cat.jpg`). The task's image is named by the file's own name, and the
 * file is looked up by that name in the images folder given. Uploads carry an 8-hex-digit prefix
 * Label Studio added (`8f3a2c1d-`); when the prefixed name is not in the folder, the original name
 * is tried, and the name of the file found is the one used. A task whose image is not found keeps
 * its image name with no image file, and the warnings say so. The other `data` fields and the
 * task's Label Studio id go to `meta.labelStudio`.
 *
 * Cancelled (skipped) annotations are left out, with a warning. Predictions become annotations of
 * kind `prediction` with their model version and score.
 *
 * Writing is in labelStudioWriter.ts.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LoupeError, parseOrThrow } from '../../../../shared/errors';
import { findAnswerProblem } from '../../../../shared/answerCheck';
import { taskSchema, type TaskData } from '../../../../shared/pack/task';
import { ImageFolder, ImageSizes, readJsonFile, type PixelSize } from './imageFiles';
import { LsProject, RESULT_KIND, type DataKind } from './labelStudioConfig';
import { convertResults, sizeOfResult } from './labelStudioResults';
import { assetPathOf, IdScope, idFrom, imageNameFrom } from './naming';
import { Notes } from './notes';
import type { SourceAnnotation, SourceSet, SourceTask } from './types';
import { TextOffsets } from './utf16Offsets';

export { writeLabelStudio } from './labelStudioWriter';
export { labelStudioConfigXml } from './labelStudioConfig';

export interface LabelStudioReadOptions {
  /** Path of the project's XML labeling config (`--config`). */
  configPath?: string;
  /** The folder holding the images (`--images`). */
  imagesDir?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const UPLOAD_PREFIX = /^[0-9a-f]{8}-(.+)$/;

/** Every result list of a task: its annotations' and its predictions'. */
function resultLists(task: Record<string, unknown>): unknown[][] {
  const lists: unknown[][] = [];
  for (const key of ['annotations', 'predictions']) {
    const items = task[key];
    if (!Array.isArray(items)) continue;
    for (const item of items) if (isRecord(item) && Array.isArray(item.result)) lists.push(item.result);
  }
  return lists;
}

/** Whether the tasks show images or texts: by the config when it says, else by the results' types. */
function dataKindOf(project: LsProject, tasks: unknown[], file: string): DataKind {
  const fromConfig = project.dataKindOfConfig();
  if (fromConfig) return fromConfig;
  const kinds = new Set<DataKind>();
  for (const task of tasks) {
    if (!isRecord(task)) continue;
    for (const list of resultLists(task)) {
      for (const r of list) {
        const kind = isRecord(r) && typeof r.type === 'string' ? RESULT_KIND[r.type] : undefined;
        if (kind === 'boxes' || kind === 'polygons') kinds.add('image');
        if (kind === 'spans') kinds.add('text');
      }
    }
  }
  if (kinds.size > 1) throw new LoupeError('invalid-input', 'has both image regions and text spans; a Loupe task shows one image or one text', { file });
  if (kinds.size === 1) return [...kinds][0]!;
  const first = tasks.find(isRecord);
  return first && isRecord(first.data) && first.data.image !== undefined ? 'image' : 'text';
}

function annotatorOf(completedBy: unknown, meta: unknown): string | null {
  if (typeof completedBy === 'number' || (typeof completedBy === 'string' && completedBy !== '')) return String(completedBy);
  if (isRecord(completedBy)) {
    if (typeof completedBy.email === 'string' && completedBy.email !== '') return completedBy.email;
    if (typeof completedBy.id === 'number' || typeof completedBy.id === 'string') return String(completedBy.id);
  }
  // writeLabelStudio keeps an annotator that is not a Label Studio user id in the task's meta.
  return isRecord(meta) && typeof meta.loupe_annotator === 'string' ? meta.loupe_annotator : null;
}

/** Read a Label Studio JSON export (see the top of this file). */
export async function readLabelStudio(path: string, options: LabelStudioReadOptions = {}): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const json = await readJsonFile(path);
  if (!Array.isArray(json)) throw new LoupeError('invalid-input', 'a Label Studio export is a JSON list of tasks', { file });
  const notes = new Notes();
  let project: LsProject;
  if (options.configPath) {
    const configFile = basename(options.configPath);
    const text = await readFile(options.configPath, 'utf8').catch((error: Error) => {
      throw new LoupeError('invalid-input', `the labeling config cannot be read (${error.message})`, { file: configFile });
    });
    project = LsProject.fromXml(text, configFile, notes);
  } else {
    project = LsProject.derived({ file });
  }
  const data = dataKindOf(project, json, file);
  const dataKey = project.dataKey(data);
  const folder = options.imagesDir ? await ImageFolder.open(options.imagesDir) : null;
  if (data === 'image' && !folder) notes.add('no images folder was given, so image files are not located; tasks keep their image names');
  const sizes = new ImageSizes();
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const tasks: SourceTask[] = [];
  /** Where each annotation is in the file, to locate an answer that does not fit the config. */
  const origins: string[][] = [];

  for (const [i, raw] of json.entries()) {
    const at = `[${i}]`;
    if (!isRecord(raw) || !isRecord(raw.data)) throw new LoupeError('invalid-input', 'each task must be an object with a "data" object', { file, field: at });
    const meta = isRecord(raw.meta) ? raw.meta : {};
    const lsId = typeof raw.id === 'number' || typeof raw.id === 'string' ? raw.id : null;
    const label = lsId === null ? `task ${i + 1}` : `task ${lsId}`;
    const ownId = typeof meta.loupe_task_id === 'string' && idFrom(meta.loupe_task_id) === meta.loupe_task_id ? meta.loupe_task_id : lsId;
    const id = taskIds.take(ownId);
    const value = raw.data[dataKey];
    let taskData: TaskData;
    let imageFile: string | null = null;
    let text: { value: string; offsets: TextOffsets } | null = null;
    if (data === 'image') {
      const name = typeof value === 'string' ? imageNameFrom(value) : null;
      if (name === null) throw new LoupeError('invalid-input', `${label}: data.${dataKey} must name an image`, { file, field: `${at}.data.${dataKey}` });
      const stripped = UPLOAD_PREFIX.exec(name)?.[1];
      imageFile = folder ? (folder.find(name) ?? (stripped ? folder.find(stripped) : null)) : null;
      const asset = assetPathOf(imageFile ? basename(imageFile) : name);
      if (imageFile) images.set(asset, imageFile);
      else if (folder) notes.add(`images not found in ${options.imagesDir}; their tasks are kept without an image file`, name);
      taskData = { image: asset };
    } else {
      if (typeof value !== 'string') throw new LoupeError('invalid-input', `${label}: data.${dataKey} must be the text`, { file, field: `${at}.data.${dataKey}` });
      taskData = { text: value };
      text = { value, offsets: new TextOffsets(value) };
    }

    // Percent needs the image size: the results give it, or else the image file does.
    const lists = resultLists(raw);
    let imageSize: PixelSize | null = lists.flat().map(sizeOfResult).find((s) => s !== null) ?? null;
    const hasShapes = lists.flat().some((r) => isRecord(r) && (r.type === 'rectanglelabels' || r.type === 'polygonlabels'));
    if (!imageSize && hasShapes && imageFile) imageSize = await sizes.of(imageFile, { file, field: `${at}.data.${dataKey}` });

    const annotations: SourceAnnotation[] = [];
    const from: string[] = [];
    const convert = (list: unknown, field: string) => convertResults(list, project, { file, task: label, field, text, imageSize }, notes);
    (Array.isArray(raw.annotations) ? raw.annotations : []).forEach((a: unknown, j) => {
      const field = `${at}.annotations[${j}]`;
      if (!isRecord(a)) throw new LoupeError('invalid-input', `${label}: an annotation must be an object`, { file, field });
      if (a.was_cancelled === true) {
        notes.add('cancelled (skipped) annotations were left out', label);
        return;
      }
      annotations.push({ annotator: annotatorOf(a.completed_by, meta), answer: convert(a.result, `${field}.result`), kind: 'annotation' });
      from.push(field);
    });
    (Array.isArray(raw.predictions) ? raw.predictions : []).forEach((p: unknown, j) => {
      const field = `${at}.predictions[${j}]`;
      if (!isRecord(p)) throw new LoupeError('invalid-input', `${label}: a prediction must be an object`, { file, field });
      const model = typeof p.model_version === 'string' && p.model_version !== '' ? { model: p.model_version } : {};
      const score = typeof p.score === 'number' && Number.isFinite(p.score) ? { score: p.score } : {};
      annotations.push({ annotator: null, answer: convert(p.result, `${field}.result`), kind: 'prediction', ...model, ...score });
      from.push(field);
    });

    // The other data fields are kept; a text task's text is not repeated, an image's URL is.
    const { [data === 'text' ? dataKey : '']: _shown, ...otherData } = raw.data;
    const labelStudio = { ...(lsId !== null ? { id: lsId } : {}), ...(Object.keys(otherData).length ? { data: otherData } : {}) };
    const task = parseOrThrow(taskSchema, { id, data: taskData, ...(Object.keys(labelStudio).length ? { meta: { labelStudio } } : {}) }, { file, entry: label });
    tasks.push({ task, annotations });
    origins.push(from);
  }

  const labelConfig = project.labelConfig(data, notes);
  // The answers against the finished config: a single-choice question given two labels, say.
  tasks.forEach((t, ti) =>
    t.annotations.forEach((a, ai) => {
      const problem = findAnswerProblem(labelConfig, a.answer, 'answer', t.task);
      if (problem) throw new LoupeError('invalid-input', `task "${t.task.id}": ${problem.message}`, { file, field: `${origins[ti]![ai]!}.result` });
    }),
  );
  return { format: 'label-studio', labelConfig, tasks, images, warnings: notes.list() };
}
