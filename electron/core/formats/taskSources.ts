/**
 * Turning a lead's raw data into tasks: a JSONL file (full task objects, or flat records with a
 * `text` / `image` / `prompt` field), a CSV file with a header row, or a folder of images or of
 * text files. Every refusal names the file, line and field.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { taskSchema, type Task } from '../../../shared/pack/task';
import { jsonLines } from './interop/textShared';

export interface TaskSource {
  tasks: Task[];
  assets: Map<string, Uint8Array>;
}

const DATA_FIELDS = ['text', 'image', 'prompt', 'responses', 'constraints'] as const;
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp']);

/** Task ids from names: keep what is already a valid id, replace the rest. */
function toId(raw: string): string {
  const id = raw.replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return id.slice(0, 128) || 'task';
}

/** A flat record (`{ "id": "a1", "text": "…", "source": "x" }`) or a full task object. */
function recordToTask(record: Record<string, unknown>, fallbackId: string, where: { file: string; line: number }): Task {
  if (typeof record.data === 'object' && record.data !== null) {
    return parseOrThrow(taskSchema, { id: fallbackId, ...record }, where);
  }
  const data: Record<string, unknown> = {};
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'id') continue;
    if ((DATA_FIELDS as readonly string[]).includes(key)) data[key] = value;
    else meta[key] = value;
  }
  if (Object.keys(data).length === 0) {
    throw new LoupeError('invalid-input', `needs a "text", "image" or "prompt" field (or a "data" object)`, where);
  }
  const id = record.id === undefined || record.id === '' ? fallbackId : String(record.id);
  return parseOrThrow(taskSchema, { id, data, ...(Object.keys(meta).length ? { meta } : {}) }, where);
}

async function fromJsonl(path: string): Promise<TaskSource> {
  const file = basename(path);
  const tasks: Task[] = [];
  // One JSON object per line, each refusal naming its line (interop/textShared.ts reads every JSONL format).
  for await (const { line, record } of jsonLines(path)) {
    tasks.push(recordToTask(record, `t${tasks.length + 1}`, { file, line }));
  }
  return { tasks, assets: new Map() };
}

async function fromCsv(path: string): Promise<TaskSource> {
  const file = basename(path);
  let records: Record<string, string>[];
  try {
    records = parseCsv(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new LoupeError('invalid-input', `not valid CSV (${e.message})`, { file, ...(e.lines ? { line: e.lines } : {}) });
  }
  // Line numbers count the header as line 1.
  const tasks = records.map((record, i) => recordToTask(record, `t${i + 1}`, { file, line: i + 2 }));
  return { tasks, assets: new Map() };
}

async function fromFolder(path: string): Promise<TaskSource> {
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const images = entries.filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase()));
  const texts = entries.filter((name) => extname(name).toLowerCase() === '.txt');
  if (images.length === 0 && texts.length === 0) {
    throw new LoupeError('invalid-input', 'the folder holds no images (.png, .jpg, .jpeg, .gif, .webp) and no .txt files', { file: basename(path) });
  }
  if (images.length > 0 && texts.length > 0) {
    throw new LoupeError('invalid-input', 'the folder mixes images and text files; use one kind per pack', { file: basename(path) });
  }
  const tasks: Task[] = [];
  const assets = new Map<string, Uint8Array>();
  const ids = new Set<string>();
  for (const name of images.length ? images : texts) {
    let id = toId(basename(name, extname(name)));
    for (let n = 2; ids.has(id); n += 1) id = `${toId(basename(name, extname(name)))}-${n}`;
    ids.add(id);
    const bytes = await readFile(join(path, name));
    if (images.length) {
      const asset = `assets/${toId(name)}`;
      assets.set(asset, bytes);
      tasks.push({ id, data: { image: asset }, meta: { file: name } });
    } else {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      tasks.push(parseOrThrow(taskSchema, { id, data: { text }, meta: { file: name } }, { file: name }));
    }
  }
  return { tasks, assets };
}

/** Read tasks from a .jsonl, .csv or a folder. */
export async function readTaskSource(path: string): Promise<TaskSource> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new LoupeError('invalid-input', 'no such file or folder', { file: path });
  if (info.isDirectory()) return fromFolder(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return fromJsonl(path);
  if (ext === '.csv') return fromCsv(path);
  throw new LoupeError('invalid-input', 'tasks come from a .jsonl file, a .csv file or a folder', { file: basename(path) });
}
