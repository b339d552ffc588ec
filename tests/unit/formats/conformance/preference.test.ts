/**
 * Preference data (reward model / DPO) through a lead's import and export: every real file of the
 * fixture folder and a sample of each other dialect as its dataset publishes it. Import (the
 * row's choice as gold), export `preference`, read back: the same tasks and answers, and the
 * exported file is the source byte for byte. A flipped choice exchanges only the chosen and
 * rejected values (and their twins); ties and unanswered tasks are left out with a warning. Every
 * export is loaded by Hugging Face `datasets`, which must see the source's columns and rows.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPreference, writePreference, preferenceMetaOf } from '../../../../electron/core/formats/interop/preference';
import type { FinalRow, SourceSet } from '../../../../electron/core/formats/interop/types';
import { exportProject } from '../../../../electron/core/projects/exportProject';
import { LoupeError } from '../../../../shared/errors';
import type { Answer, Task } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';
import { describeInterop, fixture, importAsLead, itWithReference, roundTrip, runPython } from './kit';
import { SAMPLES } from './preferenceSamples';

const FIXTURES = [
  { file: 'llamafactory_v1_dpo_messages.jsonl', dialect: 'llamafactory', rows: 10, warnings: [] as RegExp[] },
  { file: 'medicalgpt_toolcall_dpo_sharegpt.jsonl', dialect: 'sharegpt', rows: 11, warnings: [/role Loupe has no turn for \(function_call\).*4 times/, /role Loupe has no turn for \(observation\).*4 times/] },
  { file: 'medicalgpt_question_chosen_rejected.json', dialect: 'medicalgpt', rows: 100, warnings: [] as RegExp[] },
];

/** What a read says, as comparable data: each task's prompt, responses and annotations. */
const comparable = (set: SourceSet) =>
  set.tasks.map(({ task, annotations }) => ({ prompt: task.data.prompt, responses: task.data.responses, answers: annotations.map((a) => a.answer) }));

const sourceRows = (text: string): Record<string, unknown>[] =>
  text.trimStart().startsWith('[') ? (JSON.parse(text) as Record<string, unknown>[]) : text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Final rows over a read's tasks, each with the answer `answerFor` gives (null: unanswered). */
function rowsOf(set: SourceSet, answerFor: (task: Task, i: number) => Answer | null) {
  const rows: FinalRow[] = set.tasks.map(({ task }, i) => ({ task, answer: answerFor(task, i), annotator: 'lead' }));
  return { labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length };
}

const own = (set: SourceSet) => (task: Task) => set.tasks.find((t) => t.task.id === task.id)?.annotations[0]?.answer ?? null;
const pairwise = (choice: 'A' | 'B' | 'tie', justification = ''): Answer => [{ kind: 'pairwise', controlId: 'preference', choice, justification }];
const flip = (task: Task): Answer => pairwise(preferenceMetaOf(task)!.chosenIs === 'A' ? 'B' : 'A');

/** Every export of this file, loaded by the reference reader at the end. */
const exported: { path: string; source: string; columns: string[]; rows: number }[] = [];

describeInterop('preference: the real files', () => {
  for (const f of FIXTURES) {
    it(`${f.file}: imports, exports the same bytes, reads back the same`, async () => {
      const path = fixture('preference', f.file);
      const trip = await roundTrip('preference', path);
      const source = readFileSync(path, 'utf8');
      const { tasks, warnings } = { tasks: trip.read.source.tasks, warnings: trip.read.warnings };
      expect(tasks).toHaveLength(f.rows);
      expect(trip.created.gold).toBe(f.rows);
      expect(warnings).toHaveLength(f.warnings.length);
      f.warnings.forEach((pattern) => expect(warnings.some((w) => pattern.test(w))).toBe(true));
      for (const { task } of tasks) expect(preferenceMetaOf(task)?.dialect).toBe(f.dialect);
      // Both positions are used: the chosen response is not always A.
      expect(new Set(tasks.map(({ task }) => preferenceMetaOf(task)!.chosenIs))).toEqual(new Set(['A', 'B']));

      expect(trip.exported.warnings).toEqual([]);
      expect(trip.exported.rows).toBe(f.rows);
      const out = readFileSync(trip.exported.path, 'utf8');
      expect(out.split('\n')).toEqual(source.split('\n'));
      expect(comparable(trip.reread.source)).toEqual(comparable(trip.read.source));
      exported.push({ path: trip.exported.path, source: path, columns: Object.keys(sourceRows(source)[0]!), rows: f.rows });
    });
  }

  it('llamafactory: the prompt is the shared system and user turns, the responses the assistant turns', async () => {
    const set = await readPreference(fixture('preference', 'llamafactory_v1_dpo_messages.jsonl'));
    const first = sourceRows(readFileSync(fixture('preference', 'llamafactory_v1_dpo_messages.jsonl'), 'utf8'))[0] as { chosen_messages: { content: { value: string }[] }[] };
    const { task } = set.tasks[0]!;
    expect(task.data.prompt).toEqual([
      { role: 'system', content: first.chosen_messages[0]!.content[0]!.value },
      { role: 'user', content: first.chosen_messages[1]!.content[0]!.value },
    ]);
    const chosen = task.data.responses![preferenceMetaOf(task)!.chosenIs === 'A' ? 0 : 1]!;
    expect(chosen.content).toBe(first.chosen_messages[2]!.content[0]!.value);
  });

  it('sharegpt with tools: the tools are shown first, tool turns with their role, and a flip keeps tools and conversations', async () => {
    const path = fixture('preference', 'medicalgpt_toolcall_dpo_sharegpt.jsonl');
    const set = await readPreference(path);
    const prompt = set.tasks[1]!.task.data.prompt as { role: string; content: string }[];
    expect(prompt[0]!.content).toMatch(/^\[tools\]\n\[\{"name": "get_weather"/);
    expect(prompt.map((t) => t.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt[2]!.content).toMatch(/^\[function_call\]\n/);
    expect(prompt[3]!.content).toMatch(/^\[observation\]\n/);

    const out = join(tempDir('loupe-pref-'), 'flipped.jsonl');
    await writePreference(rowsOf(set, flip), out);
    const before = sourceRows(readFileSync(path, 'utf8'));
    const after = sourceRows(readFileSync(out, 'utf8'));
    after.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(Object.keys(before[i]!));
      expect(row).toEqual({ ...before[i], chosen: before[i]!.rejected, rejected: before[i]!.chosen });
    });
  });
});

describe('preference: each dialect as its dataset publishes it', () => {
  for (const sample of SAMPLES) {
    it(`${sample.name}: imports, exports the same bytes, reads back the same`, async () => {
      const path = join(tempDir('loupe-pref-'), sample.file);
      writeFileSync(path, sample.text);
      const trip = await roundTrip('preference', path);
      const { tasks } = trip.read.source;
      expect(tasks).toHaveLength(sample.rows);
      expect(trip.read.warnings).toEqual([]);
      expect(preferenceMetaOf(tasks[0]!.task)?.dialect).toBe(sample.dialect);
      const first = tasks[0]!.task;
      expect(first.data.prompt).toEqual(sample.first.prompt);
      if (sample.dialect !== 'ultrafeedback') {
        const chosenIs = preferenceMetaOf(first)!.chosenIs!;
        expect(first.data.responses![chosenIs === 'A' ? 0 : 1]!.content).toBe(sample.first.chosen);
        expect(tasks[0]!.annotations[0]!.answer).toEqual(pairwise(chosenIs));
      }
      expect(trip.exported.warnings).toEqual([]);
      expect(readFileSync(trip.exported.path, 'utf8')).toBe(sample.text);
      expect(comparable(trip.reread.source)).toEqual(comparable(trip.read.source));
      exported.push({ path: trip.exported.path, source: path, columns: Object.keys(sourceRows(sample.text)[0]!), rows: sample.rows });
    });
  }

  it('a flipped choice exchanges chosen and rejected (and their scores and messages) in place, and reads back flipped', async () => {
    const sample = SAMPLES.find((s) => s.dialect === 'ultrafeedback-binarized')!;
    const path = join(tempDir('loupe-pref-'), sample.file);
    writeFileSync(path, sample.text);
    const set = await readPreference(path);
    const out = join(tempDir('loupe-pref-'), 'flipped.jsonl');
    await writePreference(rowsOf(set, flip), out);
    const text = readFileSync(out, 'utf8');
    const before = sourceRows(sample.text);
    sourceRows(text).forEach((row, i) => {
      const b = before[i]!;
      expect(Object.keys(row)).toEqual(Object.keys(b));
      expect(row).toEqual({ ...b, chosen: b.rejected, rejected: b.chosen, messages: b.rejected, score_chosen: b.score_rejected, score_rejected: b.score_chosen });
    });
    expect(text).toContain('"score_chosen":2.5,"score_rejected":8.0'); // the numbers as written, not re-formatted
    const reread = await readPreference(out);
    reread.tasks.forEach(({ task, annotations }, i) => {
      expect(task.data.responses).toEqual(set.tasks[i]!.task.data.responses); // the same pair is shown the same way
      expect(annotations[0]!.answer).toEqual(flip(set.tasks[i]!.task));
    });
  });

  it('stack-exchange-paired: a flip exchanges response_j and response_k', async () => {
    const sample = SAMPLES.find((s) => s.dialect === 'stack-exchange-paired')!;
    const path = join(tempDir('loupe-pref-'), sample.file);
    writeFileSync(path, sample.text);
    const set = await readPreference(path);
    const out = join(tempDir('loupe-pref-'), 'flipped.json');
    await writePreference(rowsOf(set, (task, i) => (i === 0 ? flip(task) : own(set)(task))), out);
    const [row0, row1] = readFileSync(out, 'utf8').split('\n');
    const [src0, src1] = sample.text.split('\n');
    expect(row1).toBe(src1);
    const parsed = JSON.parse(row0!) as Record<string, unknown>;
    const source = JSON.parse(src0!) as Record<string, unknown>;
    expect(parsed).toEqual({ ...source, response_j: source.response_k, response_k: source.response_j });
    expect(row0).toContain('"date":"2008\\/08\\/01"'); // pandas' escaped slashes kept
  });

  it('ties and unanswered tasks are left out, each counted in a warning; a justification is said not to be written', async () => {
    const path = fixture('preference', 'medicalgpt_question_chosen_rejected.json');
    if (!existsSync(path)) return;
    const set = await readPreference(path);
    const out = join(tempDir('loupe-pref-'), 'some.json');
    const outcome = await writePreference(rowsOf(set, (task, i) => (i < 3 ? pairwise('tie') : i < 5 ? null : i === 5 ? pairwise(preferenceMetaOf(task)!.chosenIs!, 'clearer') : own(set)(task))), out);
    expect(outcome.rows).toBe(95);
    expect(outcome.warnings).toEqual([
      'ties are left out: medicalgpt has no way to say two responses are equally good (3 times: task row-1, task row-2, task row-3)',
      'tasks without a final preference are left out (the file has no row for an unanswered pair) (2 times: task row-4, task row-5)',
      'justifications, strengths and per-dimension picks are not written: medicalgpt has no field for them (the preference-pairs export keeps them) (task row-6)',
    ]);
    expect(readFileSync(out, 'utf8').split('\n')).toEqual(readFileSync(path, 'utf8').split('\n').slice(5));
    // Nothing to write at all is refused, and no file is left.
    const none = join(tempDir('loupe-pref-'), 'none.json');
    await expect(writePreference(rowsOf(set, () => pairwise('tie')), none)).rejects.toThrow(/has no row to write: ties are left out/);
    expect(existsSync(none)).toBe(false);
  });

  it('UltraFeedback: a ranking task over the completions in a hashed order, ranked by fine-grained score with ties; a new ranking is written as loupe_ranking', async () => {
    const sample = SAMPLES.find((s) => s.dialect === 'ultrafeedback')!;
    const path = join(tempDir('loupe-pref-'), sample.file);
    writeFileSync(path, sample.text);
    const set = await readPreference(path);
    expect(set.labelConfig.controls).toMatchObject([{ kind: 'ranking', id: 'ranking', allowTies: true }]);
    const { task, annotations } = set.tasks[0]!;
    const meta = preferenceMetaOf(task)!;
    expect(meta.rankedBy).toBe('fine-grained_score');
    expect(meta.ranking).toEqual([[0, 2], [3], [1]]); // 4.75, 4.75, 3.25, 1.5
    expect(task.data.responses!.map((r) => r.model)).toEqual(meta.order!.map((ci) => ['alpaca-7b', 'pythia-12b', 'starchat', 'vicuna-33b'][ci]));
    const idOf = (ci: number) => `r${meta.order!.indexOf(ci) + 1}`;
    expect(annotations[0]!.answer).toEqual([{ kind: 'ranking', controlId: 'ranking', order: [[idOf(0), idOf(2)], [idOf(3)], [idOf(1)]] }]);

    // The person ranks the first row the other way round.
    const reversed: Answer = [{ kind: 'ranking', controlId: 'ranking', order: [[idOf(1)], [idOf(3)], [idOf(2)], [idOf(0)]] }];
    const out = join(tempDir('loupe-pref-'), 'ranked.jsonl');
    const outcome = await writePreference(rowsOf(set, (t, i) => (i === 0 ? reversed : own(set)(t))), out);
    expect(outcome.warnings).toEqual(['rankings that differ from the row\'s scores are written as "loupe_ranking" (completion indexes, best first) (task row-1)']);
    const [row0, row1] = readFileSync(out, 'utf8').split('\n');
    const [src0, src1] = sample.text.split('\n');
    expect(row1).toBe(src1);
    expect(row0).toBe(`${src0!.slice(0, -1)}, "loupe_ranking": [[1], [3], [2], [0]]}`);
    const reread = await readPreference(out);
    expect(reread.tasks[0]!.annotations[0]!.answer).toEqual(reversed);
    const again = join(tempDir('loupe-pref-'), 'again.jsonl');
    await writePreference(rowsOf(reread, own(reread)), again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('a task Loupe made itself is written as TRL', async () => {
    const config = (await readPreference(writeSample('trl'))).labelConfig;
    const task: Task = { id: 'k1', data: { prompt: [{ role: 'user', content: 'Hi?' }], responses: [{ id: 'x', content: 'Hello.' }, { id: 'y', content: 'Go away.' }] } };
    const out = join(tempDir('loupe-pref-'), 'native.jsonl');
    await writePreference({ labelConfig: config, rows: async function* () { yield [{ task, answer: pairwise('B'), annotator: 'ada' }]; }, imagePath: () => null, total: 1 }, out);
    expect(readFileSync(out, 'utf8')).toBe('{"prompt":[{"role":"user","content":"Hi?"}],"chosen":[{"role":"assistant","content":"Go away."}],"rejected":[{"role":"assistant","content":"Hello."}]}\n');
  });
});

function writeSample(dialect: string): string {
  const sample = SAMPLES.find((s) => s.dialect === dialect)!;
  const path = join(tempDir('loupe-pref-'), sample.file);
  writeFileSync(path, sample.text);
  return path;
}

describe('preference: refusals name the file, the line and the field', () => {
  const refused = async (name: string, text: string) => {
    const path = join(tempDir('loupe-pref-'), name);
    writeFileSync(path, text);
    const error = await readPreference(path).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    return error as LoupeError;
  };

  it('a file mixing dialects', async () => {
    const error = await refused('mixed.jsonl', '{"chosen_messages": [], "rejected_messages": []}\n\n{"prompt": "p", "chosen_response": "a", "rejected_response": "b"}\n');
    expect(error.where).toEqual({ file: 'mixed.jsonl', line: 3, field: 'chosen_messages' });
    expect(error.message).toMatch(/mixes dialects: this row is nemo .*line 1\) is llamafactory/);
    const types = await refused('types.jsonl', '{"prompt": "p", "chosen": "a", "rejected": "b"}\n{"prompt": [{"role": "user", "content": "p"}], "chosen": [], "rejected": []}\n');
    expect(types.where).toEqual({ file: 'types.jsonl', line: 2, field: 'prompt' });
  });

  it('a row of no dialect, a field of the wrong type, broken JSON, an oversized response', async () => {
    expect((await refused('odd.jsonl', '{"text": "hello"}\n')).where).toEqual({ file: 'odd.jsonl', line: 1, field: 'chosen' });
    expect((await refused('num.jsonl', '{"prompt": "p", "chosen": "a", "rejected": "b"}\n{"prompt": "p", "chosen": 3, "rejected": "b"}\n')).where).toEqual({ file: 'num.jsonl', line: 2, field: 'chosen' });
    expect((await refused('broken.json', '[\n  {"chosen": "a", "rejected": "b"},\n  {"chosen": "a"\n]\n')).where).toMatchObject({ file: 'broken.json', line: 3 });
    const big = await refused('big.jsonl', `${JSON.stringify({ prompt: 'p', chosen: 'x'.repeat(1_000_001), rejected: 'b' })}\n`);
    expect(big.where).toMatchObject({ file: 'big.jsonl', line: 1 });
    expect(big.message).not.toContain('tasks.jsonl');
    expect((await refused('one.json', '{\n  "chosen": "a",\n  "rejected": "b"\n}\n')).message).toMatch(/one\.json, line 1: holds one JSON object over several lines/);
    expect((await refused('msgs.jsonl', '{"chosen_messages": [{"content": "x"}], "rejected_messages": []}\n')).where).toEqual({ file: 'msgs.jsonl', line: 1, field: 'chosen_messages.0.role' });
  });
});

describe('preference-pairs on a project', () => {
  it('refuses to write an empty file when nothing is answered, and writes pairs from gold', async () => {
    const path = writeSample('trl-conversational');
    const lead = await importAsLead('preference', path, { annotationsAs: 'ignore' });
    const out = join(lead.dir, 'pairs.jsonl');
    await expect(exportProject(lead.store, lead.projectId, 'preference-pairs', 'majority', out)).rejects.toThrow(/preference-pairs export has nothing to write/);
    expect(existsSync(out)).toBe(false);
    const gold = await importAsLead('preference', path);
    const written = await exportProject(gold.store, gold.projectId, 'preference-pairs', 'majority', out);
    expect(written.rows).toBe(2);
    const pairs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { chosen: unknown });
    expect(pairs[0]!.chosen).toEqual([{ role: 'assistant', content: 'It is blue.' }]);
  });
});

// Export → import → export is byte-identical, on generated rows of every pair dialect ----------

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('', ' ', 'é', '😀 Bob', '\n\n', 'a/b', '"q"', '\\', '\u2028'));

/** A JSON string as Python's json.dumps writes it (ensure_ascii: non-ASCII as \uXXXX) or as JavaScript does. */
const str = (s: string, ascii: boolean) => (ascii ? JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : JSON.stringify(s));

const generatedRow = fc.record({
  dialect: fc.constantFrom('trl', 'nemo', 'stack-exchange-paired', 'medicalgpt', 'llamafactory', 'trl-conversational', 'ultrafeedback-binarized', 'hh-rlhf'),
  prompt: text, chosen: text, rejected: text, score: fc.integer({ min: 0, max: 10 }),
});

interface Generated { dialect: string; prompt: string; chosen: string; rejected: string; score: number }

function rowText(r: Generated, python: boolean, ascii: boolean): string {
  const [c, k] = python ? [', ', ': '] : [',', ':'];
  const s = (v: string) => str(v, ascii);
  const obj = (pairs: [string, string][]) => `{${pairs.map(([key, v]) => `"${key}"${k}${v}`).join(c)}}`;
  const msgs = (...m: [string, string][]) => `[${m.map(([role, content]) => obj([['role', s(role)], ['content', s(content)]])).join(c)}]`;
  switch (r.dialect) {
    case 'trl': return obj([['prompt', s(r.prompt)], ['chosen', s(r.chosen)], ['rejected', s(r.rejected)]]);
    case 'nemo': return obj([['prompt', s(r.prompt)], ['chosen_response', s(r.chosen)], ['rejected_response', s(r.rejected)]]);
    case 'stack-exchange-paired': return obj([['qid', String(r.score)], ['question', s(r.prompt)], ['date', s('2020/01/01')], ['response_j', s(r.chosen)], ['response_k', s(r.rejected)]]);
    case 'medicalgpt': return obj([['question', s(r.prompt)], ['response_chosen', s(r.chosen)], ['response_rejected', s(r.rejected)]]);
    case 'llamafactory': return obj([['chosen_messages', msgs(['user', r.prompt], ['assistant', r.chosen])], ['rejected_messages', msgs(['user', r.prompt], ['assistant', r.rejected])]]);
    case 'trl-conversational': return obj([['prompt', msgs(['user', r.prompt])], ['chosen', msgs(['assistant', r.chosen])], ['rejected', msgs(['assistant', r.rejected])]]);
    case 'ultrafeedback-binarized': return obj([['prompt', s(r.prompt)], ['chosen', msgs(['user', r.prompt], ['assistant', r.chosen])], ['rejected', msgs(['user', r.prompt], ['assistant', r.rejected])], ['messages', msgs(['user', r.prompt], ['assistant', r.chosen])], ['score_chosen', `${r.score}.0`], ['score_rejected', `${r.score / 2}`]]);
    default: return obj([['chosen', s(`\n\nHuman: ${r.prompt}\n\nAssistant: ${r.chosen}`)], ['rejected', s(`\n\nHuman: ${r.prompt}\n\nAssistant: ${r.rejected}`)]]);
  }
}

describe('preference: round-trip property', () => {
  it('export → import → export is byte-identical, whatever the choices', async () => {
    const dir = tempDir('loupe-pref-prop-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        generatedRow.map((r) => r.dialect),
        fc.array(generatedRow, { minLength: 1, maxLength: 6 }),
        fc.boolean(), fc.boolean(),
        fc.array(fc.constantFrom<'keep' | 'flip' | 'tie' | 'none'>('keep', 'flip', 'tie', 'none'), { minLength: 6, maxLength: 6 }),
        async (dialect, rows, python, ascii, choices) => {
          n += 1;
          const source = join(dir, `${n}.jsonl`);
          writeFileSync(source, rows.map((r) => `${rowText({ ...r, dialect }, python, ascii)}\n`).join(''));
          const read = await readPreference(source);
          const first = join(dir, `${n}.first.jsonl`);
          const pick = (task: Task, i: number): Answer | null => {
            const choice = choices[i]!;
            if (i === 0 || choice === 'keep') return own(read)(task); // one row at least is written
            return choice === 'flip' ? flip(task) : choice === 'tie' ? pairwise('tie') : null;
          };
          await writePreference(rowsOf(read, pick), first);
          const reread = await readPreference(first);
          const second = join(dir, `${n}.second.jsonl`);
          await writePreference(rowsOf(reread, own(reread)), second);
          expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
          // What was kept reads back with the choice it was written with.
          const kept = read.tasks.filter((t, i) => {
            const result = pick(t.task, i)?.[0];
            return result?.kind === 'pairwise' && result.choice !== 'tie';
          });
          expect(reread.tasks.map((t) => t.task.data.responses)).toEqual(kept.map((t) => t.task.data.responses));
        },
      ),
      { numRuns: 40 },
    );
  });
});

itWithReference('Hugging Face datasets reads every export with the source\'s columns and rows', (python) => {
  expect(exported.length).toBe(FIXTURES.length + SAMPLES.length);
  const script = [
    'import json, sys, tempfile, datasets',
    'out = []',
    'for path in json.loads(sys.argv[1]):',
    '    ds = datasets.load_dataset("json", data_files=path, split="train", cache_dir=tempfile.mkdtemp())',
    '    out.append({"columns": ds.column_names, "rows": ds.num_rows})',
    'print(json.dumps(out))',
  ].join('\n');
  const seen = runPython<{ columns: string[]; rows: number }[]>(python, script, [JSON.stringify(exported.map((e) => e.path))]);
  seen.forEach((s, i) => {
    const e = exported[i]!;
    expect({ file: basename(e.source), columns: [...s.columns].sort(), rows: s.rows }).toEqual({ file: basename(e.source), columns: [...e.columns].sort(), rows: e.rows });
  });
}, 180_000);
