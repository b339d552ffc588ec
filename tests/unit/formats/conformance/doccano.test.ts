/**
 * doccano's own files (its stock examples in the 1.x and current schemas, a flair test file in the
 * 1.2-era `data` schema) imported as a lead would, exported again, read back: every record comes
 * back as it was, byte for byte, and what cannot be shown (a record with no text, spans past the
 * end of their text) is reported. Then a property: export → import → export is byte-identical on
 * generated projects.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDoccano, writeDoccano } from '../../../../electron/core/formats/interop/doccano';
import type { ExportInput, FinalRow, SourceSet } from '../../../../electron/core/formats/interop/types';
import { tempDir } from '../../helpers/fixtures';
import { comparableSet, describeInterop, fixture, roundTrip } from './kit';

const read = (path: string) => readFileSync(path, 'utf8');
const lines = (path: string) => read(path).split('\n').filter((l) => l.trim() !== '');

/** Each fixture, how a lead imports it, and what the import must report. */
const FILES: Array<{ file: string; annotationsAs: 'gold' | 'answers'; final: 'majority' | 'all'; tasks: number; answered: number; warns?: RegExp[] }> = [
  { file: 'data_key_label_spans.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 5, answered: 5, warns: [/ids used by more than one record/] },
  { file: 'intent_detection.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 2, answered: 2 },
  { file: 'relation_extraction_pretty.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 1, answered: 1 },
  { file: 'sequence_labeling_with_meta.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 2, answered: 2, warns: [/a record with no "text" has nothing to label and was left out \(line 3\)/] },
  { file: 'text_classification.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 3, answered: 3 },
  { file: 'v1_sequence_labeling.jsonl', annotationsAs: 'answers', final: 'all', tasks: 3, answered: 3 },
  { file: 'v1_sequence_labeling_labels_key.jsonl', annotationsAs: 'gold', final: 'majority', tasks: 3, answered: 3, warns: [/spans past the end of their text are kept/] },
  { file: 'v1_text_classification.jsonl', annotationsAs: 'answers', final: 'all', tasks: 3, answered: 3 },
  { file: 'v1_text_classification_fasttext.txt', annotationsAs: 'gold', final: 'majority', tasks: 2, answered: 2 },
];

describeInterop('doccano: real files', () => {
  for (const { file, annotationsAs, final, tasks, answered, warns = [] } of FILES) {
    it(`${file}: imports as it stands and comes back byte for byte`, async () => {
      const source = fixture('doccano', file);
      const trip = await roundTrip('doccano', source, { annotationsAs, final });
      expect(trip.created.tasks).toBe(tasks);
      expect(trip.created.gold + trip.created.answers > 0 || answered === 0).toBe(true);
      for (const warning of warns) expect(trip.read.warnings.join('\n')).toMatch(warning);
      if (warns.length === 0) expect(trip.read.warnings).toEqual([]);
      expect(trip.exported.warnings).toEqual([]);
      expect(comparableSet(trip.reread.source)).toEqual(comparableSet(trip.read.source));
      // Records left out on import (no text) are the only difference from the source.
      const kept = lines(source).length === tasks ? read(source) : null;
      // Written as doccano writes (json.dumps spacing): byte for byte, except a hand-spaced file, which comes back as equal JSON.
      if (file.endsWith('labels_key.jsonl')) expect(lines(trip.exported.path).map((l) => JSON.parse(l))).toEqual(lines(source).map((l) => JSON.parse(l)));
      else if (kept !== null && !file.includes('pretty')) expect(read(trip.exported.path)).toBe(kept.endsWith('\n') ? kept : `${kept}\n`);
      else if (file.includes('pretty')) expect(JSON.parse(read(trip.exported.path))).toEqual(JSON.parse(read(source)));
      else expect(lines(trip.exported.path)).toEqual(lines(source).filter((l) => JSON.parse(l).text !== undefined));
    });
  }

  it('reads doccano 1.x with one annotator per user and integer labels kept as integers', async () => {
    const set = await readDoccano(fixture('doccano', 'v1_sequence_labeling.jsonl'));
    expect(set.tasks.map((t) => t.annotations.map((a) => a.annotator))).toEqual([['1'], ['1'], ['1']]);
    expect(set.labelConfig.controls[0]).toMatchObject({ kind: 'spans', labels: [{ id: '2', name: '2' }, { id: '1', name: '1' }] });
  });

  it('keeps "no entities" as an answer through a project and back', async () => {
    const trip = await roundTrip('doccano', fixture('doccano', 'sequence_labeling_with_meta.jsonl'));
    const gold = await trip.store.goldAnswers(trip.projectId);
    expect([...gold.values()].map((a) => a[0])).toContainEqual(expect.objectContaining({ kind: 'spans', spans: [], none: true }));
    expect(lines(trip.exported.path)[1]).toBe('{"text": "exampleB", "label": [], "meta": {"wikiPageID": 2}}');
  });
});

describe('doccano: a changed answer is written in the record\'s own shape', () => {
  it('writes 1.x annotations per user, a pretty record pretty, and an unanswered task with no label key', async () => {
    const dir = tempDir('loupe-doccano-');
    const path = join(dir, 'v1.jsonl');
    writeFileSync(path, '{"id": 1, "text": "Ann met Bob", "annotations": [{"id": 7, "label": 2, "start_offset": 0, "end_offset": 3, "user": 1}]}\n{"id": 2, "text": "Nobody"}\n');
    const set = await readDoccano(path);
    const [first, second] = set.tasks;
    const moved = exportOf(set, [
      { task: first!.task, answer: [{ kind: 'spans', controlId: 'entities', spans: [{ id: 's1', start: 0, end: 3, label: '2', extras: { doccano: { id: 7 } } }, { id: 'n', start: 8, end: 11, label: '2' }], relations: [] }], annotator: 'x' },
      { task: second!.task, answer: null, annotator: null },
    ]);
    const out = join(dir, 'out.jsonl');
    await writeDoccano(moved, out);
    expect(read(out)).toBe(
      '{"id": 1, "text": "Ann met Bob", "annotations": [{"id": 7, "label": 2, "start_offset": 0, "end_offset": 3, "user": 1}, {"label": 2, "start_offset": 8, "end_offset": 11, "user": 1}]}\n{"id": 2, "text": "Nobody"}\n',
    );
  });
});

function exportOf(set: SourceSet, rows: FinalRow[]): ExportInput {
  return { labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length };
}

/** Generated doccano sequence-labelling files: texts of words, spans on word boundaries, some empty lists, some unlabelled. */
const records = fc.array(
  fc.record({
    words: fc.array(fc.constantFrom('Ann', 'Bob', 'Zürich', 'met', 'in', '😀', 'Acme', 'works'), { minLength: 1, maxLength: 8 }),
    marks: fc.array(fc.tuple(fc.nat(7), fc.constantFrom('PER', 'LOC', 'ORG', 'Named Thing')), { maxLength: 3 }),
    labelled: fc.boolean(),
    extra: fc.option(fc.record({ source: fc.string({ maxLength: 6 }) }), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe('doccano: export → import → export', () => {
  it('is byte-identical on generated files', async () => {
    const dir = tempDir('loupe-doccano-prop-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(records, async (generated) => {
        n += 1;
        const body = generated.map((r, i) => {
          const starts: number[] = [];
          let at = 0;
          for (const w of r.words) {
            starts.push(at);
            at += [...w].length + 1;
          }
          const used = new Set<number>();
          const label = r.marks.filter(([w]) => w < r.words.length && !used.has(w) && used.add(w)).map(([w, l]) => [starts[w]!, starts[w]! + [...r.words[w]!].length, l]);
          return JSON.stringify({ id: i + 1, text: r.words.join(' '), ...(r.labelled || label.length > 0 ? { label } : {}), ...(r.extra ? { meta: r.extra } : {}) });
        });
        // A file with no label at all implies no question: refused, rightly, as the readers' own tests check.
        if (!generated.some((r) => r.marks.some(([w]) => w < r.words.length))) return;
        const source = join(dir, `g${n}.jsonl`);
        writeFileSync(source, `${body.join('\n')}\n`);
        const first = await roundTrip('doccano', source);
        const second = await roundTrip('doccano', first.exported.path);
        expect(read(second.exported.path)).toBe(read(first.exported.path));
        expect(comparableSet(first.reread.source)).toEqual(comparableSet(first.read.source));
      }),
      { numRuns: 30 },
    );
  });
});
