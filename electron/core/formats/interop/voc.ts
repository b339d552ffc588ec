/**
 * Pascal VOC detection data sets: one xml per image, holding `<filename>`, `<size>` and an
 * `<object>` per box (`<name>`, `<bndbox>`, and flags such as `<pose>`, `<truncated>`,
 * `<difficult>`, `<occluded>`, `<part>`s, `<actions>`), with the images beside them or in
 * `JPEGImages/`, and image sets in `ImageSets/Main/`. The layouts read are in vocLayout.ts; the
 * coordinates (1-based, inclusive) and how an xml is kept as given in vocXml.ts; writing in
 * vocWriter.ts.
 *
 * Reading: each xml is a task (its id from the xml's name, which `<filename>` may differ from) with
 * its boxes as the annotation; an xml with no object says "nothing here" (a boxes result with
 * `none: true`), and an image with no xml is a task not annotated yet. What Loupe does not model
 * is kept for the writer: each object's elements in its box's `extras.voc`, the file's own
 * (`<folder>`, `<source>`, `<owner>`, `<size>`, `<segmented>`, unknown elements, the declaration
 * and indent) with the image sets it is in (or its split folder) in `task.meta.voc`, and the data
 * set's (the names of all set files, some empty; labelmap parts and actions) in the first task's
 * `meta.voc.dataset`. labelmap.txt, where there is one, gives the labels in order with their colors,
 * even labels no object uses. An image not found keeps its task, with the `<size>` the xml gives.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Answer } from '../../../../shared/pack/task';
import { IMAGE_SIZE_META } from './imageFiles';
import { assetPathOf, IdScope, imageNameFrom } from './naming';
import { Notes } from './notes';
import { ShapeLabels } from './shapes';
import type { SourceSet, SourceTask } from './types';
import { findVocSources, ImageLookup, isImageName, readImageSets, readLabelMap, type LabelMapEntry, type VocSource } from './vocLayout';
import { isRecord, parseVocFile, readObject, textOf, type XmlRecord } from './vocXml';

export { writeVoc } from './vocWriter';

export interface VocReadOptions {
  /** A folder to find the images in first (the CLI's --images). */
  imagesDir?: string;
}

/** What a task keeps of its VOC file for the writer (task.meta.voc). */
export interface VocTaskMeta {
  /** The xml's own name without .xml (absent for an image that had none). */
  xml?: string;
  /** Flat layouts: the split folder the files were in ('' for the data set folder itself). */
  folder?: string;
  fields?: XmlRecord;
  objectsAt?: number;
  declaration?: string;
  indent?: string;
  /** The image sets that list it: set name → the rest of its line (a per-class flag, or ''). */
  sets?: Record<string, string>;
  dataset?: VocDatasetMeta;
}

/** What belongs to the data set rather than to one image, kept on the first task. */
export interface VocDatasetMeta {
  /** Every ImageSets/Main file, in order, including empty ones. */
  setFiles: string[];
  /** labelmap.txt's parts and actions by label name, for the labels that have any. */
  labelmap?: Record<string, { parts: string; actions: string }>;
}

interface Entry {
  folder: string;
  stem: string;
  task: SourceTask;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pixel size an xml's `<size>` gives, or null when it gives none (or zeros, as LabelImg sometimes does). */
function sizeOf(fields: XmlRecord): { width: number; height: number } | null {
  if (!isRecord(fields.size)) return null;
  const width = Number(textOf(fields.size.width));
  const height = Number(textOf(fields.size.height));
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Read a Pascal VOC data set (see the top of this file): a folder in any layout of vocLayout.ts, or one xml. */
export async function readVoc(path: string, options: VocReadOptions = {}): Promise<SourceSet & { warnings: string[] }> {
  const sources = await findVocSources(path);
  const notes = new Notes();
  const labels = new ShapeLabels();
  const lookup = new ImageLookup();
  const images = new Map<string, string>();
  const missingImages: string[] = [];
  const owners = new Map<string, string>();
  const entries: Entry[] = [];
  const dataset: VocDatasetMeta = { setFiles: [] };

  let labelmap: LabelMapEntry[] | null = null;
  for (const source of sources) labelmap ??= await readLabelMap(source.root, source.prefix);
  for (const entry of labelmap ?? []) {
    labels.idFor(entry.name);
    if (entry.parts || entry.actions) (dataset.labelmap ??= {})[entry.name] = { parts: entry.parts, actions: entry.actions };
  }
  const labelmapNames = new Set(labelmap?.map((e) => e.name) ?? []);

  for (const source of sources) {
    const local = await readSource(source, { options, notes, labels, lookup, images, missingImages, owners, labelmapNames: labelmap ? labelmapNames : null });
    const { sets, files } = source.kind === 'standard' ? await readImageSets(source, notes) : { sets: new Map<string, Map<string, string>>(), files: [] };
    for (const name of files) if (!dataset.setFiles.includes(name)) dataset.setFiles.push(name);
    const byId = new Map(local.map((e) => [e.stem, e]));
    for (const [set, members] of sets) {
      for (const [id, rest] of members) {
        const entry = byId.get(id);
        if (!entry) {
          notes.add('image sets list ids with neither an annotation file nor an image; they are not kept', `${source.prefix}ImageSets/Main/${set}.txt: ${id}`);
          continue;
        }
        const voc = entry.task.task.meta!.voc as VocTaskMeta;
        (voc.sets ??= {})[set] = rest;
      }
    }
    entries.push(...local.sort((a, b) => compare(a.folder, b.folder) || compare(a.stem, b.stem)));
  }

  const taskIds = new IdScope('t');
  const tasks = entries.map(({ stem, task }) => ({ ...task, task: { ...task.task, id: taskIds.take(stem) } }));
  if (tasks.length > 0) (tasks[0]!.task.meta!.voc as VocTaskMeta).dataset = dataset;
  const where = { file: basename(path) };
  let labelConfig = labels.config(where, 'has no <object> in any annotation file and no labelmap.txt, so there are no labels to make a label config from');
  const colors = new Map((labelmap ?? []).filter((e) => e.color).map((e) => [e.name, e.color!]));
  if (colors.size > 0) {
    labelConfig = { ...labelConfig, controls: labelConfig.controls.map((c) => ('labels' in c ? { ...c, labels: c.labels.map((l) => ({ ...l, color: colors.get(l.name) ?? l.color })) } : c)) } as typeof labelConfig;
  }
  return { format: 'voc', labelConfig, tasks, images, ...(missingImages.length ? { missingImages } : {}), warnings: notes.list() };
}

interface ReadContext {
  options: VocReadOptions;
  notes: Notes;
  labels: ShapeLabels;
  lookup: ImageLookup;
  images: Map<string, string>;
  missingImages: string[];
  /** Asset path → the file that named it, so a second file naming the same image is refused. */
  owners: Map<string, string>;
  labelmapNames: Set<string> | null;
}

/** The tasks of one data set folder: one per xml, and one per image with no xml. */
async function readSource(source: VocSource, ctx: ReadContext): Promise<Entry[]> {
  const entries: Entry[] = [];
  const used = new Set<string>();
  const claim = (asset: string, file: string) => {
    const other = ctx.owners.get(asset);
    if (other !== undefined) throw new LoupeError('invalid-input', `names the image ${asset.slice('assets/'.length)}, as ${other} does; Loupe names images by their own file name, so each image has one annotation file`, { file, field: 'filename' });
    ctx.owners.set(asset, file);
  };
  for (const xml of source.xmls) {
    const voc = parseVocFile(await readFile(xml.path, 'utf8'), xml.file);
    const stem = basename(xml.path, extname(xml.path));
    // LabelImg writes <path> too; VOC proper has only <filename>.
    const ref = textOf(voc.fields.filename) ?? textOf(voc.fields.path);
    const named = ref === null ? null : imageNameFrom(ref);
    const dirs = [...(ctx.options.imagesDir ? [ctx.options.imagesDir] : []), ...source.imageFolders.filter((f) => f.folder === xml.folder).map((f) => f.dir), dirname(xml.path), source.root];
    // The image <filename> names, else the one named like the xml (what mmdet and torchvision open).
    const found = (named ? await ctx.lookup.find(dirs, named) : null) ?? (await ctx.lookup.find(dirs, stem));
    const name = found ? basename(found) : named;
    if (name === null) throw new LoupeError('invalid-input', `needs a <filename> naming its image (and no image is named ${stem}.*)`, { file: xml.file, field: 'filename' });
    const asset = assetPathOf(name);
    claim(asset, xml.file);
    const size = sizeOf(voc.fields);
    if (found) {
      ctx.images.set(asset, found);
      used.add(found);
    } else {
      ctx.missingImages.push(asset);
      ctx.notes.add(`images not found; their tasks are kept${size ? ' with the <size> their xml gives' : ''}`, `${xml.file} names ${name}`);
    }

    const boxIds = new IdScope('b');
    const boxes = voc.objects.map((object, i) => {
      const { name: className, box, kept } = readObject(object, xml.file, i);
      if (ctx.labelmapNames && !ctx.labelmapNames.has(className)) ctx.notes.add('objects name classes that labelmap.txt does not list; they are added as labels', `${xml.file} ${className}`);
      return { id: boxIds.next(), ...box, label: ctx.labels.idFor(className), extras: { voc: kept as Record<string, never> } };
    });
    // An xml with no object is an image a person looked at and found nothing in.
    const answer: Answer = [{ kind: 'boxes', controlId: 'boxes', boxes, ...(boxes.length === 0 ? { none: true as const } : {}) }];
    const meta: VocTaskMeta = {
      xml: stem, ...(source.kind === 'flat' ? { folder: xml.folder } : {}),
      fields: voc.fields, objectsAt: voc.objectsAt, ...(voc.declaration ? { declaration: voc.declaration } : {}), indent: voc.indent,
    };
    entries.push({
      folder: xml.folder, stem,
      task: { task: { id: stem, data: { image: asset }, meta: { file: xml.file, voc: meta, ...(!found && size ? { [IMAGE_SIZE_META]: size } : {}) } }, annotations: [{ annotator: null, answer, kind: 'annotation' }] },
    });
  }
  // Images no xml names: tasks not annotated yet (a one-xml source reads that xml only).
  for (const { dir, folder } of source.imageFolders) {
    for (const name of (await readdir(dir)).sort()) {
      const full = join(dir, name);
      if (!isImageName(name) || used.has(full)) continue;
      const asset = assetPathOf(name);
      const file = `${source.prefix}${folder ? `${folder}/` : source.kind === 'standard' ? `${basename(dir)}/` : ''}${name}`;
      claim(asset, file);
      ctx.images.set(asset, full);
      const stem = basename(name, extname(name));
      entries.push({ folder, stem, task: { task: { id: stem, data: { image: asset }, meta: { file, voc: source.kind === 'flat' ? { folder } : {} } }, annotations: [] } });
    }
  }
  return entries;
}
