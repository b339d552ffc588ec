/**
 * Writing the final answers' spans as CoNLL.
 *
 * A task read from a CoNLL file is written back in the shape it came in (`meta.conll`,
 * conllShape.ts): the same columns in the same order with the same separator, the kept column
 * values (POS, chunk, index, `+`/`-` spacing, unknown columns) as given, the lines between
 * sentences (`-DOCSTART-`, `#` comments, blank lines) where they were, the tag scheme it used
 * (IOB1, IOB2, BIOES, BILOU, BMES), its line endings and its last line break or lack of one. Only
 * the tags say what the final answer says, so an unchanged file comes back byte for byte.
 *
 * A task with no CoNLL shape (made in Loupe, or from another format), and every task when
 * `columns` is asked for, is written the plain way: IOB2 (or the task's own scheme), `token TAG`
 * or CoNLL-2003's `token POS CHUNK TAG` with `-X-` placeholders, blank lines between sentences.
 *
 * An answer with `none: true` (or no spans) writes every tag O. A task with no answer at all has
 * no tags to write: CoNLL cannot tell "not labelled" from "no entity", so such tasks are left out
 * (a warning counts them), or written all O with `includeUnanswered` (warned too).
 */
import { LoupeError } from '../../../../shared/errors';
import { isDocStart } from './conllLayout';
import { shapeOf, type ConllShape, type SentenceShape } from './conllShape';
import { encodeTags, spanEntities, type Entity, type Scheme } from './conllTags';
import { Notes } from './notes';
import type { ExportInput, ExportOutcome, FinalRow } from './types';
import { codePointLength, labelWriter, oneOf, pickControl, requireTextData, resultOf, whitespaceTokens, writeRows, type LabelAs } from './textShared';

const NESTED_ID = 'nested';

export interface ConllWriteOptions {
  /**
   * Write every task the plain way in this many columns: 4 is CoNLL-2003's `token POS CHUNK TAG`
   * with `-X-` in the POS and chunk columns and a `-DOCSTART- -X- -X- O` line at the top, 2 is
   * `token TAG`. Absent (the default): tasks read from CoNLL keep their own columns, others get 4.
   */
  columns?: 2 | 4;
  /**
   * How tasks without a CoNLL shape are split: `sentence` (the default) writes a blank line after
   * each task and a `-DOCSTART-` line where `meta.document` changes; `document` writes a
   * `-DOCSTART-` line before each task, each line break of its text ending a sentence.
   */
  per?: 'sentence' | 'document';
  /** The spans question to export; the config's first spans question when absent. */
  control?: string;
  /** Tags name label ids (the default) or label names (refused for a name holding a space). */
  labelAs?: LabelAs;
  /** Write tasks without a final answer, all O (left out by default; warned either way). */
  includeUnanswered?: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * A sentence's tokens, offset by `base` code points: by the kept lengths where single spaces would
 * not give them back, else split on whitespace. Null when the text no longer fits the lengths.
 */
function tokensOf(piece: string, base: number, lengths: readonly number[] | undefined): Token[] | null {
  if (!lengths) return whitespaceTokens(piece).map((t) => ({ text: t.text, start: t.start + base, end: t.end + base }));
  const points = Array.from(piece);
  const tokens: Token[] = [];
  let at = 0;
  for (const length of lengths) {
    while (at < points.length && /\s/u.test(points[at]!)) at += 1;
    if (at + length > points.length) return null;
    tokens.push({ text: points.slice(at, at + length).join(''), start: base + at, end: base + at + length });
    at += length;
  }
  return points.slice(at).every((p) => /\s/u.test(p)) ? tokens : null;
}

/** The entities of tokens `from`…`to` (exclusive), renumbered from 0; a part of one crossing the edge is cut there. */
function entitiesWithin(entities: readonly Entity[], from: number, to: number): { inside: Entity[]; cut: number } {
  const inside: Entity[] = [];
  let cut = 0;
  for (const e of entities) {
    if (e.last < from || e.first >= to) continue;
    if (e.first < from || e.last >= to) cut += 1;
    inside.push({ type: e.type, first: Math.max(e.first, from) - from, last: Math.min(e.last, to - 1) - from });
  }
  return { inside, cut };
}

export async function writeConll(input: ExportInput, outPath: string, options: ConllWriteOptions = {}): Promise<ExportOutcome> {
  const columns = options.columns;
  if (columns !== undefined && columns !== 2 && columns !== 4) throw new LoupeError('invalid-input', `CoNLL export writes 2 or 4 columns, not ${String(columns)}`);
  const per = oneOf(options.per, ['sentence', 'document'], 'sentence', 'per');
  requireTextData(input.labelConfig, 'CoNLL');
  const control = pickControl(input.labelConfig, ['spans'], options.control, 'CoNLL');
  const nestedControl = input.labelConfig.controls.find((c) => c.id === NESTED_ID && c.kind === 'spans' && c.id !== control.id);
  const labelAs = options.labelAs ?? 'id';
  if (labelAs === 'name') {
    const spaced = [control, ...(nestedControl && nestedControl.kind === 'spans' ? [nestedControl] : [])].flatMap((c) => c.labels).find((l) => /\s/.test(l.name));
    if (spaced) throw new LoupeError('invalid-input', `CoNLL export: label name "${spaced.name}" holds a space, which a CoNLL tag cannot; export with label ids instead`);
  }
  const tagOf = labelWriter(control, labelAs);
  const nestedTagOf = nestedControl && nestedControl.kind === 'spans' ? labelWriter(nestedControl, labelAs) : tagOf;
  const notes = new Notes();

  let started = false; // a line has been written, so the next one starts with a line break
  let carry: string[] = []; // -DOCSTART- lines of tasks left out, so document boundaries stay
  let previousDocument: unknown;
  let ending = (): string => ''; // what the file ends with, as its last written task says

  /** Tags for a task's tokens from one question's result, spelled in `scheme`, per sentence. */
  const tagsFor = (tokens: readonly Token[], spans: readonly { start: number; end: number; label: string }[], typeOf: (l: string) => string, where: string) => {
    const found = spanEntities(tokens, spans, typeOf);
    if (found.widened > 0) notes.add('spans that start or end inside a token were widened to whole tokens (a tag names a whole token)', where);
    if (found.overlapping > 0) notes.add('spans sharing a token with another span were left out (a token has one tag per column)', where);
    if (found.blank > 0) notes.add('spans covering only spaces were left out', where);
    return found.entities;
  };

  const joinLines = (lines: readonly string[], eol: string): string => {
    let out = '';
    for (const line of lines) {
      out += started ? eol + line : line;
      started = true;
    }
    return out;
  };

  /** A task read from CoNLL, in its own shape; null when its text no longer fits the shape. */
  const shaped = (row: FinalRow, shape: ConllShape, spans: Spans, nested: Spans | null, where: string): string[] | null => {
    const text = row.task.data.text ?? '';
    const sentences: SentenceShape[] = shape.sentences ?? [shape];
    const pieces = shape.sentences ? text.split('\n') : [text];
    if (pieces.length !== sentences.length) return null;
    const perSentence: Token[][] = [];
    let base = 0;
    for (let i = 0; i < pieces.length; i += 1) {
      const tokens = tokensOf(pieces[i]!, base, sentences[i]!.lengths);
      const extra = sentences[i]!.extra;
      if (!tokens || tokens.length === 0 || (extra && extra.some((values) => values.length !== tokens.length))) return null;
      perSentence.push(tokens);
      base += codePointLength(pieces[i]!) + 1;
    }
    const all = perSentence.flat();
    const entities = tagsFor(all, spans, tagOf, where);
    const nestedEntities = nested ? tagsFor(all, nested, nestedTagOf, where) : [];
    const kept = shape.roles.flatMap((role, c) => (role === 'keep' || role === 'space' ? [c] : []));
    const lines: string[] = [];
    let first = 0;
    perSentence.forEach((tokens, s) => {
      const sentence = sentences[s]!;
      const own = entitiesWithin(entities, first, first + tokens.length);
      const inner = entitiesWithin(nestedEntities, first, first + tokens.length);
      if (own.cut + inner.cut > 0) notes.add('spans crossing a sentence break were cut at it', where);
      first += tokens.length;
      const tags = encodeTags(tokens.length, own.inside, shape.scheme);
      const nestedTags = encodeTags(tokens.length, inner.inside, (shape.nestedScheme ?? shape.scheme) as Scheme);
      lines.push(...(sentence.before ?? []));
      const fieldsOf = (i: number) =>
        shape.roles.map((role, c) => {
          if (role === 'token') return tokens[i]!.text;
          if (role === 'tag') return tags[i]!;
          if (role === 'nested') return nestedTags[i]!;
          return sentence.extra?.[kept.indexOf(c)]?.[i] ?? '_';
        });
      if (shape.layout === 'sentence-per-line') lines.push(tokens.map((_, i) => fieldsOf(i).join('|')).join(shape.sep));
      else tokens.forEach((_, i) => lines.push(fieldsOf(i).join(shape.sep)));
    });
    return lines;
  };

  /** Any task the plain way (see the module comment). */
  const plain = (row: FinalRow, shape: ConllShape | null, spans: Spans, where: string): string[] => {
    const width = columns ?? 4;
    const scheme = (shape?.scheme ?? 'IOB2') as Scheme;
    const docStart = width === 4 ? '-DOCSTART- -X- -X- O' : '-DOCSTART- O';
    const tokens = whitespaceTokens(row.task.data.text ?? '');
    if (tokens.length === 0) return [];
    if (shape && shape.roles.length > 2) notes.add(`tasks read with ${shape.roles.length} columns were written with ${width} as asked, their other columns left out`, where);
    const entities = tagsFor(tokens, spans, tagOf, where);
    const lines: string[] = [];
    if (per === 'document') lines.push(...(started ? [''] : []), docStart, '');
    else {
      const documentId = row.task.meta?.document;
      const newDocument = started && documentId !== undefined && previousDocument !== undefined && documentId !== previousDocument;
      previousDocument = documentId;
      if (!started && width === 4) lines.push(docStart, '');
      else if (started) lines.push('', ...(newDocument ? [docStart, ''] : []));
    }
    // Sentences are the text's lines (per document) or the whole text; each gets its own scheme run.
    let from = 0;
    const breaks = tokens.map((t, i) => (i > 0 && per === 'document' && t.breakBefore ? i : -1)).filter((i) => i > 0);
    for (const to of [...breaks, tokens.length]) {
      if (from > 0) lines.push('');
      const tags = encodeTags(to - from, entitiesWithin(entities, from, to).inside, scheme);
      for (let i = from; i < to; i += 1) lines.push(width === 4 ? `${tokens[i]!.text} -X- -X- ${tags[i - from]!}` : `${tokens[i]!.text} ${tags[i - from]!}`);
      from = to;
    }
    return lines;
  };

  const outcome = await writeRows(
    input,
    outPath,
    (row) => {
      const where = `task ${row.task.id}`;
      const result = resultOf(row.answer, control.id, 'spans');
      const { shape, invalid } = shapeOf(row.task.meta);
      if (invalid) notes.add('tasks whose meta.conll is not a CoNLL shape Loupe wrote were written the plain way', where);
      if (!result) {
        if (!options.includeUnanswered) {
          notes.add('tasks with no answer were left out: CoNLL cannot tell "not labelled" from "no entity" (include unanswered tasks to write them all O)', where);
          const before = (shape?.sentences?.[0] ?? shape)?.before ?? [];
          const lastStart = before.map(isDocStart).lastIndexOf(true);
          if (lastStart >= 0) carry = [...carry, ...before.slice(0, lastStart + 1)];
          return null;
        }
        notes.add('tasks with no answer were written with every tag O', where);
      }
      const spans = result?.spans ?? [];
      let nested: Spans | null = null;
      if (shape?.roles.includes('nested')) {
        const inner = resultOf(row.answer, NESTED_ID, 'spans');
        if (!inner && result) notes.add('tasks with no answer to the nested question were written with every nested tag O', where);
        nested = inner?.spans ?? [];
      }
      const eol = shape?.eol ?? '\n';
      let lines = shape && columns === undefined ? shaped(row, shape, spans, nested, where) : null;
      if (shape && columns === undefined && !lines) notes.add("tasks whose text no longer fits the tokens read were written the plain way", where);
      if (lines) {
        lines = [...carry, ...lines];
        // The file's first lines are blank only where the file's first task began so.
        if (!started && !shape!.top) while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
        const { after, end } = shape!;
        const blankAfter = shape!.layout === 'columns' && shape!.breaks !== false;
        ending = () => (after ? after.map((l) => eol + l).join('') + (end === false ? '' : eol) : eol + (blankAfter ? eol : ''));
      } else {
        lines = plain(row, shape, spans, where);
        if (lines.length === 0) return null;
        ending = () => '\n\n';
      }
      carry = [];
      return joinLines(lines, eol);
    },
    '',
    () => (started ? ending() : ''),
  );
  const warnings = notes.list();
  return { ...outcome, ...(warnings.length > 0 ? { warnings } : {}) };
}

type Spans = { start: number; end: number; label: string }[];
