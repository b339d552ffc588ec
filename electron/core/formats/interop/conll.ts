/**
 * Reading CoNLL-2003 / IOB / BIOES files as other tools write them (conllLayout.ts lists the
 * layouts; conllTags.ts the tag schemes), so that the writer (conllWriter.ts) gives the same
 * file back byte for byte when nobody changed an entity.
 *
 * One task per sentence (or, with `per: 'document'`, per document, its sentences on separate
 * lines of the text). The text is the tokens joined by single spaces, or spaced as a `+`/`-`
 * whitespace column says; span offsets count code points of that text. Every sentence is an
 * answer, the file's gold: a CoNLL file tags every token, so a sentence whose tags are all O says
 * "no entity here" and reads as a spans result with `none: true`.
 *
 * What Loupe does not model is kept in `task.meta.conll` (conllShape.ts): the columns other than
 * the token and the tags (POS, chunk, an index, the spacing column, unknown ones), the lines
 * between sentences (`-DOCSTART-`, `#` comments, blank lines), the tag scheme and the separator.
 * GermEval's nested column becomes a second spans question (`nested`) when it holds entities,
 * since spans of one question may not overlap; otherwise it is kept as given.
 *
 * Warned: sentences whose tags are not consistent in the file's scheme (read leniently, written
 * back consistent), lines whose spacing is irregular (written back with single separators), a
 * file without blank lines split at final punctuation, tag types that are not valid label ids.
 */
import { LoupeError } from '../../../../shared/errors';
import { Notes } from './notes';
import type { SourceSet } from './types';
import {
  closesSentence,
  detectLayout,
  endsSentence,
  isBlank,
  isComment,
  isDocStart,
  sentenceText,
  sentenceTokens,
  splitFields,
} from './conllLayout';
import type { ConllShape, SentenceShape } from './conllShape';
import { decodeTags, encodeTags, parseTag, type Tag } from './conllTags';
import { codePointLength, fileLabel, inferredConfig, LabelSet, oneOf, settledTasks, TaskIds, textLines, whitespaceTokens, type PendingTask } from './textShared';

export { writeConll, type ConllWriteOptions } from './conllWriter';

/** The spans question a CoNLL file's tag column reads into. */
export const CONLL_CONTROL_ID = 'entities';
/** The spans question of GermEval's nested (inner) entity column. */
export const CONLL_NESTED_ID = 'nested';

export interface ConllReadOptions {
  /** One task per sentence (the default) or per document (sentences joined by line breaks). */
  per?: 'sentence' | 'document';
}

type Spans = { start: number; end: number; label: string }[];

/** A sentence as read, with what its task keeps of it. */
interface Sentence {
  line: number;
  text: string;
  entities: Spans;
  nested: Spans;
  shape: SentenceShape;
}

/** A sentence being read: its tokens, tags and kept column values, and the lines before it. */
class OpenSentence {
  line = 0;
  tokens: string[] = [];
  tags: Tag[] = [];
  rawTags: string[] = [];
  nested: Tag[] = [];
  rawNested: string[] = [];
  /** Per kept column (column order), the values so far. */
  extra: string[][];
  constructor(keptColumns: number) {
    this.extra = Array.from({ length: keptColumns }, () => []);
  }
}

/** Read a CoNLL / IOB file: a first pass finds the layout, a second, streamed, reads the sentences. */
export async function readConll(path: string, options: ConllReadOptions = {}): Promise<SourceSet> {
  const file = fileLabel(path);
  const per = oneOf(options.per, ['sentence', 'document'], 'sentence', 'per');
  const layout = await detectLayout(path);
  const { roles } = layout;
  const tokenAt = roles.indexOf('token');
  const tagAt = roles.indexOf('tag');
  const nestedAt = roles.indexOf('nested');
  const kept = roles.flatMap((role, i) => (role === 'keep' || role === 'space' ? [i] : []));
  const spaceKept = kept.findIndex((i) => roles[i] === 'space');
  const labels = new LabelSet();
  const nestedLabels = new LabelSet();
  const notes = new Notes();
  const pending: PendingTask[] = [];
  const renamed = new Set<string>();

  const fileShape: Omit<ConllShape, keyof SentenceShape | 'sentences' | 'after' | 'end' | 'top'> = {
    layout: layout.kind, sep: layout.sep, roles, scheme: layout.scheme,
    ...(layout.nestedScheme ? { nestedScheme: layout.nestedScheme } : {}),
    ...(layout.breaks ? {} : { breaks: false as const }),
    ...(layout.eol === '\r\n' ? { eol: '\r\n' as const } : {}),
  };

  let document = 1;
  let documentHasText = false;
  let sentenceInDocument = 0;
  let gap: string[] = [];
  let open = new OpenSentence(kept.length);
  let closing = false;
  let documentSentences: Sentence[] = [];
  let firstTask = true;

  const spansOf = (text: string, tags: readonly Tag[], offsets: { start: number; end: number }[], set: LabelSet): Spans =>
    decodeTags(tags).map((e) => ({ start: offsets[e.first]!.start, end: offsets[e.last]!.end, label: set.idOf(e.type) }));

  const checkScheme = (tags: readonly Tag[], raw: readonly string[], scheme: ConllShape['scheme'], line: number, column: string) => {
    if (encodeTags(tags.length, decodeTags(tags), scheme).some((t, i) => t !== raw[i])) {
      notes.add(`sentences whose ${column} tags are not consistent ${scheme} (e.g. an I- after O, an entity without its B- or E-) were read as seqeval reads them and will be written back as consistent ${scheme}`, `line ${line}`);
    }
  };

  const answerOf = (entities: Spans, nested: Spans) => {
    const result = (controlId: string, spans: Spans) => ({
      kind: 'spans' as const, controlId, relations: [],
      spans: spans.map((s, i) => ({ id: `s${i + 1}`, ...s })),
      // Every token is tagged: a sentence with no entity says so, an answer like any other.
      ...(spans.length === 0 ? { none: true as const } : {}),
    });
    return [result(CONLL_CONTROL_ID, entities), ...(nestedAt >= 0 ? [result(CONLL_NESTED_ID, nested)] : [])];
  };

  const pushTask = (line: number, text: string, entities: Spans, nested: Spans, meta: Record<string, unknown>) => {
    pending.push({ line, id: null, text, meta, annotations: [{ annotator: null, kind: 'annotation', answer: answerOf(entities, nested) }] });
    firstTask = false;
  };

  const withTop = (shape: SentenceShape): { top?: true } => (firstTask && shape.before && isBlank(shape.before[0] ?? 'x') ? { top: true } : {});

  const endSentence = () => {
    closing = false;
    if (open.tokens.length === 0) return;
    const s = open;
    open = new OpenSentence(kept.length);
    const spaceAfter = spaceKept >= 0 ? s.extra[spaceKept]! : null;
    const { text, offsets } = sentenceText(s.tokens, spaceAfter);
    checkScheme(s.tags, s.rawTags, layout.scheme, s.line, 'entity');
    if (nestedAt >= 0) checkScheme(s.nested, s.rawNested, layout.nestedScheme ?? layout.scheme, s.line, 'nested');
    const split = whitespaceTokens(text);
    const shape: SentenceShape = {
      ...(gap.length > 0 ? { before: gap } : {}),
      ...(kept.length > 0 ? { extra: s.extra } : {}),
      // Single spaces give the tokens back unless a token holds a space or the spacing glues two.
      ...(split.length !== s.tokens.length || split.some((t, i) => t.text !== s.tokens[i]) ? { lengths: offsets.map((o) => o.end - o.start) } : {}),
    };
    gap = [];
    const sentence: Sentence = { line: s.line, text, entities: spansOf(text, s.tags, offsets, labels), nested: nestedAt >= 0 ? spansOf(text, s.nested, offsets, nestedLabels) : [], shape };
    documentHasText = true;
    sentenceInDocument += 1;
    if (per === 'sentence') {
      pushTask(sentence.line, text, sentence.entities, sentence.nested, { document, sentence: sentenceInDocument, conll: { ...fileShape, ...withTop(shape), ...shape } });
    } else documentSentences.push(sentence);
  };

  const endDocument = () => {
    endSentence();
    if (per === 'document' && documentSentences.length > 0) {
      const entities: Spans = [];
      const nested: Spans = [];
      let at = 0;
      for (const s of documentSentences) {
        for (const e of s.entities) entities.push({ ...e, start: e.start + at, end: e.end + at });
        for (const e of s.nested) nested.push({ ...e, start: e.start + at, end: e.end + at });
        at += codePointLength(s.text) + 1; // the line break between sentences
      }
      const shape = { ...fileShape, ...withTop(documentSentences[0]!.shape), sentences: documentSentences.map((s) => s.shape) };
      pushTask(documentSentences[0]!.line, documentSentences.map((s) => s.text).join('\n'), entities, nested, { document, conll: shape });
      documentSentences = [];
    }
    // A -DOCSTART- at the top of the file (or two in a row) opens no empty document.
    if (documentHasText) document += 1;
    documentHasText = false;
    sentenceInDocument = 0;
  };

  const addToken = (fields: readonly string[], line: number) => {
    if (fields.length < 2) throw new LoupeError('invalid-input', 'a token line needs at least two columns: the token and its tag', { file, line });
    if (fields.length !== roles.length) {
      throw new LoupeError('invalid-input', `a token line needs ${roles.length} columns, as this file's token lines have (the token, its tag${roles.length > 2 ? ' and the others' : ''}), and this one has ${fields.length}`, { file, line });
    }
    const token = fields[tokenAt]!;
    const tag = parseTag(fields[tagAt]!, file, line);
    const inner = nestedAt >= 0 ? parseTag(fields[nestedAt]!, file, line, 'nested tag') : null;
    // Without blank lines, a sentence ends after final punctuation and the closing quotes after it,
    // where no entity (outer or nested) runs on: a tagged closer starts the next sentence.
    const untagged = tag.role === 'O' && (!inner || inner.role === 'O');
    const closer = closesSentence(token) && untagged;
    if (closing && !closer) endSentence();
    // Register types as first seen, so the config lists them in file order.
    if (tag.role !== 'O' && labels.idOf(tag.type) !== tag.type && !renamed.has(tag.type)) {
      renamed.add(tag.type);
      notes.add(`tag type "${tag.type}" is not a valid label id, so its label is "${labels.idOf(tag.type)}" (named "${tag.type}"); export with labels as names to write "${tag.type}" back`);
    }
    if (open.tokens.length === 0) open.line = line;
    open.tokens.push(token);
    open.tags.push(tag);
    open.rawTags.push(fields[tagAt]!);
    if (inner) {
      if (inner.role !== 'O') nestedLabels.idOf(inner.type);
      open.nested.push(inner);
      open.rawNested.push(fields[nestedAt]!);
    }
    kept.forEach((column, i) => open.extra[i]!.push(fields[column]!));
    if (!layout.breaks && layout.kind === 'columns') closing = (endsSentence(token) && untagged) || (closing && closer);
  };

  let irregular = 0;
  let firstIrregular = 0;
  for await (const { line, text } of textLines(path)) {
    const docStart = isDocStart(text);
    if (isBlank(text) || docStart || isComment(text, layout)) {
      if (docStart) endDocument();
      else endSentence();
      gap.push(text);
      continue;
    }
    if (layout.kind === 'columns') {
      const { fields, regular } = splitFields(text, layout.sep);
      if (!regular && irregular++ === 0) firstIrregular = line;
      addToken(fields, line);
    } else {
      const { tokens, regular } = sentenceTokens(text, layout.sep);
      if (!regular && irregular++ === 0) firstIrregular = line;
      for (const fields of tokens) addToken(fields, line);
      endSentence();
    }
  }
  endDocument();
  if (layout.bom) notes.add('the file starts with a byte-order mark, which was dropped (the export writes UTF-8 without one)');
  if (irregular > 0) notes.add(`${irregular} lines are not separated by exactly one ${layout.sep === '\t' ? 'tab' : 'space'} between ${layout.kind === 'columns' ? 'columns' : 'tokens'} (first: line ${firstIrregular}); they will be written back with single separators`);

  // The lines after the last sentence, and whether the file ends with a line break, go with its last task.
  const last = pending[pending.length - 1];
  if (last) {
    const conll = last.meta!.conll as ConllShape;
    // Always set on the file's last task, so the writer knows the file ends there.
    conll.after = gap;
    if (!layout.finalNewline) conll.end = false;
  }
  if (!layout.breaks && layout.kind === 'columns' && per === 'sentence' && pending.length > 1) {
    notes.add(`the file has no blank lines between sentences, so it was split into ${pending.length} sentences after final punctuation (. ! ?); they will be written back without blank lines`);
  }

  const labelConfig = inferredConfig(
    [
      { kind: 'spans', id: CONLL_CONTROL_ID, labels, allowOverlap: false },
      { kind: 'spans', id: CONLL_NESTED_ID, labels: nestedLabels, allowOverlap: false },
    ],
    file,
    'entity tags (B-, I-, E-, S- …)',
  );
  const warnings = notes.list();
  return { format: 'conll', labelConfig, tasks: settledTasks(pending, new TaskIds(), file), images: new Map(), ...(warnings.length > 0 ? { warnings } : {}) };
}
