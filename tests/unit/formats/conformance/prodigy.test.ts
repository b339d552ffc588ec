/**
 * Prodigy JSONL conformance: the real `db-out` files in ../shared/fixtures/interop/prodigy imported
 * as a lead would (every person's answer, skips included, as theirs), exported with the final
 * choice `all`, read back. Counts of accept / reject / ignore and of spans must match the source
 * file exactly, every row must come back as it was (byte for byte where the answer is unchanged),
 * and an answer changed in Loupe must change only the fields that say it.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PRODIGY_BINARY_CONTROL, PRODIGY_CHOICES_CONTROL, PRODIGY_SPANS_CONTROL } from '../../../../electron/core/formats/interop/prodigy';
import { comparableSet, describeInterop, fixture, roundTrip } from './kit';

type Row = Record<string, unknown>;
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
const rowsOf = (path: string) => lines(path).map((l) => JSON.parse(l) as Row);

/** What the file says, counted: answers, spans, rows without spans. */
function tally(rows: readonly Row[]) {
  const count = (answer: string) => rows.filter((r) => r.answer === answer).length;
  return {
    rows: rows.length,
    accept: count('accept'),
    reject: count('reject'),
    ignore: count('ignore'),
    spans: rows.reduce((n, r) => n + (Array.isArray(r.spans) ? r.spans.length : 0), 0),
  };
}

const FILES = [
  { file: 'textcat_binary.jsonl', expected: { rows: 500, accept: 90, reject: 352, ignore: 58, spans: 0 } },
  { file: 'ner_manual_spans.jsonl', expected: { rows: 373, accept: 372, reject: 0, ignore: 1, spans: 303 } },
  { file: 'choice_options_accept.jsonl', expected: { rows: 30, accept: 30, reject: 0, ignore: 0, spans: 30 } },
];

describeInterop('Prodigy JSONL: real db-out files', () => {
  for (const { file, expected } of FILES) {
    it(`${file}: every answer lands and goes back byte for byte`, async () => {
      const path = fixture('prodigy', file);
      const source = lines(path);
      expect(tally(rowsOf(path))).toEqual(expected);

      const trip = await roundTrip('prodigy', path, { annotationsAs: 'answers', final: 'all' });
      // Every row is a person's answer (submitted, or skipped for ignore), none dropped at import.
      expect(trip.created.answers).toBe(expected.accept + expected.reject + expected.ignore);
      const annotations = trip.read.source.tasks.flatMap((t) => t.annotations);
      expect(annotations.filter((a) => a.status === 'skipped').map((a) => a.skipReason)).toEqual(Array<string>(expected.ignore).fill('ignore'));

      // The export (exportProject, final `all`) is the file: same rows, same order, same bytes.
      const exported = lines(trip.exported.path);
      expect(trip.exported.warnings ?? []).toEqual([]);
      expect(exported.length).toBe(source.length);
      exported.forEach((l, i) => expect(l, `line ${i + 1}`).toBe(source[i]));
      expect(tally(rowsOf(trip.exported.path))).toEqual(expected);
      expect(comparableSet(trip.reread.source)).toEqual(comparableSet(trip.read.source));
    });
  }

  for (const { file, expected } of FILES) {
    it(`${file}: as gold (one answer per task), answered rows go back byte for byte, skips are warned`, async () => {
      const path = fixture('prodigy', file);
      const source = lines(path);
      const trip = await roundTrip('prodigy', path, { annotationsAs: 'gold', final: 'majority' });
      expect(trip.created.gold).toBe(expected.accept + expected.reject);
      const exported = lines(trip.exported.path);
      expect(exported.length).toBe(source.length);
      exported.forEach((l, i) => {
        const row = JSON.parse(source[i]!) as Row;
        if (row.answer !== 'ignore') expect(l, `line ${i + 1}`).toBe(source[i]);
        else {
          const { answer: _a, ...input } = row;
          expect(JSON.parse(l), `line ${i + 1}`).toEqual(input);
        }
      });
      const warned = expected.ignore === 0 ? [] : [expect.stringContaining(`without the answer the file had (${expected.ignore > 1 ? `${expected.ignore} times` : 'task'}`)];
      expect(trip.exported.warnings ?? []).toEqual(warned);
    });
  }

  it('textcat_binary.jsonl: a binary question that can say yes or no, skips as ignore', async () => {
    const trip = await roundTrip('prodigy', fixture('prodigy', 'textcat_binary.jsonl'), { annotationsAs: 'answers', final: 'all' });
    const { labelConfig, tasks } = trip.read.source;
    expect(labelConfig.controls).toEqual([expect.objectContaining({ id: PRODIGY_BINARY_CONTROL, kind: 'choices', title: 'INSULT?', required: true, labels: [expect.objectContaining({ name: 'INSULT' }), expect.objectContaining({ name: 'not INSULT' })] })]);
    const picked = tasks.flatMap((t) => t.annotations.flatMap((a) => (a.status === 'skipped' ? ['skipped'] : a.answer.flatMap((r) => (r.kind === 'choices' ? r.labels : [])))));
    const counts = Object.fromEntries([...new Set(picked)].map((k) => [k, picked.filter((p) => p === k).length]));
    expect(counts).toEqual({ INSULT: 90, 'not-INSULT': 352, skipped: 58 });
    // Two rows share a _task_hash ("Thank you!" in two subreddits): the same person twice, so two tasks.
    expect(tasks.length).toBe(500);
  });

  it('ner_manual_spans.jsonl: spans with their own fields, rows without spans answered "nothing here"', async () => {
    const trip = await roundTrip('prodigy', fixture('prodigy', 'ner_manual_spans.jsonl'), { annotationsAs: 'answers', final: 'all' });
    const { labelConfig, tasks } = trip.read.source;
    expect(labelConfig.controls).toEqual([expect.objectContaining({ id: PRODIGY_SPANS_CONTROL, kind: 'spans', snapToTokens: false })]);
    const submitted = tasks.flatMap((t) => t.annotations.filter((a) => a.status !== 'skipped'));
    const empty = submitted.filter((a) => a.answer.some((r) => r.kind === 'spans' && r.spans.length === 0 && r.none === true));
    expect(empty.length).toBe(151);
    const spans = submitted.flatMap((a) => a.answer.flatMap((r) => (r.kind === 'spans' ? r.spans : [])));
    expect(spans.length).toBe(303);
    expect(spans.every((s) => s.extras?.prodigy && typeof s.extras.prodigy.token_start === 'number')).toBe(true);
    expect(trip.read.warnings).toEqual([expect.stringContaining("spans follow the file's own tokens")]);
  });

  it('choice_options_accept.jsonl: html options as a choices question, the mention span kept, not asked', async () => {
    const trip = await roundTrip('prodigy', fixture('prodigy', 'choice_options_accept.jsonl'), { annotationsAs: 'answers', final: 'all' });
    const { labelConfig, tasks } = trip.read.source;
    expect(labelConfig.controls).toEqual([expect.objectContaining({ id: PRODIGY_CHOICES_CONTROL, kind: 'choices', multiple: false })]);
    const control = labelConfig.controls[0]!;
    expect('labels' in control && control.labels.find((l) => l.id === 'Q312545')?.name).toBe('Q312545: Australian tennis player');
    expect(tasks[0]!.annotations[0]!.answer).toEqual([{ kind: 'choices', controlId: PRODIGY_CHOICES_CONTROL, labels: ['Q312545'] }]);
  });

  it('an answer changed in Loupe rewrites only what says the answer', async () => {
    const path = fixture('prodigy', 'ner_manual_spans.jsonl');
    const source = rowsOf(path);
    const trip = await roundTrip('prodigy', path, { annotationsAs: 'answers', final: 'all' });
    // Re-export under "majority" with a changed gold is the lead's path; here the writer is fed directly.
    const { writeProdigy } = await import('../../../../electron/core/formats/interop/prodigy');
    const { tasks, labelConfig } = trip.read.source;
    const first = tasks[0]!;
    const answer = first.annotations[0]!.answer.map((r) => (r.kind === 'spans' ? { ...r, spans: [...r.spans.slice(1), { id: 'n1', start: 7, end: 13, label: r.spans[0]!.label }] } : r));
    const out = `${trip.dir}/changed.jsonl`;
    await writeProdigy(
      {
        labelConfig,
        total: 2,
        imagePath: () => null,
        rows: async function* () {
          yield [
            { task: first.task, answer: null, annotator: null, answers: [{ annotator: 'prodigy', status: 'submitted', answer, skipReason: null, submittedAt: '2026-12-01T09:00:00Z' }] },
            { task: tasks[1]!.task, answer: null, annotator: null, answers: [{ annotator: 'prodigy', status: 'skipped', answer: [], skipReason: 'unclear', submittedAt: '2026-12-01T09:00:00Z' }] },
          ];
        },
      },
      out,
    );
    const [changed, skipped] = rowsOf(out);
    const { spans: _s, ...rest } = changed!;
    const { spans: sourceSpans, ...sourceRest } = source[0]!;
    expect(rest).toEqual(sourceRest);
    expect(Object.keys(changed!)).toEqual(Object.keys(source[0]!));
    // The unmoved span keeps its own fields; the new one gets tokens from the row's own tokens.
    expect(changed!.spans).toEqual([(sourceSpans as Row[])[1], { start: 7, end: 13, token_start: 2, token_end: 2, label: 'ORG' }]);
    expect(skipped).toEqual({ ...source[1], answer: 'ignore' });
  });
});
