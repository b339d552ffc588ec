/**
 * JSON records as text, for formats whose rows must come back byte for byte: a JSON Lines file
 * (`.jsonl`, or a `.json` file holding JSON lines) or a JSON array (`[{…}, {…}]`, indented or
 * not) split into its records with each record's exact text and line, and a record's top-level
 * members located in that text so a writer can exchange two values (chosen ↔ rejected) or add a
 * member without re-serializing anything else.
 *
 * Why text and not JSON.parse → JSON.stringify: the datasets these files come from are written by
 * Python (`json.dumps` puts a space after `,` and `:`; `ensure_ascii` escapes non-ASCII or not;
 * floats read `0.0`, `1e-05`) or pandas (`\/`), and JavaScript re-serializes none of that the same
 * way. A row the person did not change must be written exactly as it was read.
 */
import { readFile, stat } from 'node:fs/promises';
import { LoupeError } from '../../../../shared/errors';
import { fileLabel } from './textShared';

export interface RawRecord {
  /** The record's exact text (one line of a JSON Lines file; one element of an array). */
  text: string;
  value: Record<string, unknown>;
  /** 1-based line where the record starts. */
  line: number;
}

/** How the records sat in the file, so a writer puts them back the same way. */
export type RecordLayout =
  | { kind: 'lines'; eol: '\n' | '\r\n' }
  /** An array: the text before the first record (`[\n  `), between two (`,\n  `), after the last (`\n]\n`). */
  | { kind: 'array'; open: string; separator: string; close: string };

export const DEFAULT_LAYOUT: RecordLayout = { kind: 'lines', eol: '\n' };

const WHITESPACE = /[ \t\r\n]/;

/** Index just past the JSON string starting at `i` (a `"`). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else j += 1;
  }
  return text.length;
}

/** Index just past the JSON value starting at `i`. Only exact for valid JSON, which is parsed too. */
export function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = stringEnd(text, j);
        continue;
      }
      if (d === '{' || d === '[') depth += 1;
      else if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) return j + 1;
      }
      j += 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[,\]} \t\r\n]/.test(text[j]!)) j += 1;
  return j;
}

const skipSpace = (text: string, i: number) => {
  let j = i;
  while (j < text.length && WHITESPACE.test(text[j]!)) j += 1;
  return j;
};

function parseObject(text: string, where: { file: string; line: number }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LoupeError('invalid-input', `not valid JSON (${(error as Error).message})`, where);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LoupeError('invalid-input', 'each record must be a JSON object', where);
  }
  return value as Record<string, unknown>;
}

function arrayRecords(content: string, file: string): { records: RawRecord[]; layout: RecordLayout } {
  const records: RawRecord[] = [];
  let line = 1;
  let counted = 0;
  const lineAt = (index: number) => {
    for (; counted < index; counted += 1) if (content.charCodeAt(counted) === 10) line += 1;
    return line;
  };
  const starts: number[] = [];
  const ends: number[] = [];
  let i = skipSpace(content, content.indexOf('[') + 1);
  while (i < content.length && content[i] !== ']') {
    const end = valueEnd(content, i);
    const at = lineAt(i);
    records.push({ text: content.slice(i, end), value: parseObject(content.slice(i, end), { file, line: at }), line: at });
    starts.push(i);
    ends.push(end);
    i = skipSpace(content, end);
    if (content[i] === ',') i = skipSpace(content, i + 1);
    else if (content[i] !== ']') throw new LoupeError('invalid-input', 'not valid JSON: expected "," or "]" after a record', { file, line: lineAt(i) });
  }
  if (i >= content.length) throw new LoupeError('invalid-input', 'not valid JSON: the array is not closed with "]"', { file, line: lineAt(content.length) });
  const rest = content.slice(i + 1);
  if (rest.trim() !== '') throw new LoupeError('invalid-input', 'not valid JSON: text after the closing "]"', { file, line: lineAt(i + 1) });
  if (records.length === 0) return { records, layout: { kind: 'array', open: '[', separator: ', ', close: `]${rest}` } };
  return {
    records,
    layout: {
      kind: 'array',
      open: content.slice(0, starts[0]),
      separator: records.length > 1 ? content.slice(ends[0], starts[1]) : ',\n',
      close: content.slice(ends[ends.length - 1], i + 1) + rest,
    },
  };
}

/**
 * Every record of a JSON Lines or JSON array file, with its text and line. Blank lines are
 * skipped; a UTF-8 byte-order mark is dropped. Anything that is not a JSON object is refused
 * naming the file and line.
 */
export async function readRecords(path: string): Promise<{ records: RawRecord[]; layout: RecordLayout }> {
  const file = fileLabel(path);
  const info = await stat(path).catch(() => null);
  if (!info) throw new LoupeError('invalid-input', 'no such file', { file });
  if (!info.isFile()) throw new LoupeError('invalid-input', 'is a folder, not a file', { file });
  let content = await readFile(path, 'utf8');
  if (content.startsWith('\uFEFF')) content = content.slice(1);
  if (content.trimStart().startsWith('[')) return arrayRecords(content, file);
  const firstLine = content.trimStart().split('\n', 1)[0]!.trim();
  if (firstLine === '{' || (firstLine.startsWith('{') && !firstLine.endsWith('}'))) {
    // One object spread over lines (an indented .json file) is not a list of rows.
    const whole = (() => { try { return JSON.parse(content) as unknown; } catch { return undefined; } })();
    if (whole !== undefined) throw new LoupeError('invalid-input', 'holds one JSON object over several lines; a file of rows holds one JSON object per line, or a JSON array of them', { file, line: 1 });
  }
  const records: RawRecord[] = [];
  let crlf = false;
  content.split('\n').forEach((raw, index) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    crlf ||= raw.endsWith('\r');
    if (text.trim() === '') return;
    records.push({ text, value: parseObject(text, { file, line: index + 1 }), line: index + 1 });
  });
  return { records, layout: { kind: 'lines', eol: crlf ? '\r\n' : '\n' } };
}

// Members of one record -------------------------------------------------------------------------

export interface Member {
  key: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** The top-level members of a JSON object's text, in order, with where each key and value are. */
export function membersOf(text: string): Member[] {
  const members: Member[] = [];
  let i = skipSpace(text, text.indexOf('{') + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the ':'
    const end = valueEnd(text, valueStart);
    members.push({ key, keyStart: i, keyEnd, valueStart, valueEnd: end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return members;
}

/** Puts values in place by key (each the exact text of a JSON value); members not named are untouched. */
export function withValues(text: string, values: ReadonlyMap<string, string>): string {
  const members = membersOf(text).filter((m) => values.has(m.key));
  let out = text;
  for (const m of members.sort((a, b) => b.valueStart - a.valueStart)) {
    out = out.slice(0, m.valueStart) + values.get(m.key)! + out.slice(m.valueEnd);
  }
  return out;
}

/** The exact text of each top-level value, by key. */
export function valueTexts(text: string): Map<string, string> {
  return new Map(membersOf(text).map((m) => [m.key, text.slice(m.valueStart, m.valueEnd)]));
}

/**
 * Sets one member: its value replaced where the key is present, else added as the last member,
 * spaced as the record spaces its own members (`, ` and `: ` as Python writes them, or none).
 */
export function withMember(text: string, key: string, valueText: string): string {
  const members = membersOf(text);
  if (members.some((m) => m.key === key)) return withValues(text, new Map([[key, valueText]]));
  const last = members[members.length - 1];
  if (!last) return `{${JSON.stringify(key)}: ${valueText}}`;
  const separator = members.length > 1 ? text.slice(members[0]!.valueEnd, members[1]!.keyStart) : ', ';
  const colon = text.slice(last.keyEnd, last.valueStart);
  return `${text.slice(0, last.valueEnd)}${separator}${JSON.stringify(key)}${colon}${valueText}${text.slice(last.valueEnd)}`;
}

/** Whether the record spaces its members Python's way (`", "`), so added values match it. */
export function spacedLikePython(text: string): boolean {
  const members = membersOf(text);
  const first = members[0];
  return first ? text.slice(first.keyEnd, first.valueStart).includes(' ') : true;
}
