/**
 * Reading a pack (zip or folder) completely and checking everything before anyone uses it: the
 * manifest, that the files present are exactly the files listed, every file's SHA-256 and size,
 * each row against its schema and the label config, guidelines, and every image's header. It
 * writes nothing anywhere; the caller gets plain values or one located LoupeError.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { manifestSchema, PACK_FORMAT, PACK_FORMAT_VERSION, ROWS_FILE, type Manifest } from '../../../shared/pack/manifest';
import { entryNameProblem, openPackContainer, type PackContainer } from './container';
import { checkImage, type ImageMime } from './images';
import { decodeUtf8, LineSplitter, parseJson } from './jsonl';
import { ASSETS_DIR, GUIDELINES_FILE, MANIFEST_FILE } from './layout';
import { resolveLimits, type PackLimits } from './limits';
import { RowChecker, type PackRows } from './rows';

export interface LoadedAsset {
  bytes: Buffer;
  width: number;
  height: number;
  mime: ImageMime;
  sha256: string;
}

export type LoadedPack = PackRows & {
  manifest: Manifest;
  /** guidelines.md as text; '' when the pack has none. */
  guidelines: string;
  /** Keyed by path in the pack (`assets/cat.png`), as tasks' data.image names them. */
  assets: Map<string, LoadedAsset>;
  /** SHA-256 of the canonical manifest JSON. The manifest lists every file's hash, so this names the content. */
  packHash: string;
  /** File or folder name the pack was read from. */
  sourceName: string;
};

export interface ReadPackOptions {
  limits?: Partial<PackLimits>;
}

/** Receives an entry's bytes as they stream in. */
interface Sink {
  write(chunk: Buffer): void;
  end(): void;
}

export async function readPack(path: string, options: ReadPackOptions = {}): Promise<LoadedPack> {
  const limits = resolveLimits(options.limits);
  const container = await openPackContainer(path, limits);
  try {
    return await readFromContainer(container, limits);
  } catch (error) {
    // "manifest.json, line 3" means little when someone opened "batch-7.loupe": say which pack.
    throw error instanceof LoupeError ? error.inPack(container.sourceName) : error;
  } finally {
    await container.close();
  }
}

async function readFromContainer(container: PackContainer, limits: PackLimits): Promise<LoadedPack> {
  const file = container.sourceName;
  if (!container.has(MANIFEST_FILE)) {
    const nested = container.entries.find((e) => e.name.endsWith(`/${MANIFEST_FILE}`));
    const hint = nested ? ` (found ${nested.name}: the pack's files must be at the top level, not inside a folder)` : '';
    throw new LoupeError('invalid-input', `has no ${MANIFEST_FILE}; it is not a Loupe pack${hint}`, { file });
  }

  const { manifest, raw } = await readManifest(container);
  checkFileList(container, manifest);
  const rowsFile = ROWS_FILE[manifest.kind];

  const assetNames = new Set(Object.keys(manifest.files).filter((name) => name.startsWith(ASSETS_DIR)));
  const checker = new RowChecker(manifest, assetNames);
  const lines = new LineSplitter(rowsFile, limits.maxLineBytes, (bytes, line) => {
    const text = decodeUtf8(bytes, { file: rowsFile, line });
    if (text.trim() === '') return; // blank lines (including a trailing one) carry nothing
    checker.add(parseJson(text, { file: rowsFile, line }), line, text);
  });
  await readVerified(container, manifest, rowsFile, { write: (chunk) => lines.push(chunk), end: () => lines.end() });
  if (checker.count !== manifest.taskCount) {
    throw new LoupeError('invalid-input', `says taskCount ${manifest.taskCount}, but ${rowsFile} has ${checker.count} rows`, {
      file: MANIFEST_FILE,
      field: 'taskCount',
    });
  }

  let guidelines = '';
  if (manifest.files[GUIDELINES_FILE]) {
    guidelines = decodeUtf8(await readWhole(container, manifest, GUIDELINES_FILE), { file: GUIDELINES_FILE });
  }

  const assets = new Map<string, LoadedAsset>();
  for (const name of [...assetNames].sort()) {
    const bytes = await readWhole(container, manifest, name);
    const image = checkImage(name, bytes, limits, file);
    assets.set(name, { bytes, ...image, sha256: manifest.files[name]!.sha256 });
  }

  return {
    ...checker.result(),
    manifest,
    guidelines,
    assets,
    // Hash of the manifest as written (not as parsed): defaults a later app version adds to the
    // schema must not change the identity of a pack that was already imported.
    packHash: createHash('sha256').update(canonicalJson(raw)).digest('hex'),
    sourceName: file,
  };
}

async function readManifest(container: PackContainer): Promise<{ manifest: Manifest; raw: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of await container.openEntry(MANIFEST_FILE)) chunks.push(chunk as Buffer);
  // decodeUtf8 drops a leading BOM, which some Windows editors add.
  const text = decodeUtf8(Buffer.concat(chunks), { file: MANIFEST_FILE });
  const raw = parseJson(text, { file: MANIFEST_FILE });
  // Say "newer version" plainly rather than letting the schema report a mismatched literal.
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const { format, formatVersion } = raw as Record<string, unknown>;
    if (format === PACK_FORMAT && typeof formatVersion === 'number' && formatVersion > PACK_FORMAT_VERSION) {
      throw new LoupeError(
        'invalid-input',
        `this pack uses format version ${formatVersion}, but this version of Loupe reads version ${PACK_FORMAT_VERSION}; update Loupe to open it`,
        { file: MANIFEST_FILE, field: 'formatVersion' },
      );
    }
  }
  return { manifest: parseOrThrow(manifestSchema, raw, { file: MANIFEST_FILE }), raw };
}

/** The files in the pack must be exactly manifest.json plus the files the manifest lists. */
function checkFileList(container: PackContainer, manifest: Manifest): void {
  const file = container.sourceName;
  const rowsFile = ROWS_FILE[manifest.kind];
  for (const name of Object.keys(manifest.files)) {
    const where = { file: MANIFEST_FILE, field: `files.${name}` };
    const problem = entryNameProblem(name);
    if (problem) throw new LoupeError('invalid-input', `lists "${name}", which ${problem}`, where);
    if (name !== rowsFile && name !== GUIDELINES_FILE && !name.startsWith(ASSETS_DIR)) {
      throw new LoupeError(
        'invalid-input',
        `lists "${name}", but a ${manifest.kind} pack holds only ${MANIFEST_FILE}, ${rowsFile}, ${GUIDELINES_FILE} and files under ${ASSETS_DIR}`,
        where,
      );
    }
    if (!container.has(name)) {
      throw new LoupeError('invalid-input', `is listed in ${MANIFEST_FILE} but missing from the pack`, { file, entry: name });
    }
  }
  for (const entry of container.entries) {
    if (entry.name !== MANIFEST_FILE && !Object.hasOwn(manifest.files, entry.name)) {
      throw new LoupeError('pack-refused', `is in the pack but not listed in ${MANIFEST_FILE} files`, { file, entry: entry.name });
    }
  }
}

/**
 * Stream one listed entry into `sink` while hashing and counting it. A size or checksum mismatch
 * outranks a content error from the sink: a corrupt file should be reported as corrupt, not as
 * whatever broken JSON the corruption happened to produce, so the sink's error waits until the
 * whole entry has been hashed.
 */
async function readVerified(container: PackContainer, manifest: Manifest, name: string, sink: Sink): Promise<void> {
  const expected = manifest.files[name]!;
  const where = { file: container.sourceName, entry: name };
  const hash = createHash('sha256');
  let bytes = 0;
  let contentError: unknown = null;
  const feed = (step: () => void) => {
    if (contentError !== null) return;
    try {
      step();
    } catch (err) {
      contentError = err;
    }
  };
  for await (const chunk of await container.openEntry(name)) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    if (bytes > expected.bytes) {
      throw new LoupeError('pack-refused', `holds more than the ${expected.bytes} bytes ${MANIFEST_FILE} lists for it`, where);
    }
    hash.update(buffer);
    feed(() => sink.write(buffer));
  }
  if (bytes !== expected.bytes) {
    throw new LoupeError('pack-refused', `holds ${bytes} bytes, but ${MANIFEST_FILE} lists ${expected.bytes}`, where);
  }
  if (hash.digest('hex') !== expected.sha256) {
    throw new LoupeError('pack-refused', `does not match its SHA-256 checksum in ${MANIFEST_FILE}; the pack is corrupt or was changed`, where);
  }
  feed(() => sink.end());
  if (contentError !== null) throw contentError;
}

/** A listed entry's verified bytes, in one buffer. */
async function readWhole(container: PackContainer, manifest: Manifest, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await readVerified(container, manifest, name, { write: (chunk) => chunks.push(chunk), end: () => {} });
  return Buffer.concat(chunks);
}
