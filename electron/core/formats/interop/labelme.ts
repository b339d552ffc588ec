/**
 * labelme JSON (one file per image, labelme 3.x–5.x and the tools that write its format, e.g.
 * PaddleLabel, labelme-rs): reading. Shapes are converted in labelmeShapes.ts; writing is in
 * labelmeWriter.ts.
 *
 * Input: one .json file, or a folder searched recursively for them (sorted by path), one task per
 * file (image). JSON files in a folder that are not labelme files (no `shapes` list) are skipped
 * with a warning; a single such file is refused.
 *
 * Images: an embedded image (`imageData`, base64) is the task's image, its bytes as given. Else
 * `imagePath` is followed relative to the JSON file (Windows backslashes are separators), then
 * the image's name is looked for in other letter case (what Windows and macOS would open), beside
 * the JSON file, and in the images folder given (`--images`). An image not found keeps its task
 * with the size the file gave (task.meta.imageSize), in one warning.
 *
 * Answers: every file is an annotated image. Its polygons and rectangles are the answer; a file
 * with no shape Loupe shows (`shapes: []`, or only points and lines) answers "nothing here"
 * (`none: true`) for every shapes question. Image-level `flags` ({f1: true, f2: false}) are a
 * multi-choice question `flags` whose labels are the flag names, the true ones selected.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { imageSize } from 'image-size';
import { LoupeError, parseOrThrow } from '../../../../shared/errors';
import { labelConfigSchema, type Label, type LabelConfig } from '../../../../shared/pack/labelConfig';
import type { ControlResult } from '../../../../shared/pack/task';
import { IMAGE_SIZE_META, ImageFolder, readJsonFile } from './imageFiles';
import { isRecord, ShapeReader, type Json, type JsonObject, type LabelmeMeta } from './labelmeShapes';
import { assetPathOf, IdScope, imageNameFrom } from './naming';
import { Notes } from './notes';
import { paletteColor } from './palette';
import { ShapeLabels } from './shapes';
import type { SourceSet, SourceTask } from './types';

/** The top-level keys labelme writes; any other is kept in meta.labelme.other. */
export const TOP_KEYS = ['version', 'flags', 'shapes', 'imagePath', 'imageData', 'imageHeight', 'imageWidth'] as const;

/** The id of the image-flags question. */
export const FLAGS_CONTROL = 'flags';

export interface LabelmeSource {
  source: SourceSet & { warnings: string[] };
  /** Images embedded in the files (imageData), by asset path. */
  inlineImages: Map<string, Uint8Array>;
}

/** The .json files to read: the file itself, or every one under the folder, by relative path. */
async function jsonFiles(path: string): Promise<{ root: string; files: string[]; single: boolean }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new LoupeError('invalid-input', 'no such file or folder', { file: basename(path) });
  if (info.isFile()) return { root: dirname(path), files: [basename(path)], single: true };
  const entries = (await readdir(path, { recursive: true })).map(String);
  const files = entries
    .filter((rel) => extname(rel).toLowerCase() === '.json' && !rel.split(sep).some((part) => part.startsWith('.')))
    // By path without ".json", so x.json comes before x-2.json as the export names them.
    .map((rel) => ({ rel, key: rel.slice(0, -'.json'.length) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ rel }) => rel);
  if (files.length === 0) throw new LoupeError('invalid-input', 'holds no labelme .json files', { file: basename(path) });
  return { root: path, files, single: false };
}

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

/** Finds images named by imagePath (see the top of this file); folders are listed once each. */
class ImageFinder {
  private readonly folders = new Map<string, Promise<ImageFolder | null>>();
  constructor(private readonly imagesDir: string | undefined) {}

  private folder(dir: string, mustExist: boolean): Promise<ImageFolder | null> {
    let open = this.folders.get(dir);
    if (!open) {
      open = mustExist ? ImageFolder.open(dir) : ImageFolder.open(dir).catch(() => null);
      this.folders.set(dir, open);
    }
    return open;
  }

  async find(jsonDir: string, ref: string, name: string): Promise<string | null> {
    const rel = ref.replace(/\\/g, '/');
    // A Windows drive path (C:/…) cannot be followed here; its name still can.
    if (!/^[A-Za-z]:\//.test(rel)) {
      const exact = resolve(jsonDir, rel);
      if (await isFile(exact)) return exact;
      const near = (await this.folder(dirname(exact), false))?.find(name);
      if (near) return near;
    }
    const beside = (await this.folder(jsonDir, false))?.find(name);
    if (beside) return beside;
    return this.imagesDir ? ((await this.folder(this.imagesDir, true))?.find(name) ?? null) : null;
  }
}

/** Image names unique ignoring letter case and extension (the export names each JSON by the image's stem). */
class ImageNames {
  private readonly stems = new Set<string>();

  /** The name itself, or `stem-2.ext`, `stem-3.ext` … when its stem is taken. */
  claim(name: string): string {
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let candidate = stem;
    for (let n = 2; this.stems.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}`;
    this.stems.add(candidate.toLowerCase());
    return `${candidate}${ext}`;
  }
}

/** The bytes of an embedded image, or null when imageData holds none (null, absent, not an image). */
function embeddedImage(imageData: Json | undefined): { bytes: Uint8Array; type: string } | null {
  if (typeof imageData !== 'string' || imageData === '') return null;
  const bytes = Buffer.from(imageData.replace(/^data:[^,]*,/, ''), 'base64');
  try {
    const { type } = imageSize(bytes);
    return { bytes, type: type ?? 'png' };
  } catch {
    return null;
  }
}

const positive = (n: Json | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Image flags as a question: every flag name seen, in order, as a label. */
class FlagLabels {
  readonly labels: Label[] = [];
  private readonly byName = new Map<string, string>();
  private readonly ids = new IdScope('flag-');

  idFor(name: string): string {
    let id = this.byName.get(name);
    if (id === undefined) {
      id = this.ids.take(name);
      this.byName.set(name, id);
      this.labels.push({ id, name: name.slice(0, 200) || id, color: paletteColor(this.labels.length) });
    }
    return id;
  }
}

/** The label config: the shapes questions (when there are shape labels) and the flags question (when there are flags). */
function configOf(labels: ShapeLabels, flags: FlagLabels, file: string): LabelConfig {
  if (labels.size === 0 && flags.labels.length === 0) throw new LoupeError('invalid-input', 'has no shape labels and no flags in any file, so there are no labels to make a label config from', { file });
  const controls: unknown[] = labels.size > 0 ? labels.config({ file }).controls : [];
  if (flags.labels.length > 0) controls.push({ id: FLAGS_CONTROL, kind: 'choices', title: 'Image flags', required: false, multiple: true, labels: flags.labels });
  return parseOrThrow(labelConfigSchema, { version: 1, data: 'image', controls }, { file });
}

/** Read labelme JSON files (see the top of this file). `imagesDir`: where else to look for images. */
export async function readLabelme(path: string, options: { imagesDir?: string } = {}): Promise<LabelmeSource> {
  const { root, files, single } = await jsonFiles(path);
  const notes = new Notes();
  const labels = new ShapeLabels();
  const flagLabels = new FlagLabels();
  const keptTypes = new Map<string, number>();
  const finder = new ImageFinder(options.imagesDir);
  const names = new ImageNames();
  const taskIds = new IdScope('t');
  const images = new Map<string, string>();
  const inlineImages = new Map<string, Uint8Array>();
  const missingImages: string[] = [];
  const tasks: SourceTask[] = [];
  const nothingShown = new Set<SourceTask>();
  const keptIn: string[] = [];

  for (const rel of files) {
    const file = rel.split(sep).join('/');
    const absolute = join(root, rel);
    const json = await readJsonFile(absolute);
    if (!isRecord(json) || !Array.isArray(json.shapes)) {
      if (single) throw new LoupeError('invalid-input', 'a labelme file is a JSON object with a "shapes" list', { file, field: 'shapes' });
      notes.add('JSON files that are not labelme annotations (no "shapes" list) are skipped', file);
      continue;
    }
    const stem = basename(rel, extname(rel));
    const embedded = embeddedImage(json.imageData);
    if (json.imageData !== undefined && json.imageData !== null && !embedded) notes.add('imageData that holds no readable image is ignored; the image is looked up by imagePath', file);
    const ref = typeof json.imagePath === 'string' ? json.imagePath : '';
    const refName = imageNameFrom(ref);
    if (!embedded && refName === null) throw new LoupeError('invalid-input', 'needs an imagePath naming its image (or the image embedded in imageData)', { file, field: 'imagePath' });
    const found = embedded || refName === null ? null : await finder.find(dirname(absolute), ref, refName);
    // The name on disk where the image was found (2.jpeg for an imagePath of 2.jpeG).
    const ownName = found ? basename(found) : (refName ?? `${stem}.${embedded!.type}`);
    const name = names.claim(ownName);
    if (name !== ownName) notes.add('images with the same name as another image (ignoring letter case and extension) are renamed, since the export names each JSON after its image', `${file}: ${ownName} → ${name}`);
    const asset = assetPathOf(name);
    if (embedded) inlineImages.set(asset, embedded.bytes);
    else if (found) images.set(asset, found);
    else {
      missingImages.push(asset);
      notes.add('images not found (by imagePath, in other letter case, beside the JSON file or in the images folder); their tasks are kept without an image file', `${file} names ${ref}`);
    }

    const reader = new ShapeReader(labels, keptTypes, file);
    json.shapes.forEach((shape, i) => reader.add(shape, i));
    if (reader.kept.length > 0) keptIn.push(file);
    const other: JsonObject = {};
    for (const [key, value] of Object.entries(json)) if (!(TOP_KEYS as readonly string[]).includes(key)) other[key] = value;
    const meta: LabelmeMeta = { file, embedded: embedded !== null, kept: reader.kept, other };
    for (const key of ['version', 'flags', 'imagePath', 'imageHeight', 'imageWidth'] as const) if (key in json) meta[key] = json[key]!;

    const answer = reader.answer();
    if (isRecord(json.flags) && Object.keys(json.flags).length > 0) {
      const flags = Object.entries(json.flags);
      const ids = flags.map(([key]) => flagLabels.idFor(key));
      answer.push({ kind: 'choices', controlId: FLAGS_CONTROL, labels: ids.filter((_, i) => flags[i]![1] === true) });
    }
    const size = !found && !embedded && positive(json.imageWidth) && positive(json.imageHeight) ? { [IMAGE_SIZE_META]: { width: json.imageWidth, height: json.imageHeight } } : {};
    const task: SourceTask = {
      task: { id: taskIds.take(stem), data: { image: asset }, meta: { labelme: meta as unknown as JsonObject, ...size } },
      annotations: [{ annotator: null, answer, kind: 'annotation' }],
    };
    if (reader.editable === 0) nothingShown.add(task);
    tasks.push(task);
  }
  if (tasks.length === 0) throw new LoupeError('invalid-input', 'holds no labelme files (JSON with a "shapes" list)', { file: basename(path) });

  const labelConfig = configOf(labels, flagLabels, basename(path));
  // "Nothing here" for every shapes question, before the flags answer.
  const none: ControlResult[] = labelConfig.controls.flatMap((c): ControlResult[] =>
    c.kind === 'boxes' ? [{ kind: 'boxes', controlId: c.id, boxes: [], none: true }] : c.kind === 'polygons' ? [{ kind: 'polygons', controlId: c.id, polygons: [], none: true }] : [],
  );
  for (const task of nothingShown) task.annotations[0]!.answer.unshift(...none);

  const warnings = notes.list();
  const kept = [...keptTypes.values()].reduce((a, b) => a + b, 0);
  if (kept > 0) {
    const types = [...keptTypes].map(([type, n]) => `${type} ×${n}`).join(', ');
    const where = `${keptIn.slice(0, 3).join(', ')}${keptIn.length > 3 ? ', …' : ''}`;
    warnings.push(`${kept} ${kept === 1 ? 'shape' : 'shapes'} Loupe cannot edit (${types}) are kept and written back unchanged on a labelme export, but not shown for editing (${where})`);
  }
  return {
    source: { format: 'labelme', labelConfig, tasks, images, warnings, ...(missingImages.length ? { missingImages } : {}) },
    inlineImages,
  };
}

