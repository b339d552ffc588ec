/**
 * YOLO detection data sets (Darknet / Ultralytics layout), a folder holding:
 *
 *   classes.txt           one class name per line; a class's index is its line number from 0
 *   images/<name>         the images (subfolders such as images/train/ are allowed)
 *   labels/<stem>.txt     per image, mirroring images/: one region per line, in units of the
 *                         image's size (0–1), origin top-left:
 *                           `class cx cy w h`            a box by its center, width and height
 *                           `class x1 y1 x2 y2 x3 y3 …`  a polygon (Ultralytics segmentation)
 *
 * An image without a label file is read as not annotated; an empty label file as annotated with
 * no objects (YOLO's "background" image). Reading needs each image's pixel size, read from its
 * header, to turn units into Loupe's pixels.
 *
 * Writing makes the same layout: classes.txt in label-config order, labels/<stem>.txt with boxes
 * as box lines and polygons as segmentation lines (both in one file where an image has both; the
 * class list is shared), and copies of the images under their own names. Numbers are written
 * with 8 decimals, well under a hundredth of a pixel for any real image.
 */
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import { copyImage, ImageSizes, writeFolderAtomically } from './imageFiles';
import { assetPathOf, IdScope } from './naming';
import { Notes } from './notes';
import { decimal, NameGuard, ShapeAnswer, ShapeLabels, shapeClasses, shapeRows, type Point } from './shapes';
import type { ExportInput, ExportOutcome, SourceSet, SourceTask } from './types';

/** The image types YOLO tools read (Ultralytics' list, less the exotic ones). */
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.webp', '.tif', '.tiff']);
const CLASSES_FILE = 'classes.txt';
const DIGITS = 8;
/** Units a hair outside 0–1 come from float rounding in other tools; anything beyond is pixels written by mistake. */
const UNIT_SLACK = 1e-6;

async function readClasses(folder: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(folder, CLASSES_FILE), 'utf8');
  } catch {
    throw new LoupeError('invalid-input', 'a YOLO folder needs classes.txt, one class name per line (line 1 is class 0)', { file: CLASSES_FILE });
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A blank line in the middle would shift every later class by one: refuse rather than guess.
  const blank = lines.indexOf('');
  if (blank >= 0) throw new LoupeError('invalid-input', 'has a blank line; every line names one class, in class-index order', { file: CLASSES_FILE, line: blank + 1 });
  if (lines.length === 0) throw new LoupeError('invalid-input', 'names no classes', { file: CLASSES_FILE });
  return lines;
}

async function listImages(imagesDir: string): Promise<string[]> {
  const info = await stat(imagesDir).catch(() => null);
  if (!info?.isDirectory()) throw new LoupeError('invalid-input', 'a YOLO folder needs an images/ folder beside classes.txt and labels/', { file: 'images' });
  const entries = (await readdir(imagesDir, { recursive: true })).map(String);
  return entries.filter((rel) => !basename(rel).startsWith('.') && IMAGE_EXTENSIONS.has(extname(rel).toLowerCase())).sort();
}

/** `labels/train/a.txt` for `images/train/a.jpg`, with forward slashes (it names files in errors). */
function labelFileFor(imageRel: string): string {
  const dir = dirname(imageRel);
  const stem = basename(imageRel, extname(imageRel));
  return ['labels', ...(dir === '.' ? [] : dir.split(/[/\\]/)), `${stem}.txt`].join('/');
}

/** One line of a label file as numbers, refusing anything that is not YOLO with its file and line. */
function parseLine(text: string, classes: number, where: { file: string; line: number }): { classIndex: number; values: number[] } {
  const tokens = text.trim().split(/\s+/);
  const [classToken, ...rest] = tokens;
  if (!/^\d+$/.test(classToken ?? '')) throw new LoupeError('invalid-input', `starts with "${classToken}", not a class index (a whole number)`, where);
  const classIndex = Number(classToken);
  if (classIndex >= classes) {
    throw new LoupeError('invalid-input', `class index ${classIndex} is out of range: classes.txt names ${classes} class${classes === 1 ? '' : 'es'} (0–${classes - 1})`, where);
  }
  const values = rest.map(Number);
  const bad = rest.findIndex((t, i) => t === '' || !Number.isFinite(values[i]));
  if (bad >= 0) throw new LoupeError('invalid-input', `"${rest[bad]}" is not a number`, where);
  if (values.length !== 4 && (values.length < 6 || values.length % 2 !== 0)) {
    throw new LoupeError('invalid-input', `has ${values.length} numbers after the class; a box has 4 (cx cy w h) and a polygon at least 3 x y pairs`, where);
  }
  if (values.some((v) => v < -UNIT_SLACK || v > 1 + UNIT_SLACK)) {
    throw new LoupeError('invalid-input', 'has a value outside 0–1; YOLO coordinates are fractions of the image size, not pixels', where);
  }
  return { classIndex, values };
}

/** A label file's text, or null when the image has none. */
async function readLabelFile(path: string, file: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LoupeError('invalid-input', `cannot be read (${(error as Error).message})`, { file });
  }
}

/** Read a YOLO folder (see the top of this file). */
export async function readYolo(folder: string): Promise<SourceSet & { warnings: string[] }> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new LoupeError('invalid-input', 'a YOLO data set is a folder (classes.txt, images/, labels/)', { file: folder });
  const names = await readClasses(folder);
  const labels = new ShapeLabels();
  const classIds = names.map((name) => labels.add(name));
  const imagesDir = join(folder, 'images');
  const imageFiles = await listImages(imagesDir);
  const notes = new Notes();
  const sizes = new ImageSizes();
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const usedLabelFiles = new Set<string>();
  const tasks: SourceTask[] = [];

  for (const rel of imageFiles) {
    const name = basename(rel);
    const asset = assetPathOf(name);
    if (images.has(asset)) {
      throw new LoupeError('invalid-input', `two images are named ${name}; Loupe names images by their own file name, so names must be unique`, { file: `images/${rel}` });
    }
    const path = join(imagesDir, rel);
    images.set(asset, path);
    const task: SourceTask = { task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta: { file: `images/${rel.split(/[\\]/).join('/')}` } }, annotations: [] };
    tasks.push(task);
    const labelFile = labelFileFor(rel);
    const text = await readLabelFile(join(folder, labelFile), labelFile);
    if (text === null) continue; // no label file: not annotated (an empty one means "no objects")
    usedLabelFiles.add(labelFile);
    const { width, height } = await sizes.of(path, { file: `images/${rel}` });
    const answer = new ShapeAnswer(labels);
    text.split(/\r?\n/).forEach((lineText, i) => {
      if (lineText.trim() === '') return;
      const { classIndex, values } = parseLine(lineText, names.length, { file: labelFile, line: i + 1 });
      const label = classIds[classIndex]!;
      if (values.length === 4) {
        const [cx, cy, w, h] = values as [number, number, number, number];
        answer.box({ x: (cx - w / 2) * width, y: (cy - h / 2) * height, width: w * width, height: h * height }, label);
      } else {
        const points: Point[] = [];
        for (let k = 0; k < values.length; k += 2) points.push([values[k]! * width, values[k + 1]! * height]);
        answer.polygon(points, label);
      }
    });
    task.annotations.push({ annotator: null, answer: answer.answer(), kind: 'annotation' });
  }

  const labelsDir = join(folder, 'labels');
  const labelFiles = (await readdir(labelsDir, { recursive: true }).catch(() => [])).map(String).filter((rel) => extname(rel) === '.txt');
  for (const rel of labelFiles) {
    const file = `labels/${rel.split(/[\\]/).join('/')}`;
    if (!usedLabelFiles.has(file)) notes.add('label files with no image of the same name were skipped', file);
  }
  if (tasks.length === 0) throw new LoupeError('invalid-input', 'images/ holds no images (.jpg, .jpeg, .png, .bmp, .gif, .webp, .tif)', { file: 'images' });
  return { format: 'yolo', labelConfig: labels.config({ file: CLASSES_FILE }), tasks, images, warnings: notes.list() };
}

/** Write a YOLO folder (see the top of this file) into `outDir`, which must be new or empty. */
export async function writeYolo(input: ExportInput, outDir: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'YOLO');
  const notes = new Notes();
  const sizes = new ImageSizes();
  const imageNames = new NameGuard('image');
  const labelNames = new NameGuard('label file');
  const written: string[] = [];
  const rows = await writeFolderAtomically(outDir, async (dir) => {
    // A line break inside a name would split it into two classes and shift every later index.
    const classLines = shape.classes.map((c) => c.name.replace(/[\r\n]+/g, ' '));
    await writeFile(join(dir, CLASSES_FILE), `${classLines.join('\n')}\n`, 'utf8');
    written.push(CLASSES_FILE);
    await mkdir(join(dir, 'labels'), { recursive: true });
    await mkdir(join(dir, 'images'), { recursive: true });
    let count = 0;
    for await (const row of shapeRows(input, 'YOLO', shape, notes, true)) {
      const stem = basename(row.name, extname(row.name));
      imageNames.claim(row.name, row.task.id);
      labelNames.claim(`labels/${stem}.txt`, row.task.id);
      if (row.imagePath === null) {
        throw new LoupeError('invalid-input', `the image ${row.name} of task "${row.task.id}" is not available, and YOLO needs its size and a copy`, { entry: row.task.id });
      }
      const { width, height } = await sizes.of(row.imagePath, { entry: row.task.id, file: row.name });
      const n = (v: number) => decimal(v, DIGITS);
      const lines = [
        ...row.boxes.map((b) => `${b.classIndex} ${n((b.x + b.width / 2) / width)} ${n((b.y + b.height / 2) / height)} ${n(b.width / width)} ${n(b.height / height)}`),
        ...row.polygons.map((p) => `${p.classIndex} ${p.points.map(([x, y]) => `${n(x / width)} ${n(y / height)}`).join(' ')}`),
      ];
      await writeFile(join(dir, 'labels', `${stem}.txt`), lines.map((l) => `${l}\n`).join(''), 'utf8');
      await copyImage(row.imagePath, join(dir, 'images'), row.name);
      written.push(`labels/${stem}.txt`, `images/${row.name}`);
      count += 1;
    }
    return count;
  });
  return { rows, files: written.map((rel) => join(outDir, rel)), warnings: notes.list() };
}

