/**
 * What the text interchange formats (CoNLL, doccano, Prodigy, CSV, Loupe JSONL) share:
 *
 * - reading a file line by line with every refusal naming the file and line;
 * - code-point arithmetic: Loupe, doccano and Prodigy count span offsets in Unicode code points
 *   (Python's `len`), while a JavaScript string counts UTF-16 units, so "😀 Bob" has Bob at 2 in
 *   code points but at 3 in UTF-16. Nothing here ever indexes a string with a code-point offset;
 *   offsets are counted, never used as `slice` positions;
 * - turning a format's label strings into Loupe labels (valid ids, names kept, colours, keys) and
 *   the label config they imply;
 * - task ids: the file's own where it has them, generated ones that never collide with them;
 * - on the writing side, picking the question a format exports and streaming the final rows
 *   through an all-or-nothing file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { LoupeError, parseOrThrow, type ErrorWhere } from '../../../../shared/errors';
import { idSchema, labelConfigSchema, type Control, type Label, type LabelConfig } from '../../../../shared/pack/labelConfig';
import { taskSchema, type Answer, type ControlResult, type Task } from '../../../../shared/pack/task';
import { writeFileAtomically } from '../lineWriter';
import type { ExportInput, ExportOutcome, FinalRow, SourceAnnotation, SourceTask } from './types';

// Reading lines ---------------------------------------------------------------------------------

export interface Located {
  file: string;
  line: number;
}

/** The name a refusal gives a file: its base name, as the task-source readers do. */
export const fileLabel = (path: string): string => basename(path);

/** A clear "no such file" before any stream is opened (a stream would fail with a bare ENOENT). */
async function mustBeFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new LoupeError('invalid-input', 'no such file', { file: fileLabel(path) });
  if (!info.isFile()) throw new LoupeError('invalid-input', 'is a folder, not a file', { file: fileLabel(path) });
}

/**
 * The file's lines, numbered from 1, streamed so a large corpus is never one string in memory.
 * A UTF-8 byte-order mark (common in files saved by Windows editors) is dropped from line 1.
 */
export async function* textLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  await mustBeFile(path);
  const input = createReadStream(path, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line += 1;
      yield { line, text: line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw };
    }
  } finally {
    // A reader that refuses a line stops iterating early; close the file rather than leak it.
    lines.close();
    input.destroy();
  }
}

/**
 * Each non-blank line of a JSON Lines file as an object (with the line's own text, for writers
 * that give back an unchanged row byte for byte); anything else is refused with its line.
 */
export async function* jsonLines(path: string): AsyncGenerator<{ line: number; record: Record<string, unknown>; text: string }> {
  const file = fileLabel(path);
  for await (const { line, text } of textLines(path)) {
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new LoupeError('invalid-input', `not valid JSON (${(error as Error).message})`, { file, line });
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new LoupeError('invalid-input', 'each line must be a JSON object', { file, line });
    }
    yield { line, record: record as Record<string, unknown>, text };
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Code points -----------------------------------------------------------------------------------

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * The length of a string in code points, as Python's `len` counts it. A surrogate pair is one code
 * point; a lone surrogate counts as one too, as `Array.from` does, so both ways of counting agree.
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i += 1;
    count += 1;
  }
  return count;
}

/** A run of non-space characters, with code-point offsets into the text it came from. */
export interface TextToken {
  text: string;
  start: number;
  end: number;
  /** The space before it held a line break (and it is not the text's first token). */
  breakBefore: boolean;
}

/**
 * The text split on whitespace (JavaScript's `\s`, which includes Unicode spaces), keeping where
 * each token starts and ends in code points. Counting runs along the string once, so a long
 * document costs linear time.
 */
export function whitespaceTokens(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let unit = 0; // UTF-16 position counted up to
  let point = 0; // the same position in code points
  for (const match of text.matchAll(/\S+/gu)) {
    const gap = text.slice(unit, match.index);
    point += codePointLength(gap);
    const start = point;
    point += codePointLength(match[0]);
    unit = match.index + match[0].length;
    tokens.push({ text: match[0], start, end: point, breakBefore: tokens.length > 0 && gap.includes('\n') });
  }
  return tokens;
}

/**
 * A span's offsets checked against its text: whole numbers, start before end, inside the text.
 * Offsets are code points, which is what doccano and Prodigy write too, so none are converted.
 */
export function checkedSpan(start: unknown, end: unknown, textLength: number, where: ErrorWhere): { start: number; end: number } {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new LoupeError('invalid-input', `span offsets must be whole numbers (got ${JSON.stringify(start)}, ${JSON.stringify(end)})`, where);
  }
  const s = start as number;
  const e = end as number;
  if (s < 0 || e <= s) throw new LoupeError('invalid-input', `span ${s}–${e} must start at 0 or later and end after it starts`, where);
  if (e > textLength) throw new LoupeError('invalid-input', `span ${s}–${e} runs past the end of the text (${textLength} characters)`, where);
  return { start: s, end: e };
}

/** Whether any two spans share a character, so the inferred config must allow overlap. */
export function anyOverlap(spans: readonly { start: number; end: number }[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let reach = -1;
  for (const span of sorted) {
    if (span.start < reach) return true;
    reach = Math.max(reach, span.end);
  }
  return false;
}

// Labels and the inferred label config ----------------------------------------------------------

/** Distinct, readable on light and dark backgrounds; cycled when a file has more labels. */
const LABEL_COLORS = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#e8590c', '#5c940d', '#c2255c', '#3b5bdb', '#846358', '#495057'];

const isValidId = (value: string) => idSchema.safeParse(value).success;

/**
 * A format's label strings (`PER`, `B-ORG`'s `ORG`, `Positive 👍`, `人名`) as Loupe labels, in the
 * order first seen. The id is the string itself whenever it is a valid Loupe id, so a file read
 * and written again says the same labels; otherwise accents are dropped and other characters
 * replaced, and the original string stays the label's name. Writers write ids by default, and
 * names with `labelAs: 'name'`, which gives such labels back exactly.
 */
export class LabelSet {
  private readonly byKey = new Map<string, Label>();
  private readonly taken = new Set<string>();

  /** The label id for a label string, registering it (with `name` shown, else the string) when new. */
  idOf(key: string, name?: string): string {
    const known = this.byKey.get(key);
    if (known) return known.id;
    const base = isValidId(key) ? key : sanitizedId(key);
    let id = base;
    for (let n = 2; this.taken.has(id); n += 1) id = `${base.slice(0, 120)}-${n}`;
    this.taken.add(id);
    const shown = name !== undefined && name !== '' ? name : key;
    this.byKey.set(key, { id, name: shown.slice(0, 200), color: LABEL_COLORS[this.byKey.size % LABEL_COLORS.length]! });
    return id;
  }

  get size(): number {
    return this.byKey.size;
  }

  labels(): Label[] {
    return [...this.byKey.values()];
  }
}

function sanitizedId(key: string): string {
  const folded = key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const id = folded
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 120);
  return id || 'label';
}

/** A question a reader found in a file, with the labels it saw. */
export type FoundControl =
  | { kind: 'spans'; id: string; labels: LabelSet; relations?: LabelSet; allowOverlap: boolean; snapToTokens?: boolean }
  | { kind: 'choices'; id: string; labels: LabelSet; multiple: boolean };

/**
 * The label config a file implies: one question per kind of annotation found, with no label-less
 * question (a config question needs at least one label). Number keys 1–9 go to the first nine
 * labels across the config (keys must be unique config-wide); relation labels get none, since the
 * relation picker keys them by position. Checked against the schema, so a file with, say, more
 * than 500 entity types is refused here rather than failing later.
 */
export function inferredConfig(found: readonly FoundControl[], file: string, what: string): LabelConfig {
  let key = 0;
  const withKeys = (labels: Label[]) => labels.map((label) => (key < 9 ? { ...label, hotkey: String(++key) } : label));
  const controls = found
    .filter((c) => c.labels.size > 0)
    .map((c) =>
      c.kind === 'spans'
        ? { id: c.id, kind: 'spans' as const, required: true, labels: withKeys(c.labels.labels()), allowOverlap: c.allowOverlap, snapToTokens: c.snapToTokens ?? true, relations: c.relations?.labels() ?? [] }
        : { id: c.id, kind: 'choices' as const, required: true, multiple: c.multiple, labels: withKeys(c.labels.labels()) },
    );
  if (controls.length === 0) {
    throw new LoupeError('invalid-input', `found no ${what}, so no label config can be made from it (to label plain text, create the project from the text as tasks)`, { file });
  }
  return parseOrThrow(labelConfigSchema, { version: 1, data: 'text', controls }, { file });
}

// Tasks -----------------------------------------------------------------------------------------

/** A task read from a file before its id is settled. */
export interface PendingTask {
  line: number;
  /** The file's own id for it, already checked; null to generate one. */
  id: string | null;
  text: string;
  meta?: Record<string, unknown>;
  annotations: SourceAnnotation[];
}

/**
 * Ids a file gives its tasks: kept as they are (a number becomes its digits), refused when not a
 * valid Loupe id or when a second task claims one, naming both lines.
 */
export class TaskIds {
  private readonly lines = new Map<string, number>();

  claim(raw: unknown, where: Located): string | null {
    if (raw === undefined || raw === null || raw === '') return null;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw new LoupeError('invalid-input', `an id must be a string or a number (got ${JSON.stringify(raw)})`, { ...where, field: 'id' });
    }
    const id = String(raw);
    if (!isValidId(id)) throw new LoupeError('invalid-input', `id "${id}" may use letters, digits and . _ : - only, starting with a letter or digit`, { ...where, field: 'id' });
    const first = this.lines.get(id);
    if (first !== undefined) throw new LoupeError('invalid-input', `id "${id}" is already used by the task on line ${first}`, { ...where, field: 'id' });
    this.lines.set(id, where.line);
    return id;
  }

  has(id: string): boolean {
    return this.lines.has(id);
  }
}

/**
 * The tasks in file order, each checked against the task schema (a text over Loupe's size limit is
 * refused with its line). Tasks without an id of their own get `t1`, `t2` … by position, skipping
 * any the file itself uses, so a generated id never collides with a kept one.
 */
export function settledTasks(pending: readonly PendingTask[], ids: TaskIds, file: string): SourceTask[] {
  let n = 0;
  return pending.map((p) => {
    let id = p.id;
    while (id === null) {
      n += 1;
      if (!ids.has(`t${n}`)) id = `t${n}`;
    }
    const task: Task = parseOrThrow(taskSchema, { id, data: { text: p.text }, ...(p.meta && Object.keys(p.meta).length > 0 ? { meta: p.meta } : {}) }, { file, line: p.line });
    return { task, annotations: p.annotations };
  });
}

// Writing ---------------------------------------------------------------------------------------

/** An option naming one of a few values, checked because the command line passes any string. */
export function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw new LoupeError('invalid-input', `${option} must be ${allowed.map((a) => `"${a}"`).join(' or ')}, not "${String(value)}"`);
  return value;
}

/** Whether a writer writes a label's id (the default: stable, never holds spaces) or its shown name. */
export type LabelAs = 'id' | 'name';

type KindOf<K extends Control['kind']> = Extract<Control, { kind: K }>;

/**
 * The question a format exports: the one asked for by id, else the config's first of the kinds the
 * format can write, in the order given. Refuses a config without one, saying what it does have.
 */
export function pickControl<K extends Control['kind']>(config: LabelConfig, kinds: readonly K[], requested: string | undefined, format: string): KindOf<K> {
  const fits = (c: Control): c is KindOf<K> => (kinds as readonly string[]).includes(c.kind);
  const have = config.controls.map((c) => `${c.kind} "${c.id}"`).join(', ');
  if (requested !== undefined) {
    const control = config.controls.find((c) => c.id === requested);
    if (!control) throw new LoupeError('invalid-input', `${format} export: the label config has no question "${requested}" (it has ${have})`);
    if (!fits(control)) throw new LoupeError('invalid-input', `${format} export writes ${kinds.join(' or ')} questions, and "${requested}" is a ${control.kind} question`);
    return control;
  }
  for (const kind of kinds) {
    const control = config.controls.find((c): c is KindOf<K> => c.kind === kind);
    if (control) return control;
  }
  throw new LoupeError('invalid-input', `${format} export needs a ${kinds.join(' or ')} question, and the label config has none (it has ${have})`);
}

/** The text formats carry a text per task; an image or conversation pack would export empty texts. */
export function requireTextData(config: LabelConfig, format: string): void {
  if (config.data !== 'text') {
    throw new LoupeError('invalid-input', `${format} export writes text tasks, and this label config's tasks are ${config.data === 'image' ? 'images' : 'conversations'}`);
  }
}

/** How a label id of an answer is written: its id, or its name from the question's labels. */
export function labelWriter(control: { labels: readonly Label[] }, labelAs: LabelAs): (id: string) => string {
  // Options may come from the command line as any string; say so rather than guess.
  if (labelAs !== 'id' && labelAs !== 'name') throw new LoupeError('invalid-input', `labels are written as "id" or "name", not "${String(labelAs)}"`);
  if (labelAs === 'id') return (id) => id;
  const names = new Map(control.labels.map((l) => [l.id, l.name]));
  // An answer naming a label the config no longer has is written by its id rather than dropped.
  return (id) => names.get(id) ?? id;
}

/** An answer's result for one question, when it has one of that kind. */
export function resultOf<K extends ControlResult['kind']>(answer: Answer | null | undefined, controlId: string, kind: K): Extract<ControlResult, { kind: K }> | null {
  const result = answer?.find((r) => r.controlId === controlId);
  return result && result.kind === kind ? (result as Extract<ControlResult, { kind: K }>) : null;
}

/**
 * Streams the final rows into `outPath` all or nothing (lineWriter.ts), one write per batch so
 * memory holds one batch of text. `render` turns a row into its text, or null to leave it out;
 * `rows` counts the rows written. Progress counts rows seen, so it reaches the total either way.
 * `footer` is asked for after the last row (CoNLL ends the file as its last task says).
 */
export async function writeRows(input: ExportInput, outPath: string, render: (row: FinalRow) => string | null, header = '', footer?: () => string): Promise<ExportOutcome> {
  return writeFileAtomically(outPath, async (write) => {
    await write(header);
    let seen = 0;
    let written = 0;
    for await (const batch of input.rows()) {
      let chunk = '';
      for (const row of batch) {
        const text = render(row);
        if (text !== null) {
          chunk += text;
          written += 1;
        }
      }
      seen += batch.length;
      await write(chunk);
      input.onProgress?.(seen, input.total);
    }
    if (footer) await write(footer());
    return { rows: written, files: [outPath] };
  });
}
