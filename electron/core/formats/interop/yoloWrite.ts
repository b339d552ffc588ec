/**
 * Writing a YOLO data set in the layout it was read from (the first task's `meta.yolo.dataset`;
 * a project from elsewhere gets the plain layout: classes.txt, images/, labels/):
 *
 * - Set-level files (data.yaml, obj.data, obj.names, classes.txt) byte for byte when the classes
 *   are unchanged, else with only the names (and nc / classes count) changed (yoloClasses.ts).
 *   List files (train.txt) list every task that was listed, with its line as written; a new task
 *   joins the first list.
 * - Each image and label file at the path it was read from (new tasks beside the first task's).
 * - A task with an answer gets a label file, empty when the answer marks nothing, so it reads back
 *   as answered; a task with no answer gets its image and no label file, so it reads back as not
 *   annotated. Label lines keep their tokens, order and line endings unless a region moved
 *   (yoloLines.ts).
 * - An image not available: not copied (with a warning); its label lines are written from the
 *   size the source recorded (`meta.imageSize`), or as read (`meta.yolo.lines`) when it had none.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Task } from '../../../../shared/pack/task';
import { copyImage, ImageSizes, recordedImageSize, writeFolderAtomically, type PixelSize } from './imageFiles';
import { imageNameOfTask } from './naming';
import { Notes } from './notes';
import { NameGuard, shapeClasses } from './shapes';
import type { ExportInput, ExportOutcome, FinalRow } from './types';
import { classesFromLines, darknetDataWithCount, linesWithNames, parseDataYaml, sameNames, yamlWithNames } from './yoloClasses';
import { boxValues, joinLines, polygonValues, yoloExtrasOf, type LineStyle } from './yoloLines';
import { parseDarknetData, type YoloLayout } from './yoloLayout';

interface DatasetMeta {
  layout: YoloLayout;
  classFile: string;
  files: Record<string, string>;
  lists: string[];
}

interface TaskYolo {
  image?: string;
  label?: string;
  listed?: { file: string; line: string }[];
  style?: LineStyle;
  lines?: string;
  dataset?: DatasetMeta;
}

const yoloOf = (task: Task): TaskYolo => (task.meta?.yolo && typeof task.meta.yolo === 'object' ? (task.meta.yolo as TaskYolo) : {});
const NEW_STYLE: LineStyle = { eol: '\n', finalNewline: true };

/** The set-level files with the export's classes: verbatim when the names are the ones read. */
function setFiles(dataset: DatasetMeta | null, names: string[]): Record<string, string> {
  if (!dataset) return { 'classes.txt': linesWithNames(undefined, names) };
  const files: Record<string, string> = { ...dataset.files };
  for (const list of dataset.lists) delete files[list];
  const original = dataset.files[dataset.classFile];
  if (dataset.layout === 'ultralytics') {
    const read = original === undefined ? [] : (() => {
      const data = parseDataYaml(original, dataset.classFile);
      const n = data.names;
      return Array.isArray(n) ? n.map(String) : n && typeof n === 'object' ? Object.values(n).map(String) : [];
    })();
    if (!sameNames(read, names)) files[dataset.classFile] = yamlWithNames(original, names);
    return files;
  }
  const read = original === undefined || dataset.classFile.endsWith('.data') ? [] : classesFromLines(original, dataset.classFile);
  if (sameNames(read, names)) return files;
  if (dataset.layout === 'darknet') {
    const dataFile = Object.keys(files).find((f) => f.endsWith('.data'));
    const keys = dataFile ? parseDarknetData(files[dataFile]!) : new Map<string, string>();
    const namesFile = dataset.classFile.endsWith('.data') ? `${dirname(dataFile ?? 'data/obj.data')}/obj.names` : dataset.classFile;
    if (dataFile) files[dataFile] = darknetDataWithCount(files[dataFile]!, names.length) + (keys.has('names') ? '' : `names = ${namesFile}\n`);
    files[namesFile] = linesWithNames(original, names);
  } else files[dataset.classFile] = linesWithNames(original, names);
  return files;
}

/** Where a task's files go: as read, else beside the template task's (the first read), else images/ and labels/. */
function placeOf(task: Task, yolo: TaskYolo, template: TaskYolo | null, name: string): { image: string; label: string } {
  if (yolo.image && yolo.label) return { image: yolo.image, label: yolo.label };
  const stem = basename(name, extname(name));
  if (template?.image && template.label) {
    return { image: `${dirname(template.image)}/${name}`.replace(/^\.\//, ''), label: `${dirname(template.label)}/${stem}.txt`.replace(/^\.\//, '') };
  }
  return { image: `images/${name}`, label: `labels/${stem}.txt` };
}

/** Write a YOLO data set (see the top of this file) into `outDir`, which must be new or empty. */
export async function writeYolo(input: ExportInput, outDir: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'YOLO');
  const shapeControls = new Set(input.labelConfig.controls.filter((c) => c.kind === 'boxes' || c.kind === 'polygons').map((c) => c.id));
  const notes = new Notes();
  const sizes = new ImageSizes();
  const imageNames = new NameGuard('image');
  const labelNames = new NameGuard('label file');
  const written: string[] = [];

  // One pass to find the layout the data set was read in (kept on its first task).
  let dataset: DatasetMeta | null = null;
  let template: TaskYolo | null = null;
  for await (const batch of input.rows()) {
    for (const { task } of batch) {
      const yolo = yoloOf(task);
      if (!dataset && yolo.dataset) dataset = yolo.dataset;
      if (!template && yolo.image) template = yolo;
    }
    if (dataset) break;
  }
  const lists = new Map<string, string[]>((dataset?.lists ?? []).map((l) => [l, []]));

  const rows = await writeFolderAtomically(outDir, async (dir) => {
    const put = async (rel: string, text: string) => {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text, 'utf8');
      written.push(rel);
    };
    for (const [rel, text] of Object.entries(setFiles(dataset, shape.classes.map((c) => c.name)))) await put(rel, text);
    let count = 0;
    let done = 0;
    for await (const batch of input.rows()) {
      for (const { task, answer } of batch) {
        done += 1;
        input.onProgress?.(done, input.total);
        const name = imageNameOfTask(task);
        if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image, and YOLO describes images`, { entry: task.id, field: 'data.image' });
        const yolo = yoloOf(task);
        const place = placeOf(task, yolo, template, name);
        imageNames.claim(place.image, task.id);
        labelNames.claim(place.label, task.id);
        const imagePath = task.data.image ? input.imagePath(task.data.image) : null;
        if (lists.size > 0) {
          const listed = yolo.listed?.length ? yolo.listed : [{ file: [...lists.keys()][0]!, line: place.image }];
          for (const { file, line } of listed) lists.get(file)?.push(line);
        }
        const labelText = await labelFileText(task, answer, yolo, imagePath, { shape, shapeControls, notes, sizes });
        if (labelText !== null) await put(place.label, labelText);
        if (imagePath) {
          await copyImage(imagePath, dirname(join(dir, place.image)), basename(place.image));
          written.push(place.image);
        } else notes.add('images not available were not copied; their label files and list lines were written', place.image);
        if (labelText === null && !imagePath && lists.size === 0) {
          notes.add('tasks with neither an image nor an answer cannot be written in a folder layout and were left out', task.id);
        }
        count += 1;
      }
    }
    for (const [file, lines] of lists) {
      const original = dataset?.files[file] ?? '';
      const style: LineStyle = { eol: original.includes('\r\n') ? '\r\n' : '\n', finalNewline: original === '' || /\n$/.test(original) };
      await put(file, joinLines(lines, style));
    }
    return count;
  });
  return { rows, files: written.map((rel) => join(outDir, rel)), warnings: notes.list() };
}

interface WriteContext {
  shape: ReturnType<typeof shapeClasses>;
  shapeControls: Set<string>;
  notes: Notes;
  sizes: ImageSizes;
}

/** A task's label file: null when it has no answer (not annotated), empty when its answer marks nothing. */
async function labelFileText(task: Task, answer: ExportRowAnswer, yolo: TaskYolo, imagePath: string | null, ctx: WriteContext): Promise<string | null> {
  const style = yolo.style ?? NEW_STYLE;
  if (answer === null) return yolo.lines ?? null;
  const classOf = (label: string, field: string) => {
    const index = ctx.shape.indexOf.get(label);
    if (index === undefined) throw new LoupeError('invalid-input', `label "${label}" is not a label of a boxes or polygons question`, { entry: task.id, field });
    return index;
  };
  const regions: { order: number; line: (size: PixelSize) => string }[] = [];
  answer.forEach((result, ri) => {
    if (result.kind === 'boxes' && ctx.shapeControls.has(result.controlId)) {
      result.boxes.forEach((b, i) => {
        const kept = yoloExtrasOf(b.extras);
        const cls = classOf(b.label, `answer.${ri}.boxes.${i}.label`);
        regions.push({ order: kept?.line ?? Number.MAX_SAFE_INTEGER, line: ({ width, height }) => [cls, ...boxValues(b, width, height, kept), ...(kept?.confidence ? [kept.confidence] : [])].join(' ') });
      });
    } else if (result.kind === 'polygons' && ctx.shapeControls.has(result.controlId)) {
      result.polygons.forEach((p, i) => {
        const kept = yoloExtrasOf(p.extras);
        const cls = classOf(p.label, `answer.${ri}.polygons.${i}.label`);
        regions.push({ order: kept?.line ?? Number.MAX_SAFE_INTEGER, line: ({ width, height }) => [cls, ...polygonValues(p.points, width, height, kept), ...(kept?.confidence ? [kept.confidence] : [])].join(' ') });
      });
    } else ctx.notes.add(`${result.kind} answers are not written: YOLO holds boxes and polygons only`, `task ${task.id}`);
  });
  if (regions.length === 0) return yolo.lines ?? joinLines([], style);
  const size = imagePath ? await ctx.sizes.of(imagePath, { entry: task.id, file: basename(imagePath) }) : recordedImageSize(task.meta);
  if (!size) {
    ctx.notes.add('regions on images that are not available and have no recorded size were not written', task.id);
    return yolo.lines ?? null;
  }
  // Stable: regions read from the file keep their line order; new ones follow in answer order.
  const ordered = regions.map((r, i) => ({ ...r, i })).sort((a, b) => a.order - b.order || a.i - b.i);
  return joinLines(ordered.map((r) => r.line(size)), style);
}

type ExportRowAnswer = FinalRow['answer'];
