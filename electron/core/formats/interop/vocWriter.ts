/**
 * Writing a Pascal VOC data set (what voc.ts reads), into a new or empty folder, all or nothing.
 *
 * Layout: the standard one (`Annotations/<id>.xml`, `JPEGImages/<image>`, `ImageSets/Main/<set>.txt`,
 * `labelmap.txt`), or, when every task that came from VOC came from a flat layout (Roboflow's
 * split folders, LabelImg's xml beside the image), that flat layout again, each task in its split
 * folder. A project from another format gets the standard layout.
 *
 * Each answered task is an xml: named as it was read (`000001.xml` even when it names 000002.jpg),
 * its own elements as the file gave them (task.meta.voc), its objects from the answer, each with
 * the elements it was read with (extras.voc). A task answered with no box is an xml with no
 * object; a task with no answer gets no xml, and its image is still copied (VOC cannot say "not
 * annotated yet" otherwise), but it is listed in no image set, since VOC loaders open the xml of
 * every id a set lists. Image sets are written back as read (empty ones too); a task in none, of a
 * project whose source had none, goes in `default.txt`. labelmap.txt lists every label with its
 * color (and the parts and actions the source gave), so labels no box uses survive.
 *
 * Lossy steps are warnings: polygons written as their boxes, answers VOC has no place for, images
 * not available (not copied; the size the source recorded is used), boxes under one pixel.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, posix } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Answer, Task } from '../../../../shared/pack/task';
import { copyImage, ImageSizes, recordedImageSize, writeFolderAtomically } from './imageFiles';
import { imageNameFrom, imageNameOfTask } from './naming';
import { Notes } from './notes';
import { NameGuard, polygonBounds, shapeClasses, type ShapeClasses } from './shapes';
import type { ExportInput, ExportOutcome } from './types';
import type { VocDatasetMeta, VocTaskMeta } from './voc';
import { LABELMAP, labelMapText } from './vocLayout';
import { buildVocFile, isRecord, objectFor, textOf, type XmlRecord } from './vocXml';

const ANNOTATIONS = 'Annotations';
const IMAGES = 'JPEGImages';
const DEFAULT_SET = 'default';

const vocMetaOf = (task: Task): VocTaskMeta | undefined => (isRecord(task.meta?.voc) ? (task.meta.voc as VocTaskMeta) : undefined);

/** Standard unless every task that came from VOC came flat. */
async function layoutOf(input: ExportInput): Promise<{ flat: boolean; dataset: VocDatasetMeta | undefined }> {
  let flat = 0;
  let standard = 0;
  let dataset: VocDatasetMeta | undefined;
  for await (const batch of input.rows()) {
    for (const { task } of batch) {
      const voc = vocMetaOf(task);
      if (!voc) continue;
      dataset ??= voc.dataset;
      if (voc.folder !== undefined) flat += 1;
      else standard += 1;
    }
  }
  return { flat: flat > 0 && standard === 0, dataset };
}

/** The sets a task's id is listed in (see the top of this file). */
function setsOf(voc: VocTaskMeta | undefined, sourceHadSets: boolean): Record<string, string> {
  if (voc?.sets) return voc.sets;
  if (voc?.folder) return { [voc.folder]: '' };
  if (sourceHadSets && voc?.xml !== undefined) return {};
  return { [DEFAULT_SET]: '' };
}

/** The `<object>`s of an answer, by class name. */
function objectsOf(answer: Answer, task: Task, shape: ShapeClasses, shapeControls: Set<string>, notes: Notes): XmlRecord[] {
  const where = `task ${task.id}`;
  const className = (label: string, field: string) => {
    const index = shape.indexOf.get(label);
    if (index === undefined) throw new LoupeError('invalid-input', `label "${label}" is not a label of a boxes or polygons question`, { entry: task.id, field });
    return shape.classes[index]!.name;
  };
  const objects: XmlRecord[] = [];
  answer.forEach((result, ri) => {
    if (result.kind === 'boxes' && shapeControls.has(result.controlId)) {
      result.boxes.forEach((b, i) => objects.push(objectFor(b, className(b.label, `answer.${ri}.boxes.${i}.label`), b.extras?.voc as XmlRecord | undefined, notes, where)));
    } else if (result.kind === 'polygons' && shapeControls.has(result.controlId)) {
      result.polygons.forEach((p, i) => {
        notes.add('polygons are written as the boxes around them: Pascal VOC holds boxes only', where);
        objects.push(objectFor(polygonBounds(p.points), className(p.label, `answer.${ri}.polygons.${i}.label`), p.extras?.voc as XmlRecord | undefined, notes, where));
      });
    } else {
      notes.add(`${result.kind} answers are not written: Pascal VOC holds boxes only`, where);
    }
  });
  return objects;
}

/** The file's own elements: as read (with `<filename>` following a changed image), or new ones. */
async function fieldsOf(voc: VocTaskMeta | undefined, task: Task, name: string, imagePath: string | null, sizes: ImageSizes, notes: Notes): Promise<XmlRecord> {
  if (voc?.fields) {
    const ref = textOf(voc.fields.filename);
    return ref === null || imageNameFrom(ref) === name ? voc.fields : { ...voc.fields, filename: name };
  }
  const size = imagePath ? await sizes.of(imagePath, { entry: task.id, file: name }) : recordedImageSize(task.meta);
  if (!size) notes.add('xml files are written without <size>: the image is not available and no size was recorded', `task ${task.id}`);
  // Strings, as the reader keeps them, so a re-export writes the same bytes.
  return {
    folder: IMAGES, filename: name, source: { database: 'Loupe' },
    ...(size ? { size: { width: String(size.width), height: String(size.height), depth: '3' } } : {}),
    segmented: '0',
  };
}

/** Write a Pascal VOC data set (see the top of this file) into `outDir`, which must be new or empty. */
export async function writeVoc(input: ExportInput, outDir: string): Promise<ExportOutcome & { warnings: string[] }> {
  const shape = shapeClasses(input.labelConfig, 'Pascal VOC');
  const shapeControls = new Set(input.labelConfig.controls.filter((c) => c.kind === 'boxes' || c.kind === 'polygons').map((c) => c.id));
  const colors = new Map(input.labelConfig.controls.flatMap((c) => ('labels' in c ? c.labels.map((l) => [l.id, l.color] as const) : [])));
  const notes = new Notes();
  const sizes = new ImageSizes();
  const imageNames = new NameGuard('image');
  const xmlNames = new NameGuard('annotation file');
  const { flat, dataset } = await layoutOf(input);
  const sourceHadSets = (dataset?.setFiles.length ?? 0) > 0;
  const written: string[] = [];
  const rows = await writeFolderAtomically(outDir, async (dir) => {
    const setLines = new Map<string, string[]>((dataset?.setFiles ?? []).map((name) => [name, []]));
    let done = 0;
    let xmls = 0;
    for await (const batch of input.rows()) {
      for (const { task, answer } of batch) {
        done += 1;
        input.onProgress?.(done, input.total);
        const name = imageNameOfTask(task);
        if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image, and Pascal VOC describes images`, { entry: task.id, field: 'data.image' });
        const voc = vocMetaOf(task);
        const folder = flat ? (voc?.folder ?? '') : '';
        const stem = voc?.xml ?? basename(name, extname(name));
        const imageRel = flat ? posix.join(folder, name) : `${IMAGES}/${name}`;
        imageNames.claim(name, task.id);
        const imagePath = task.data.image ? input.imagePath(task.data.image) : null;
        if (answer !== null) {
          const xmlRel = flat ? posix.join(folder, `${stem}.xml`) : `${ANNOTATIONS}/${stem}.xml`;
          xmlNames.claim(xmlRel, task.id);
          const fields = await fieldsOf(voc, task, name, imagePath, sizes, notes);
          const objects = objectsOf(answer, task, shape, shapeControls, notes);
          const objectsAt = voc?.fields ? (voc.objectsAt ?? Object.keys(fields).length) : Object.keys(fields).length;
          await mkdir(join(dir, flat ? folder : ANNOTATIONS), { recursive: true });
          await writeFile(join(dir, xmlRel), buildVocFile({ fields, objectsAt, objects, declaration: voc?.declaration ?? null, indent: voc?.indent ?? '  ' }), 'utf8');
          written.push(xmlRel);
          xmls += 1;
          if (!flat) {
            for (const [set, rest] of Object.entries(setsOf(voc, sourceHadSets))) {
              const lines = setLines.get(set) ?? [];
              setLines.set(set, lines);
              lines.push(`${stem}${rest}`);
            }
          }
        } else if (voc?.sets && Object.keys(voc.sets).length > 0) {
          notes.add('images with no answer are copied without an xml and listed in no image set (VOC loaders open the xml of every id a set lists)', `task ${task.id}`);
        }
        if (imagePath === null) {
          notes.add('images not available are not copied (their xml uses the size the source recorded)', `task ${task.id}: ${name}`);
        } else {
          await copyImage(imagePath, join(dir, flat ? folder : IMAGES), name);
          written.push(imageRel);
        }
      }
    }
    if (!flat) {
      // Annotations/ even when empty: a project of unanswered tasks still reads back as VOC.
      await mkdir(join(dir, ANNOTATIONS), { recursive: true });
      await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true });
      for (const [set, lines] of setLines) {
        await writeFile(join(dir, 'ImageSets', 'Main', `${set}.txt`), lines.map((l) => `${l}\n`).join(''), 'utf8');
        written.push(`ImageSets/Main/${set}.txt`);
      }
    }
    const labelmap = labelMapText(shape.classes.map((c) => ({ name: c.name, color: colors.get(c.id) ?? '#000000' })), dataset?.labelmap ?? {});
    if (labelmap === null) notes.add(`${LABELMAP} is not written: a label name holds ":" or a line break, which it cannot hold`);
    else {
      await writeFile(join(dir, LABELMAP), labelmap, 'utf8');
      written.push(LABELMAP);
    }
    return xmls;
  });
  return { rows, files: written.map((rel) => join(outDir, rel)), warnings: notes.list() };
}
