/**
 * Turning a lead's raw data into tasks: a JSONL file (full task objects, or flat records with a
 * `text` / `image` / `prompt` field), a CSV file with a header row, or a folder of images or of
 * text files. Every refusal names the file, line and field.
 *
 * A record may carry its gold answer in a `gold` field, in the shape of every Loupe answer (a
 * list of results: `[{"kind":"choices","controlId":"sentiment","labels":["positive"]}]`; in a
 * CSV, that list as JSON text). It is taken out of the task, never shipped to an annotator, and
 * comes back beside it: a project keeps it as the task's gold, checked against the label config.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { z } from 'zod';
import { answerSchema, taskSchema, type Answer, type Task } from '../../../shared/pack/task';
import { jsonLines } from './interop/textShared';

export interface TaskSource {
  tasks: Task[];
  assets: Map<string, Uint8Array>;
  /** The `gold` fields of the records, by task id, with the line each came from. */
  gold: Map<string, { answer: Answer; line: number }>;
  /** The line (JSONL, CSV) each task was read from, by task id; absent for a folder. */
  lines: Map<string, number>;
}

const goldField = z.strictObject({ gold: answerSchema });

/** A record's `gold`, checked for the shape of an answer (its fit to the label config is the project's to check). */
function takeGold(record: Record<string, unknown>, where: { file: string; line: number }): { rest: Record<string, unknown>; gold: Answer | null } {
  const { gold: raw, ...rest } = record;
  if (raw === undefined || raw === null || raw === '') return { rest, gold: null };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LoupeError('invalid-input', 'gold must be an answer: a list of results such as [{"kind":"choices","controlId":"…","labels":["…"]}]', { ...where, field: 'gold' });
    }
  }
  return { rest, gold: parseOrThrow(goldField, { gold: value }, where).gold };
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

/** Records to tasks, each record's gold taken out first. */
function fromRecords(records: Iterable<{ record: Record<string, unknown>; line: number }>, file: string): Omit<TaskSource, 'assets'> {
  const tasks: Task[] = [];
  const gold: TaskSource['gold'] = new Map();
  const lines: TaskSource['lines'] = new Map();
  for (const { record, line } of records) {
    const taken = takeGold(record, { file, line });
    const task = recordToTask(taken.rest, `t${tasks.length + 1}`, { file, line });
    tasks.push(task);
    lines.set(task.id, line);
    if (taken.gold) gold.set(task.id, { answer: taken.gold, line });
  }
  return { tasks, gold, lines };
}

async function fromJsonl(path: string): Promise<TaskSource> {
  // One JSON object per line, each refusal naming its line (interop/textShared.ts reads every JSONL format).
  const records: Array<{ record: Record<string, unknown>; line: number }> = [];
  for await (const { record, line } of jsonLines(path)) records.push({ record, line });
  return { ...fromRecords(records, basename(path)), assets: new Map() };
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
  return { ...fromRecords(records.map((record, i) => ({ record, line: i + 2 })), file), assets: new Map() };
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
  return { tasks, assets, gold: new Map(), lines: new Map() };
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
