/**
 * Writing packs, deterministically: the same input always gives a byte-identical `.loupe` file, so
 * a pack can be rebuilt and compared, and its SHA-256 means something. Everything written is
 * checked first with the reader's own rules (schemas, row checks, image checks, default limits),
 * so writePack never produces a pack readPack would refuse.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { z } from 'zod';
import { canonicalJson } from '../../../shared/canonicalJson';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { manifestSchema, PACK_FORMAT, PACK_FORMAT_VERSION, ROWS_FILE, type Manifest } from '../../../shared/pack/manifest';
import { entryNameProblem } from './container';
import { sha256Hex } from './hash';
import { checkImage } from './images';
import { ASSETS_DIR, GUIDELINES_FILE, MANIFEST_FILE } from './layout';
import { DEFAULT_LIMITS, formatBytes } from './limits';
import { RowChecker } from './rows';

export interface PackInput {
  /** The manifest without what the writer computes. Schema input type: defaults may be left out. */
  manifest: Omit<z.input<typeof manifestSchema>, 'files' | 'taskCount' | 'format' | 'formatVersion'>;
  /** Rows of the manifest kind's rows file, in order; validated and written as parsed. */
  rows: unknown[];
  guidelines?: string;
  /** Keyed by path in the pack, e.g. `assets/cat.png`. */
  assets?: ReadonlyMap<string, Uint8Array>;
}

export interface BuiltPack {
  manifest: Manifest;
  /** Files in write order: manifest.json, the rows file, guidelines.md, then assets sorted. */
  files: { name: string; bytes: Buffer }[];
  /** Same value readPack reports for this pack. */
  packHash: string;
}

export interface WrittenPack {
  /** Size of the written file (for folders: of all files together). */
  bytes: number;
  /** SHA-256 of the written .loupe file; for folders, the packHash. */
  sha256: string;
  manifest: Manifest;
  packHash: string;
}

/** JSON with sorted keys and 2-space indent: readable in an editor, and the same bytes every time. */
function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${prettyJson(record[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Check the input and lay out the pack's files in memory. Shared by the zip and folder writers. */
export function buildPack(input: PackInput): BuiltPack {
  const { kind } = input.manifest;
  const rowsFile = ROWS_FILE[kind];
  const limits = DEFAULT_LIMITS;

  const assets = [...(input.assets ?? new Map<string, Uint8Array>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const folded = new Map<string, string>();
  for (const [name, bytes] of assets) {
    const where = { entry: name };
    const problem = entryNameProblem(name);
    if (problem) throw new LoupeError('invalid-input', problem, where);
    if (!name.startsWith(ASSETS_DIR)) throw new LoupeError('invalid-input', `assets must be under ${ASSETS_DIR}`, where);
    const other = folded.get(name.toLowerCase());
    if (other) throw new LoupeError('invalid-input', `clashes with ${other}: names may not differ only in letter case`, where);
    folded.set(name.toLowerCase(), name);
    checkImage(name, bytes, limits);
  }

  // Parse the manifest once with a placeholder file list, so rows are checked against the label
  // config as the reader will see it (with schema defaults filled in).
  const placeholder = { [rowsFile]: { sha256: '0'.repeat(64), bytes: 0 } };
  const draft = { ...input.manifest, format: PACK_FORMAT, formatVersion: PACK_FORMAT_VERSION, taskCount: input.rows.length };
  const provisional = parseOrThrow(manifestSchema, { ...draft, files: placeholder }, { file: MANIFEST_FILE });

  const checker = new RowChecker(provisional, new Set(assets.map(([name]) => name)));
  input.rows.forEach((row, i) => checker.add(row, i + 1));
  const lines = checker.result().rows.map((row, i) => {
    const line = `${canonicalJson(row)}\n`;
    if (Buffer.byteLength(line) > limits.maxLineBytes) {
      throw new LoupeError('invalid-input', `is longer than the ${formatBytes(limits.maxLineBytes)} limit for one line`, { file: rowsFile, line: i + 1 });
    }
    return line;
  });

  const content: { name: string; bytes: Buffer }[] = [{ name: rowsFile, bytes: Buffer.from(lines.join(''), 'utf8') }];
  if (input.guidelines !== undefined) content.push({ name: GUIDELINES_FILE, bytes: Buffer.from(input.guidelines, 'utf8') });
  for (const [name, bytes] of assets) content.push({ name, bytes: Buffer.from(bytes) });

  let total = 0;
  const files: Manifest['files'] = {};
  for (const { name, bytes } of content) {
    if (bytes.length > limits.maxEntryBytes) {
      throw new LoupeError('invalid-input', `is larger than the ${formatBytes(limits.maxEntryBytes)} limit for one entry`, { entry: name });
    }
    total += bytes.length;
    files[name] = { sha256: sha256Hex(bytes), bytes: bytes.length };
  }
  if (total > limits.maxTotalBytes) {
    throw new LoupeError('invalid-input', `the pack would be ${formatBytes(total)}, more than the ${formatBytes(limits.maxTotalBytes)} limit`);
  }

  const manifest = parseOrThrow(manifestSchema, { ...draft, files }, { file: MANIFEST_FILE });
  const manifestText = `${prettyJson(manifest)}\n`;
  // Hash what a reader will parse back from the file, exactly as readPack does.
  const packHash = sha256Hex(canonicalJson(JSON.parse(manifestText)));
  return { manifest, files: [{ name: MANIFEST_FILE, bytes: Buffer.from(manifestText, 'utf8') }, ...content], packHash };
}

/**
 * Write a `.loupe` zip. Atomic: written to a temporary file in the same folder, flushed, then
 * renamed over `outPath`, so a crash never leaves half a pack under the real name.
 */
export async function writePack(outPath: string, input: PackInput): Promise<WrittenPack> {
  const built = buildPack(input);
  const zip = new yazl.ZipFile();
  // Fixed metadata for byte-identical output. The DOS timestamp stores local date and time, so
  // the Date is made from local components (2000-01-01 00:00 in any time zone, built per call in
  // case TZ changes); forceDosTimestamp leaves out the UTC "UT" extra field, which would vary.
  const entryOptions = { mtime: new Date(2000, 0, 1, 0, 0, 0), mode: 0o100644, forceDosTimestamp: true };
  for (const { name, bytes } of built.files) {
    // Images are already compressed; deflating them again costs time and gains nothing.
    zip.addBuffer(bytes, name, { ...entryOptions, compress: !name.startsWith(ASSETS_DIR) });
  }
  zip.end();

  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(zip.outputStream, tap, createWriteStream(tmp, { flags: 'wx' }));
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync(); // on disk before the rename makes it visible under the real name
    } finally {
      await handle.close();
    }
    await rename(tmp, outPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { bytes, sha256: hash.digest('hex'), manifest: built.manifest, packHash: built.packHash };
}

/**
 * Write the same layout as a folder (sample packs, packs built by hand). Written to a temporary
 * sibling folder and renamed into place; refuses to replace an existing folder.
 */
export async function writePackDirectory(outDir: string, input: PackInput): Promise<WrittenPack> {
  const built = buildPack(input);
  if (await stat(outDir).then(() => true, () => false)) {
    throw new LoupeError('conflict', 'already exists; remove it first or choose another folder', { file: basename(outDir) });
  }
  const tmp = join(dirname(outDir), `.${basename(outDir)}.${randomBytes(6).toString('hex')}.tmp`);
  let bytes = 0;
  try {
    for (const { name, bytes: data } of built.files) {
      const target = join(tmp, ...name.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data, { flag: 'wx' });
      bytes += data.length;
    }
    await rename(tmp, outDir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return { bytes, sha256: built.packHash, manifest: built.manifest, packHash: built.packHash };
}
