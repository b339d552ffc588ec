/**
 * Text and JSON handling for pack files: strict UTF-8 decoding, JSON parse errors turned into
 * located messages (file, line, column), and a push-based line splitter for JSONL that never
 * holds more than one line (capped at maxLineBytes) in memory.
 */
import { LoupeError } from '../../../shared/errors';
import { formatBytes } from './limits';

// One decoder for every call: a non-streaming decode() starts from a clean state each time, and
// building a decoder per JSONL line was a measurable share of importing 100k tasks.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8, refusing invalid bytes instead of silently writing U+FFFD into labels. */
export function decodeUtf8(bytes: Uint8Array, where: { file: string; line?: number }): string {
  try {
    // `fatal` throws on bad bytes; a leading BOM is dropped.
    return utf8.decode(bytes);
  } catch {
    throw new LoupeError('invalid-input', 'is not valid UTF-8 text', where);
  }
}

/** Line and column (both 1-based) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse with a located error. For a whole document (manifest.json) the line comes from the
 * error's offset; for one JSONL line the caller passes the line and gets the column.
 */
export function parseJson(text: string, where: { file: string; line?: number }): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    // V8 says "... in JSON at position 9" (newer versions add "(line 2 column 7)"): we compute
    // our own location from the offset so the message reads the same on every runtime.
    const position = /at position (\d+)/.exec(raw);
    const reason = raw.replace(/,? ?(in JSON )?at position \d+.*$/, '').replace(/ in JSON$/, '').trim() || 'invalid JSON';
    const offset = position ? Number(position[1]) : text.length;
    const at = lineAndColumn(text, offset);
    const line = where.line ?? at.line;
    throw new LoupeError('invalid-input', `is not valid JSON: ${reason} (column ${at.column})`, { file: where.file, line });
  }
}

/**
 * Splits a byte stream into lines on "\n" (a "\r" before it is left to JSON.parse, which treats it
 * as whitespace). Lines are numbered from 1, counting blank ones, so numbers match an editor's.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private pending = 0;
  private line = 1;

  constructor(
    private readonly file: string,
    private readonly maxLineBytes: number,
    private readonly onLine: (bytes: Buffer, line: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.pending += end - start;
      // Checked before buffering more, so a file without newlines cannot grow one huge line.
      if (this.pending > this.maxLineBytes) {
        throw new LoupeError('pack-refused', `is longer than the ${formatBytes(this.maxLineBytes)} limit for one line`, {
          file: this.file,
          line: this.line,
        });
      }
      if (newline === -1) {
        if (end > start) this.parts.push(chunk.subarray(start));
        return;
      }
      this.parts.push(chunk.subarray(start, newline));
      this.emit();
      start = newline + 1;
    }
  }

  /** Flush a last line that has no trailing newline. */
  end(): void {
    if (this.pending > 0) this.emit();
  }

  private emit(): void {
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const line = this.line;
    this.parts = [];
    this.pending = 0;
    this.line += 1;
    this.onLine(bytes, line);
  }
}
