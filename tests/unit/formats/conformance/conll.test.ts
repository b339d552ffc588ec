/**
 * CoNLL / IOB / BIOES conformance: every real file in ../shared/fixtures/interop/conll imported as
 * a lead would (its tags as gold), exported to CoNLL through the project export, read back and
 * compared, and the export byte-compared with the source: an unchanged file must come back as it
 * was (columns, separators, scheme, -DOCSTART- and # lines, final newline). nltk's
 * ConllCorpusReader reads each export and its source, and must find the same words and tags.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConll, writeConll } from '../../../../electron/core/formats/interop/conll';
import type { ConllShape } from '../../../../electron/core/formats/interop/conllShape';
import { encodeTags, type Entity, type Scheme } from '../../../../electron/core/formats/interop/conllTags';
import type { ExportInput, FinalRow, SourceSet } from '../../../../electron/core/formats/interop/types';
import type { Answer } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';
import { comparableSet, describeInterop, fixture, itWithReference, roundTrip, runPython } from './kit';

interface Case {
  file: string;
  tasks: number;
  /** Sentences whose tags are all O: answered, with none: true. */
  none: number;
  spans: number;
  scheme: Scheme;
  roles: ConllShape['roles'];
  warnings: string[];
  /** nltk column types for the file, and how it must be fed to nltk. */
  nltk: { columns: string[]; feed?: 'no-comments' | 'sentence-per-line' };
}

const CASES: Case[] = [
  { file: 'dkpro_conll2003_iob1.conll', tasks: 1, none: 0, spans: 3, scheme: 'IOB1', roles: ['token', 'keep', 'keep', 'tag'], warnings: [], nltk: { columns: ['words', 'pos', 'chunk', 'ne'] } },
  { file: 'flair_germeval2014.tsv', tasks: 2, none: 0, spans: 5, scheme: 'IOB2', roles: ['keep', 'token', 'tag', 'keep'], warnings: [], nltk: { columns: ['ignore', 'words', 'pos', 'ignore'], feed: 'no-comments' } },
  { file: 'flair_whitespace_column.txt', tasks: 1, none: 0, spans: 1, scheme: 'IOB2', roles: ['token', 'tag', 'space'], warnings: [], nltk: { columns: ['words', 'pos', 'ignore'] } },
  { file: 'ncrfpp_conll2003_dev.bioes', tasks: 106, none: 18, spans: 210, scheme: 'BIOES', roles: ['token', 'tag'], warnings: [], nltk: { columns: ['words', 'pos'] } },
  { file: 'spacy_conll2003_docstart.iob', tasks: 2, none: 0, spans: 7, scheme: 'IOB2', roles: ['token', 'keep', 'keep', 'tag'], warnings: [], nltk: { columns: ['words', 'pos', 'chunk', 'ne'] } },
  { file: 'spacy_sentence_per_line.iob', tasks: 2, none: 0, spans: 7, scheme: 'IOB2', roles: ['token', 'keep', 'tag'], warnings: [], nltk: { columns: ['words', 'ignore', 'pos'], feed: 'sentence-per-line' } },
  {
    file: 'spacy_token_per_line_no_breaks.iob', tasks: 2, none: 0, spans: 7, scheme: 'IOB2', roles: ['token', 'tag'],
    warnings: ['the file has no blank lines between sentences, so it was split into 2 sentences after final punctuation (. ! ?); they will be written back without blank lines'],
    nltk: { columns: ['words', 'pos'] },
  },
];

const spanResults = (set: SourceSet) => set.tasks.flatMap((t) => t.annotations.flatMap((a) => a.answer.filter((r) => r.kind === 'spans')));

/** Tokens of a task as Loupe read them: by the kept lengths where spacing glues tokens, else single spaces. */
const tokenCount = (set: SourceSet) =>
  set.tasks.reduce((n, { task }) => {
    const shape = task.meta?.conll as ConllShape;
    return n + (shape.sentences ?? [shape]).reduce((m, s, i) => m + (s.lengths?.length ?? (task.data.text ?? '').split('\n')[shape.sentences ? i : 0]!.trim().split(/\s+/).length), 0);
  }, 0);

/**
 * nltk's reading of a CoNLL file: its words, and per sentence [word, tag] from the column declared
 * `pos` (the entity tag column, so tagged_sents gives the tags); for CoNLL-2003's four columns also
 * iob_sents. nltk knows neither # comments nor sentence-per-line files: those are fed as it reads.
 */
const NLTK = `
import json, os, sys, tempfile
import nltk
from nltk.corpus.reader.conll import ConllCorpusReader
columns, feed = json.loads(sys.argv[1]), sys.argv[2]

def read(path):
    text = open(path, encoding='utf8', newline='').read().replace('\\r\\n', '\\n')
    if feed == 'no-comments':
        text = ''.join(l for l in text.splitlines(True) if not l.startswith('#'))
    if feed == 'sentence-per-line':
        text = ''.join('\\n'.join(' '.join(t.split('|')) for t in l.split()) + '\\n\\n' for l in text.splitlines() if l.strip())
    folder = tempfile.mkdtemp()
    nltk.data.path.append(folder)  # nltk reads only from its data path
    with open(os.path.join(folder, 'f.conll'), 'w', encoding='utf8') as f:
        f.write(text)
    if 'ne' in columns:
        tags = ['pos' if c == 'ne' else 'ignore' if c in ('pos', 'chunk') else c for c in columns]
        iob = [s for s in ConllCorpusReader(folder, ['f.conll'], columns).iob_sents() if s]
    else:
        tags, iob = columns, None
    reader = ConllCorpusReader(folder, ['f.conll'], tags)
    return {'words': len(reader.words()), 'sents': [s for s in reader.tagged_sents() if s], 'iob': iob}

print(json.dumps([read(p) for p in sys.argv[3:]]))
`;

interface NltkRead {
  words: number;
  sents: [string, string][][];
  iob: [string, string, string][][] | null;
}

describeInterop('CoNLL conformance: real files', () => {
  for (const c of CASES) {
    describe(c.file, () => {
      const source = fixture('conll', c.file);

      it('imports every sentence as gold (all-O ones as "nothing here") and comes back byte for byte', async () => {
        const rt = await roundTrip('conll', source);
        const { source: read } = rt.read;
        expect(rt.read.warnings).toEqual(c.warnings);
        expect(read.tasks).toHaveLength(c.tasks);
        expect(rt.created.gold).toBe(c.tasks); // every sentence is an answer, none left unlabelled
        const results = spanResults(read);
        expect(results.filter((r) => r.kind === 'spans' && r.none === true && r.spans.length === 0)).toHaveLength(c.none);
        expect(results.reduce((n, r) => n + (r.kind === 'spans' ? r.spans.length : 0), 0)).toBe(c.spans);
        const shape = read.tasks[0]!.task.meta!.conll as ConllShape;
        expect([shape.scheme, shape.roles]).toEqual([c.scheme, c.roles]);

        expect(comparableSet(rt.reread.source)).toEqual(comparableSet(read));
        expect(rt.exported.warnings).toEqual([]);
        expect(rt.exported.rows).toBe(c.tasks);
        // Kept columns, separators, scheme, -DOCSTART-/# lines, blank lines and the last line break.
        expect(readFileSync(rt.exported.path)).toEqual(readFileSync(source));
      });

      it('comes back byte for byte read one task per document too', async () => {
        const rt = await roundTrip('conll', source, { conllPer: 'document' });
        expect(comparableSet(rt.reread.source)).toEqual(comparableSet(rt.read.source));
        expect(readFileSync(rt.exported.path)).toEqual(readFileSync(source));
      });

      itWithReference('nltk reads the export as it reads the source', async (python) => {
        const rt = await roundTrip('conll', source);
        const [fromSource, fromExport] = runPython<[NltkRead, NltkRead]>(python, NLTK, [JSON.stringify(c.nltk.columns), c.nltk.feed ?? '', source, rt.exported.path]);
        expect(fromExport).toEqual(fromSource);
        expect(fromExport.words).toBe(tokenCount(rt.read.source));
        // Sentence for sentence where the file separates them (nltk reads a file without blank lines as one).
        if (!c.file.includes('no_breaks')) expect(fromExport.sents).toHaveLength(c.tasks);
        if (c.nltk.columns.includes('ne')) expect(fromExport.iob?.flat().length).toBe(fromExport.words);
      });
    });
  }
});

// Changed answers, unanswered tasks, nested columns and line endings, on files written here.

const dir = tempDir('loupe-conll-conformance-');
let count = 0;
const write = (name: string, text: string) => {
  const path = join(dir, `${++count}-${name}`);
  writeFileSync(path, text);
  return path;
};
const input = (set: SourceSet, answers: (Answer | null)[] = set.tasks.map((t) => t.annotations[0]!.answer)): ExportInput => {
  const rows: FinalRow[] = set.tasks.map(({ task }, i) => ({ task, answer: answers[i] ?? null, annotator: null }));
  return { labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length };
};

describeInterop('CoNLL conformance: edits and variants', () => {
  it('a changed entity changes only its tags; the kept columns stay as given', async () => {
    const source = fixture('conll', 'dkpro_conll2003_iob1.conll');
    const set = await readConll(source);
    const answer = set.tasks[0]!.annotations[0]!.answer.map((r) => (r.kind === 'spans' ? { ...r, spans: r.spans.filter((s) => s.label !== 'PER') } : r));
    const out = join(dir, 'edited.conll');
    expect((await writeConll(input(set, [answer]), out)).warnings).toBeUndefined();
    const before = readFileSync(source, 'utf8').split('\n');
    const after = readFileSync(out, 'utf8').split('\n');
    expect(after.map((l, i) => (l === before[i] ? null : [before[i], l])).filter(Boolean)).toEqual([['Ekeus NNP I-NP I-PER', 'Ekeus NNP I-NP O']]);
  });

  it('all-O answers write all O; unanswered tasks are left out (keeping -DOCSTART-) or written O, warned either way', async () => {
    const set = await readConll(fixture('conll', 'spacy_conll2003_docstart.iob'));
    const none: Answer = [{ kind: 'spans', controlId: 'entities', spans: [], relations: [], none: true }];
    const allO = join(dir, 'none.iob');
    await writeConll(input(set, [none, none]), allO);
    expect(readFileSync(allO, 'utf8').split('\n').filter((l) => l && !l.startsWith('-DOCSTART-')).every((l) => l.endsWith(' O'))).toBe(true);
    expect((await readConll(allO).catch((e: Error) => e)).toString()).toMatch(/found no entity tags/);

    const left = join(dir, 'left.iob');
    const outcome = await writeConll(input(set, [null, set.tasks[1]!.annotations[0]!.answer]), left);
    expect(outcome.rows).toBe(1);
    expect(outcome.warnings).toEqual(['tasks with no answer were left out: CoNLL cannot tell "not labelled" from "no entity" (include unanswered tasks to write them all O) (task t1)']);
    expect(readFileSync(left, 'utf8').startsWith('-DOCSTART- -X- O O\n\n“ \'\' _ O\n')).toBe(true);
    const included = await writeConll(input(set, [null, set.tasks[1]!.annotations[0]!.answer]), join(dir, 'included.iob'), { includeUnanswered: true });
    expect([included.rows, included.warnings]).toEqual([2, ['tasks with no answer were written with every tag O (task t1)']]);
  });

  it('GermEval nested entities become a second spans question and come back as they were', async () => {
    const text = [
      '#\tsource 1\t[2009-10-17]',
      '1\tAufgrund\tO\tO', '2\tdes\tO\tO', '3\tBayerischen\tB-ORG\tB-LOCderiv', '4\tLandtags\tI-ORG\tO', '5\tnicht\tO\tO', '6\t.\tO\tO',
      '',
      '#\tsource 2\t[2009-10-17]',
      '1\tNichts\tO\tO', '2\thier\tO\tO', '3\t.\tO\tO',
      '',
    ].join('\n');
    const path = write('germeval.tsv', text);
    const rt = await roundTrip('conll', path);
    expect(rt.read.source.labelConfig.controls.map((c) => [c.id, c.kind === 'spans' ? c.labels.map((l) => l.id) : []])).toEqual([['entities', ['ORG']], ['nested', ['LOCderiv']]]);
    const [first, second] = rt.read.source.tasks.map((t) => t.annotations[0]!.answer);
    expect(first!.map((r) => (r.kind === 'spans' ? [r.controlId, r.spans.map((s) => [s.start, s.end, s.label])] : null))).toEqual([['entities', [[13, 33, 'ORG']]], ['nested', [[13, 24, 'LOCderiv']]]]);
    expect(second!.map((r) => r.kind === 'spans' && r.none)).toEqual([true, true]);
    expect(comparableSet(rt.reread.source)).toEqual(comparableSet(rt.read.source));
    expect(readFileSync(rt.exported.path, 'utf8')).toBe(text);
  });

  it('keeps CRLF line endings, tabs, a BILOU scheme and unknown extra columns', async () => {
    const text = ['Ann\tNNP\tx1\tU-PER', 'met\tVBD\tx2\tO', 'New\tNNP\tx3\tB-LOC', 'York\tNNP\tx4\tL-LOC', '', 'Bob\tNNP\tx5\tU-PER', ''].join('\r\n');
    const rt = await roundTrip('conll', write('crlf.conll', text));
    expect((rt.read.source.tasks[0]!.task.meta!.conll as ConllShape).scheme).toBe('BILOU');
    expect(readFileSync(rt.exported.path, 'utf8')).toBe(text);
  });

  it('keeps a tab-separated token that holds a space as one token', async () => {
    const text = 'She\tO\nvisited\tO\nNew York\tB-LOC\n.\tO\n\n';
    const rt = await roundTrip('conll', write('spaced.tsv', text));
    expect(rt.read.source.tasks[0]!.task.data.text).toBe('She visited New York .');
    expect(spanResults(rt.read.source)[0]).toMatchObject({ spans: [{ start: 12, end: 20, label: 'LOC' }] });
    expect(readFileSync(rt.exported.path, 'utf8')).toBe(text);
  });

  it('warns about a byte-order mark, inconsistent tags, irregular spacing, and refuses ragged lines', async () => {
    expect((await readConll(write('bom.conll', '\uFEFFEU B-ORG\n'))).warnings).toEqual(['the file starts with a byte-order mark, which was dropped (the export writes UTF-8 without one)']);
    const path = write('messy.conll', ['EU  B-ORG', 'rejects O', 'German I-MISC', 'call O', ''].join('\n'));
    const set = await readConll(path);
    expect(set.warnings).toEqual([
      'sentences whose entity tags are not consistent IOB2 (e.g. an I- after O, an entity without its B- or E-) were read as seqeval reads them and will be written back as consistent IOB2 (line 1)',
      '1 lines are not separated by exactly one space between columns (first: line 1); they will be written back with single separators',
    ]);
    await expect(readConll(write('ragged.conll', 'EU NNP B-ORG\nrejects O\n'))).rejects.toThrow(/line 2: a token line needs 3 columns/);
  });
});

// Round-trip property: files of every layout generated, read, written, read and written again.

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];
const plainWord = fc.stringMatching(/^[A-Za-zÄöü😀][A-Za-z0-9.,'"😀-]{0,6}$/u);
/** Words, and the tokens a reader must not mistake: sentence-final punctuation, a closing quote, a leading #. */
const word = fc.oneof({ arbitrary: plainWord, weight: 6 }, fc.constantFrom('.', '”', '#', '?'));
const entityRuns = fc.array(fc.oneof(fc.constant(null), fc.record({ type: fc.constantFrom(...TYPES), length: fc.integer({ min: 1, max: 3 }) })), { minLength: 1, maxLength: 6 });

/** A sentence: its tokens and entity runs (null: a token tagged O). */
const sentence = fc.tuple(entityRuns, entityRuns).chain(([outer, inner]) => {
  const length = outer.reduce((n, r) => n + (r ? r.length : 1), 0);
  return fc.record({ outer: fc.constant(outer), inner: fc.constant(inner), words: fc.array(word, { minLength: length, maxLength: length }), pos: fc.array(fc.stringMatching(/^[A-Z]{2,3}$/), { minLength: length, maxLength: length }), spaces: fc.array(fc.constantFrom('+', '-'), { minLength: length, maxLength: length }), docStart: fc.boolean() });
});

const entitiesOf = (runs: readonly ({ type: string; length: number } | null)[], length: number): Entity[] => {
  const entities: Entity[] = [];
  let at = 0;
  for (const run of runs) {
    if (at >= length) break;
    if (run) entities.push({ type: run.type, first: at, last: Math.min(at + run.length, length) - 1 });
    at += run ? run.length : 1;
  }
  return entities;
};

const LAYOUTS = ['2-space', '2-tab', 'conll2003', 'germeval', 'flair', 'sentence-per-line', 'no-breaks'] as const;

/** A file in `layout`: the generated sentences tagged in `scheme`. */
interface Generated {
  outer: ({ type: string; length: number } | null)[];
  inner: ({ type: string; length: number } | null)[];
  words: string[];
  pos: string[];
  spaces: string[];
  docStart: boolean;
}

function fileOf(layout: (typeof LAYOUTS)[number], scheme: Scheme, sentences: readonly Generated[], eol: string, finalNewline: boolean): string {
  const lines: string[] = [];
  sentences.forEach((s, n) => {
    const tags = encodeTags(s.words.length, entitiesOf(s.outer, s.words.length), scheme);
    const inner = encodeTags(s.words.length, entitiesOf(s.inner, s.words.length), scheme);
    const blank = layout !== 'no-breaks' && layout !== 'sentence-per-line' && n > 0 ? [''] : [];
    if (layout === 'conll2003' && s.docStart) lines.push(...blank, '-DOCSTART- -X- O O', '');
    else if (layout === '2-space' && s.docStart) lines.push(...blank, '-DOCSTART- O', '');
    else lines.push(...blank);
    if (layout === 'germeval') lines.push(`#\tsentence ${n}\t[2005-02-26]`);
    if (layout === 'sentence-per-line') lines.push(s.words.map((w, i) => `${w}|${s.pos[i]}|${tags[i]}`).join(' '));
    else {
      s.words.forEach((w, i) => {
        const fields = { '2-space': [w, tags[i]], '2-tab': [w, tags[i]], 'no-breaks': [w, tags[i]], conll2003: [w, s.pos[i], `I-${s.pos[i]}`, tags[i]], germeval: [String(i + 1), w, tags[i], inner[i]], flair: [w, tags[i], s.spaces[i]] }[layout];
        lines.push(fields!.join(layout === '2-space' || layout === 'conll2003' || layout === 'flair' ? ' ' : '\t'));
      });
    }
  });
  return lines.join(eol) + (finalNewline ? eol : '');
}

describe('CoNLL round-trip property', () => {
  it('export → import → export is byte-identical, and an unchanged generated file comes back as it was', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom(...LAYOUTS),
      fc.constantFrom<Scheme>('IOB1', 'IOB2', 'BIOES', 'BILOU', 'BMES'),
      fc.array(sentence, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      async (layout, scheme, sentences, eol, finalNewline) => {
        const text = fileOf(layout, scheme, sentences, eol, finalNewline);
        // A file with no entity at all has no labels to make a config of, and is refused.
        fc.pre(sentences.some((s) => entitiesOf(s.outer, s.words.length).length > 0));
        const path = write('generated.conll', text);
        const set = await readConll(path, { per: sentences.length > 2 ? 'document' : 'sentence' });
        const first = join(dir, `${++count}-first.conll`);
        await writeConll(input(set), first);
        const reread = await readConll(first, { per: sentences.length > 2 ? 'document' : 'sentence' });
        const second = join(dir, `${++count}-second.conll`);
        await writeConll(input(reread), second);
        expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
        expect(comparableSet(reread)).toEqual(comparableSet(set));
        expect(readFileSync(first, 'utf8')).toBe(text);
      },
    );
    await fc.assert(property, { numRuns: 40 });
  });

  it('tasks made in Loupe, written plain, come back the same', async () => {
    const config = (await readConll(write('labels.conll', 'Ann B-PER\nRome B-LOC\n'))).labelConfig;
    const property = fc.asyncProperty(
      fc.array(fc.record({ words: fc.array(plainWord, { minLength: 1, maxLength: 6 }), spans: fc.array(fc.record({ start: fc.nat(30), length: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom('PER', 'LOC') }), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
      async (tasks) => {
        const rows: FinalRow[] = tasks.map((t, i) => {
          const text = t.words.join(' ');
          const length = [...text].length;
          const spans = t.spans.filter((s) => s.start < length).map((s, j) => ({ id: `s${j}`, start: s.start, end: Math.min(length, s.start + s.length), label: s.label }));
          return { task: { id: `t${i}`, data: { text } }, answer: [{ kind: 'spans', controlId: 'entities', spans, relations: [] }], annotator: null };
        });
        const first = join(dir, `${++count}-plain.conll`);
        await writeConll({ labelConfig: config, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length }, first);
        const text = readFileSync(first, 'utf8');
        fc.pre(/ [BI]-/.test(text));
        const set = await readConll(first);
        const second = join(dir, `${++count}-plain-again.conll`);
        await writeConll(input(set), second);
        expect(readFileSync(second, 'utf8')).toBe(text);
      },
    );
    await fc.assert(property, { numRuns: 30 });
  });
});
