/**
 * Where the files of a Pascal VOC data set are, in the layouts tools write:
 *  - standard: `Annotations/*.xml`, `JPEGImages/`, `ImageSets/Main/*.txt` (any letter case: Datumaro
 *    and CVAT write `Annotations/`, some scripts `annotations/` and `jpegimages/`);
 *  - the folder holding `VOC2007/`, `VOC2012/` or `VOCdevkit/` (as downloaded), each year read
 *    as a standard data set;
 *  - flat, as Roboflow and LabelImg write: each xml beside its image, in the folder itself and in
 *    split folders (`train/`, `valid/`, `test/`);
 *  - one xml file.
 * Also the image sets (`ImageSets/Main/<set>.txt`: one id a line, blank and `#` lines skipped,
 * per-class sets with a flag after the id) and Datumaro's and CVAT's `labelmap.txt`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import { ImageFolder } from './imageFiles';
import type { Notes } from './notes';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.webp', '.tif', '.tiff'];
export const isImageName = (name: string) => IMAGE_EXTENSIONS.includes(extname(name).toLowerCase()) && !name.startsWith('.');

/** One folder of annotation files with where its images are. */
export interface VocSource {
  /** The data set's folder (the one holding labelmap.txt and ImageSets/). */
  root: string;
  /** How the files are named in messages: `Annotations/a.xml`, `VOC2007/Annotations/a.xml`, `train/a.xml`. */
  prefix: string;
  kind: 'standard' | 'flat';
  xmls: { path: string; file: string; folder: string }[];
  /** Folders whose images with no xml are tasks too (not annotated yet), with their flat folder. */
  imageFolders: { dir: string; folder: string }[];
}

async function dirEntries(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.name.startsWith('.')).map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A child folder by name in any letter case (`Annotations`, `annotations`). */
export async function childDir(dir: string, name: string): Promise<string | null> {
  const entries = await dirEntries(dir);
  const hit = entries.find((e) => e.isDir && e.name === name) ?? entries.find((e) => e.isDir && e.name.toLowerCase() === name.toLowerCase());
  return hit ? join(dir, hit.name) : null;
}

const xmlNames = async (dir: string) => (await dirEntries(dir)).filter((e) => !e.isDir && extname(e.name).toLowerCase() === '.xml').map((e) => e.name);

async function standardSource(root: string, annotations: string, prefix: string): Promise<VocSource> {
  const images = await childDir(root, 'JPEGImages');
  const annotationsPrefix = `${prefix}${basename(annotations)}/`;
  return {
    root, prefix, kind: 'standard',
    xmls: (await xmlNames(annotations)).map((name) => ({ path: join(annotations, name), file: `${annotationsPrefix}${name}`, folder: '' })),
    imageFolders: images ? [{ dir: images, folder: '' }] : [],
  };
}

/** The year folders under a folder (`VOC2007`, `VOCdevkit/VOC2012`) that hold Annotations/. */
async function yearSources(dir: string, prefix: string, depth: number): Promise<VocSource[]> {
  const found: VocSource[] = [];
  for (const entry of await dirEntries(dir)) {
    if (!entry.isDir || !/^voc(\d{4}|devkit)$/i.test(entry.name)) continue;
    const sub = join(dir, entry.name);
    const annotations = await childDir(sub, 'Annotations');
    if (annotations) found.push(await standardSource(sub, annotations, `${prefix}${entry.name}/`));
    else if (depth > 0) found.push(...(await yearSources(sub, `${prefix}${entry.name}/`, depth - 1)));
  }
  return found;
}

/** The data sets at a path (see the top of this file), refusing a path that holds none. */
export async function findVocSources(path: string): Promise<VocSource[]> {
  const info = await stat(path).catch(() => null);
  if (info?.isFile() && extname(path).toLowerCase() === '.xml') {
    const dir = dirname(path);
    return [{ root: dir, prefix: '', kind: 'flat', xmls: [{ path, file: basename(path), folder: '' }], imageFolders: [] }];
  }
  if (!info?.isDirectory()) throw new LoupeError('invalid-input', 'a Pascal VOC data set is a folder (Annotations/, JPEGImages/) or one .xml file', { file: path });
  const annotations = await childDir(path, 'Annotations');
  if (annotations) return [await standardSource(path, annotations, '')];
  const years = await yearSources(path, '', 1);
  if (years.length > 0) return years;
  // Flat: xml files in the folder and in its split folders, each beside its image.
  const flat: VocSource = { root: path, prefix: '', kind: 'flat', xmls: [], imageFolders: [{ dir: path, folder: '' }] };
  for (const name of await xmlNames(path)) flat.xmls.push({ path: join(path, name), file: name, folder: '' });
  for (const entry of await dirEntries(path)) {
    if (!entry.isDir) continue;
    const sub = join(path, entry.name);
    const names = await xmlNames(sub);
    names.forEach((name) => flat.xmls.push({ path: join(sub, name), file: `${entry.name}/${name}`, folder: entry.name }));
    if (names.length > 0 || (await dirEntries(sub)).some((e) => !e.isDir && isImageName(e.name))) flat.imageFolders.push({ dir: sub, folder: entry.name });
  }
  if (flat.xmls.length === 0) throw new LoupeError('invalid-input', 'holds no VOC annotation files (Annotations/*.xml, or *.xml beside their images)', { file: basename(path) });
  return [flat];
}

/** Finds images by name (any letter case) in a list of folders, first folder first. */
export class ImageLookup {
  private readonly opened = new Map<string, Promise<ImageFolder | null>>();
  private folder(dir: string): Promise<ImageFolder | null> {
    let folder = this.opened.get(dir);
    if (!folder) this.opened.set(dir, (folder = ImageFolder.open(dir).catch(() => null)));
    return folder;
  }

  /** The image called `name`; a name without an extension (some tools write the stem) tries the image extensions. */
  async find(dirs: string[], name: string): Promise<string | null> {
    const names = extname(name) === '' ? IMAGE_EXTENSIONS.map((ext) => `${name}${ext}`) : [name];
    for (const dir of dirs) {
      const folder = await this.folder(dir);
      for (const candidate of names) {
        const hit = folder?.find(candidate);
        if (hit) return hit;
      }
    }
    return null;
  }
}

/** Image set membership: set name → id → the rest of its line after the id (`""`, `" 1"`, `"  -1"`). */
export type ImageSets = Map<string, Map<string, string>>;

/** `ImageSets/Main/*.txt` of a standard data set, and a note for the ImageSets VOC detection does not use. */
export async function readImageSets(source: VocSource, notes: Notes): Promise<{ sets: ImageSets; files: string[] }> {
  const sets: ImageSets = new Map();
  const files: string[] = [];
  const imageSets = await childDir(source.root, 'ImageSets');
  for (const entry of imageSets ? await dirEntries(imageSets) : []) {
    if (entry.isDir && entry.name.toLowerCase() !== 'main') notes.add('image sets other than ImageSets/Main (segmentation, action, layout) are not read', `${source.prefix}ImageSets/${entry.name}`);
  }
  for (const masks of ['SegmentationClass', 'SegmentationObject']) {
    if (await childDir(source.root, masks)) notes.add('segmentation masks are not read (Loupe reads VOC detection boxes)', `${source.prefix}${masks}/`);
  }
  const main = imageSets ? await childDir(imageSets, 'Main') : null;
  if (!main) return { sets, files };
  for (const entry of await dirEntries(main)) {
    if (entry.isDir || extname(entry.name).toLowerCase() !== '.txt') continue;
    const name = basename(entry.name, extname(entry.name));
    const file = `${source.prefix}ImageSets/${basename(main)}/${entry.name}`;
    const members = sets.get(name) ?? new Map<string, string>();
    sets.set(name, members);
    files.push(name);
    const text = await readFile(join(main, entry.name), 'utf8');
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('#')) {
        notes.add('comment lines of image set files are not kept', file);
        continue;
      }
      const id = /^\S+/.exec(trimmed)![0];
      members.set(id, trimmed.slice(id.length));
    }
  }
  return { sets, files };
}

/** A label of labelmap.txt: `name:r,g,b:parts:actions`. */
export interface LabelMapEntry {
  name: string;
  color: string | null;
  parts: string;
  actions: string;
}

export const LABELMAP = 'labelmap.txt';
const LABELMAP_HEADER = '# label:color_rgb:parts:actions';

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** Datumaro's and CVAT's labelmap.txt in a data set folder, or null when there is none. */
export async function readLabelMap(root: string, prefix: string): Promise<LabelMapEntry[] | null> {
  const entry = (await dirEntries(root)).find((e) => !e.isDir && e.name.toLowerCase() === LABELMAP);
  if (!entry) return null;
  const file = `${prefix}${entry.name}`;
  const text = await readFile(join(root, entry.name), 'utf8');
  const entries: LabelMapEntry[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const [name = '', color = '', parts = '', actions = ''] = line.split(':');
    if (name.trim() === '') throw new LoupeError('invalid-input', 'a labelmap line starts with the label name (name:r,g,b:parts:actions)', { file, line: i + 1 });
    const rgb = color.trim() === '' ? null : color.split(',').map((c) => Number(c.trim()));
    if (rgb && (rgb.length !== 3 || rgb.some((c) => !Number.isInteger(c) || c < 0 || c > 255))) {
      throw new LoupeError('invalid-input', `the color "${color}" is not r,g,b (three whole numbers 0–255)`, { file, line: i + 1 });
    }
    entries.push({ name: name.trim(), color: rgb ? `#${rgb.map(hex).join('')}` : null, parts: parts.trim(), actions: actions.trim() });
  });
  return entries;
}

/** labelmap.txt for the classes, with their colors and the parts and actions the source gave. */
export function labelMapText(classes: { name: string; color: string }[], kept: Record<string, { parts: string; actions: string }>): string | null {
  if (classes.some((c) => /[:\r\n]/.test(c.name))) return null;
  const rgb = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)).join(',');
  const lines = classes.map((c) => `${c.name}:${rgb(c.color)}:${kept[c.name]?.parts ?? ''}:${kept[c.name]?.actions ?? ''}`);
  return `${[LABELMAP_HEADER, ...lines].join('\n')}\n`;
}
