/**
 * Which YOLO layout a folder (or the file a person points at) is, and where its images, label
 * files and class names are. Three layouts are in use:
 *
 *   ultralytics  data.yaml: `path`, `train`/`val`/`test` (a folder, a list of folders, or a .txt
 *                listing images), `names` (a list or an index → name mapping), maybe `nc`.
 *                Labels mirror images with the last `images/` folder named `labels/`.
 *   darknet      obj.data (`key = value`: classes, train, valid, names, backup), obj.names, and
 *                train.txt listing the images; labels beside each image (Yolo_mark) or under
 *                labels/ in place of images/.
 *   plain        classes.txt with images/ and labels/ (mirrored), or images and labels side by
 *                side in one folder (labelImg).
 *
 * Other tools write the paths in these files for the machine they trained on: Roboflow names
 * `../train/images` for a folder beside data.yaml and `../valid/images` for one called `val/`;
 * darknet lists `data/img/a.jpg` relative to darknet's own folder or as absolute paths. So a path
 * is looked up as given, then relative to the data set, then with its leading folders dropped one
 * by one; a split's folder not found that way is looked for by the usual names of that split.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LoupeError } from '../../../../shared/errors';
import type { Notes } from './notes';

export type YoloLayout = 'ultralytics' | 'darknet' | 'plain';

/** The image types YOLO tools read (Ultralytics' list, less the exotic ones). */
export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.webp', '.tif', '.tiff']);

/** One image the data set names, found or not. */
export interface YoloEntry {
  /** Path relative to the data set's root, forward slashes: where the writer puts it again. */
  imageRel: string;
  /** The file on disk, or null when it is not there. */
  imagePath: string | null;
  labelRel: string;
  labelPath: string;
  /** The split it came from (train, val, test), where the layout has them. */
  split: string | null;
  /** The list files (train.txt) naming it: file relative to the root, and the line as written. */
  listed: { file: string; line: string }[];
}

export interface YoloDataset {
  layout: YoloLayout;
  /** The folder every `*Rel` path is relative to. */
  root: string;
  /** The file the class names came from, relative to the root (errors name it). */
  classFile: string;
  classes: string[];
  entries: YoloEntry[];
  /** Set-level files kept verbatim (data.yaml, obj.data, obj.names, classes.txt), relative to the root. */
  files: Record<string, string>;
  /** The list files (train.txt), relative to the root, in the order the data set names them. */
  lists: string[];
}

export const toPosix = (p: string): string => p.split(sep).join('/').replace(/\\/g, '/');
const isFile = async (p: string) => (await stat(p).catch(() => null))?.isFile() ?? false;
const isDir = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() ?? false;
export const stripBom = (text: string): string => text.replace(/^\uFEFF/, '');

export async function readText(path: string, file: string): Promise<string> {
  try {
    return stripBom(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LoupeError('invalid-input', code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message})`, { file });
  }
}

/** A path as written in a data set's file, found: as given, against each base, then with leading folders dropped. */
export async function findPath(written: string, bases: readonly string[], want: 'file' | 'dir'): Promise<string | null> {
  const check = want === 'file' ? isFile : isDir;
  const clean = written.trim().replace(/\\/g, '/');
  if (clean === '') return null;
  if (isAbsolute(clean) && (await check(clean))) return clean;
  const parts = clean.split('/').filter((p) => p !== '' && p !== '.');
  for (let drop = 0; drop < parts.length; drop += 1) {
    const rest = parts.slice(drop);
    if (drop > 0 && rest[0] === '..') continue;
    for (const base of bases) {
      const candidate = resolve(base, ...rest);
      if (await check(candidate)) return candidate;
    }
  }
  return null;
}

/** The image files under a folder, sorted, hidden ones left out. */
async function imagesUnder(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { recursive: true })).map(String);
  return entries
    .filter((rel) => !rel.split(/[/\\]/).some((part) => part.startsWith('.')) && IMAGE_EXTENSIONS.has(extname(rel).toLowerCase()))
    .map((rel) => join(dir, rel))
    .sort();
}

/** Where a label file is for an image: `labels/` in place of the last `images/` (Ultralytics), else beside it. */
async function labelFor(root: string, imageRel: string, prefer: 'mirror' | 'beside'): Promise<string> {
  const parts = imageRel.split('/');
  const stem = basename(imageRel, extname(imageRel));
  const beside = [...parts.slice(0, -1), `${stem}.txt`].join('/');
  const at = parts.lastIndexOf('images', parts.length - 2);
  const jpeg = parts.lastIndexOf('JPEGImages', parts.length - 2);
  const swap = at >= 0 ? at : jpeg;
  const mirrored = swap >= 0 ? [...parts.slice(0, swap), 'labels', ...parts.slice(swap + 1, -1), `${stem}.txt`].join('/') : null;
  const order = prefer === 'mirror' ? [mirrored, beside] : [beside, mirrored];
  for (const rel of order) if (rel && (await isFile(join(root, rel)))) return rel;
  return order.find((r): r is string => r !== null)!;
}

/** Relative to the root with forward slashes; a file outside it (`../x`) keeps only its path below the last `..`. */
function relOf(root: string, path: string): string {
  const rel = toPosix(relative(root, path));
  return rel.split('/').filter((p) => p !== '..').join('/');
}

async function entryOf(root: string, imagePath: string, split: string | null, prefer: 'mirror' | 'beside'): Promise<YoloEntry> {
  const imageRel = relOf(root, imagePath);
  const labelRel = await labelFor(root, imageRel, prefer);
  return { imageRel, imagePath, labelRel, labelPath: join(root, labelRel), split, listed: [] };
}

/** The images a list file (train.txt) names, found where they are; those not found are kept as not found. */
async function listedEntries(ds: YoloDataset, listPath: string, split: string | null, bases: string[], byRel: Map<string, YoloEntry>, notes: Notes): Promise<void> {
  const listRel = relOf(ds.root, listPath);
  // darknet's `valid` is often the train list again: one list, read once.
  if (ds.lists.includes(listRel)) return;
  const text = await readText(listPath, basename(listPath));
  ds.files[listRel] = text;
  ds.lists.push(listRel);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const found = await findPath(line.replace(/^\.\//, ''), [dirname(listPath), ...bases], 'file');
    let entry: YoloEntry;
    if (found) {
      entry = byRel.get(relOf(ds.root, found)) ?? (await entryOf(ds.root, found, split, ds.layout === 'darknet' ? 'beside' : 'mirror'));
    } else {
      // Not on disk: kept where the list says, so it is listed again on export.
      const imageRel = line.replace(/\\/g, '/').replace(/^(\.\.?\/)+|^\/+/, '');
      const existing = byRel.get(imageRel);
      entry = existing ?? { ...(await entryOf(ds.root, join(ds.root, imageRel), split, ds.layout === 'darknet' ? 'beside' : 'mirror')), imagePath: null };
      if (!existing) notes.add(`images that ${basename(listPath)} lists were not found; their tasks are kept without the image`, line);
    }
    if (!byRel.has(entry.imageRel)) {
      byRel.set(entry.imageRel, entry);
      ds.entries.push(entry);
    }
    entry.listed.push({ file: listRel, line: raw.replace(/\r$/, '') });
  }
}

const SPLIT_ALIASES: Record<string, string[]> = { train: ['train'], val: ['val', 'valid', 'validation'], test: ['test'] };

/** An Ultralytics split folder by the usual names of that split, when the path data.yaml gives is not there. */
async function splitByName(dir: string, split: string): Promise<string | null> {
  for (const name of SPLIT_ALIASES[split] ?? [split]) {
    for (const candidate of [join(dir, name, 'images'), join(dir, 'images', name)]) if (await isDir(candidate)) return candidate;
  }
  return null;
}

/** Read the images of one Ultralytics split (`train: …`): folders, list files, or a list of either. */
export async function addUltralyticsSplit(ds: YoloDataset, split: string, value: unknown, bases: string[], byRel: Map<string, YoloEntry>, notes: Notes): Promise<void> {
  const paths = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  for (const written of paths) {
    const asList = extname(written).toLowerCase() === '.txt' ? await findPath(written, bases, 'file') : null;
    if (asList) {
      await listedEntries(ds, asList, split, bases, byRel, notes);
      continue;
    }
    const dir = (await findPath(written, bases, 'dir')) ?? (await splitByName(ds.root, split));
    if (!dir) {
      notes.add(`a split that data.yaml names was not found, and was not read`, `${split}: ${written}`);
      continue;
    }
    if (dir !== resolve(bases[0]!, written)) notes.add('data.yaml names split folders that are elsewhere; they were read from the folder found', `${split}: ${written} → ${relOf(ds.root, dir) || '.'}`);
    for (const image of await imagesUnder(dir)) {
      const rel = relOf(ds.root, image);
      if (byRel.has(rel)) continue;
      const entry = await entryOf(ds.root, image, split, 'mirror');
      byRel.set(rel, entry);
      ds.entries.push(entry);
    }
  }
}

/** Darknet's obj.data: `key = value` lines (Yolo_mark puts spaces around `=`). */
export function parseDarknetData(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][\w]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) keys.set(m[1]!.toLowerCase(), m[2]!);
  }
  return keys;
}

/** Read a darknet data set from its obj.data. */
export async function addDarknetLists(ds: YoloDataset, keys: Map<string, string>, bases: string[], notes: Notes): Promise<void> {
  const byRel = new Map<string, YoloEntry>();
  for (const [key, split] of [['train', 'train'], ['valid', 'val'], ['test', 'test']] as const) {
    const written = keys.get(key);
    if (!written) continue;
    const list = await findPath(written, bases, 'file');
    if (!list) {
      notes.add('list files that obj.data names were not found, and were not read', `${key} = ${written}`);
      continue;
    }
    await listedEntries(ds, list, split, bases, byRel, notes);
  }
}

/** A plain folder: images/ mirrored by labels/, or images and label files side by side. */
export async function addPlainImages(ds: YoloDataset): Promise<void> {
  const imagesDir = join(ds.root, 'images');
  const mirrored = await isDir(imagesDir);
  for (const image of await imagesUnder(mirrored ? imagesDir : ds.root)) {
    ds.entries.push(await entryOf(ds.root, image, null, mirrored ? 'mirror' : 'beside'));
  }
}

/** The data set's files a person may point at: data.yaml, obj.data, classes.txt, or the folder holding one of them. */
export async function locate(path: string): Promise<{ layout: YoloLayout; file: string }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new LoupeError('invalid-input', 'no such file or folder', { file: path });
  if (info.isFile()) {
    const ext = extname(path).toLowerCase();
    if (ext === '.yaml' || ext === '.yml') return { layout: 'ultralytics', file: path };
    if (ext === '.data') return { layout: 'darknet', file: path };
    if (ext === '.txt' || ext === '.names') return { layout: 'plain', file: path };
    throw new LoupeError('invalid-input', 'a YOLO data set is a folder, its data.yaml, its obj.data or its classes.txt', { file: basename(path) });
  }
  const names = (await readdir(path)).sort();
  const yaml = names.find((n) => n === 'data.yaml') ?? names.find((n) => /\.ya?ml$/i.test(n) && n !== 'hyp.yaml');
  if (yaml) return { layout: 'ultralytics', file: join(path, yaml) };
  const dataFile = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort().find((n) => extname(n) === '.data');
  const here = await dataFile(path);
  if (here) return { layout: 'darknet', file: join(path, here) };
  const inData = await dataFile(join(path, 'data'));
  if (inData) return { layout: 'darknet', file: join(path, 'data', inData) };
  for (const candidate of ['classes.txt', 'obj.names', ...names.filter((n) => extname(n) === '.names')]) {
    if (names.includes(candidate)) return { layout: 'plain', file: join(path, candidate) };
  }
  for (const sub of ['labels', 'images']) if (await isFile(join(path, sub, 'classes.txt'))) return { layout: 'plain', file: join(path, sub, 'classes.txt') };
  throw new LoupeError('invalid-input', 'a YOLO folder needs its class names: data.yaml (Ultralytics), obj.data with obj.names (darknet), or classes.txt (one class name per line)', { file: basename(path) });
}
