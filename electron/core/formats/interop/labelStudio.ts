/**
 * Label Studio JSON: a list of tasks (or one task object), each with `data` (the image URL or the
 * text, by the field the labeling config names, plus any other fields), `annotations` (each with
 * `completed_by`, a user id or an object with an email, and `result`) and `predictions` (with
 * `model_version`, `score`, `result`). The variants (no `data` wrapper, pre-1.0 `completions`)
 * are made into one shape by labelStudioShape.ts; results are converted by
 * labelStudioResults.ts; the label config comes from the project's XML labeling config when given
 * (labelStudioConfig.ts), else from the results seen.
 *
 * Kept: the whole task as the file has it, in `task.meta.labelStudio` (labelStudioMeta.ts), so
 * labelStudioWriter.ts writes back every field, and an unchanged annotation exactly as given.
 *
 * Annotations: each is one SourceAnnotation with its annotator (the completed_by e-mail or id);
 * a cancelled one (`was_cancelled: true`) is status `skipped`; an annotation whose result is
 * empty says "nothing here" (`none: true` on each region question). Predictions become
 * annotations of kind `prediction` with their model version and score.
 *
 * Images: Label Studio stores an URL (`/data/upload/1/8f3a2c1d-cat.jpg`, `http://host/cat.jpg?…`,
 * `/data/local-files/?d=dir/cat.jpg`). The task's image is named by the file's own name, and the
 * file is looked up by that name in the images folder given. Uploads carry an 8-hex-digit prefix
 * Label Studio added (`8f3a2c1d-`); when the prefixed name is not in the folder, the original name
 * is tried, and the name of the file found is the one used. A task whose image is not found is
 * kept (SourceSet.missingImages) with the size its results give (`meta.imageSize`), and one
 * warning names the file and the images.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { findAnswerProblem } from '../../../../shared/answerCheck';
import { LoupeError, parseOrThrow } from '../../../../shared/errors';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import { taskSchema, type Answer, type TaskData } from '../../../../shared/pack/task';
import { IMAGE_SIZE_META, ImageFolder, ImageSizes, readJsonFile, type PixelSize } from './imageFiles';
import { CONTROL_TAG, LsProject, RESULT_KIND } from './labelStudioConfig';
import { allResults, annotatorOf, dataKeyOf, dataKindOf } from './labelStudioData';
import { fingerprint, META_KEY, type LsNames, type LsProjectInfo, type LsTaskMeta } from './labelStudioMeta';
import { convertResults, sizeOfResult } from './labelStudioResults';
import { flatResults, isRecord, shapeOf, tasksOf } from './labelStudioShape';
import { assetPathOf, IdScope, idFrom, imageNameFrom } from './naming';
import { Notes } from './notes';
import type { SourceAnnotation, SourceSet } from './types';
import { TextOffsets } from './utf16Offsets';

export { writeLabelStudio } from './labelStudioWriter';
export { configPathFor, labelStudioConfigXml } from './labelStudioNaming';

export interface LabelStudioReadOptions {
  /** Path of the project's XML labeling config (`--ls-config`). */
  configPath?: string;
  /** The folder holding the images (`--images`). */
  imagesDir?: string;
}

const UPLOAD_PREFIX = /^[0-9a-f]{8}-(.+)$/;

/** A task as read, before the label config is complete (the answers are checked against it). */
interface ReadTask {
  id: string;
  data: TaskData;
  meta: Record<string, unknown>;
  lsMeta: LsTaskMeta;
  annotations: SourceAnnotation[];
  /** Per annotation: where it is in the file, whether a person submitted it, whether it is a person's. */
  origins: { field: string; submitted: boolean; person: boolean }[];
}

async function projectOf(options: LabelStudioReadOptions, file: string, notes: Notes): Promise<{ project: LsProject; xml: string | null }> {
  if (!options.configPath) return { project: LsProject.derived({ file }), xml: null };
  const configFile = basename(options.configPath);
  const xml = await readFile(options.configPath, 'utf8').catch((error: Error) => {
    throw new LoupeError('invalid-input', `the labeling config cannot be read (${error.message})`, { file: configFile });
  });
  return { project: LsProject.fromXml(xml, configFile, notes), xml };
}

const REGION_KINDS = new Set(['spans', 'boxes', 'polygons']);

/**
 * A person's submitted annotation says all they marked: a region or span question it leaves
 * empty is answered "nothing here" (`none: true`), as create.ts's answeredEmpty makes it, so the
 * answer fingerprinted here is the one the project stores.
 */
function answeredEmpty(config: LabelConfig, answer: Answer): Answer {
  const byControl = new Map(answer.map((r) => [r.controlId, r]));
  const filled: Answer = answer.filter((r) => !REGION_KINDS.has(r.kind) || ('spans' in r ? r.spans : 'boxes' in r ? r.boxes : 'polygons' in r ? r.polygons : []).length > 0);
  for (const c of config.controls) {
    if (!REGION_KINDS.has(c.kind) || filled.some((r) => r.controlId === c.id)) continue;
    const had = byControl.get(c.id);
    if (c.kind === 'spans') filled.push({ kind: 'spans', controlId: c.id, spans: [], relations: had?.kind === 'spans' ? had.relations : [], none: true });
    else if (c.kind === 'boxes') filled.push({ kind: 'boxes', controlId: c.id, boxes: [], none: true });
    else filled.push({ kind: 'polygons', controlId: c.id, polygons: [], none: true });
  }
  return filled;
}

/** Read a Label Studio JSON file (see the top of this file). */
export async function readLabelStudio(path: string, options: LabelStudioReadOptions = {}): Promise<SourceSet & { warnings: string[] }> {
  const file = basename(path);
  const notes = new Notes();
  const shapes = tasksOf(await readJsonFile(path), file).map((raw, i) => shapeOf(raw, file, `[${i}]`));
  const { project, xml } = await projectOf(options, file, notes);
  const data = dataKindOf(project, shapes, file);
  const dataKey = dataKeyOf(project, data, shapes, notes, xml !== null);
  const folder = options.imagesDir ? await ImageFolder.open(options.imagesDir) : null;
  const sizes = new ImageSizes();
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const missing = new Set<string>();
  const names: Record<string, LsNames> = {};
  const read: ReadTask[] = [];

  for (const [i, shape] of shapes.entries()) {
    const at = `[${i}]`;
    const { raw } = shape;
    const meta = isRecord(raw.meta) ? raw.meta : {};
    const lsId = typeof raw.id === 'number' || typeof raw.id === 'string' ? raw.id : null;
    const label = lsId === null ? `task ${i + 1}` : `task ${lsId}`;
    const ownId = typeof meta.loupe_task_id === 'string' && idFrom(meta.loupe_task_id) === meta.loupe_task_id ? meta.loupe_task_id : lsId;
    const dataField = shape.wrapped ? `${at}.data.${dataKey}` : `${at}.${dataKey}`;
    const value = shape.data[dataKey];
    const taskMeta: Record<string, unknown> = {};
    let taskData: TaskData;
    let imageFile: string | null = null;
    let text: { value: string; offsets: TextOffsets } | null = null;
    if (data === 'image') {
      const name = typeof value === 'string' ? imageNameFrom(value) : null;
      if (name === null) throw new LoupeError('invalid-input', `${label}: data.${dataKey} must name an image`, { file, field: dataField });
      const stripped = UPLOAD_PREFIX.exec(name)?.[1];
      imageFile = folder ? (folder.find(name) ?? (stripped ? folder.find(stripped) : null)) : null;
      const asset = assetPathOf(imageFile ? basename(imageFile) : name);
      if (imageFile) images.set(asset, imageFile);
      else {
        missing.add(asset);
        notes.add(`${file}: images it names were not found ${options.imagesDir ? `in ${options.imagesDir}` : '(no images folder was given)'}; their tasks are kept with the size the file gives`, name);
      }
      taskData = { image: asset };
    } else {
      if (value !== undefined && typeof value !== 'string') throw new LoupeError('invalid-input', `${label}: data.${dataKey} must be the text`, { file, field: dataField });
      if (value === undefined) notes.add(`tasks without a "${dataKey}" field show an empty text (their fields are kept)`, label);
      taskData = { text: value ?? '' };
      text = { value: value ?? '', offsets: new TextOffsets(value ?? '') };
    }

    // Percent needs the image size: the results give it, or else the image file does.
    const results = allResults(shape);
    let imageSize: PixelSize | null = results.map(sizeOfResult).find((s) => s !== null) ?? null;
    const hasShapes = results.some((r) => isRecord(r) && (r.type === 'rectanglelabels' || r.type === 'polygonlabels'));
    if (!imageSize && hasShapes && imageFile) imageSize = await sizes.of(imageFile, { file, field: dataField });
    if (data === 'image' && !imageFile && imageSize) taskMeta[IMAGE_SIZE_META] = imageSize;

    const annotations: SourceAnnotation[] = [];
    const origins: ReadTask['origins'] = [];
    const convert = (list: unknown[], field: string): Answer => convertResults(list, project, { file, task: label, field, text, imageSize }, notes);
    const resultsOf = (item: Record<string, unknown>, field: string): unknown[] => {
      const list = item.result === undefined || item.result === null ? [] : flatResults(item.result);
      if (list === null) throw new LoupeError('invalid-input', `${label}: "result" must be a list`, { file, field: `${field}.result` });
      for (const r of list) noteNames(r, project, names);
      return list;
    };
    shape.annotations.forEach((a, j) => {
      const field = `${at}.${shape.annotationsKey}[${j}]`;
      if (!isRecord(a)) throw new LoupeError('invalid-input', `${label}: an annotation must be an object`, { file, field });
      const list = resultsOf(a, field);
      const skipped = a.was_cancelled === true;
      const when = typeof a.updated_at === 'string' ? a.updated_at : typeof a.created_at === 'string' ? a.created_at : undefined;
      annotations.push({
        annotator: annotatorOf(a, meta), answer: convert(list, `${field}.result`), kind: 'annotation',
        ...(skipped ? { status: 'skipped' as const, skipReason: 'cancelled in Label Studio' } : {}), ...(when ? { at: when } : {}),
      });
      origins.push({ field, submitted: !skipped, person: true });
    });
    shape.predictions.forEach((p, j) => {
      const field = `${at}.predictions[${j}]`;
      if (!isRecord(p)) throw new LoupeError('invalid-input', `${label}: a prediction must be an object`, { file, field });
      const version = typeof p.model_version === 'string' || typeof p.model_version === 'number' ? String(p.model_version) : '';
      const score = typeof p.score === 'number' && Number.isFinite(p.score) ? { score: p.score } : {};
      annotations.push({ annotator: null, answer: convert(resultsOf(p, field), `${field}.result`), kind: 'prediction', ...(version ? { model: version } : {}), ...score });
      origins.push({ field, submitted: false, person: false });
    });
    const lsMeta: LsTaskMeta = { source: raw, answers: [] };
    read.push({ id: taskIds.take(ownId), data: taskData, meta: taskMeta, lsMeta, annotations, origins });
  }

  const labelConfig = project.labelConfig(data, notes);
  const tasks = read.map((t, ti) => {
    t.annotations.forEach((a, ai) => {
      const origin = t.origins[ai]!;
      if (origin.submitted) a.answer = answeredEmpty(labelConfig, a.answer);
      const problem = findAnswerProblem(labelConfig, a.answer, 'answer', { id: t.id, data: t.data });
      if (problem) throw new LoupeError('invalid-input', `task "${t.id}": ${problem.message}`, { file, field: `${origin.field}.result` });
      if (origin.person) t.lsMeta.answers.push(fingerprint(a.answer));
    });
    if (ti === 0) t.lsMeta.project = projectInfo(project, names, dataKey, xml);
    const task = parseOrThrow(taskSchema, { id: t.id, data: t.data, meta: { ...t.meta, [META_KEY]: t.lsMeta } }, { file, entry: `task ${t.id}` });
    return { task, annotations: t.annotations };
  });
  return { format: 'label-studio', labelConfig, tasks, images, warnings: notes.list(), ...(missing.size ? { missingImages: [...missing] } : {}) };
}

/** Remember the from_name / to_name a Loupe question's results use, to name new results alike. */
function noteNames(result: unknown, project: LsProject, names: Record<string, LsNames>): void {
  if (!isRecord(result) || typeof result.type !== 'string' || typeof result.from_name !== 'string') return;
  const kind = RESULT_KIND[result.type];
  const control = project.controls.get(result.from_name);
  if (!kind || !control || control.kind !== kind || names[control.id]) return;
  names[control.id] = { name: control.name, toName: typeof result.to_name === 'string' ? result.to_name : (control.toName ?? ''), tag: CONTROL_TAG[kind] };
}

function projectInfo(project: LsProject, seen: Record<string, LsNames>, dataKey: string, xml: string | null): LsProjectInfo {
  const controls: Record<string, LsNames> = {};
  const objectName = Object.values(seen)[0]?.toName ?? [...project.objects].find(([, o]) => o.dataKey === dataKey)?.[0] ?? dataKey;
  for (const c of project.controls.values()) controls[c.id] = seen[c.id] ?? { name: c.name, toName: c.toName ?? objectName, tag: CONTROL_TAG[c.kind] };
  return { ...(xml !== null ? { config: xml } : {}), controls, dataKey, objectName };
}
