/**
 * How a CoNLL-like file lays out its tokens, found in a first pass over the file so the second
 * pass (conll.ts) can read every line the same way and the writer can put each column back.
 *
 * Layouts seen in other tools' files:
 * - one token per line, columns separated by single spaces or tabs, sentences separated by blank
 *   lines: `word TAG` (2 columns), CoNLL-2003's `word POS CHUNK NER`, flair's `word TAG +`
 *   (a `+`/`-` column saying whether a space follows the token);
 * - GermEval 2014: `index word OUTER INNER` (tab), a `#` comment line before each sentence;
 * - token per line with no blank line between sentences (spaCy's ner-token-per-line);
 * - one sentence per line, `word|POS|TAG` tokens separated by spaces (spaCy's ner-sent-per-line).
 *
 * Which column is which: the token is the first column, or the second when the first is an index
 * (whole numbers) in a file of three or more columns (GermEval). The entity tag is the last column
 * whose every value is a tag (O, B-X, …), so CoNLL-2003's chunk column (I-NP) before it is not
 * taken for it; in an indexed file it is the first tag column after the token, and the next one, if
 * it holds entities, is the nested column (GermEval's inner entities). A column of only `+`/`-`
 * is the whitespace column. Every other column is kept as given, per token.
 */
import { codePointLength, textLines } from './textShared';
import { isTag, SchemeDetector, tagOrO, type Scheme } from './conllTags';
import { open } from 'node:fs/promises';

/** What each column holds: the token, the entity tag, nested tags, `+`/`-` spacing, or kept values. */
export type ColumnRole = 'token' | 'tag' | 'nested' | 'space' | 'keep';

export interface Layout {
  /** Token per line (`columns`) or a whole sentence per line of `word|…|TAG` tokens. */
  kind: 'columns' | 'sentence-per-line';
  /** Between columns (token per line) or between tokens (sentence per line). */
  sep: '\t' | ' ';
  roles: ColumnRole[];
  /** Whether blank lines separate sentences; without them sentences end at final punctuation. */
  breaks: boolean;
  eol: '\n' | '\r\n';
  /** Whether the file's last line ends with a line break. */
  finalNewline: boolean;
  /** Whether the file starts with a UTF-8 byte-order mark (dropped: the export writes none). */
  bom: boolean;
  /** The tagging scheme of the tag column, and of the nested column when there is one. */
  scheme: Scheme;
  nestedScheme?: Scheme;
}

export const DOCSTART = '-DOCSTART-';
/** Inside a sentence-per-line token, between its fields. */
export const FIELD_SEP = '|';

export const isBlank = (line: string): boolean => line.trim() === '';
export const isDocStart = (line: string): boolean => line.trimStart().startsWith(DOCSTART);

/** A line's fields and whether it used the file's separator exactly once between them. */
export function splitFields(line: string, sep: '\t' | ' '): { fields: string[]; regular: boolean } {
  const raw = line.split(sep);
  const regular = raw.every((f) => f !== '' && f.trim() === f && (sep === '\t' || !f.includes('\t')));
  if (regular) return { fields: raw, regular };
  // Double spaces, trailing spaces, a tab among spaces: read the fields, note the spacing changed.
  const fields = sep === '\t' ? line.trim().split(/\s*\t\s*/) : line.trim().split(/\s+/);
  return { fields: fields.filter((f) => f !== ''), regular };
}

/** The tokens of a sentence-per-line line, each split into its `|` fields. */
export function sentenceTokens(line: string, sep: '\t' | ' '): { tokens: string[][]; regular: boolean } {
  const { fields, regular } = splitFields(line, sep);
  return { tokens: fields.map((f) => f.split(FIELD_SEP)), regular };
}

interface ColumnStats {
  detector: SchemeDetector;
  seen: number;
  tags: number;
  entities: number;
  ints: number;
  plusMinus: number;
}

const newStats = (): ColumnStats => ({ detector: new SchemeDetector(), seen: 0, tags: 0, entities: 0, ints: 0, plusMinus: 0 });

function count(stats: ColumnStats[], fields: readonly string[]): void {
  fields.forEach((value, i) => {
    const s = (stats[i] ??= newStats());
    s.seen += 1;
    s.detector.token(tagOrO(value));
    if (isTag(value)) s.tags += 1;
    if (value !== 'O' && isTag(value)) s.entities += 1;
    if (/^\d+$/.test(value)) s.ints += 1;
    if (value === '+' || value === '-') s.plusMinus += 1;
  });
}

/** A `#` line is a comment unless it reads as a token line of the file's layout. */
export function isComment(line: string, layout: Layout): boolean {
  if (!line.startsWith('#')) return false;
  const tag = layout.roles.indexOf('tag');
  if (layout.kind === 'sentence-per-line') {
    const { tokens } = sentenceTokens(line, layout.sep);
    return !tokens.every((t) => t.length === layout.roles.length && isTag(t[tag]!));
  }
  const { fields } = splitFields(line, layout.sep);
  return fields.length !== layout.roles.length || !isTag(fields[tag]!);
}

/**
 * Whether a `#` line reads as tokens before the layout is known: a field after the first is a tag
 * (`# O`, `# SYM O +`), or every token's last `|` field is (`#|SYM|O`). Comments (`# sent_id = 1`, GermEval's `#\tsource\t[date]`) are not.
 */
function tokenLike(line: string): boolean {
  const fields = line.trim().split(/\s+/);
  const last = (f: string) => f.split(FIELD_SEP).pop() ?? '';
  return fields.slice(1).some(isTag) || fields.every((f) => f.includes(FIELD_SEP) && isTag(last(f)));
}

/** The roles of `width` columns from their statistics (see the module comment). */
function rolesOf(stats: readonly ColumnStats[], width: number): ColumnRole[] {
  const all = (i: number, key: keyof ColumnStats) => stats[i] !== undefined && stats[i]!.seen > 0 && stats[i]![key] === stats[i]!.seen;
  const roles: ColumnRole[] = new Array<ColumnRole>(width).fill('keep');
  const token = width >= 3 && all(0, 'ints') && !all(1, 'ints') ? 1 : 0;
  roles[token] = 'token';
  const tagColumns: number[] = [];
  for (let i = token + 1; i < width; i += 1) if (all(i, 'tags')) tagColumns.push(i);
  if (token === 1 && tagColumns.length > 0) {
    roles[tagColumns[0]!] = 'tag';
    const inner = tagColumns[1];
    if (inner === tagColumns[0]! + 1 && stats[inner]!.entities > 0) roles[inner] = 'nested';
  } else {
    // No column holds only tags: take the last, so the reader refuses its first bad tag by line.
    roles[tagColumns.length > 0 ? tagColumns[tagColumns.length - 1]! : width - 1] = 'tag';
  }
  if (width >= 3) {
    for (let i = 0; i < width; i += 1) if (roles[i] === 'keep' && all(i, 'plusMinus')) roles[i] = 'space';
  }
  return roles;
}

/** Line ending and final newline, from the file's bytes (the line reader drops both). */
async function lineEnds(path: string): Promise<{ eol: '\n' | '\r\n'; finalNewline: boolean; bom: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 65_536));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, 1));
    await handle.read(tail, 0, tail.length, Math.max(0, size - 1));
    return { eol: head.includes('\r\n') ? '\r\n' : '\n', finalNewline: size === 0 || tail[0] === 0x0a, bom: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf };
  } finally {
    await handle.close();
  }
}

/** The first pass: the layout of a CoNLL-like file. */
export async function detectLayout(path: string): Promise<Layout> {
  let kind: Layout['kind'] | null = null;
  let sep: Layout['sep'] = ' ';
  // Statistics per line width, so lines of an odd width do not blur the columns of the rest.
  const byWidth = new Map<number, ColumnStats[]>();
  const widths = new Map<number, number>();
  // A blank line after a token line (even only at the end) says blank lines end sentences.
  let blankAfterToken = false;
  const boundary = () => {
    for (const stats of byWidth.values()) for (const s of stats) s?.detector.boundary();
  };
  for await (const { text } of textLines(path)) {
    if (isBlank(text)) {
      if (kind !== null) blankAfterToken = true;
      boundary();
      continue;
    }
    if (isDocStart(text) || (text.startsWith('#') && !tokenLike(text))) {
      boundary();
      continue;
    }
    if (kind === null) {
      const fields = text.trim().split(/\s+/);
      kind = fields.every((f) => f.includes(FIELD_SEP) && f.length > 1) ? 'sentence-per-line' : 'columns';
      sep = text.includes('\t') ? '\t' : ' ';
    }
    const rows = kind === 'columns' ? [splitFields(text, sep).fields] : sentenceTokens(text, sep).tokens;
    if (kind === 'sentence-per-line') boundary();
    for (const fields of rows) {
      widths.set(fields.length, (widths.get(fields.length) ?? 0) + 1);
      let stats = byWidth.get(fields.length);
      if (!stats) byWidth.set(fields.length, (stats = []));
      count(stats, fields);
    }
  }
  // The most common width of two or more columns (a one-column line is refused by the reader).
  const width = Math.max(2, [...widths].filter(([w]) => w >= 2).sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 2);
  const ends = await lineEnds(path);
  const stats = byWidth.get(width) ?? [];
  const roles = rolesOf(stats, width);
  const schemeOf = (role: ColumnRole) => stats[roles.indexOf(role)]?.detector.scheme();
  const nestedScheme = schemeOf('nested');
  return {
    kind: kind ?? 'columns', sep, roles, breaks: kind === 'sentence-per-line' || blankAfterToken, ...ends,
    scheme: schemeOf('tag') ?? 'IOB2', ...(nestedScheme ? { nestedScheme } : {}),
  };
}

/** Sentence-final punctuation: where a file without blank lines is split into sentences. */
const FINAL = new Set(['.', '!', '?', '…', '...', '。', '！', '？']);
/** Closing quotes and brackets stay with the sentence they close. */
const CLOSERS = new Set(['”', '’', '»', ')', ']', '}', "''", '」', '』', '）']);
export const endsSentence = (token: string): boolean => FINAL.has(token);
export const closesSentence = (token: string): boolean => CLOSERS.has(token);

/** The text of a sentence's tokens: single spaces, or the whitespace column's `+`/`-` spacing. */
export function sentenceText(tokens: readonly string[], spaceAfter: readonly string[] | null): { text: string; offsets: { start: number; end: number }[] } {
  const offsets: { start: number; end: number }[] = [];
  let text = '';
  let at = 0;
  tokens.forEach((token, i) => {
    const length = codePointLength(token);
    offsets.push({ start: at, end: at + length });
    const gap = spaceAfter ? (spaceAfter[i] === '+' ? ' ' : '') : i < tokens.length - 1 ? ' ' : '';
    text += token + gap;
    at += length + gap.length;
  });
  return { text, offsets };
}
