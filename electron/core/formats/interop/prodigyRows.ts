/**
 * What Prodigy's reader and writer share: the three kinds of row and the questions they read into,
 * how a row is kept so that an unchanged answer goes back byte for byte, and JSON as Prodigy writes
 * it (Python's `json.dumps` with compact separators and ASCII escapes, which is what `db-out` gives).
 *
 * Every row read is kept in its task's `meta.prodigy.rows`: its fields but the text, in the file's
 * order, with who answered, what, and a signature of the Loupe answer read from it. The writer
 * compares the project's answer with that signature: the same, and the row is written as it was
 * read; changed, and only the fields that say the answer are rewritten in the kept row.
 */
import type { Label } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { isRecord } from './textShared';

/** The questions a Prodigy file reads into. */
export const PRODIGY_SPANS_CONTROL = 'entities';
export const PRODIGY_CHOICES_CONTROL = 'category';
/** Binary rows (a top-level `label`, accept or reject): one option for the label, one for "not" it. */
export const PRODIGY_BINARY_CONTROL = 'label';

/** The name create.ts gives the answers of a row that names no annotator. */
export const UNNAMED_ANNOTATOR = 'prodigy';

export const ANSWERS = ['accept', 'reject', 'ignore'] as const;
export type ProdigyAnswer = (typeof ANSWERS)[number];

/**
 * What a row asks: `binary` (textcat.teach and the like: a top-level `label` to accept or reject),
 * `choice` (`options` and the `accept`ed ids) or `spans` (ner.manual, spans.manual, ner.teach).
 * In binary and choice rows, `spans` only show what the question is about; they are kept, not asked.
 */
export type RowKind = 'binary' | 'choice' | 'spans';

export function rowKind(row: Record<string, unknown>): RowKind {
  if (row.options !== undefined || row.accept !== undefined) return 'choice';
  if (row.label !== undefined) return 'binary';
  return 'spans';
}

/** One row of the file as kept in its task's meta (see the module comment). */
export interface KeptRow {
  /** The row's fields but `text`, in the file's order. */
  fields: Record<string, unknown>;
  /** Where `text` stands among the fields. */
  textAt: number;
  annotator: string | null;
  answer: ProdigyAnswer | null;
  /** `signature` of the answer read from the row; null for an unanswered row (a suggestion). */
  sig: string | null;
  /** The line as it stood, when `pythonJson` of its fields would not give it back byte for byte. */
  line?: string;
  /** Option ids as the row wrote them, by Loupe label id, where the two differ (a number, a repaired id). */
  optionIds?: Record<string, string | number>;
}

export function keptRows(meta: Record<string, unknown> | undefined): KeptRow[] {
  const prodigy = meta?.prodigy;
  return isRecord(prodigy) && Array.isArray(prodigy.rows) ? (prodigy.rows as KeptRow[]) : [];
}

/** The row with its text back in place, in the file's key order. */
export function rowWithText(kept: Pick<KeptRow, 'fields' | 'textAt'>, text: string): Record<string, unknown> {
  const entries = Object.entries(kept.fields);
  entries.splice(Math.min(kept.textAt, entries.length), 0, ['text', text]);
  return Object.fromEntries(entries);
}

/**
 * A comparable form of an answer: its results by question, labels sorted, spans as offsets and
 * label; an empty span list is the same as none (a "nothing here" answer reads back either way).
 */
export function signature(status: 'submitted' | 'skipped', skipReason: string | null, answer: Answer): string {
  if (status === 'skipped') return `skipped:${skipReason ?? ''}`;
  const parts = [...answer]
    .sort((a, b) => a.controlId.localeCompare(b.controlId))
    .flatMap((r): unknown[][] => {
      if (r.kind === 'choices') return [[r.controlId, [...r.labels].sort()]];
      if (r.kind === 'spans') {
        if (r.spans.length === 0) return [];
        return [[r.controlId, r.spans.map((s) => [s.start, s.end, s.label]).sort((x, y) => String(x).localeCompare(String(y)))]];
      }
      return [[r.controlId, r]];
    });
  return JSON.stringify(parts);
}

/** Prodigy's label and answer behind each option of the binary question: "X" accepts X, "not X" rejects it. */
export function binaryMeaning(labels: readonly Label[]): Map<string, { label: string; answer: 'accept' | 'reject' }> {
  const meaning = new Map<string, { label: string; answer: 'accept' | 'reject' }>();
  const awaitingNot = new Map<string, string>();
  for (const l of labels) {
    const of = l.name.startsWith('not ') ? l.name.slice(4) : null;
    if (of !== null && awaitingNot.has(of)) {
      meaning.set(l.id, { label: of, answer: 'reject' });
      awaitingNot.delete(of);
    } else {
      meaning.set(l.id, { label: l.name, answer: 'accept' });
      awaitingNot.set(l.name, l.id);
    }
  }
  return meaning;
}

/** The reject option's name for a Prodigy label. */
export const notLabel = (label: string): string => `not ${label}`;

// JSON as Prodigy writes it ---------------------------------------------------------------------

const hex4 = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A string as Python's json.dumps writes it: every character outside printable ASCII escaped. */
function pythonString(value: string): string {
  // JSON.stringify already escapes quotes, backslashes, controls and lone surrogates as Python does.
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => hex4(c.charCodeAt(0)));
}

/** A number as Python writes it: integers as digits, floats as repr (1e-05, 1.5e+16). */
function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa, exp] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  if (exponent >= -4 && exponent < 16) return String(value);
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * JSON as `json.dumps(row, separators=(",", ":"))` writes it, the way Prodigy's `db-out` lines
 * read. A float that happened to be whole (`1.0`) is written `1`: JSON.parse cannot tell them apart.
 */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pythonString(k)}:${pythonJson(v)}`)
      .join(',')}}`;
  }
  return 'null';
}

// Text and tokens -------------------------------------------------------------------------------

/** The text between two code-point offsets (Python's `text[start:end]`). */
export function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

interface Token {
  start: number;
  end: number;
  id?: unknown;
}

const isToken = (t: unknown): t is Token => isRecord(t) && Number.isInteger(t.start) && Number.isInteger(t.end);

/**
 * The tokens a span covers, as Prodigy numbers them (a token's `id`, else its position), and
 * whether the span starts and ends on token boundaries. Null when the row has no usable tokens.
 */
export function tokenRange(tokens: unknown, start: number, end: number): { tokenStart: number; tokenEnd: number; aligned: boolean } | null {
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(isToken)) return null;
  const list = tokens as Token[];
  const first = list.findIndex((t) => t.end > start);
  let last = -1;
  list.forEach((t, i) => {
    if (t.start < end) last = i;
  });
  if (first < 0 || last < first) return null;
  const number = (i: number) => (Number.isInteger(list[i]!.id) ? (list[i]!.id as number) : i);
  return { tokenStart: number(first), tokenEnd: number(last), aligned: list[first]!.start === start && list[last]!.end === end };
}
