/**
 * Reading YOLO data sets in the three layouts other tools write (yoloLayout.ts: Ultralytics
 * data.yaml, darknet obj.data, plain classes.txt), into tasks with boxes and polygons in pixels.
 *
 * - An image without a label file is not annotated; an empty label file is annotated with nothing
 *   to mark (YOLO's "background" image): its boxes/polygons answer is `none: true`.
 * - Label lines are fractions of the image size, so reading needs each image's pixel size (from
 *   its header). An image the data set names that is not on disk (train.txt listing a file left
 *   out) keeps its task, is listed in `missingImages`, and its label file's lines are kept as
 *   written in `meta.yolo.lines` (YOLO records no image size, so they cannot become pixels); the
 *   writer writes them back unchanged.
 * - Where things were is kept so the writer puts them there again: `meta.yolo` holds the image's
 *   and label file's paths in the data set, its split and list-file lines, its line endings; the
 *   first task's `meta.yolo.dataset` holds the layout and the set-level files (data.yaml, obj.data,
 *   obj.names, classes.txt) verbatim. Each region keeps its number tokens in `extras.yolo`.
 * - Two images of the same name in different folders (images/train/1.jpg, images/val/1.jpg) get
 *   distinct names in the project (`val-1.jpg`), and go back to their own place on export.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Answer } from '../../../../shared/pack/task';
import { ImageSizes } from './imageFiles';
import { assetPathOf, IdScope } from './naming';
import { Notes } from './notes';
import { ShapeAnswer, ShapeLabels } from './shapes';
import type { SourceSet, SourceTask } from './types';
import { classesFromLines, classesFromYaml, parseDataYaml } from './yoloClasses';
import {
  addDarknetLists, addPlainImages, addUltralyticsSplit, findPath, locate, parseDarknetData, readText, toPosix,
  type YoloDataset, type YoloEntry,
} from './yoloLayout';
import { boxFromValues, isBoxLine, lineStyleOf, parseLabelLine, pointsFromValues } from './yoloLines';

export { writeYolo } from './yoloWrite';

type RegionExtras = NonNullable<Extract<Answer[number], { kind: 'boxes' }>['boxes'][number]['extras']>;

/** A label file's text, or null when the image has none. */
async function readLabelFile(path: string, file: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw new LoupeError('invalid-input', `cannot be read (${(error as Error).message})`, { file });
  }
}

async function ultralytics(file: string, notes: Notes): Promise<YoloDataset> {
  const yamlDir = dirname(file);
  const text = await readText(file, basename(file));
  const data = parseDataYaml(text, basename(file));
  const classes = classesFromYaml(data, basename(file), notes);
  // `path` is the data set's root on the machine it was made on; used where it exists here.
  const path = typeof data.path === 'string' ? data.path : null;
  const fromPath = path ? await findPath(path === '.' ? yamlDir : path, [yamlDir], 'dir') : null;
  const root = yamlDir;
  const ds: YoloDataset = { layout: 'ultralytics', root, classFile: basename(file), classes, entries: [], files: { [basename(file)]: text }, lists: [] };
  const bases = [...(fromPath ? [fromPath] : []), yamlDir, dirname(yamlDir)];
  const byRel = new Map<string, YoloEntry>();
  for (const split of ['train', 'val', 'test']) {
    if (data[split] !== undefined && data[split] !== null) await addUltralyticsSplit(ds, split, data[split], bases, byRel, notes);
  }
  return ds;
}

async function darknet(file: string, notes: Notes): Promise<YoloDataset> {
  const dataDir = dirname(file);
  const text = await readText(file, basename(file));
  const keys = parseDarknetData(text);
  // Darknet resolves these paths from its own folder, which holds data/: the parent of obj.data's.
  const bases = [dirname(dataDir), dataDir];
  const namesWritten = keys.get('names');
  let root = dataDir;
  let namesPath: string | null = null;
  if (namesWritten) {
    for (const base of bases) {
      const candidate = resolve(base, namesWritten);
      if ((await readFile(candidate).catch(() => null)) !== null) {
        root = base;
        namesPath = candidate;
        break;
      }
    }
    namesPath ??= await findPath(namesWritten, bases, 'file');
  }
  const count = Number(keys.get('classes'));
  let classes: string[];
  const files: Record<string, string> = {};
  const rel = (p: string) => toPosix(p.slice(root.length + 1));
  files[rel(file)] = text;
  if (namesPath) {
    const namesText = await readText(namesPath, basename(namesPath));
    classes = classesFromLines(namesText, basename(namesPath));
    files[rel(namesPath)] = namesText;
    if (Number.isInteger(count) && count > 0 && count !== classes.length) notes.add(`${basename(file)} says classes = ${count} and ${basename(namesPath)} names ${classes.length}; the names were used`, basename(file));
  } else if (Number.isInteger(count) && count > 0) {
    classes = Array.from({ length: count }, (_, i) => `class_${i}`);
    notes.add(`${basename(file)} names no names file that is here; the classes were named class_0, class_1, …`, basename(file));
  } else throw new LoupeError('invalid-input', 'names no classes: it needs names = <file> (one class per line) or classes = <count>', { file: basename(file) });
  const ds: YoloDataset = { layout: 'darknet', root, classFile: namesPath ? rel(namesPath) : rel(file), classes, entries: [], files, lists: [] };
  await addDarknetLists(ds, keys, bases, notes);
  return ds;
}

async function plain(file: string): Promise<YoloDataset> {
  const folder = dirname(file);
  // labelImg keeps classes.txt among the labels; the data set is then the folder above.
  const root = ['labels', 'images'].includes(basename(folder)) && (await readdir(dirname(folder)).then((n) => n.includes('images'), () => false)) ? dirname(folder) : folder;
  const text = await readText(file, basename(file));
  const classFile = toPosix(file.slice(root.length + 1));
  const ds: YoloDataset = { layout: 'plain', root, classFile, classes: classesFromLines(text, classFile), entries: [], files: { [classFile]: text }, lists: [] };
  await addPlainImages(ds);
  return ds;
}

/** Label files in the label folders that no image of the data set has (a typo'd or deleted image). */
async function unusedLabelFiles(ds: YoloDataset, notes: Notes): Promise<void> {
  if (ds.layout !== 'plain') return;
  const used = new Set(ds.entries.map((e) => e.labelRel));
  const dir = resolve(ds.root, 'labels');
  const names = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map(String);
  for (const name of names.sort()) {
    const rel = `labels/${toPosix(name)}`;
    if (extname(name) === '.txt' && !used.has(rel) && rel !== ds.classFile) notes.add('label files with no image of the same name were skipped', rel);
  }
}

/** Read a YOLO data set: the folder, its data.yaml, obj.data or classes.txt. */
export async function readYolo(path: string): Promise<SourceSet & { warnings: string[] }> {
  const notes = new Notes();
  const { layout, file } = await locate(path);
  const ds = layout === 'ultralytics' ? await ultralytics(file, notes) : layout === 'darknet' ? await darknet(file, notes) : await plain(file);
  if (ds.entries.length === 0) throw new LoupeError('invalid-input', 'the data set names no images (.jpg, .jpeg, .png, .bmp, .gif, .webp, .tif)', { file: basename(file) });
  await unusedLabelFiles(ds, notes);

  const labels = new ShapeLabels();
  const classIds = ds.classes.map((name) => labels.add(name));
  const sizes = new ImageSizes();
  const taskIds = new IdScope('t');
  const assetNames = new Set<string>();
  const images = new Map<string, string>();
  const missingImages: string[] = [];
  const tasks: SourceTask[] = [];
  const emptyAnswers: Answer[] = [];

  for (const entry of ds.entries) {
    let name = basename(entry.imageRel);
    if (assetNames.has(name.toLowerCase())) {
      const folder = entry.split ?? basename(dirname(entry.imageRel));
      for (let n = 1; assetNames.has(name.toLowerCase()); n += 1) name = `${folder}${n > 1 ? n : ''}-${basename(entry.imageRel)}`;
      notes.add('images with the same name in two folders were given distinct names in the project (and keep their place on export)', entry.imageRel);
    }
    assetNames.add(name.toLowerCase());
    const asset = assetPathOf(name);
    const text = await readLabelFile(entry.labelPath, entry.labelRel);
    const yolo: Record<string, unknown> = {
      image: entry.imageRel, label: entry.labelRel,
      ...(entry.split ? { split: entry.split } : {}),
      ...(entry.listed.length ? { listed: entry.listed } : {}),
      ...(text !== null ? { style: lineStyleOf(text) } : {}),
    };
    const task: SourceTask = { task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta: { file: entry.imageRel, yolo } }, annotations: [] };
    tasks.push(task);
    if (entry.imagePath) images.set(asset, entry.imagePath);
    else missingImages.push(asset);
    if (text === null) continue; // no label file: not annotated
    const lines = text.split(/\r?\n/);
    if (lines.every((l) => l.trim() === '')) {
      const answer: Answer = [];
      emptyAnswers.push(answer);
      task.annotations.push({ annotator: null, answer, kind: 'annotation' });
      continue;
    }
    if (!entry.imagePath) {
      // No size to turn fractions into pixels: the lines go back out as they came.
      yolo.lines = text;
      notes.add('label files of images not found are kept as written, with no regions shown (YOLO records no image size)', entry.labelRel);
      continue;
    }
    const { width, height } = await sizes.of(entry.imagePath, { file: entry.imageRel });
    const answer = new ShapeAnswer(labels);
    const boxExtras: RegionExtras[] = [];
    const polygonExtras: RegionExtras[] = [];
    lines.forEach((lineText, i) => {
      if (lineText.trim() === '') return;
      const line = parseLabelLine(lineText, ds.classes.length, { file: entry.labelRel, line: i + 1 });
      const label = classIds[line.classIndex]!;
      const extras: RegionExtras = { yolo: { values: line.values, line: i, ...(line.confidence !== undefined ? { confidence: line.confidence } : {}) } };
      if (isBoxLine(line)) {
        answer.box(boxFromValues(line.values, width, height), label);
        boxExtras.push(extras);
      } else {
        answer.polygon(pointsFromValues(line.values, width, height), label);
        polygonExtras.push(extras);
      }
    });
    const result = answer.answer();
    for (const r of result) {
      if (r.kind === 'boxes') r.boxes.forEach((b, k) => (b.extras = boxExtras[k]));
      if (r.kind === 'polygons') r.polygons.forEach((p, k) => (p.extras = polygonExtras[k]));
    }
    task.annotations.push({ annotator: null, answer: result, kind: 'annotation' });
  }

  const labelConfig = labels.config({ file: ds.classFile });
  // "Nothing here" for every region question the set has, now that the set says which it has.
  for (const answer of emptyAnswers) {
    for (const control of labelConfig.controls) {
      if (control.kind === 'boxes') answer.push({ kind: 'boxes', controlId: control.id, boxes: [], none: true });
      if (control.kind === 'polygons') answer.push({ kind: 'polygons', controlId: control.id, polygons: [], none: true });
    }
  }
  const first = tasks[0]!.task.meta!.yolo as Record<string, unknown>;
  first.dataset = { layout: ds.layout, classFile: ds.classFile, files: ds.files, lists: ds.lists };
  return { format: 'yolo', labelConfig, tasks, images, ...(missingImages.length ? { missingImages } : {}), warnings: notes.list() };
}
