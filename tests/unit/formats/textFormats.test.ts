/**
 * The text interchange formats: CoNLL / IOB (IOB1, IOB2, BIOES), doccano and Prodigy JSONL read
 * into Loupe tasks and written back, and the CSV and Loupe JSONL dataset writers. Inputs are small
 * hand-written files; span offsets are Unicode code points throughout, so several inputs put an
 * emoji (two UTF-16 units, one code point) before the spans to catch a UTF-16 slip.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readConll, writeConll } from '../../../electron/core/formats/interop/conll';
import { writeCsvDataset } from '../../../electron/core/formats/interop/csvDataset';
import { readDoccano, writeDoccano } from '../../../electron/core/formats/interop/doccano';
import { writeLoupeJsonl } from '../../../electron/core/formats/interop/loupeJsonl';
import { readProdigy, writeProdigy } from '../../../electron/core/formats/interop/prodigy';
import { codePointLength, whitespaceTokens } from '../../../electron/core/formats/interop/textShared';
import type { ExportInput, FinalRow, SourceSet } from '../../../electron/core/formats/interop/types';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult, Task } from '../../../shared/pack/task';
import { tempDir } from '../helpers/fixtures';

const dir = tempDir('loupe-text-formats-');
let fileCount = 0;

/** A file in the test's temp folder with the given lines. */
function file(name: string, lines: string[] | string): string {
  fileCount += 1;
  const path = join(dir, `${fileCount}-${name}`);
  writeFileSync(path, Array.isArray(lines) ? `${lines.join('\n')}\n` : lines);
  return path;
}

const out = (name: string) => join(dir, `out-${++fileCount}-${name}`);
const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r));

function exportInput(labelConfig: LabelConfig, rows: FinalRow[]): ExportInput {
  return {
    labelConfig,
    rows: async function* () {
      yield rows;
    },
    imagePath: () => null,
    total: rows.length,
  };
}

/** The export a project would make of a read file: each task's first annotation as its final answer. */
function finalInput(set: SourceSet): ExportInput {
  return exportInput(
    set.labelConfig,
    set.tasks.map(({ task, annotations }) => {
      const first = annotations.find((a) => a.kind === 'annotation');
      return { task, answer: first?.answer ?? null, annotator: first?.annotator ?? null };
    }),
  );
}

/** The spans of a task's first annotation as [label, covered text] (sliced by code points). */
function spansOf(set: SourceSet, index: number, controlId = 'entities'): [string, string, number, number][] {
  const { task, annotations } = set.tasks[index]!;
  const result = annotations[0]?.answer.find((r) => r.controlId === controlId);
  if (!result || result.kind !== 'spans') return [];
  const points = Array.from(task.data.text ?? '');
  return result.spans.map((s) => [s.label, points.slice(s.start, s.end).join(''), s.start, s.end]);
}

/** A task without the CoNLL shape its reader keeps in meta.conll (compared on its own where it matters). */
const withoutShape = (task: Task): Task => {
  const { conll: _shape, ...meta } = task.meta ?? {};
  return { ...task, ...(task.meta ? { meta } : {}) };
};

/** What must survive a round trip: ids, texts and every annotation's answers. */
const essence = (set: SourceSet) => set.tasks.map(({ task, annotations }) => ({ id: task.id, text: task.data.text, answers: annotations.map((a) => [a.kind, a.answer]) }));

const labelNames = (config: LabelConfig, controlId = 'entities') => {
  const control = config.controls.find((c) => c.id === controlId);
  return control && 'labels' in control ? control.labels.map((l) => [l.id, l.name]) : [];
};

// The example sentence of the CoNLL-2003 shared task paper (Tjong Kim Sang & De Meulder 2003).
const PAPER_TOKENS = [
  ['U.N.', 'NNP', 'I-NP'],
  ['official', 'NN', 'I-NP'],
  ['Ekeus', 'NNP', 'I-NP'],
  ['heads', 'VBZ', 'I-VP'],
  ['for', 'IN', 'I-PP'],
  ['Baghdad', 'NNP', 'I-NP'],
  ['.', '.', 'O'],
];
const conllLines = (tags: string[]) => ['-DOCSTART- -X- -X- O', '', ...PAPER_TOKENS.map((t, i) => `${t.join(' ')} ${tags[i]}`), ''];
const PAPER_TEXT = 'U.N. official Ekeus heads for Baghdad .';
const PAPER_SPANS = [
  ['ORG', 'U.N.', 0, 4],
  ['PER', 'Ekeus', 14, 19],
  ['LOC', 'Baghdad', 30, 37],
];

describe('code points', () => {
  it('counts an emoji as one character and tokenises with code-point offsets', () => {
    const text = '😀 Bob met\nAnn';
    expect(text.length).toBe(14);
    expect(codePointLength(text)).toBe(13);
    expect(codePointLength('a\uD800b')).toBe(Array.from('a\uD800b').length); // a lone surrogate counts once, as Array.from does
    expect(whitespaceTokens(text)).toEqual([
      { text: '😀', start: 0, end: 1, breakBefore: false },
      { text: 'Bob', start: 2, end: 5, breakBefore: false },
      { text: 'met', start: 6, end: 9, breakBefore: false },
      { text: 'Ann', start: 10, end: 13, breakBefore: true },
    ]);
  });
});

describe('CoNLL', () => {
  it('reads the CoNLL-2003 paper sentence in IOB1, where I- starts an entity', async () => {
    const set = await readConll(file('iob1.conll', conllLines(['I-ORG', 'O', 'I-PER', 'O', 'O', 'I-LOC', 'O'])));
    expect(set.format).toBe('conll');
    expect(set.tasks).toHaveLength(1);
    expect(withoutShape(set.tasks[0]!.task)).toEqual({ id: 't1', data: { text: PAPER_TEXT }, meta: { document: 1, sentence: 1 } });
    // The POS and chunk columns, the -DOCSTART- line and the scheme are kept for the way back.
    expect(set.tasks[0]!.task.meta?.conll).toEqual({
      layout: 'columns', sep: ' ', roles: ['token', 'keep', 'keep', 'tag'], scheme: 'IOB1',
      before: ['-DOCSTART- -X- -X- O', ''],
      extra: [PAPER_TOKENS.map((t) => t[1]), PAPER_TOKENS.map((t) => t[2])],
      after: [''],
    });
    expect(spansOf(set, 0)).toEqual(PAPER_SPANS);
    expect(set.labelConfig).toEqual(
      labelConfigSchema.parse({
        version: 1,
        data: 'text',
        controls: [
          {
            id: 'entities',
            kind: 'spans',
            labels: [
              { id: 'ORG', name: 'ORG', color: '#e03131', hotkey: '1' },
              { id: 'PER', name: 'PER', color: '#1971c2', hotkey: '2' },
              { id: 'LOC', name: 'LOC', color: '#2f9e44', hotkey: '3' },
            ],
          },
        ],
      }),
    );
    expect(set.tasks[0]!.annotations).toEqual([
      {
        annotator: null,
        kind: 'annotation',
        answer: [
          {
            kind: 'spans',
            controlId: 'entities',
            relations: [],
            spans: [
              { id: 's1', start: 0, end: 4, label: 'ORG' },
              { id: 's2', start: 14, end: 19, label: 'PER' },
              { id: 's3', start: 30, end: 37, label: 'LOC' },
            ],
          },
        ],
      },
    ]);
  });

  it('reads the same sentence in IOB2 and in BIOES, and 2-column files', async () => {
    const iob2 = await readConll(file('iob2.conll', conllLines(['B-ORG', 'O', 'B-PER', 'O', 'O', 'B-LOC', 'O'])));
    const bioes = await readConll(file('bioes.conll', conllLines(['S-ORG', 'O', 'S-PER', 'O', 'O', 'S-LOC', 'O'])));
    const twoColumns = await readConll(file('two.iob', ['U.N.\tB-ORG', 'official\tO', 'Ekeus\tB-PER', 'heads\tO', 'for\tO', 'Baghdad\tB-LOC', '.\tO']));
    for (const set of [iob2, bioes, twoColumns]) {
      expect(set.tasks[0]!.task.data.text).toBe(PAPER_TEXT);
      expect(spansOf(set, 0)).toEqual(PAPER_SPANS);
    }
  });

  it('decodes multi-token entities in every scheme, and where one entity ends and the next begins', async () => {
    const lines = [
      // IOB1: a B- only where an entity follows one of the same type.
      'Peter I-PER', 'Blackburn I-PER', 'Ann B-PER', 'met O', 'New I-LOC', 'York I-LOC', '',
      // BIOES / BILOU: E- and L- close an entity, so an I- after one starts a new entity.
      'New B-LOC', 'York I-LOC', 'City E-LOC', 'and O', 'Bonn U-LOC', 'Paris L-LOC', 'Rome I-LOC', '',
      // IOB2 with a mismatched I-: it starts a new entity of its own type (seqeval's lenient reading).
      'Acme B-ORG', 'Bob I-PER', 'Smith I-PER', 'said O', '',
    ];
    const set = await readConll(file('schemes.conll', lines));
    expect(set.tasks.map((t) => t.task.data.text)).toEqual(['Peter Blackburn Ann met New York', 'New York City and Bonn Paris Rome', 'Acme Bob Smith said']);
    expect(spansOf(set, 0).map(([l, t]) => [l, t])).toEqual([['PER', 'Peter Blackburn'], ['PER', 'Ann'], ['LOC', 'New York']]);
    expect(spansOf(set, 1).map(([l, t]) => [l, t])).toEqual([['LOC', 'New York City'], ['LOC', 'Bonn'], ['LOC', 'Paris'], ['LOC', 'Rome']]);
    expect(spansOf(set, 2).map(([l, t]) => [l, t])).toEqual([['ORG', 'Acme'], ['PER', 'Bob Smith']]);
  });

  const twoDocuments = [
    '-DOCSTART- O', '',
    'EU B-ORG', 'rejects O', 'German B-MISC', 'call O', '',
    'Peter B-PER', 'Blackburn I-PER', '',
    '-DOCSTART- O', '',
    '😀 O', 'Bob B-PER', 'met O', 'Ann B-PER', '',
  ];

  it('makes one task per sentence, or per document with its sentences on separate lines', async () => {
    const path = file('docs.conll', twoDocuments);
    const sentences = await readConll(path);
    expect(sentences.tasks.map((t) => withoutShape(t.task))).toEqual([
      { id: 't1', data: { text: 'EU rejects German call' }, meta: { document: 1, sentence: 1 } },
      { id: 't2', data: { text: 'Peter Blackburn' }, meta: { document: 1, sentence: 2 } },
      { id: 't3', data: { text: '😀 Bob met Ann' }, meta: { document: 2, sentence: 1 } },
    ]);
    // Code points: Bob starts at 2 although it is at 3 in UTF-16.
    expect(spansOf(sentences, 2)).toEqual([['PER', 'Bob', 2, 5], ['PER', 'Ann', 10, 13]]);
    expect('😀 Bob met Ann'.indexOf('Bob')).toBe(3);

    const documents = await readConll(path, { per: 'document' });
    expect(documents.tasks.map((t) => withoutShape(t.task))).toEqual([
      { id: 't1', data: { text: 'EU rejects German call\nPeter Blackburn' }, meta: { document: 1 } },
      { id: 't2', data: { text: '😀 Bob met Ann' }, meta: { document: 2 } },
    ]);
    expect(spansOf(documents, 0)).toEqual([['ORG', 'EU', 0, 2], ['MISC', 'German', 11, 17], ['PER', 'Peter Blackburn', 23, 38]]);
    expect(labelNames(documents.labelConfig).map(([id]) => id)).toEqual(['ORG', 'MISC', 'PER']);
  });

  it('writes CoNLL back in the shape it came in, or in 4 or 2 plain columns when asked, and round-trips in both modes', async () => {
    const source = file('iob1.conll', conllLines(['I-ORG', 'O', 'I-PER', 'O', 'O', 'I-LOC', 'O']));
    const iob1 = await readConll(source);
    const path = out('paper.conll');
    expect(await writeConll(finalInput(iob1), path)).toEqual({ rows: 1, files: [path] });
    // Its own columns, scheme (IOB1), -DOCSTART- line and trailing blank line: the same bytes.
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(source, 'utf8'));
    expect(essence(await readConll(path))).toEqual(essence(iob1));
    // Asked for 4 plain columns: -X- placeholders (a warning says the POS and chunk columns were left out), still IOB1.
    const plainPath = out('paper-plain.conll');
    const plainOutcome = await writeConll(finalInput(iob1), plainPath, { columns: 4 });
    expect(plainOutcome.warnings).toEqual(['tasks read with 4 columns were written with 4 as asked, their other columns left out (task t1)']);
    expect(readFileSync(plainPath, 'utf8')).toBe(
      [
        '-DOCSTART- -X- -X- O',
        '',
        'U.N. -X- -X- I-ORG',
        'official -X- -X- O',
        'Ekeus -X- -X- I-PER',
        'heads -X- -X- O',
        'for -X- -X- O',
        'Baghdad -X- -X- I-LOC',
        '. -X- -X- O',
        '',
        '',
      ].join('\n'),
    );
    expect(essence(await readConll(plainPath))).toEqual(essence(iob1));

    const sentences = await readConll(file('docs.conll', twoDocuments));
    const writtenFor = { 2: out('sentences-2.conll'), 4: out('sentences-4.conll') };
    for (const columns of [2, 4] as const) {
      const written = writtenFor[columns];
      await writeConll(finalInput(sentences), written, { columns });
      const again = await readConll(written);
      expect(essence(again)).toEqual(essence(sentences));
      // The document boundary is written where meta.document changes, so it survives too.
      expect(again.tasks.map((t) => withoutShape(t.task).meta)).toEqual(sentences.tasks.map((t) => withoutShape(t.task).meta));
      expect(again.labelConfig).toEqual(sentences.labelConfig);
    }
    // 2 columns: no -DOCSTART- at the top, one where the second document begins.
    expect(readFileSync(writtenFor[2], 'utf8').split('\n').slice(0, 3)).toEqual(['EU B-ORG', 'rejects O', 'German B-MISC']);
    expect(readFileSync(writtenFor[2], 'utf8')).toContain('Blackburn I-PER\n\n-DOCSTART- O\n\n😀 O\n');
    expect(readFileSync(writtenFor[4], 'utf8').startsWith('-DOCSTART- -X- -X- O\n\nEU -X- -X- B-ORG\n')).toBe(true);

    const documents = await readConll(file('docs.conll', twoDocuments), { per: 'document' });
    const written = out('documents.conll');
    await writeConll(finalInput(documents), written, { per: 'document', columns: 2 });
    expect(readFileSync(written, 'utf8').split('\n').slice(0, 10)).toEqual(['-DOCSTART- O', '', 'EU B-ORG', 'rejects O', 'German B-MISC', 'call O', '', 'Peter B-PER', 'Blackburn I-PER', '']);
    expect(essence(await readConll(written, { per: 'document' }))).toEqual(essence(documents));
  });

  const spansConfig = labelConfigSchema.parse({
    version: 1,
    data: 'text',
    controls: [
      { id: 'topic', kind: 'choices', labels: [{ id: 'news', name: 'News', color: '#112233' }] },
      {
        id: 'ner',
        kind: 'spans',
        allowOverlap: true,
        labels: [
          { id: 'PER', name: 'Person', color: '#112233' },
          { id: 'LOC', name: 'Place name', color: '#445566' },
        ],
      },
    ],
  });
  const spans = (list: [number, number, string][]): ControlResult => ({
    kind: 'spans',
    controlId: 'ner',
    spans: list.map(([start, end, label], i) => ({ id: `x${i}`, start, end, label })),
    relations: [],
  });

  it('snaps a span boundary inside a token to the whole token, keeps the first of overlapping spans, and counts code points', async () => {
    const rows: FinalRow[] = [
      // "York" alone inside "New-York": the whole token is the entity.
      { task: { id: 'a', data: { text: 'I love New-York  today' } }, answer: [spans([[11, 15, 'LOC']])], annotator: 'ann' },
      // Nested: the outer (earlier, longer) span keeps the tokens; the inner one is left out.
      { task: { id: 'b', data: { text: 'Bank of England staff' } }, answer: [spans([[8, 15, 'LOC'], [0, 15, 'PER']])], annotator: 'ann' },
      // Offsets after an emoji are code points: Bob is 2–5, not 3–6.
      { task: { id: 'c', data: { text: '😀 Bob met Ann' } }, answer: [spans([[2, 5, 'PER'], [10, 13, 'PER']])], annotator: 'ann' },
      // No final answer: left out unless asked for.
      { task: { id: 'd', data: { text: 'Nobody looked at this' } }, answer: null, annotator: null },
    ];
    const path = out('snap.conll');
    expect((await writeConll(exportInput(spansConfig, rows), path, { columns: 2 })).rows).toBe(3);
    expect(readFileSync(path, 'utf8').split('\n\n').slice(0, 3)).toEqual([
      'I O\nlove O\nNew-York B-LOC\ntoday O',
      'Bank B-PER\nof I-PER\nEngland I-PER\nstaff O',
      '😀 O\nBob B-PER\nmet O\nAnn B-PER',
    ]);
    const reread = await readConll(path);
    expect(spansOf(reread, 2)).toEqual([['PER', 'Bob', 2, 5], ['PER', 'Ann', 10, 13]]);

    const all = out('all.conll');
    expect((await writeConll(exportInput(spansConfig, rows), all, { columns: 2, includeUnanswered: true })).rows).toBe(4);
    expect(readFileSync(all, 'utf8')).toContain('Nobody O\nlooked O\nat O\nthis O\n');
  });

  it('writes label names when asked, refusing one with a space, and refuses a config without spans', async () => {
    const rows: FinalRow[] = [{ task: { id: 'a', data: { text: 'Ann went home' } }, answer: [spans([[0, 3, 'PER']])], annotator: null }];
    const onlyPerson = labelConfigSchema.parse({ ...spansConfig, controls: [{ ...spansConfig.controls[1], labels: [{ id: 'PER', name: 'Person', color: '#112233' }] }] });
    const path = out('names.conll');
    await writeConll(exportInput(onlyPerson, rows), path, { columns: 2, labelAs: 'name' });
    expect(readFileSync(path, 'utf8')).toBe('Ann B-Person\nwent O\nhome O\n\n');
    await expect(writeConll(exportInput(spansConfig, rows), out('spaced.conll'), { labelAs: 'name' })).rejects.toThrow('label name "Place name" holds a space');
    const choicesOnly = labelConfigSchema.parse({ ...spansConfig, controls: [spansConfig.controls[0]] });
    await expect(writeConll(exportInput(choicesOnly, rows), out('none.conll'))).rejects.toThrow('CoNLL export needs a spans question, and the label config has none (it has choices "topic")');
    // Options may arrive from the command line as any string.
    await expect(writeConll(exportInput(spansConfig, rows), out('per.conll'), { per: 'paragraph' as 'sentence' })).rejects.toThrow('per must be "sentence" or "document", not "paragraph"');
    await expect(writeConll(exportInput(spansConfig, rows), out('cols.conll'), { columns: 3 as 2 })).rejects.toThrow('CoNLL export writes 2 or 4 columns, not 3');
    await expect(writeDoccano(exportInput(spansConfig, rows), out('as.jsonl'), { labelAs: 'title' as 'id' })).rejects.toThrow('labels are written as "id" or "name", not "title"');
    await expect(writeDoccano(exportInput(spansConfig, rows), out('q.jsonl'), { control: 'nope' })).rejects.toThrow('doccano export: the label config has no question "nope" (it has choices "topic", spans "ner")');
    const imageConfig = labelConfigSchema.parse({ version: 1, data: 'image', controls: [{ id: 'kind', kind: 'choices', labels: [{ id: 'cat', name: 'Cat', color: '#112233' }] }] });
    await expect(writeProdigy(exportInput(imageConfig, []), out('img.jsonl'))).rejects.toThrow("Prodigy export writes text tasks, and this label config's tasks are images");
  });

  it('refuses an unknown tag and a line without a tag, naming the file and line', async () => {
    const badTag = readConll(file('bad.conll', ['EU B-ORG', 'rejects O', 'Peter X-PER', '']));
    await expect(badTag).rejects.toMatchObject({ code: 'invalid-input', where: { file: expect.stringMatching(/bad\.conll$/), line: 3, field: 'tag' } });
    await expect(readConll(file('bad.conll', ['EU B-ORG', 'Peter X-PER']))).rejects.toThrow(/bad\.conll, line 2, field tag: tag "X-PER" is not O or an entity tag/);
    await expect(readConll(file('short.conll', ['EU B-ORG', '', 'lonely']))).rejects.toThrow(/line 3: a token line needs at least two columns/);
    await expect(readConll(file('empty-type.conll', ['EU B-']))).rejects.toMatchObject({ where: { line: 1 } });
    await expect(readConll(file('all-o.conll', ['EU O']))).rejects.toThrow(/found no entity tags/);
    await expect(readConll(join(dir, 'missing.conll'))).rejects.toThrow('missing.conll: no such file');
  });
});

describe('doccano', () => {
  it('reads sequence labelling with code-point offsets, keeping ids and other keys', async () => {
    const path = file('ner.jsonl', [
      ...jsonl([
        { id: 7, text: '😀 Bob met Ann in Zürich', label: [[2, 5, 'PER'], [10, 13, 'PER'], [17, 23, 'Ort / Stadt']], meta: { source: 'chat' }, Comments: [] },
        { text: 'Nobody labelled this', label: [] },
      ]),
      '',
      ...jsonl([{ id: 'x-1', data: 'Older exports say data', labels: [[0, 5, 'PER']] }]),
    ]);
    const set = await readDoccano(path);
    expect(set.format).toBe('doccano');
    // The record's own keys stay in meta; how it was written (keys, layout, answers as read) in meta.doccano.
    expect(set.tasks.map((t) => ({ ...t.task, meta: Object.fromEntries(Object.entries(t.task.meta ?? {}).filter(([k]) => k !== 'doccano')) }))).toEqual([
      { id: '7', data: { text: '😀 Bob met Ann in Zürich' }, meta: { meta: { source: 'chat' }, Comments: [] } },
      { id: 't1', data: { text: 'Nobody labelled this' }, meta: {} },
      { id: 'x-1', data: { text: 'Older exports say data' }, meta: {} },
    ]);
    expect(set.tasks[2]!.task.meta?.doccano).toMatchObject({ keys: ['id', 'data', 'labels'], layout: 'jsonl', compact: true });
    expect(spansOf(set, 0)).toEqual([['PER', 'Bob', 2, 5], ['PER', 'Ann', 10, 13], ['Ort-Stadt', 'Zürich', 17, 23]]);
    // An empty label list is a person's answer "nothing here" (the project marks it answered-empty).
    expect(set.tasks[1]!.annotations).toEqual([{ annotator: null, kind: 'annotation', answer: [] }]);
    expect(spansOf(set, 2)).toEqual([['PER', 'Older', 0, 5]]);
    // A label string that is no valid id gets a made id and keeps its text as the name.
    expect(labelNames(set.labelConfig)).toEqual([['PER', 'PER'], ['Ort-Stadt', 'Ort / Stadt']]);
    expect(set.labelConfig.controls.map((c) => c.kind)).toEqual(['spans']);
  });

  it('reads classification (label or labels) as one choices question, multi-label when an example has several', async () => {
    const set = await readDoccano(file('cats.jsonl', jsonl([{ text: 'Great!', label: ['pos'] }, { text: 'Meh, bad', labels: ['neg', 'sarcasm'] }, { text: 'Unread', label: [] }])));
    const [control] = set.labelConfig.controls;
    expect(control).toMatchObject({ id: 'category', kind: 'choices', multiple: true });
    expect(labelNames(set.labelConfig, 'category')).toEqual([['pos', 'pos'], ['neg', 'neg'], ['sarcasm', 'sarcasm']]);
    expect(set.tasks.map((t) => t.annotations.map((a) => a.answer))).toEqual([
      [[{ kind: 'choices', controlId: 'category', labels: ['pos'] }]],
      [[{ kind: 'choices', controlId: 'category', labels: ['neg', 'sarcasm'] }]],
      // An empty category list reads as an empty answer, which a project does not count as answered.
      [[]],
    ]);
    const single = await readDoccano(file('cats.jsonl', jsonl([{ text: 'Great!', label: ['pos'] }])));
    expect(single.labelConfig.controls[0]).toMatchObject({ multiple: false });
    expect((await readDoccano(file('cats.jsonl', jsonl([{ text: 'Great!', label: ['pos'] }])), { multiple: true })).labelConfig.controls[0]).toMatchObject({ multiple: true });
  });

  it('reads the entities / relations export', async () => {
    const set = await readDoccano(
      file('rel.jsonl', jsonl([{
        id: 3,
        text: '😀 Ann works at Acme',
        entities: [{ id: 41, label: 'PER', start_offset: 2, end_offset: 5 }, { id: 42, label: 'ORG', start_offset: 15, end_offset: 19 }],
        relations: [{ id: 9, from_id: 41, to_id: 42, type: 'works_for' }],
      }])),
    );
    expect(spansOf(set, 0)).toEqual([['PER', 'Ann', 2, 5], ['ORG', 'Acme', 15, 19]]);
    expect(set.tasks[0]!.annotations[0]!.answer[0]).toMatchObject({ relations: [{ from: 's1', to: 's2', label: 'works_for' }] });
    expect(set.labelConfig.controls[0]).toMatchObject({ kind: 'spans', relations: [{ id: 'works_for', name: 'works_for' }] });
  });

  it('round-trips spans, categories and relations, writing names when asked', async () => {
    const ner = await readDoccano(file('ner.jsonl', jsonl([{ id: 7, text: '😀 Bob met Ann', label: [[2, 5, 'PER'], [10, 13, 'Named Entity']], extra: 'kept' }, { id: 8, text: 'Nothing', label: [] }])));
    const path = out('ner.jsonl');
    expect(await writeDoccano(finalInput(ner), path)).toEqual({ rows: 2, files: [path] });
    // Unchanged answers: the records come back as they were (label strings as the file had them).
    expect(readFileSync(path, 'utf8')).toBe(
      `${JSON.stringify({ id: 7, text: '😀 Bob met Ann', label: [[2, 5, 'PER'], [10, 13, 'Named Entity']], extra: 'kept' })}\n${JSON.stringify({ id: 8, text: 'Nothing', label: [] })}\n`,
    );
    const again = await readDoccano(path);
    expect(essence(again)).toEqual(essence(ner));
    expect(again.tasks.map((t) => t.task)).toEqual(ner.tasks.map((t) => t.task));
    // A changed answer is written afresh: label ids by default, names when asked.
    const changed = (set: SourceSet) => exportInput(set.labelConfig, set.tasks.map(({ task, annotations }) => ({ task, annotator: null, answer: [...(annotations[0]?.answer ?? [])].map((r) => (r.kind === 'spans' ? { ...r, spans: r.spans.slice(1) } : r)) })));
    const ids = out('ids.jsonl');
    await writeDoccano(changed(ner), ids);
    expect(JSON.parse(readFileSync(ids, 'utf8').split('\n')[0]!).label).toEqual([[10, 13, 'Named-Entity']]);
    const named = out('named.jsonl');
    await writeDoccano(changed(ner), named, { labelAs: 'name' });
    expect(JSON.parse(readFileSync(named, 'utf8').split('\n')[0]!).label).toEqual([[10, 13, 'Named Entity']]);

    const cats = await readDoccano(file('cats.jsonl', jsonl([{ text: 'Great!', label: ['pos'] }, { text: 'Meh', label: ['neg', 'sarcasm'] }])));
    const catsOut = out('cats.jsonl');
    await writeDoccano(finalInput(cats), catsOut);
    // No invented ids: a record without one is written without one.
    expect(readFileSync(catsOut, 'utf8').split('\n')[1]).toBe(JSON.stringify({ text: 'Meh', label: ['neg', 'sarcasm'] }));
    expect(essence(await readDoccano(catsOut))).toEqual(essence(cats));

    const rel = await readDoccano(
      file('rel.jsonl', jsonl([{ text: 'Ann works at Acme', entities: [{ id: 1, label: 'PER', start_offset: 0, end_offset: 3 }, { id: 2, label: 'ORG', start_offset: 13, end_offset: 17 }], relations: [{ id: 1, from_id: 1, to_id: 2, type: 'works_for' }] }])),
    );
    const relOut = out('rel.jsonl');
    await writeDoccano(finalInput(rel), relOut);
    expect(JSON.parse(readFileSync(relOut, 'utf8'))).toEqual({
      text: 'Ann works at Acme',
      entities: [{ id: 1, label: 'PER', start_offset: 0, end_offset: 3 }, { id: 2, label: 'ORG', start_offset: 13, end_offset: 17 }],
      relations: [{ id: 1, from_id: 1, to_id: 2, type: 'works_for' }],
    });
    expect(essence(await readDoccano(relOut))).toEqual(essence(rel));
  });

  it('refuses bad input, naming the file, line and field', async () => {
    await expect(readDoccano(file('bad.jsonl', [JSON.stringify({ text: 'a', label: [] }), JSON.stringify({ text: 'b', label: [] }), '{"text": "c", "label": [}']))).rejects.toMatchObject({
      code: 'invalid-input',
      where: { file: expect.stringMatching(/bad\.jsonl$/), line: 3 },
      message: expect.stringMatching(/line 3: not valid JSON/),
    });
    await expect(readDoccano(file('order.jsonl', jsonl([{ text: '😀 Bob', label: [[4, 2, 'PER']] }])))).rejects.toMatchObject({
      where: { line: 1, field: 'label.0' },
      message: expect.stringContaining('span 4–2 must start at 0 or later and end after it starts'),
    });
    // What doccano's own files do is read and reported, not refused: spans past the end of the
    // text (kept to be written back), a repeated id (kept; the task gets its own), a record with no text (left out).
    const past = await readDoccano(file('past.jsonl', jsonl([{ text: '😀 Bob', label: [[2, 5, 'PER']] }, { text: '😀 Bob', label: [[2, 6, 'PER']] }])));
    expect(past.warnings).toEqual([expect.stringMatching(/spans past the end of their text are kept in the file as they are.*line 2/)]);
    const dup = await readDoccano(file('dup.jsonl', jsonl([{ id: 1, text: 'a', label: ['x'] }, { id: 1, text: 'b', label: ['x'] }])));
    expect(dup.tasks.map((t) => t.task.id)).toEqual(['1', 't1']);
    expect(dup.warnings).toEqual([expect.stringMatching(/ids used by more than one record are kept.*line 2, id 1/)]);
    expect((await readDoccano(file('notext.jsonl', jsonl([{ label: ['x'] }, { text: 'y', label: ['x'] }])))).warnings).toEqual([expect.stringMatching(/a record with no "text".*line 1/)]);
    await expect(readDoccano(file('array.jsonl', ['[1, 2]']))).rejects.toThrow(/line 1: each record must be a JSON object/);
    await expect(readDoccano(file('badrel.jsonl', jsonl([{ text: 'Ann', entities: [{ id: 1, label: 'PER', start_offset: 0, end_offset: 3 }], relations: [{ from_id: 1, to_id: 5, type: 'r' }] }])))).rejects.toMatchObject({
      where: { line: 1, field: 'relations.0' },
      message: expect.stringContaining('relation names entity 5'),
    });
    await expect(readDoccano(file('nolabels.jsonl', jsonl([{ text: 'plain' }])))).rejects.toThrow(/found no labels/);
  });
});

describe('Prodigy', () => {
  const rows = [
    // ner.manual by two annotators: one question (same _task_hash), two annotations.
    { text: '😀 Bob met Ann', spans: [{ start: 2, end: 5, label: 'PERSON', token_start: 1, token_end: 1 }, { start: 10, end: 13, label: 'PERSON', token_start: 3, token_end: 3 }], tokens: [], _input_hash: 11, _task_hash: 12, _view_id: 'ner_manual', answer: 'accept', _annotator_id: 'news-alex', _session_id: 'news-alex', meta: { source: 'chat' } },
    { text: '😀 Bob met Ann', spans: [{ start: 2, end: 5, label: 'PERSON' }], _input_hash: 11, _task_hash: 12, answer: 'accept', _session_id: 'news-sam' },
    // ner.teach: a rejected suggestion and an ignored one leave no annotation but keep the answer.
    { text: 'Apple fell', spans: [{ start: 0, end: 5, label: 'ORG' }], _input_hash: 21, _task_hash: 22, answer: 'reject', _annotator_id: 'news-alex' },
    { text: 'Hard to say', _input_hash: 31, _task_hash: 32, answer: 'ignore' },
    // No answer: a model's suggestion, read as a prediction.
    { text: 'Paris is nice', spans: [{ start: 0, end: 5, label: 'GPE' }], meta: { score: 0.75 }, _input_hash: 41, _task_hash: 42 },
  ];

  it('reads accepted rows as annotations, rejected and ignored ones as skips with their reason, unanswered ones as predictions', async () => {
    const set = await readProdigy(file('ner.jsonl', jsonl(rows)));
    expect(set.format).toBe('prodigy');
    // Every row is kept with its task, so the writer can give it back as it was.
    const question = (t: { task: Task }) => {
      const { rows: kept, ...rest } = t.task.meta!.prodigy as Record<string, unknown>;
      return { id: t.task.id, text: t.task.data.text, meta: { ...t.task.meta, prodigy: rest }, rows: (kept as unknown[]).length };
    };
    expect(set.tasks.map(question)).toEqual([
      { id: 't1', text: '😀 Bob met Ann', meta: { source: 'chat', prodigy: { _input_hash: 11, _task_hash: 12, _view_id: 'ner_manual' } }, rows: 2 },
      { id: 't2', text: 'Apple fell', meta: { prodigy: { _input_hash: 21, _task_hash: 22 } }, rows: 1 },
      { id: 't3', text: 'Hard to say', meta: { prodigy: { _input_hash: 31, _task_hash: 32 } }, rows: 1 },
      { id: 't4', text: 'Paris is nice', meta: { score: 0.75, prodigy: { _input_hash: 41, _task_hash: 42 } }, rows: 1 },
    ]);
    expect(spansOf(set, 0)).toEqual([['PERSON', 'Bob', 2, 5], ['PERSON', 'Ann', 10, 13]]);
    expect(set.tasks[0]!.annotations.map((a) => [a.kind, a.annotator])).toEqual([['annotation', 'news-alex'], ['annotation', 'news-sam']]);
    // Was: no annotation at all for reject and ignore, so a lead lost every one of them.
    expect(set.tasks[1]!.annotations).toEqual([{ annotator: 'news-alex', kind: 'annotation', answer: [], status: 'skipped', skipReason: 'reject' }]);
    expect(set.tasks[2]!.annotations).toEqual([{ annotator: null, kind: 'annotation', answer: [], status: 'skipped', skipReason: 'ignore' }]);
    expect(set.tasks[3]!.annotations).toEqual([
      { annotator: null, kind: 'prediction', score: 0.75, answer: [{ kind: 'spans', controlId: 'entities', relations: [], spans: [{ id: 's1', start: 0, end: 5, label: 'GPE' }] }] },
    ]);
    expect(labelNames(set.labelConfig).map(([id]) => id)).toEqual(['PERSON', 'ORG', 'GPE']);
  });

  it('reads choice options (with their text as names) and binary rows as a question that says yes or no', async () => {
    const set = await readProdigy(
      file('cats.jsonl', jsonl([
        { text: 'Goal!', options: [{ id: 'SPORTS', text: 'Sports ⚽' }, { id: 'POLITICS', text: 'Politics' }, { id: 'ECONOMY', html: '<b>Economy</b> &amp; more' }], accept: ['SPORTS', 'ECONOMY'], answer: 'accept' },
        { text: 'Vote now', label: 'POLITICS', answer: 'accept', _task_hash: 5 },
        { text: 'Rates up', label: 'SPORTS', answer: 'reject', _task_hash: 6 },
        { text: 'Hmm', label: 'SPORTS', answer: 'ignore', _task_hash: 7 },
      ])),
    );
    // Mixed kinds of row: each task answers one of the questions, so none is required.
    expect(set.labelConfig.controls).toEqual([
      expect.objectContaining({ id: 'category', kind: 'choices', multiple: true, required: false, labels: [
        { id: 'SPORTS', name: 'Sports ⚽', color: '#e03131', hotkey: '1' },
        { id: 'POLITICS', name: 'Politics', color: '#1971c2', hotkey: '2' },
        { id: 'ECONOMY', name: 'Economy & more', color: '#2f9e44', hotkey: '3' },
      ] }),
      expect.objectContaining({ id: 'label', kind: 'choices', multiple: false, required: false, labels: [
        expect.objectContaining({ id: 'POLITICS', name: 'POLITICS' }),
        expect.objectContaining({ id: 'not-POLITICS', name: 'not POLITICS' }),
        expect.objectContaining({ id: 'SPORTS', name: 'SPORTS' }),
        expect.objectContaining({ id: 'not-SPORTS', name: 'not SPORTS' }),
      ] }),
    ]);
    expect(set.tasks.map((t) => t.annotations.map((a) => [a.status ?? 'submitted', a.answer]))).toEqual([
      [['submitted', [{ kind: 'choices', controlId: 'category', labels: ['SPORTS', 'ECONOMY'] }]]],
      [['submitted', [{ kind: 'choices', controlId: 'label', labels: ['POLITICS'] }]]],
      // Was: a reject left no answer, and the one-option question could not say "not SPORTS".
      [['submitted', [{ kind: 'choices', controlId: 'label', labels: ['not-SPORTS'] }]]],
      [['skipped', []]],
    ]);
  });

  it('round-trips: unchanged rows byte for byte, every annotator a row; one final answer leaves the others out, saying so', async () => {
    const path = file('ner.jsonl', jsonl(rows));
    const set = await readProdigy(path);
    const all = exportInput(
      set.labelConfig,
      set.tasks.map(({ task, annotations }) => ({
        task, answer: null, annotator: null,
        answers: annotations.filter((a) => a.kind === 'annotation').map((a) => ({ annotator: a.annotator ?? 'prodigy', status: a.status ?? 'submitted', answer: a.answer, skipReason: a.skipReason ?? null, submittedAt: '2026-01-01T00:00:00Z' })),
      })),
    );
    const allOut = out('all.jsonl');
    expect(await writeProdigy(all, allOut)).toEqual({ rows: 5, files: [allOut] });
    expect(readFileSync(allOut, 'utf8')).toBe(readFileSync(path, 'utf8'));

    const firstOut = out('first.jsonl');
    const firstSubmitted = exportInput(set.labelConfig, set.tasks.map(({ task, annotations }) => {
      const first = annotations.find((a) => a.kind === 'annotation' && a.status !== 'skipped');
      return { task, answer: first?.answer ?? null, annotator: first?.annotator ?? null };
    }));
    const outcome = await writeProdigy(firstSubmitted, firstOut);
    expect(outcome.warnings).toEqual([
      "answers of other people in the file are not written (export with the final choice 'all' to keep every answer) (task t1)",
      "tasks without a final answer are written as input rows, without the answer the file had (2 times: task t2, task t3)",
    ]);
    const lines = readFileSync(firstOut, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual(rows[0]);
    expect(lines[1]).toEqual({ text: 'Apple fell', spans: [{ start: 0, end: 5, label: 'ORG' }], _input_hash: 21, _task_hash: 22 });
    const again = await readProdigy(firstOut);
    expect(spansOf(again, 0)).toEqual([['PERSON', 'Bob', 2, 5], ['PERSON', 'Ann', 10, 13]]);

    // A task made in Loupe gets a new row in Prodigy's shape.
    const cats = await readProdigy(file('cats.jsonl', jsonl([{ text: 'Goal!', options: [{ id: 'SPORTS', text: 'Sports' }, { id: 'NEWS', text: 'News' }], accept: ['SPORTS', 'NEWS'], answer: 'accept' }])));
    const catsOut = out('cats.jsonl');
    const fresh = { ...cats.tasks[0]!.task, meta: {} };
    await writeProdigy(exportInput(cats.labelConfig, [{ task: fresh, answer: cats.tasks[0]!.annotations[0]!.answer, annotator: 'ann' }]), catsOut);
    expect(JSON.parse(readFileSync(catsOut, 'utf8'))).toEqual({
      id: 't1',
      text: 'Goal!',
      options: [{ id: 'SPORTS', text: 'Sports' }, { id: 'NEWS', text: 'News' }],
      config: { choice_style: 'multiple' },
      accept: ['SPORTS', 'NEWS'],
      answer: 'accept',
      _annotator_id: 'ann',
    });
    const catsAgain = await readProdigy(catsOut);
    expect(catsAgain.tasks[0]!.annotations.map((a) => a.answer)).toEqual(cats.tasks[0]!.annotations.map((a) => a.answer));
    expect(catsAgain.labelConfig).toEqual(cats.labelConfig);
  });

  it('writes a task without an answer as input carrying its first prediction as suggestions', async () => {
    const config = labelConfigSchema.parse({ version: 1, data: 'text', controls: [{ id: 'ner', kind: 'spans', labels: [{ id: 'PER', name: 'Person', color: '#112233' }] }] });
    const task: Task = {
      id: 'p1',
      data: { text: '😀 Ann' },
      predictions: [{ model: 'm', modelVersion: '1', result: [{ kind: 'spans', controlId: 'ner', spans: [{ id: 'a', start: 2, end: 5, label: 'PER' }], relations: [] }] }],
    };
    const path = out('suggest.jsonl');
    await writeProdigy(exportInput(config, [{ task, answer: null, annotator: null }]), path, { labelAs: 'name' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ id: 'p1', text: '😀 Ann', spans: [{ start: 2, end: 5, label: 'Person' }] });
    const again = await readProdigy(path);
    expect(again.tasks[0]!.annotations).toEqual([{ annotator: null, kind: 'prediction', answer: [{ kind: 'spans', controlId: 'entities', relations: [], spans: [{ id: 's1', start: 2, end: 5, label: 'Person' }] }] }]);
  });

  it('refuses bad input, naming the file, line and field', async () => {
    await expect(readProdigy(file('bad.jsonl', [JSON.stringify(rows[0]), JSON.stringify(rows[2]), '{"text": "x", answer: "accept"}']))).rejects.toMatchObject({ where: { line: 3 }, message: expect.stringMatching(/bad\.jsonl, line 3: not valid JSON/) });
    await expect(readProdigy(file('answer.jsonl', jsonl([{ text: 'x', answer: 'maybe' }])))).rejects.toMatchObject({ where: { line: 1, field: 'answer' } });
    await expect(readProdigy(file('span.jsonl', jsonl([{ text: 'Ann', spans: [{ start: 0, end: 3, label: 'PER' }, { start: 3, end: 1, label: 'PER' }], answer: 'accept' }])))).rejects.toMatchObject({ where: { line: 1, field: 'spans.1' } });
    await expect(readProdigy(file('image.jsonl', jsonl([{ image: 'a.png', answer: 'accept' }])))).rejects.toThrow(/line 1, field text: needs a "text" string/);
  });
});

describe('dataset writers', () => {
  const config = labelConfigSchema.parse({
    version: 1,
    data: 'text',
    controls: [
      { id: 'tags', kind: 'choices', multiple: true, labels: [{ id: 'pos', name: 'Positive', color: '#112233' }, { id: 'urgent', name: 'Urgent', color: '#445566' }] },
      { id: 'ner', kind: 'spans', labels: [{ id: 'PER', name: 'Person', color: '#112233' }] },
      { id: 'quality', kind: 'rubric', rubricVersion: 'v1', dimensions: [{ id: 'clarity', name: 'Clarity', scale: [{ value: 1, label: 'Poor' }, { value: 2, label: 'Good' }] }] },
      { id: 'note', kind: 'textarea', required: false },
      { id: 'check', kind: 'checklist', constraints: [{ id: 'c1', text: 'Is polite' }] },
    ],
  });
  const tricky = 'Hi, "Ann"\nsecond line 😀';
  const answer: Answer = [
    { kind: 'choices', controlId: 'tags', labels: ['pos', 'urgent'] },
    { kind: 'spans', controlId: 'ner', spans: [{ id: 's1', start: 5, end: 8, label: 'PER' }], relations: [] },
    { kind: 'rubric', controlId: 'quality', scores: { clarity: 2 } },
    { kind: 'textarea', controlId: 'note', text: 'see, "this"' },
    { kind: 'checklist', controlId: 'check', items: { c1: { verdict: 'pass' } } },
  ];
  const rows: FinalRow[] = [
    { task: { id: 'a', data: { text: tricky }, meta: { batch: 2 } }, answer, annotator: 'ada' },
    { task: { id: 'b', data: { text: 'plain' } }, answer: null, annotator: null },
  ];

  it('writes CSV with one flattened column per question, quoted so commas, quotes and newlines survive', async () => {
    const path = out('dataset.csv');
    const progress: [number, number][] = [];
    expect(await writeCsvDataset({ ...exportInput(config, rows), onProgress: (done, total) => progress.push([done, total]) }, path)).toEqual({ rows: 2, files: [path] });
    expect(progress).toEqual([[2, 2]]);
    const records = parseCsv(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(['id', 'text', 'tags', 'ner', 'quality.clarity', 'note', 'check', 'annotator']);
    expect(records).toEqual([
      { id: 'a', text: tricky, tags: 'pos|urgent', ner: '[[5,8,"PER"]]', 'quality.clarity': '2', note: 'see, "this"', check: '{"items":{"c1":{"verdict":"pass"}}}', annotator: 'ada' },
      { id: 'b', text: 'plain', tags: '', ner: '', 'quality.clarity': '', note: '', check: '', annotator: '' },
    ]);
  });

  it('writes CSV for image and conversation packs: asset name, prompt and responses, pairwise columns, boxes', async () => {
    const imageConfig = labelConfigSchema.parse({ version: 1, data: 'image', controls: [{ id: 'objects', kind: 'boxes', labels: [{ id: 'car', name: 'Car', color: '#112233' }] }] });
    const imagePath = out('images.csv');
    await writeCsvDataset(
      exportInput(imageConfig, [{ task: { id: 'i1', data: { image: 'assets/street.png' } }, answer: [{ kind: 'boxes', controlId: 'objects', boxes: [{ id: 'b1', x: 1, y: 2, width: 3, height: 4, label: 'car' }] }], annotator: 'bo' }]),
      imagePath,
    );
    expect(parseCsv(readFileSync(imagePath, 'utf8'), { columns: true })).toEqual([{ id: 'i1', image: 'street.png', objects: '[{"label":"car","x":1,"y":2,"width":3,"height":4}]', annotator: 'bo' }]);

    const pairConfig = labelConfigSchema.parse({
      version: 1,
      data: 'conversation',
      controls: [{ id: 'pref', kind: 'pairwise', strength: [{ value: 1, label: 'Slightly' }, { value: 2, label: 'Much' }], dimensions: [{ id: 'honesty', name: 'Honesty' }] }],
    });
    const task: Task = { id: 'c1', data: { prompt: [{ role: 'user', content: 'Hi, you?' }], responses: [{ id: 'r1', content: 'Hello' }, { id: 'r2', content: 'Yo' }] } };
    const pairPath = out('pairs.csv');
    await writeCsvDataset(exportInput(pairConfig, [{ task, answer: [{ kind: 'pairwise', controlId: 'pref', choice: 'A', strength: 2, dimensions: { honesty: 'tie' }, justification: 'More polite, "warmer"' }], annotator: 'cy' }]), pairPath);
    expect(parseCsv(readFileSync(pairPath, 'utf8'), { columns: true })).toEqual([
      {
        id: 'c1',
        prompt: JSON.stringify(task.data.prompt),
        responses: JSON.stringify(task.data.responses),
        'pref.choice': 'A',
        'pref.strength': '2',
        'pref.justification': 'More polite, "warmer"',
        'pref.honesty': 'tie',
        annotator: 'cy',
      },
    ]);
  });

  it('writes a person in the annotator column by name and id, never the id alone', async () => {
    const path = out('named.csv');
    await writeCsvDataset(exportInput(config, [{ ...rows[0]!, annotator: 'local-8f2c', annotatorName: 'Ada Lovelace' }, { ...rows[1]!, answer, annotator: 'majority' }]), path);
    const records = parseCsv(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.annotator)).toEqual(['Ada Lovelace (local-8f2c)', 'majority']);
  });

  it('refuses a CSV whose question id clashes with a fixed column, and leaves no file behind', async () => {
    const clash = labelConfigSchema.parse({ version: 1, data: 'text', controls: [{ id: 'text', kind: 'textarea' }] });
    const path = out('clash.csv');
    await expect(writeCsvDataset(exportInput(clash, rows), path)).rejects.toThrow('two columns would both be called "text"');
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });

  it('writes Loupe JSONL: each task as it is with its final answer and annotator, batch by batch', async () => {
    const path = out('dataset.jsonl');
    const progress: [number, number][] = [];
    const batched: ExportInput = {
      labelConfig: config,
      rows: async function* () {
        for (const row of rows) yield [row];
      },
      imagePath: () => null,
      onProgress: (done, total) => progress.push([done, total]),
      total: rows.length,
    };
    expect(await writeLoupeJsonl(batched, path)).toEqual({ rows: 2, files: [path] });
    expect(progress).toEqual([[1, 2], [2, 2]]);
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'a', data: { text: tricky }, meta: { batch: 2 }, answer, annotator: 'ada' },
      { id: 'b', data: { text: 'plain' }, answer: null, annotator: null },
    ]);
  });
});
