/**
 * File work the image formats share: reading a JSON file with located errors, finding images by
 * their own name in a folder the user names, reading image sizes (formats store geometry in
 * percent or normalized units, so converting needs the pixel size), and writing a folder format
 * all-or-nothing, the way lineWriter.ts does it for one file.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { imageSizeFromFile } from 'image-size/fromFile';
import { LoupeError, type ErrorWhere } from '../../../../shared/errors';

/** JSON.parse's message sometimes quotes the input; a huge file must not end up in the error. */
const MAX_MESSAGE = 200;

/** The line a character offset falls on (1-based), for JSON errors that give only a position. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Parse a whole JSON file; a refusal names the file and, where the parser says, the line. */
export async function readJsonFile(path: string): Promise<unknown> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LoupeError('invalid-input', code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message})`, { file });
  }
  try {
    // A BOM (common from Windows tools) is not JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
    throw new LoupeError('invalid-input', `not valid JSON (${short})`, { file, ...(position ? { line: lineAt(text, Number(position[1])) } : {}) });
  }
}

/**
 * The files of a folder (and its subfolders) by their own name, for formats that name images by
 * file name or URL while the images sit in a folder the user points at.
 */
export class ImageFolder {
  private constructor(
    private readonly byName: Map<string, string>,
    private readonly byFoldedName: Map<string, string>,
  ) {}

  static async open(dir: string): Promise<ImageFolder> {
    let entries: string[];
    try {
      entries = (await readdir(dir, { recursive: true })).map(String).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new LoupeError('invalid-input', code === 'ENOENT' ? 'the images folder does not exist' : `the images folder cannot be read (${(error as Error).message})`, { file: dir });
    }
    const byName = new Map<string, string>();
    const byFoldedName = new Map<string, string>();
    for (const rel of entries) {
      const name = basename(rel);
      if (name.startsWith('.')) continue;
      // Sorted, so a name found in two subfolders resolves to the same file on every run.
      if (!byName.has(name)) byName.set(name, join(dir, rel));
      if (!byFoldedName.has(name.toLowerCase())) byFoldedName.set(name.toLowerCase(), join(dir, rel));
    }
    return new ImageFolder(byName, byFoldedName);
  }

  /** The file with this name, or (as Windows and macOS would find it) with this name in other letter case. */
  find(name: string): string | null {
    return this.byName.get(name) ?? this.byFoldedName.get(name.toLowerCase()) ?? null;
  }
}

export interface PixelSize {
  width: number;
  height: number;
}

/** Where a reader keeps the pixel size a file gave for an image it names: task.meta.imageSize. */
export const IMAGE_SIZE_META = 'imageSize';

/** The size a source file recorded for a task's image (for images not found on disk), or null. */
export function recordedImageSize(meta: Record<string, unknown> | undefined): PixelSize | null {
  const size = meta?.[IMAGE_SIZE_META] as { width?: unknown; height?: unknown } | undefined;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
  return size && ok(size.width) && ok(size.height) ? { width: size.width, height: size.height } : null;
}

/** Image sizes read from file headers, once per file. */
export class ImageSizes {
  private readonly known = new Map<string, PixelSize>();

  async of(path: string, where: ErrorWhere): Promise<PixelSize> {
    const cached = this.known.get(path);
    if (cached) return cached;
    let size: { width?: number; height?: number };
    try {
      size = await imageSizeFromFile(path);
    } catch (error) {
      throw new LoupeError('invalid-input', `cannot read the size of image ${basename(path)} (${(error as Error).message})`, where);
    }
    const { width = 0, height = 0 } = size;
    if (!(width > 0 && height > 0)) throw new LoupeError('invalid-input', `image ${basename(path)} has no usable size in its header`, where);
    const known = { width, height };
    this.known.set(path, known);
    return known;
  }
}

/**
 * Write a folder format all-or-nothing: everything goes into a temporary sibling folder that is
 * renamed into place only once complete. The output folder must be new or empty, so an export
 * never mixes its files with an earlier one's (a stale label file would silently join the data).
 */
export async function writeFolderAtomically<T>(outDir: string, fill: (dir: string) => Promise<T>): Promise<T> {
  let existing: string[] | null;
  try {
    existing = await readdir(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new LoupeError('invalid-input', `cannot be used as the output folder (${(error as Error).message})`, { file: outDir });
    existing = null;
  }
  if (existing && existing.length > 0) {
    throw new LoupeError('invalid-input', 'the output folder exists and is not empty; choose a new or empty folder', { file: outDir });
  }
  const temp = `${outDir}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    const result = await fill(temp);
    if (existing) await rmdir(outDir);
    await rename(temp, outDir);
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Copy an image into an export folder, refusing to overwrite (two images must never share a name). */
export async function copyImage(from: string, toDir: string, name: string): Promise<void> {
  await mkdir(toDir, { recursive: true });
  await copyFile(from, join(toDir, name), constants.COPYFILE_EXCL);
}
