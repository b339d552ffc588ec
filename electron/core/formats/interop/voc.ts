/**
 * Pascal VOC detection folders: one `Annotations/<stem>.xml` per image, holding `<filename>`,
 * `<size><width><height><depth>` and an `<object>` per box with `<name>` and
 * `<bndbox><xmin><ymin><xmax><ymax>`, and the images in `JPEGImages/`.
 *
 * Coordinates: VOC counts pixels from 1 and its boxes include their last pixel, so a box over the
 * whole of a W-pixel-wide image is xmin 1, xmax W. Loupe counts from the top-left corner at 0 with
 * width = right edge − left edge, so that box is x 0, width W. Hence, as detectron2 and
 * torchvision's loaders read VOC:
 *   reading:  x = xmin − 1, y = ymin − 1, width = xmax − x, height = ymax − y
 *   writing:  xmin = round(x) + 1, ymin = round(y) + 1, xmax = round(x + width), ymax = round(y + height)
 * (VOC holds whole pixels; a box under one pixel wide is written one pixel wide.)
 *
 * Reading takes the folder (Annotations/*.xml, else *.xml in the folder itself) and finds images
 * in JPEGImages/, beside the XML file, or in the folder; `difficult` and `truncated` flags have
 * no place in a Loupe box and are dropped, with a warning when an object is marked difficult.
 *
 * Writing: VOC has no polygons, so a polygon is written as the box around it (with a warning).
 * `depth` is written as 3: VOC readers use it for nothing, and reading it would mean decoding
 * every image. ImageSets/Main/default.txt lists the image stems, as VOC loaders expect a split.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { LoupeError } from '../../../../shared/errors';
import { copyImage, ImageSizes, writeFolderAtomically } from './imageFiles';
import { assetPathOf, IdScope, imageNameFrom } from './naming';
import { Notes } from './notes';
import { NameGuard, polygonBounds, ShapeAnswer, ShapeLabels, shapeClasses, shapeRows } from './shapes';
import type { ExportInput, ExportOutcome, SourceSet, SourceTask } from './types';

const ANNOTATIONS = 'Annotations';
const IMAGES = 'JPEGImages';

// Values as strings (a class named "007" stays "007"); `object` is a list even with one box.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'object' });
const builder = new XMLBuilder({ format: true, indentBy: '  ' });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/** The XML files of the folder: Annotations/*.xml, else *.xml in the folder itself, by name. */
async function annotationFiles(folder: string): Promise<{ dir: string; prefix: string; names: string[] }> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new LoupeError('invalid-input', 'a Pascal VOC data set is a folder (Annotations/, JPEGImages/)', { file: folder });
  const annotations = join(folder, ANNOTATIONS);
  const dir = (await stat(annotations).catch(() => null))?.isDirectory() ? annotations : folder;
  const names = (await readdir(dir)).filter((n) => extname(n).toLowerCase() === '.xml' && !n.startsWith('.')).sort();
  if (names.length === 0) throw new LoupeError('invalid-input', 'holds no VOC annotation files (Annotations/*.xml)', { file: basename(folder) });
  return { dir, prefix: dir === folder ? '' : `${ANNOTATIONS}/`, names };
}

/** A number from a VOC field (`<xmin>48</xmin>`; some tools write `48.0`), refused with its field. */
function numberAt(record: Record<string, unknown>, key: string, where: { file: string; field: string }): number {
  const raw = record[key];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new LoupeError('invalid-input', `<${key}> must be a number (got ${JSON.stringify(raw ?? null)})`, { file: where.file, field: `${where.field}.${key}` });
  return value;
}

/** The annotation element of one VOC file, refusing what is not well-formed XML with its line. */
function parseVoc(text: string, file: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new LoupeError('invalid-input', `not well-formed XML (${valid.err.msg})`, { file, line: valid.err.line });
  const root = parser.parse(text) as Record<string, unknown>;
  if (!isRecord(root.annotation)) throw new LoupeError('invalid-input', 'a VOC file holds one <annotation> element', { file });
  return root.annotation;
}

/** Read a Pascal VOC folder (see the top of this file). */
export async function readVoc(folder: string): Promise<SourceSet & { warnings: string[] }> {
  const { dir, prefix, names } = await annotationFiles(folder);
  const notes = new Notes();
  const labels = new ShapeLabels();
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const assets = new Set<string>();
  const tasks: SourceTask[] = [];
  for (const xmlName of names) {
    const file = `${prefix}${xmlName}`;
    const annotation = parseVoc(await readFile(join(dir, xmlName), 'utf8'), file);
    // LabelImg writes <path> too; VOC proper has only <filename>.
    const ref = typeof annotation.filename === 'string' ? annotation.filename : typeof annotation.path === 'string' ? annotation.path : null;
    const name = ref === null ? null : imageNameFrom(ref);
    if (name === null) throw new LoupeError('invalid-input', 'needs a <filename> naming its image', { file, field: 'filename' });
    const asset = assetPathOf(name);
    if (assets.has(asset)) throw new LoupeError('invalid-input', `a second annotation file for image ${name}; each image has one`, { file, field: 'filename' });
    assets.add(asset);
    let found: string | null = null;
    for (const candidate of [join(folder, IMAGES, name), join(dir, name), join(folder, name)]) {
      if (await isFile(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found) images.set(asset, found);
    else notes.add(`images not found in ${IMAGES}/ or beside their XML; their tasks are kept without an image file`, name);

    const answer = new ShapeAnswer(labels);
    const objects = Array.isArray(annotation.object) ? annotation.object : [];
    objects.forEach((object: unknown, i) => {
      const field = `object[${i}]`;
      if (!isRecord(object) || typeof object.name !== 'string' || object.name === '') throw new LoupeError('invalid-input', 'an <object> needs a <name>', { file, field: `${field}.name` });
      if (!isRecord(object.bndbox)) throw new LoupeError('invalid-input', 'an <object> needs a <bndbox>', { file, field: `${field}.bndbox` });
      const at = { file, field: `${field}.bndbox` };
      const [xmin, ymin, xmax, ymax] = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => numberAt(object.bndbox as Record<string, unknown>, k, at)) as [number, number, number, number];
      if (xmax < xmin || ymax < ymin) throw new LoupeError('invalid-input', `the box ends before it starts (xmin ${xmin}, xmax ${xmax}, ymin ${ymin}, ymax ${ymax})`, at);
      if (object.difficult === '1') notes.add('objects marked difficult are imported as ordinary boxes (Loupe boxes have no difficult flag)', `${file} ${field}`);
      const x = xmin - 1;
      const y = ymin - 1;
      answer.box({ x, y, width: xmax - x, height: ymax - y }, labels.idFor(object.name));
    });
    tasks.push({ task: { id: taskIds.take(basename(name, extname(name))), data: { image: asset }, meta: { file } }, annotations: [{ annotator: null, answer: answer.answer(), kind: 'annotation' }] });
  }
  return { format: 'voc', labelConfig: labels.config({ file: basename(folder) }, 'has no <object> in any annotation file, so there are no labels to make a label config from'), tasks, images, warnings: notes.list() };
}

/** VOC's whole-pixel, 1-based box for a Loupe box (see the top of this file). */
export function vocBox(box: { x: number; y: number; width: number; height: number }): { xmin: number; ymin: number; xmax: number; ymax: number } {
  const xmin = Math.round(box.x) + 1;
  const ymin = Math.round(box.y) + 1;
  return { xmin, ymin, xmax: Math.max(Math.round(box.x + box.width), xmin), ymax: Math.max(Math.round(box.y + box.height), ymin) };
}

/** Write a Pascal VOC folder (see the top of this file) into `outDir`, which must be new or empty. */
export async function writeVoc(input: ExportInput, outDir: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'Pascal VOC');
  const notes = new Notes();
  const sizes = new ImageSizes();
  const imageNames = new NameGuard('image');
  const xmlNames = new NameGuard('annotation file');
  const written: string[] = [];
  const rows = await writeFolderAtomically(outDir, async (dir) => {
    await mkdir(join(dir, ANNOTATIONS), { recursive: true });
    await mkdir(join(dir, IMAGES), { recursive: true });
    const stems: string[] = [];
    for await (const row of shapeRows(input, 'Pascal VOC', shape, notes, true)) {
      const stem = basename(row.name, extname(row.name));
      imageNames.claim(row.name, row.task.id);
      xmlNames.claim(`${ANNOTATIONS}/${stem}.xml`, row.task.id);
      if (row.imagePath === null) {
        throw new LoupeError('invalid-input', `the image ${row.name} of task "${row.task.id}" is not available, and VOC needs its size and a copy`, { entry: row.task.id });
      }
      const { width, height } = await sizes.of(row.imagePath, { entry: row.task.id, file: row.name });
      if (row.polygons.length > 0) notes.add('polygons are written as the boxes around them: Pascal VOC holds boxes only', `task ${row.task.id}`);
      const regions = [...row.boxes, ...row.polygons.map((p) => ({ ...polygonBounds(p.points), classIndex: p.classIndex }))];
      const annotation = {
        folder: IMAGES,
        filename: row.name,
        source: { database: 'Loupe' },
        size: { width, height, depth: 3 },
        segmented: 0,
        object: regions.map((r) => ({ name: shape.classes[r.classIndex]!.name, pose: 'Unspecified', truncated: 0, difficult: 0, bndbox: vocBox(r) })),
      };
      await writeFile(join(dir, ANNOTATIONS, `${stem}.xml`), builder.build({ annotation }) as string, 'utf8');
      await copyImage(row.imagePath, join(dir, IMAGES), row.name);
      written.push(`${ANNOTATIONS}/${stem}.xml`, `${IMAGES}/${row.name}`);
      stems.push(stem);
    }
    await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true });
    await writeFile(join(dir, 'ImageSets', 'Main', 'default.txt'), stems.map((s) => `${s}\n`).join(''), 'utf8');
    written.push('ImageSets/Main/default.txt');
    return stems.length;
  });
  return { rows, files: written.map((rel) => join(outDir, rel)), warnings: notes.list() };
}

