/**
 * The pack container: one view over a `.loupe` zip file and a pack folder with the same layout.
 * It lists the files and opens a read stream per file, and it owns the safety rules that are about
 * the container itself rather than what the files say: entry names (no absolute paths, no `..`, no
 * backslashes, no duplicates or case-only clashes), no links, no encryption, entry count, and the
 * real decompressed byte counts (per entry, per pack, compression ratio).
 *
 * Nothing here extracts to disk, but the name rules are still strict: a pack must mean the same
 * thing on every OS and file system a lead or annotator may unpack it on.
 */
import { constants as fsConstants } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { LoupeError } from '../../../shared/errors';
import { formatBytes, RATIO_MIN_BYTES, type PackLimits } from './limits';

export interface PackEntry {
  /** Path inside the pack: forward slashes, relative to the pack root. */
  name: string;
  /** What the container claims (zip header or lstat). Only used to refuse early, never trusted. */
  declaredBytes: number;
}

export interface PackContainer {
  readonly type: 'zip' | 'directory';
  /** File or folder name of the pack (no directories), used in error locations. */
  readonly sourceName: string;
  /** Files only (folders are implied by names), in container order. */
  readonly entries: readonly PackEntry[];
  has(name: string): boolean;
  /** A stream of the entry's real bytes; it errors with a located LoupeError when a limit is hit. */
  openEntry(name: string): Promise<Readable>;
  close(): Promise<void>;
}

/** Finder and Explorer droppings that may sit in a pack folder; never read, never counted. */
const SKIPPED_IN_FOLDERS = new Set(['.DS_Store', 'Thumbs.db']);

/** Why a path is not acceptable as an entry name, or null when it is fine. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.includes('\\')) return 'uses a backslash in its name; pack paths use forward slashes';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has a control character in its name';
  const segments = name.split('/');
  if (segments.includes('..')) return 'has a ".." segment, which would point outside the pack';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." path segment';
  return null;
}

/** Case- and normalization-insensitive key: macOS and Windows would store these as one file. */
function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Remembers names seen so far, refusing exact duplicates and names that differ only in case. */
class NameRegistry {
  private readonly folded = new Map<string, string>();
  constructor(private readonly refuse: (entry: string, message: string) => LoupeError) {}
  add(name: string): void {
    const key = foldName(name);
    const other = this.folded.get(key);
    if (other === name) throw this.refuse(name, 'appears twice in the pack');
    if (other !== undefined) throw this.refuse(name, `clashes with ${other}: names may not differ only in letter case`);
    this.folded.set(key, name);
  }
}

/**
 * Counts the real bytes flowing out of an entry. Declared sizes can lie, so this is the check that
 * holds: it aborts as soon as one entry, the whole pack, or the inflation ratio goes over. (For
 * zips, yauzl's validateEntrySizes also errors when real bytes exceed the declared size; the meter
 * does not rely on that.) Exported for tests.
 */
export class Meter extends Transform {
  private bytes = 0;
  constructor(
    private readonly refuse: (message: string) => LoupeError,
    private readonly limits: PackLimits,
    private readonly budget: { total: number },
    /** Bytes the zip stores for this entry (what yauzl reads from disk); null for plain files. */
    private readonly compressedBytes: number | null,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.budget.total += chunk.length;
    const { maxEntryBytes, maxTotalBytes, maxCompressionRatio } = this.limits;
    if (this.bytes > maxEntryBytes) {
      return done(this.refuse(`is larger than the ${formatBytes(maxEntryBytes)} limit for one entry`));
    }
    if (this.budget.total > maxTotalBytes) {
      return done(this.refuse(`takes the pack over the ${formatBytes(maxTotalBytes)} limit for all entries together`));
    }
    if (this.compressedBytes !== null && this.bytes > RATIO_MIN_BYTES && this.bytes / Math.max(this.compressedBytes, 1) > maxCompressionRatio) {
      return done(this.refuse(`inflates more than ${maxCompressionRatio}:1 (${formatBytes(this.compressedBytes)} stored); refusing a likely zip bomb`));
    }
    done(null, chunk);
  }
}

/** Pipe a raw entry stream through a Meter, tearing the source down if either side stops early. */
function metered(source: Readable, meter: Meter, mapSourceError: (err: Error) => Error): Readable {
  source.once('error', (err) => meter.destroy(mapSourceError(err)));
  meter.once('close', () => {
    if (!source.readableEnded && !source.destroyed) {
      source.unpipe(meter); // yauzl asks for unpipe before destroy
      source.destroy();
    }
  });
  source.pipe(meter);
  return meter;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Open a pack file (zip) or pack folder for reading. */
export async function openPackContainer(path: string, limits: PackLimits): Promise<PackContainer> {
  const sourceName = basename(path);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new LoupeError('not-found', 'no such pack file or folder', { file: sourceName });
    throw new LoupeError('invalid-input', `cannot open the pack: ${err.message}`, { file: sourceName });
  });
  return info.isDirectory() ? openDirectory(path, sourceName, limits) : openZip(path, sourceName, limits);
}

async function openZip(path: string, file: string, limits: PackLimits): Promise<PackContainer> {
  const refuse = (entry: string | undefined, message: string) =>
    new LoupeError('pack-refused', message, entry === undefined ? { file } : { file, entry });
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings is off on purpose: yauzl would reject a bad name with an unlocated error, or
    // silently turn backslashes into slashes. Names are decoded below with the same yauzl routine
    // (CP437 / UTF-8 flag / Info-ZIP Unicode path) in strict mode and checked by our own rules.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw refuse(undefined, `is not a readable zip file or pack folder (${errorText(err)})`);
  }
  const byName = new Map<string, yauzl.Entry>();
  const entries: PackEntry[] = [];
  try {
    // The central directory states the count up front, so a huge listing is refused before reading it.
    if (zip.entryCount > limits.maxEntries) {
      throw refuse(undefined, `holds ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    }
    const names = new NameRegistry(refuse);
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const isFolder = raw.endsWith('/');
      const name = isFolder ? raw.slice(0, -1) : raw;
      const problem = entryNameProblem(name);
      if (problem) throw refuse(raw, problem);
      // Unix mode sits in the high 16 bits of the external attributes; S_IFLNK marks a link.
      if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) {
        throw refuse(name, 'is a symbolic link; packs may not contain links');
      }
      if (entry.isEncrypted()) throw refuse(name, 'is encrypted; packs may not be encrypted');
      if (isFolder) continue;
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw refuse(name, `uses zip compression method ${entry.compressionMethod}; only stored and deflate are supported`);
      }
      names.add(name);
      // Early refusals from what the zip claims. Claims that are too small are caught while
      // streaming: by yauzl (validateEntrySizes) and by the Meter.
      const declared = entry.uncompressedSize;
      declaredTotal += declared;
      if (declared > limits.maxEntryBytes) {
        throw refuse(name, `declares ${formatBytes(declared)}, more than the ${formatBytes(limits.maxEntryBytes)} limit for one entry`);
      }
      if (declaredTotal > limits.maxTotalBytes) {
        throw refuse(name, `takes the pack over the ${formatBytes(limits.maxTotalBytes)} limit for all entries together`);
      }
      if (declared > RATIO_MIN_BYTES && declared / Math.max(entry.compressedSize, 1) > limits.maxCompressionRatio) {
        throw refuse(name, `inflates more than ${limits.maxCompressionRatio}:1 (${formatBytes(entry.compressedSize)} stored, ${formatBytes(declared)} declared); refusing a likely zip bomb`);
      }
      byName.set(name, entry);
      entries.push({ name, declaredBytes: declared });
    }
  } catch (err) {
    zip.close();
    if (err instanceof LoupeError) throw err;
    throw refuse(undefined, `is not a readable zip file (${errorText(err)})`);
  }

  const budget = { total: 0 };
  return {
    type: 'zip',
    sourceName: file,
    entries,
    has: (name) => byName.has(name),
    async openEntry(name) {
      const entry = byName.get(name);
      if (!entry) throw new LoupeError('not-found', 'is not in the pack', { file, entry: name });
      const source = await zip.openReadStreamPromise(entry).catch((err: unknown) => {
        throw refuse(name, `cannot be read from the zip (${errorText(err)})`);
      });
      const meter = new Meter((message) => refuse(name, message), limits, budget, entry.compressedSize);
      return metered(source, meter, (err) =>
        /bytes in the stream/.test(err.message)
          ? refuse(name, `holds a different number of bytes than the zip declares; the pack is corrupt or crafted (${err.message})`)
          : refuse(name, `cannot be read from the zip (${err.message})`),
      );
    },
    async close() {
      zip.close();
    },
  };
}

async function openDirectory(root: string, file: string, limits: PackLimits): Promise<PackContainer> {
  const refuse = (entry: string | undefined, message: string) =>
    new LoupeError('pack-refused', message, entry === undefined ? { file } : { file, entry });
  const names = new NameRegistry(refuse);
  const entries: PackEntry[] = [];
  const listed = new Set<string>();
  let count = 0;

  async function walk(dirPath: string, prefix: string): Promise<void> {
    // Sorted so listings (and the first error reported) do not depend on the file system.
    for (const child of (await readdir(dirPath)).sort()) {
      if (SKIPPED_IN_FOLDERS.has(child)) continue;
      const name = prefix + child;
      const problem = entryNameProblem(name);
      if (problem) throw refuse(name, problem);
      // lstat, never stat: a link must be refused, not followed out of the pack folder.
      const info = await lstat(join(dirPath, child));
      if (info.isSymbolicLink()) throw refuse(name, 'is a symbolic link; packs may not contain links');
      if (++count > limits.maxEntries) throw refuse(undefined, `holds more than the limit of ${limits.maxEntries} entries`);
      if (info.isDirectory()) {
        await walk(join(dirPath, child), `${name}/`);
      } else if (info.isFile()) {
        names.add(name);
        listed.add(name);
        entries.push({ name, declaredBytes: info.size });
      } else {
        // FIFOs and devices would block or never end when read.
        throw refuse(name, 'is not a regular file or folder');
      }
    }
  }
  await walk(root, '');

  const budget = { total: 0 };
  return {
    type: 'directory',
    sourceName: file,
    entries,
    has: (name) => listed.has(name),
    async openEntry(name) {
      if (!listed.has(name)) throw new LoupeError('not-found', 'is not in the pack', { file, entry: name });
      // O_NOFOLLOW: the file may have been swapped for a link since the walk (not on Windows).
      const handle = await open(join(root, ...name.split('/')), fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0)).catch(
        (err: NodeJS.ErrnoException) => {
          throw err.code === 'ELOOP'
            ? refuse(name, 'is a symbolic link; packs may not contain links')
            : refuse(name, `cannot be read (${err.message})`);
        },
      );
      const isFile = await handle.stat().then((info) => info.isFile(), () => false);
      if (!isFile) {
        await handle.close();
        throw refuse(name, 'is not a regular file');
      }
      const meter = new Meter((message) => refuse(name, message), limits, budget, null);
      return metered(handle.createReadStream(), meter, (err) => refuse(name, `cannot be read (${err.message})`));
    },
    async close() {},
  };
}
