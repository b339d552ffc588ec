/**
 * The records of a doccano file as its exports lay them out, and the JSON they are written back
 * in. doccano writes JSON Lines with Python's `json.dumps` (`", "` and `": "` separators, non-ASCII
 * escaped unless the export chose otherwise); its documentation and some exports pretty-print one
 * object over several lines (`indent=4`) in a `.jsonl` file; its classification export also comes
 * as fastText (`__label__pet __label__cute some text`). Reading keeps how each record was laid out,
 * so an unchanged file is written back byte for byte.
 */
import { LoupeError } from '../../../../shared/errors';
import { fileLabel, isRecord, textLines } from './textShared';

/** How a record sat in its file. */
export type DoccanoLayout = 'jsonl' | 'pretty' | 'fasttext';

/** How its JSON was spaced: Python's json.dumps (the default), or JavaScript's compact JSON. */
export interface JsonStyle {
  compact: boolean;
  /** Non-ASCII characters written as \uXXXX escapes (json.dumps' ensure_ascii). */
  ascii: boolean;
}

export interface DoccanoRecord {
  line: number;
  record: Record<string, unknown>;
  layout: DoccanoLayout;
  style: JsonStyle;
}

/** A pretty-printed object is read until it parses; one this large is not a record but a broken file. */
const MAX_PRETTY_CHARS = 8 * 1024 * 1024;
const FASTTEXT_LABEL = /^__label__(\S+)$/;

/** Each record of a doccano JSONL (or pretty-printed JSON, or fastText) file, streamed. */
export async function* doccanoRecords(path: string): AsyncGenerator<DoccanoRecord> {
  const file = fileLabel(path);
  let fastText: boolean | null = null;
  let pending: { line: number; text: string } | null = null;
  for await (const { line, text } of textLines(path)) {
    if (pending === null && text.trim() === '') continue;
    fastText ??= text.trimStart().startsWith('__label__');
    if (fastText) {
      if (text.trim() !== '') yield { line, record: fastTextRecord(text), layout: 'fasttext', style: { compact: false, ascii: false } };
      continue;
    }
    if (pending) {
      pending.text += `\n${text}`;
      const record = tryParse(pending.text);
      if (record !== undefined) {
        yield { line: pending.line, record: objectAt(record, file, pending.line), layout: 'pretty', style: styleOf(pending.text, record) };
        pending = null;
      } else if (pending.text.length > MAX_PRETTY_CHARS) {
        throw new LoupeError('invalid-input', 'not valid JSON: the object that starts here does not end', { file, line: pending.line });
      }
      continue;
    }
    const record = tryParse(text);
    if (record !== undefined) {
      yield { line, record: objectAt(record, file, line), layout: 'jsonl', style: styleOf(text, record) };
    } else if (text.trim() === '{' || (text.trimStart().startsWith('{') && !text.trimEnd().endsWith('}'))) {
      pending = { line, text };
    } else {
      throw new LoupeError('invalid-input', `not valid JSON (${parseError(text)})`, { file, line });
    }
  }
  if (pending) throw new LoupeError('invalid-input', 'not valid JSON: the object that starts here does not end', { file, line: pending.line });
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

function objectAt(value: unknown, file: string, line: number): Record<string, unknown> {
  if (!isRecord(value)) throw new LoupeError('invalid-input', 'each record must be a JSON object', { file, line });
  return value;
}

/** `__label__a __label__b the text`: the labels, then the text (fastText's own reading). */
function fastTextRecord(text: string): Record<string, unknown> {
  const words = text.trim().split(/\s+/);
  const labels: string[] = [];
  while (words.length > 0 && FASTTEXT_LABEL.test(words[0]!)) labels.push(FASTTEXT_LABEL.exec(words.shift()!)![1]!);
  return { text: words.join(' '), label: labels };
}

function styleOf(raw: string, record: unknown): JsonStyle {
  const ascii = !/[\u0080-\uffff]/.test(raw) && /\\u[0-9a-fA-F]{4}/.test(raw);
  return { compact: raw.trim() === JSON.stringify(record), ascii };
}

// Writing ---------------------------------------------------------------------------------------

const asciiEscaped = (json: string) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function scalar(value: unknown, ascii: boolean): string {
  const json = JSON.stringify(value) ?? 'null';
  return ascii ? asciiEscaped(json) : json;
}

/** JSON as Python's json.dumps writes it: `", "` and `": "` separators, or `indent` spaces per level. */
export function pythonJson(value: unknown, ascii: boolean, indent = 0, depth = 0): string {
  const pad = (d: number) => (indent > 0 ? `\n${' '.repeat(indent * d)}` : '');
  const item = indent > 0 ? ',' : ', ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => `${pad(depth + 1)}${pythonJson(v, ascii, indent, depth + 1)}`).join(item)}${pad(depth)}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{${entries.map(([k, v]) => `${pad(depth + 1)}${scalar(k, ascii)}: ${pythonJson(v, ascii, indent, depth + 1)}`).join(item)}${pad(depth)}}`;
  }
  return scalar(value, ascii);
}

/** A record as its file had it: one JSON line in its style, a pretty-printed object, or a fastText line. */
export function recordText(record: Record<string, unknown>, layout: DoccanoLayout, style: JsonStyle): string {
  if (layout === 'fasttext') {
    const labels = Array.isArray(record.label) ? record.label.map((l) => `__label__${String(l)}`) : [];
    return `${[...labels, String(record.text ?? '')].join(' ')}\n`;
  }
  if (layout === 'pretty') return `${pythonJson(record, style.ascii, 4)}\n`;
  return `${style.compact ? JSON.stringify(record) : pythonJson(record, style.ascii)}\n`;
}
