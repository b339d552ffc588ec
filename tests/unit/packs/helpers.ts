/**
 * Test material for pack I/O, all generated here: tiny PNGs (real ones, made with zlib), image
 * headers for other formats, a label config and tasks, and a way to lay out a pack's files by hand
 * (with correct or deliberately wrong manifest entries) as a folder or a raw zip.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { z } from 'zod';
import type { labelConfigSchema } from '../../../shared/pack/labelConfig';
import type { Person } from '../../../shared/pack/manifest';
import { rawZip, type RawEntry } from './rawZip';

const created: string[] = [];

/** A fresh folder under the OS temp dir; removed by cleanupTempDirs (call it in afterAll). */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-packs-'));
  created.push(dir);
  return dir;
}

export async function cleanupTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 2; // colour type: RGB
  return pngChunk('IHDR', data);
}

/** A complete, decodable RGB PNG filled with one colour. */
export function makePng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Just a PNG signature and IHDR: enough for a header check to read the claimed size. */
export function pngHeader(width: number, height: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height)]);
}

/** SOI, a JFIF APP0 and a baseline SOF0 header: what header readers need to see a JPEG. */
export function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** GIF89a logical screen header (no image data): enough for a header check. */
export function gifHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

export const LABEL_CONFIG: z.input<typeof labelConfigSchema> = {
  version: 1,
  data: 'text',
  controls: [
    {
      id: 'sentiment',
      kind: 'choices',
      labels: [
        { id: 'pos', name: 'Positive', color: '#22c55e', hotkey: '1' },
        { id: 'neg', name: 'Negative', color: '#ef4444', hotkey: '2' },
      ],
    },
  ],
};

export const IMAGE_CONFIG: z.input<typeof labelConfigSchema> = { ...LABEL_CONFIG, data: 'image' };

export const AUTHOR: Person = { id: 'lead-1', name: 'Lea Lead', role: 'lead' };

export function taskManifest(overrides: Record<string, unknown> = {}) {
  return {
    packId: 'pack-1',
    kind: 'tasks' as const,
    name: 'Sentiment batch 1',
    createdAt: '2024-05-01T10:00:00Z',
    author: AUTHOR,
    labelConfig: LABEL_CONFIG,
    ...overrides,
  };
}

export function textTasks(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ id: `t${i + 1}`, data: { text: `Text number ${i + 1}` } }));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface HandPack {
  /** Manifest fields; `files` and `taskCount` are filled in unless given. */
  manifest?: Record<string, unknown>;
  /** The rows file's text or bytes, or rows serialized one per line. */
  rows?: string | Buffer | unknown[];
  rowsFile?: string;
  guidelines?: string | Buffer;
  assets?: Record<string, Buffer>;
  /** Files added to the pack but not listed in the manifest. */
  unlisted?: Record<string, Buffer>;
  /** Change the computed file list (to lie about checksums, leave files out, list extra ones). */
  editFiles?: (files: Record<string, { sha256: string; bytes: number }>) => void;
  /** Replace manifest.json's text entirely. */
  manifestText?: string;
}

/** Lay out a pack's files by hand, listing each with its real checksum unless told otherwise. */
export function handPack(spec: HandPack = {}): Map<string, Buffer> {
  const manifest: Record<string, unknown> = { format: 'loupe-pack', formatVersion: 1, ...taskManifest(), ...spec.manifest };
  const rows = spec.rows ?? textTasks(2);
  const rowsBytes = Buffer.isBuffer(rows) ? rows : Buffer.from(typeof rows === 'string' ? rows : rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const content = new Map<string, Buffer>();
  content.set(spec.rowsFile ?? 'tasks.jsonl', rowsBytes);
  if (spec.guidelines !== undefined) content.set('guidelines.md', Buffer.from(spec.guidelines));
  for (const [name, bytes] of Object.entries(spec.assets ?? {})) content.set(name, bytes);

  const files: Record<string, { sha256: string; bytes: number }> = {};
  for (const [name, bytes] of content) files[name] = { sha256: sha256(bytes), bytes: bytes.length };
  spec.editFiles?.(files);
  if (!('taskCount' in manifest)) {
    manifest.taskCount = Array.isArray(rows) ? rows.length : rows.toString('latin1').split('\n').filter((l) => l.trim()).length;
  }
  if (!('files' in manifest)) manifest.files = files;

  const out = new Map<string, Buffer>([['manifest.json', Buffer.from(spec.manifestText ?? JSON.stringify(manifest, null, 2))]]);
  for (const [name, bytes] of content) out.set(name, bytes);
  for (const [name, bytes] of Object.entries(spec.unlisted ?? {})) out.set(name, bytes);
  return out;
}

export async function writeFolder(dir: string, files: Map<string, Buffer>): Promise<string> {
  for (const [name, bytes] of files) {
    const target = join(dir, ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  return dir;
}

export async function writeZip(path: string, files: Map<string, Buffer> | RawEntry[]): Promise<string> {
  const entries = Array.isArray(files) ? files : [...files].map(([name, data]) => ({ name, data }));
  await writeFile(path, rawZip(entries));
  return path;
}
