/**
 * CoNLL-2003 / IOB files: one token per line in whitespace-separated columns, the token first and
 * its entity tag last (CoNLL-2003 itself has part-of-speech and chunk tags between them), a blank
 * line after each sentence, and `-DOCSTART-` lines between documents.
 *
 * Reading accepts every common tag scheme with one decoder, so no scheme has to be named:
 * - IOB1 (CoNLL-2003 as published): `I-X` starts an entity; `B-X` appears only where an entity
 *   directly follows another of the same type.
 * - IOB2: every entity starts with `B-X`.
 * - BIOES / IOBES (`E-X` ends, `S-X` is a one-token entity) and BILOU (`L-`, `U-`, the same roles).
 * An `I-X` that cannot continue the entity before it (after `O`, after an entity of another type,
 * or after an `E-`/`S-` closed one) starts a new entity, as seqeval does outside its strict mode:
 * that reads IOB1 correctly and repairs IOB2 that a tagger left inconsistent, rather than refusing
 * a whole corpus over one token. A tag that is none of these (`X-PER`, `B-`) is refused with its line.
 *
 * One task per sentence (or, with `per: 'document'`, per document, its sentences joined by line
 * breaks); the text is the tokens joined by single spaces, and span offsets count code points of
 * that text. Part-of-speech and chunk columns are not kept: Loupe has no question for them.
 *
 * Writing tags each whitespace-separated token of a task's text IOB2 from the final answer's spans.
 * A token belongs to a span when they share a character, so a span boundary inside a token snaps
 * outwards to the whole token (IOB can only tag whole tokens). A span that shares a token with an
 * earlier span (overlapping or nested spans) is left out, the earlier and then longer one kept,
 * since IOB gives each token a single tag.
 */
import { LoupeError } from '../../../../shared/errors';
import type { ExportInput, ExportOutcome, SourceSet } from './types';
import {
  codePointLength,
  fileLabel,
  inferredConfig,
  LabelSet,
  labelWriter,
  oneOf,
  pickControl,
  requireTextData,
  resultOf,
  settledTasks,
  TaskIds,
  textLines,
  whitespaceTokens,
  writeRows,
  type LabelAs,
  type PendingTask,
  type TextToken,
} from './textShared';

/** The spans question a CoNLL file reads into. */
export const CONLL_CONTROL_ID = 'entities';

export interface ConllReadOptions {
  /** One task per sentence (the default) or per document (sentences joined by line breaks). */
  per?: 'sentence' | 'document';
}

export interface ConllWriteOptions {
  /**
   * 4 (the default) writes CoNLL-2003's `token POS CHUNK TAG` with `-X-` in the POS and chunk
   * columns (the placeholder CoNLL-2003 itself uses on its `-DOCSTART-` lines, since Loupe has no
   * such annotation) and a `-DOCSTART- -X- -X- O` line at the top; 2 writes `token TAG`. Readers
   * that take the first and last columns (seqeval, flair, spaCy's converter) read either.
   */
  columns?: 2 | 4;
  /**
   * `sentence` (the default): a blank line after each task, and a `-DOCSTART-` line where the
   * tasks' `meta.document` changes (tasks read from CoNLL carry it). `document`: a `-DOCSTART-`
   * line before each task, and each line break of its text ends a sentence.
   */
  per?: 'sentence' | 'document';
  /** The spans question to export; the config's first spans question when absent. */
  control?: string;
  /** Tags name label ids (the default) or label names (refused for a name holding a space). */
  labelAs?: LabelAs;
  /**
   * Tasks with no final answer are left out by default: written as all `O` they would teach a model
   * that their entities are not entities.
   */
  includeUnanswered?: boolean;
}

type Prefix = 'B' | 'I' | 'E' | 'S' | 'O';

interface TaggedToken {
  token: string;
  prefix: Prefix;
  type: string;
}

const TAG = /^([BIESLU])-(\S+)$/;
/** BILOU's last and unit tags play BIOES's end and single roles. */
const PREFIX: Record<string, Prefix> = { B: 'B', I: 'I', E: 'E', S: 'S', L: 'E', U: 'S' };

function parseTag(tag: string, file: string, line: number): { prefix: Prefix; type: string } {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const match = TAG.exec(tag);
  if (!match) {
    throw new LoupeError('invalid-input', `tag "${tag}" is not O or an entity tag like B-PER, I-PER, E-PER, S-PER (or L-, U-)`, { file, line, field: 'tag' });
  }
  return { prefix: PREFIX[match[1]!]!, type: match[2]! };
}

/** Entities from one sentence's tags; offsets are the tokens' code-point offsets in the sentence text. */
function decode(tokens: readonly TaggedToken[], offsets: readonly { start: number; end: number }[]): { type: string; start: number; end: number }[] {
  const entities: { type: string; start: number; end: number }[] = [];
  let open: { type: string; start: number; end: number } | null = null;
  const close = () => {
    if (open) entities.push(open);
    open = null;
  };
  tokens.forEach(({ prefix, type }, i) => {
    const { start, end } = offsets[i]!;
    const continues = open !== null && open.type === type;
    switch (prefix) {
      case 'O':
        close();
        return;
      case 'B':
        close();
        open = { type, start, end };
        return;
      case 'I':
        if (continues) open!.end = end;
        else {
          close();
          open = { type, start, end };
        }
        return;
      case 'E':
        if (continues) open!.end = end;
        else {
          close();
          open = { type, start, end };
        }
        close();
        return;
      case 'S':
        close();
        open = { type, start, end };
        close();
        return;
    }
  });
  close();
  return entities;
}

/** A read sentence: its text, its entities and the line it starts on. */
interface Sentence {
  text: string;
  length: number;
  entities: { type: string; start: number; end: number }[];
  line: number;
}

function toSentence(tokens: readonly TaggedToken[], line: number): Sentence {
  const offsets: { start: number; end: number }[] = [];
  let at = 0;
  for (const { token } of tokens) {
    const length = codePointLength(token);
    offsets.push({ start: at, end: at + length });
    at += length + 1; // the joining space
  }
  return { text: tokens.map((t) => t.token).join(' '), length: Math.max(0, at - 1), entities: decode(tokens, offsets), line };
}

/** Read a CoNLL / IOB file, streamed line by line. */
export async function readConll(path: string, options: ConllReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const per = oneOf(options.per, ['sentence', 'document'], 'sentence', 'per');
  const labels = new LabelSet();
  const pending: PendingTask[] = [];

  let document = 1;
  let documentHasText = false;
  let sentenceInDocument = 0;
  let tokens: TaggedToken[] = [];
  let sentenceLine = 0;
  // With per: 'document', the sentences of the document being read.
  let documentSentences: Sentence[] = [];

  const task = (line: number, text: string, entities: Sentence['entities'], meta: Record<string, unknown>): PendingTask => ({
    line,
    id: null,
    text,
    meta,
    annotations: [
      {
        annotator: null,
        kind: 'annotation',
        // Every token of a CoNLL file is tagged, so a sentence without entities is an answer too.
        answer: [
          {
            kind: 'spans',
            controlId: CONLL_CONTROL_ID,
            spans: entities.map((e, i) => ({ id: `s${i + 1}`, start: e.start, end: e.end, label: labels.idOf(e.type) })),
            relations: [],
          },
        ],
      },
    ],
  });

  const endSentence = () => {
    if (tokens.length === 0) return;
    const sentence = toSentence(tokens, sentenceLine);
    tokens = [];
    documentHasText = true;
    sentenceInDocument += 1;
    if (per === 'sentence') pending.push(task(sentence.line, sentence.text, sentence.entities, { document, sentence: sentenceInDocument }));
    else documentSentences.push(sentence);
  };

  const endDocument = () => {
    endSentence();
    if (per === 'document' && documentSentences.length > 0) {
      const entities: Sentence['entities'] = [];
      let at = 0;
      for (const s of documentSentences) {
        for (const e of s.entities) entities.push({ type: e.type, start: e.start + at, end: e.end + at });
        at += s.length + 1; // the line break between sentences
      }
      pending.push(task(documentSentences[0]!.line, documentSentences.map((s) => s.text).join('\n'), entities, { document }));
      documentSentences = [];
    }
    // A -DOCSTART- at the top of the file (or two in a row) opens no empty document.
    if (documentHasText) document += 1;
    documentHasText = false;
    sentenceInDocument = 0;
  };

  for await (const { line, text } of textLines(path)) {
    const trimmed = text.trim();
    if (trimmed === '') {
      endSentence();
      continue;
    }
    const columns = trimmed.split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      endDocument();
      continue;
    }
    if (columns.length < 2) {
      throw new LoupeError('invalid-input', 'a token line needs at least two columns: the token and its tag', { file, line });
    }
    const { prefix, type } = parseTag(columns[columns.length - 1]!, file, line);
    // Register the type as it is first seen, so the config lists types in file order.
    if (prefix !== 'O') labels.idOf(type);
    if (tokens.length === 0) sentenceLine = line;
    tokens.push({ token: columns[0]!, prefix, type });
  }
  endDocument();

  const labelConfig = inferredConfig([{ kind: 'spans', id: CONLL_CONTROL_ID, labels, allowOverlap: false }], file, 'entity tags (B-, I-, E-, S- …)');
  return { format: 'conll', labelConfig, tasks: settledTasks(pending, new TaskIds(), file), images: new Map() };
}

/** IOB2 tags for whitespace tokens from code-point spans (see the module comment for the rules). */
export function iob2Tags(tokens: readonly TextToken[], spans: readonly { start: number; end: number; label: string }[], tagOf: (label: string) => string): string[] {
  const tags = tokens.map(() => 'O');
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of ordered) {
    // The first token ending after the span starts; tokens are in text order.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < tokens.length && tokens[last]!.start < span.end) last += 1;
    // [lo, last) are the tokens sharing a character with the span; none means it covers only space.
    if (last === lo) continue;
    if (tags.slice(lo, last).some((t) => t !== 'O')) continue;
    const type = tagOf(span.label);
    for (let i = lo; i < last; i += 1) tags[i] = `${i === lo ? 'B' : 'I'}-${type}`;
  }
  return tags;
}

/** Write the final answers' spans as CoNLL, IOB2-tagged. */
export async function writeConll(input: ExportInput, outPath: string, options: ConllWriteOptions = {}): Promise<ExportOutcome> {
  const columns = options.columns ?? 4;
  if (columns !== 2 && columns !== 4) throw new LoupeError('invalid-input', `CoNLL export writes 2 or 4 columns, not ${String(columns)}`);
  const per = oneOf(options.per, ['sentence', 'document'], 'sentence', 'per');
  requireTextData(input.labelConfig, 'CoNLL');
  const control = pickControl(input.labelConfig, ['spans'], options.control, 'CoNLL');
  const labelAs = options.labelAs ?? 'id';
  if (labelAs === 'name') {
    const spaced = control.labels.find((l) => /\s/.test(l.name));
    if (spaced) throw new LoupeError('invalid-input', `CoNLL export: label name "${spaced.name}" holds a space, which a CoNLL tag cannot; export with label ids instead`);
  }
  const tagOf = labelWriter(control, labelAs);
  const docStart = columns === 4 ? '-DOCSTART- -X- -X- O\n\n' : '-DOCSTART- O\n\n';
  const tokenLine = columns === 4 ? (token: string, tag: string) => `${token} -X- -X- ${tag}\n` : (token: string, tag: string) => `${token} ${tag}\n`;

  let wroteAny = false;
  let previousDocument: unknown;
  return writeRows(
    input,
    outPath,
    (row) => {
      const result = resultOf(row.answer, control.id, 'spans');
      if (!result && !options.includeUnanswered) return null;
      const tokens = whitespaceTokens(row.task.data.text ?? '');
      // A task without tokens would write an empty sentence, which reads back as none.
      if (tokens.length === 0) return null;
      const tags = iob2Tags(tokens, result?.spans ?? [], tagOf);
      let out = '';
      if (per === 'document') out += docStart;
      else {
        const documentId = row.task.meta?.document;
        if (wroteAny && documentId !== undefined && previousDocument !== undefined && documentId !== previousDocument) out += docStart;
        previousDocument = documentId;
      }
      wroteAny = true;
      tokens.forEach((token, i) => {
        if (per === 'document' && token.breakBefore) out += '\n';
        out += tokenLine(token.text, tags[i]!);
      });
      return `${out}\n`;
    },
    columns === 4 && per === 'sentence' ? docStart : '',
  );
}
