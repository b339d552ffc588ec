/**
 * labelme JSON: writing (reading and the format itself: labelme.ts; shapes: labelmeShapes.ts).
 *
 * The export is a folder, new or empty, with one `<image stem>.json` per answered image and the
 * image copied beside it under its own name, so `imagePath` is that name. Keys are in labelme's
 * order, indented by 2 as labelme writes them; `version` is the source file's (else 5.2.1).
 *
 * What came from a labelme file goes back as it came: the shapes Loupe does not edit, whole and
 * in their place among the others; untouched polygons and rectangles with the very numbers and
 * keys they had; image flags with every key the file had (a flag a person set is true, one they
 * cleared false); top-level keys of other tools. A region drawn in Loupe is written with the keys
 * labelme of that version writes (group_id null, flags {}, description "" from 5.2), after the
 * file's own shapes.
 *
 * `imageData` is null, as labelme writes it by default, unless the source file embedded its
 * image: then it is embedded again (the file stays self-contained), and copied beside it too.
 * An image not available is not copied (warned); `imagePath` then keeps the source's path and the
 * size is the one the file gave. labelme cannot say "not annotated yet": tasks with no final
 * answer are not written (warned).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Answer, Task } from '../../../../shared/pack/task';
import { copyImage, ImageSizes, recordedImageSize, writeFolderAtomically } from './imageFiles';
import { FLAGS_CONTROL } from './labelme';
import { isRecord, orderedShape, regionExtras, shapeOfRegion, type Json, type JsonObject, type RegionIn } from './labelmeShapes';
import { imageNameOfTask } from './naming';
import { Notes } from './notes';
import { NameGuard } from './shapes';
import type { ExportInput, ExportOutcome } from './types';

export const DEFAULT_VERSION = '5.2.1';

/** The parts of task.meta.labelme the writer uses, read defensively (a task may come from anywhere). */
function metaOf(task: Task): { version?: Json; flags?: Json; imagePath?: Json; imageHeight?: Json; imageWidth?: Json; embedded: boolean; kept: { order: number; shape: JsonObject }[]; other: JsonObject } {
  const meta = task.meta?.labelme;
  if (!isRecord(meta)) return { embedded: false, kept: [], other: {} };
  const kept = Array.isArray(meta.kept) ? meta.kept.filter((k): k is { order: number; shape: JsonObject } => isRecord(k) && typeof k.order === 'number' && isRecord(k.shape)) : [];
  const picked: ReturnType<typeof metaOf> = { embedded: meta.embedded === true, kept, other: isRecord(meta.other) ? meta.other : {} };
  for (const key of ['version', 'flags', 'imagePath', 'imageHeight', 'imageWidth'] as const) if (key in meta) picked[key] = meta[key]!;
  return picked;
}

interface Questions {
  /** Label id → name, per boxes or polygons question. */
  shapes: Map<string, { kind: 'boxes' | 'polygons'; names: Map<string, string> }>;
  /** The flags question's label id → flag name, when there is one. */
  flags: Map<string, string> | null;
}

function questionsOf(input: ExportInput): Questions {
  const config = input.labelConfig;
  if (config.data !== 'image') throw new LoupeError('invalid-input', `labelme holds image annotations, and this label config's tasks are ${config.data}`, { field: 'labelConfig.data' });
  const shapes: Questions['shapes'] = new Map();
  let flags: Map<string, string> | null = null;
  for (const c of config.controls) {
    if (c.kind === 'boxes' || c.kind === 'polygons') shapes.set(c.id, { kind: c.kind, names: new Map(c.labels.map((l) => [l.id, l.name])) });
    else if (c.kind === 'choices' && c.id === FLAGS_CONTROL && c.multiple) flags = new Map(c.labels.map((l) => [l.id, l.name]));
  }
  if (shapes.size === 0 && !flags) throw new LoupeError('invalid-input', `labelme holds shapes and image flags, and this label config has no boxes or polygons question and no multi-choice "${FLAGS_CONTROL}" question`, { field: 'labelConfig.controls' });
  return { shapes, flags };
}

/** The regions and selected flags of an answer; what labelme cannot hold is noted. */
function readAnswer(task: Task, answer: Answer, questions: Questions, notes: Notes): { regions: RegionIn[]; flags: string[] } {
  const regions: RegionIn[] = [];
  const flags: string[] = [];
  answer.forEach((result, ri) => {
    const shape = questions.shapes.get(result.controlId);
    const nameOf = (label: string, field: string) => {
      const name = shape?.names.get(label);
      if (name === undefined) throw new LoupeError('invalid-input', `label "${label}" is not a label of question "${result.controlId}"`, { entry: task.id, field });
      return name;
    };
    if (result.kind === 'boxes' && shape) {
      result.boxes.forEach((b, i) => regions.push({ kind: 'boxes', labelName: nameOf(b.label, `answer.${ri}.boxes.${i}.label`), box: { x: b.x, y: b.y, width: b.width, height: b.height }, extras: regionExtras(b.extras) }));
    } else if (result.kind === 'polygons' && shape) {
      result.polygons.forEach((p, i) => regions.push({ kind: 'polygons', labelName: nameOf(p.label, `answer.${ri}.polygons.${i}.label`), points: p.points, extras: regionExtras(p.extras) }));
    } else if (result.kind === 'choices' && result.controlId === FLAGS_CONTROL && questions.flags) {
      for (const id of result.labels) flags.push(questions.flags.get(id) ?? id);
    } else {
      notes.add(`${result.kind} answers are not written: labelme holds shapes and image flags only`, `task ${task.id}`);
    }
  });
  return { regions, flags };
}

/** The file's own shapes and the answer's regions, each in its place; regions drawn in Loupe last. */
function mergedShapes(kept: { order: number; shape: JsonObject }[], regions: RegionIn[], version: Json | undefined): JsonObject[] {
  const placed = [
    ...kept.map((k) => ({ order: k.order, shape: orderedShape(k.shape) })),
    ...regions.map((r) => ({ order: r.extras?.order ?? Number.POSITIVE_INFINITY, shape: shapeOfRegion(r, version) })),
  ];
  // A stable sort: regions with no place keep the answer's order.
  return placed.sort((a, b) => (a.order === b.order ? 0 : a.order < b.order ? -1 : 1)).map((p) => p.shape);
}

/**
 * Image flags: every key the file had, true where the answer selects it; flags the answer adds;
 * with no file flags, every flag of the question (labelme writes all its configured flags).
 */
function flagsOf(given: Json | undefined, selected: string[], all: Map<string, string> | null): Json {
  const chosen = new Set(selected);
  if (given !== undefined && !isRecord(given) && chosen.size === 0) return given;
  const source: JsonObject = isRecord(given) ? given : Object.fromEntries([...(all?.values() ?? [])].map((name) => [name, false]));
  const out: JsonObject = {};
  // A value that is not true/false stays as given while its selection is unchanged.
  for (const [key, value] of Object.entries(source)) out[key] = (value === true) === chosen.has(key) ? value : chosen.has(key);
  for (const name of selected) if (!(name in out)) out[name] = true;
  return out;
}

/** The size to write: the image's own (the file's where it says the same, in either orientation), else the one recorded. */
async function sizeOf(
  task: Task,
  imagePath: string | null,
  meta: ReturnType<typeof metaOf>,
  sizes: ImageSizes,
  notes: Notes,
): Promise<{ imageHeight: Json; imageWidth: Json }> {
  const given = { imageHeight: meta.imageHeight ?? null, imageWidth: meta.imageWidth ?? null };
  if (imagePath === null) {
    const recorded = recordedImageSize(task.meta);
    return recorded ? { imageHeight: recorded.height, imageWidth: recorded.width } : given;
  }
  const { width, height } = await sizes.of(imagePath, { entry: task.id, file: basename(imagePath) });
  const [w, h] = [meta.imageWidth, meta.imageHeight];
  // labelme measures images after their EXIF rotation, which the header size does not apply.
  if ((w === width && h === height) || (w === height && h === width)) return given;
  if (w !== undefined || h !== undefined) notes.add("imageWidth/imageHeight are written as the image's own size, which differs from what the source file said", `task ${task.id}`);
  return { imageHeight: height, imageWidth: width };
}

/** Write a labelme folder (see the top of this file) into `outDir`, which must be new or empty. */
export async function writeLabelme(input: ExportInput, outDir: string): Promise<ExportOutcome & { warnings: string[] }> {
  const questions = questionsOf(input);
  const notes = new Notes();
  const sizes = new ImageSizes();
  const imageNames = new NameGuard('image');
  const jsonNames = new NameGuard('annotation file');
  const written: string[] = [];
  const rows = await writeFolderAtomically(outDir, async (dir) => {
    let done = 0;
    let files = 0;
    for await (const batch of input.rows()) {
      for (const { task, answer } of batch) {
        done += 1;
        input.onProgress?.(done, input.total);
        if (answer === null) {
          notes.add("tasks without a final answer are not written: a labelme file cannot say 'not annotated yet'", `task ${task.id}`);
          continue;
        }
        const name = imageNameOfTask(task);
        if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image, and labelme describes images`, { entry: task.id, field: 'data.image' });
        const stem = basename(name, extname(name));
        imageNames.claim(name, task.id);
        jsonNames.claim(`${stem}.json`, task.id);
        const meta = metaOf(task);
        const imagePath = task.data.image ? input.imagePath(task.data.image) : null;
        const { regions, flags } = readAnswer(task, answer, questions, notes);
        const version = meta.version ?? DEFAULT_VERSION;
        let imageData: string | null = null;
        if (imagePath === null) {
          notes.add('images not available are not copied; imagePath keeps the path the source file gave', `task ${task.id} (${name})`);
        } else {
          await copyImage(imagePath, dir, name);
          written.push(name);
          if (meta.embedded) imageData = (await readFile(imagePath)).toString('base64');
        }
        const doc: JsonObject = {
          version,
          flags: flagsOf(meta.flags, flags, questions.flags),
          shapes: mergedShapes(meta.kept, regions, version),
          imagePath: imagePath === null && typeof meta.imagePath === 'string' ? meta.imagePath : name,
          imageData,
          ...(await sizeOf(task, imagePath, meta, sizes, notes)),
        };
        for (const [key, value] of Object.entries(meta.other)) if (!(key in doc)) doc[key] = value;
        await writeFile(join(dir, `${stem}.json`), JSON.stringify(doc, null, 2), 'utf8');
        written.push(`${stem}.json`);
        files += 1;
      }
    }
    return files;
  });
  return { rows, files: written.map((rel) => join(outDir, rel)), warnings: notes.list() };
}
