/**
 * The AI-evaluation exports (preference pairs, rubric CSV / JSONL, rewrites) on a lead's database:
 * one annotator's answers submitted locally, another's arrived in a results pack, as in real use.
 * Every answer passes the same check `task:submit` applies, so the data is what the app can hold.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAiEval, type AiEvalFormat } from '../../../electron/core/formats/aiEvalExports';
import { Store } from '../../../electron/core/store';
import { checkAnswer } from '../../../shared/answerCheck';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Manifest } from '../../../shared/pack/manifest';
import type { Answer, Task } from '../../../shared/pack/task';
import { sentimentConfig, taskPackInput, tempDir, textTasks } from '../helpers/fixtures';

const ROOT = resolve(import.meta.dirname, '../../..');
const ADA_AT = '2026-03-01T10:00:00.000Z';
const BOB_AT = '2026-03-02T09:00:00.000Z';
const BOB = { id: 'bob', name: 'Bob', role: 'annotator' as const };

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

/** Rubric (v2), a preference with strength and a dimension, and a rewrite, over two responses. */
const evalConfig = labelConfigSchema.parse({
  version: 1,
  data: 'conversation',
  controls: [
    { id: 'quality', kind: 'rubric', rubricVersion: 'v2', dimensions: [{ id: 'helpfulness', name: 'Helpfulness', scale }, { id: 'accuracy', name: 'Accuracy', scale }] },
    {
      id: 'pref', kind: 'pairwise', allowTie: true, dimensions: [{ id: 'honesty', name: 'Honesty' }],
      strength: [{ value: 1, label: 'Slightly' }, { value: 2, label: 'Clearly' }, { value: 3, label: 'Much' }],
    },
    { id: 'fix', kind: 'rewrite' },
  ],
});
const evalTasks: Task[] = [
  { id: 't1', data: { prompt: 'What is 2+2?', responses: [{ id: 'r1', content: '4', model: 'm-a' }, { id: 'r2', content: '2 + 2 = 5' }] } },
  {
    id: 't2',
    data: {
      prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Capital of France?' }],
      responses: [{ id: 'a', content: 'Paris.' }, { id: 'b', content: 'Lyon, I think.' }],
    },
  },
  { id: 't3', data: { prompt: 'Say hi', responses: [{ id: 'x', content: 'Hi!' }, { id: 'y', content: 'Hello there.' }] } },
];

/** A ranking of three responses (ties allowed) and a rubric about a named response, with a version CSV must quote. */
const STYLE_VERSION = 'v2, "pilot"\nbatch';
const rankConfig = labelConfigSchema.parse({
  version: 1,
  data: 'conversation',
  controls: [
    { id: 'rank', kind: 'ranking', allowTies: true },
    { id: 'style', kind: 'rubric', rubricVersion: STYLE_VERSION, response: 'q', dimensions: [{ id: 'tone', name: 'Tone', scale }] },
  ],
});
const three = [{ id: 'p', content: 'Rain taps the roof.' }, { id: 'q', content: 'Soft rain on tin, a kettle sings.' }, { id: 's', content: 'It rains.' }];
const rankTasks: Task[] = [
  { id: 'k1', data: { prompt: [{ role: 'user', content: 'Write a haiku about rain.' }], responses: three } },
  { id: 'k2', data: { prompt: 'Summarize: it rained.', responses: three } },
];

/** A preference with no strength scale and no dimensions. */
const plainConfig = labelConfigSchema.parse({ version: 1, data: 'conversation', controls: [{ id: 'better', kind: 'pairwise', allowTie: false }] });
const plainTasks: Task[] = [{ id: 'c1', data: { prompt: 'Pick one', responses: [{ id: 'u', content: 'Yes' }, { id: 'v', content: 'No' }] } }];

const rubric = (controlId: string, scores: Record<string, number>, rubricVersion?: string) => ({ kind: 'rubric' as const, controlId, scores, ...(rubricVersion ? { rubricVersion } : {}) });
const pref = (choice: 'A' | 'B' | 'tie', rest: { strength?: number; dimensions?: Record<string, 'A' | 'B' | 'tie'>; justification?: string } = {}) =>
  ({ kind: 'pairwise' as const, controlId: 'pref', choice, justification: '', ...rest });
const rewrite = (responseId: string, text: string, diff?: { op: 'equal' | 'insert' | 'delete'; text: string }[]) =>
  ({ kind: 'rewrite' as const, controlId: 'fix', responseId, text, ...(diff ? { diff } : {}) });
const rank = (...order: string[][]) => ({ kind: 'ranking' as const, controlId: 'rank', order });

let dir: string;
let db: string;
let ada: string;

/** Ada works on this machine: her answers go in as `task:submit` stores them. */
async function adaAnswers(store: Store, packId: string, config: LabelConfig, taskId: string, answer: Answer, activeMs: number, status: 'submitted' | 'skipped' = 'submitted') {
  const stored = await store.taskById(packId, taskId);
  if (status === 'submitted') checkAnswer(config, answer, { forSubmit: true, task: stored.task });
  await store.addRevision(
    { packId, taskId, profileId: ada },
    { status, answer, provenance: 'manual', modelVersion: null, activeMs, skipReason: status === 'skipped' ? 'not sure' : null, taskHash: stored.hash },
  );
}

/**
 * Bob's answers arrive the way a lead gets them: in his results pack. Its rows are read without
 * their tasks, so `checked: false` stands for a row naming a response its task does not have.
 */
async function bobsResultsPack(store: Store, packId: string, config: LabelConfig, answers: { taskId: string; answer: Answer; activeMs: number }[], checked = true) {
  const rows = await Promise.all(
    answers.map(async ({ taskId, answer, activeMs }) => {
      const stored = await store.taskById(packId, taskId);
      if (checked) checkAnswer(config, answer, { forSubmit: true, task: stored.task });
      return { taskId, taskHash: stored.hash, annotator: BOB, status: 'submitted' as const, answer, provenance: 'manual' as const, revision: 1, activeMs, submittedAt: BOB_AT };
    }),
  );
  const manifest: Manifest = {
    format: 'loupe-pack', formatVersion: 1, packId: `${packId}.results.bob`, kind: 'results', name: `${packId} by Bob`, createdAt: BOB_AT,
    author: BOB, taskCount: rows.length, files: { 'results.jsonl': { sha256: '0'.repeat(64), bytes: 0 } }, answers: { packId },
  };
  await store.importResultsPack({ manifest, packHash: `${packId}-bob`.padEnd(64, '0'), rows, sourcePath: null });
}

beforeAll(async () => {
  dir = tempDir('loupe-ai-eval-');
  db = join(dir, 'lead.db');
  const store = await Store.open(db, { clock: () => new Date(ADA_AT) });
  ada = (await store.saveProfile({ name: 'Ada', role: 'annotator' })).id;
  await store.importTaskPack(taskPackInput(evalTasks, 'eval-pack', evalConfig));
  await store.importTaskPack(taskPackInput(rankTasks, 'rank-pack', rankConfig));
  await store.importTaskPack(taskPackInput(plainTasks, 'plain-pack', plainConfig));
  await store.importTaskPack(taskPackInput(textTasks(2), 'sentiment-pack', sentimentConfig));

  await adaAnswers(store, 'eval-pack', evalConfig, 't1', [
    rubric('quality', { helpfulness: 5, accuracy: 4 }, 'v2'),
    pref('A', { strength: 3, dimensions: { honesty: 'B' }, justification: 'Right answer.' }),
    rewrite('r1', 'The answer is 4.'),
  ], 1500);
  await adaAnswers(store, 'eval-pack', evalConfig, 't2', [
    rubric('quality', { helpfulness: 2, accuracy: 1 }, 'v2'),
    pref('B', { strength: 2, dimensions: { honesty: 'A' } }),
    rewrite('a', 'Paris is the capital of France.'),
  ], 2500);
  // A skip is not a judgement, even with a draft preference in it.
  await adaAnswers(store, 'eval-pack', evalConfig, 't3', [pref('A', { strength: 1 })], 300, 'skipped');
  await bobsResultsPack(store, 'eval-pack', evalConfig, [
    { taskId: 't1', activeMs: 900, answer: [rubric('quality', { helpfulness: 3, accuracy: 3 }), pref('B', { strength: 1, dimensions: { honesty: 'tie' } }), rewrite('r1', '4')] },
    // A stored diff (here one coarser than the word diff) is exported as stored.
    { taskId: 't3', activeMs: 400, answer: [rubric('quality', { helpfulness: 4, accuracy: 5 }), pref('tie', { dimensions: { honesty: 'tie' } }), rewrite('x', 'Hi there!', [{ op: 'delete', text: 'Hi!' }, { op: 'insert', text: 'Hi there!' }])] },
  ]);

  await adaAnswers(store, 'rank-pack', rankConfig, 'k1', [rank(['q'], ['p', 's']), rubric('style', { tone: 4 })], 700);
  await adaAnswers(store, 'rank-pack', rankConfig, 'k2', [rank(['p', 'q', 's']), rubric('style', { tone: 5 })], 800);
  await bobsResultsPack(store, 'rank-pack', rankConfig, [{ taskId: 'k1', activeMs: 600, answer: [rank(['s'], ['q'], ['p']), rubric('style', { tone: 2 })] }]);

  await adaAnswers(store, 'plain-pack', plainConfig, 'c1', [{ kind: 'pairwise', controlId: 'better', choice: 'B', justification: '' }], 100);
  await store.close();
});

async function exported(packId: string, format: AiEvalFormat, file = `${packId}.${format}`) {
  const store = await Store.open(db);
  try {
    const progress: [number, number][] = [];
    const out = join(dir, file);
    const counts = await exportAiEval(store, packId, format, out, (done, total) => progress.push([done, total]));
    return { counts, progress, text: readFileSync(out, 'utf8') };
  } finally {
    await store.close();
  }
}

const jsonLines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('preference-pairs export', () => {
  it('makes one pair per preference, skips ties and skips, and uses TRL\'s conversational form for turns', async () => {
    const { counts, progress, text } = await exported('eval-pack', 'preference-pairs');
    expect(counts).toEqual({ rows: 3, tasks: 2, skippedTies: 1 });
    expect(progress).toEqual([[3, 3]]);
    expect(jsonLines(text)).toEqual([
      {
        prompt: 'What is 2+2?', chosen: '2 + 2 = 5', rejected: '4', task_id: 't1', question: 'pref', annotator: 'bob',
        chosen_id: 'r2', rejected_id: 'r1', strength: 1, margin: 1, source: 'pairwise', justification: '', dimensions: { honesty: 'tie' },
      },
      {
        prompt: 'What is 2+2?', chosen: '4', rejected: '2 + 2 = 5', task_id: 't1', question: 'pref', annotator: ada,
        chosen_id: 'r1', rejected_id: 'r2', strength: 3, margin: 3, source: 'pairwise', justification: 'Right answer.', dimensions: { honesty: 'rejected' },
      },
      {
        prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Capital of France?' }],
        chosen: [{ role: 'assistant', content: 'Lyon, I think.' }],
        rejected: [{ role: 'assistant', content: 'Paris.' }],
        task_id: 't2', question: 'pref', annotator: ada, chosen_id: 'b', rejected_id: 'a', strength: 2, margin: 2, source: 'pairwise', justification: '',
        dimensions: { honesty: 'rejected' },
      },
    ]);
  });

  it('turns a ranking into every pair across ranks, with the rank difference as margin (ties make none)', async () => {
    const { counts, text } = await exported('rank-pack', 'preference-pairs');
    expect(counts).toEqual({ rows: 5, tasks: 1, skippedTies: 0 });
    const turns = [{ role: 'user', content: 'Write a haiku about rain.' }];
    const content = Object.fromEntries(three.map((r) => [r.id, [{ role: 'assistant', content: r.content }]]));
    const pair = (annotator: string, chosen: string, rejected: string, margin: number) => ({
      prompt: turns, chosen: content[chosen], rejected: content[rejected], task_id: 'k1', question: 'rank', annotator,
      chosen_id: chosen, rejected_id: rejected, strength: null, margin, source: 'ranking', justification: null,
    });
    expect(jsonLines(text)).toEqual([
      pair('bob', 's', 'q', 1), pair('bob', 's', 'p', 2), pair('bob', 'q', 'p', 1),
      pair(ada, 'q', 'p', 1), pair(ada, 'q', 's', 1),
    ]);
  });

  it('falls back to margin 1 without a strength, and leaves dimensions out when the question has none', async () => {
    const { text } = await exported('plain-pack', 'preference-pairs');
    expect(jsonLines(text)).toEqual([
      { prompt: 'Pick one', chosen: 'No', rejected: 'Yes', task_id: 'c1', question: 'better', annotator: ada, chosen_id: 'v', rejected_id: 'u', strength: null, margin: 1, source: 'pairwise', justification: '' },
    ]);
  });
});

describe('rubric exports', () => {
  const header = ['task_id', 'annotator', 'question', 'rubric_version', 'response_id', 'helpfulness', 'accuracy', 'active_ms', 'submitted_at'];

  it('writes one CSV row per rubric answer, dimensions as columns in config order', async () => {
    const { counts, text } = await exported('eval-pack', 'rubric-csv');
    expect(counts).toEqual({ rows: 4, tasks: 3 });
    expect(parseCsv(text)).toEqual([
      header,
      ['t1', 'bob', 'quality', 'v2', 'r1', '3', '3', '900', BOB_AT],
      ['t1', ada, 'quality', 'v2', 'r1', '5', '4', '1500', ADA_AT],
      ['t2', ada, 'quality', 'v2', 'a', '2', '1', '2500', ADA_AT],
      ['t3', 'bob', 'quality', 'v2', 'x', '4', '5', '400', BOB_AT],
    ]);
  });

  it('quotes a field holding a comma, a quote and a newline, and rates the response the config names', async () => {
    const { text } = await exported('rank-pack', 'rubric-csv');
    expect(text).toContain('"v2, ""pilot""\nbatch"');
    expect(parseCsv(text)).toEqual([
      ['task_id', 'annotator', 'question', 'rubric_version', 'response_id', 'tone', 'active_ms', 'submitted_at'],
      ['k1', 'bob', 'style', STYLE_VERSION, 'q', '2', '600', BOB_AT],
      ['k1', ada, 'style', STYLE_VERSION, 'q', '4', '700', ADA_AT],
      ['k2', ada, 'style', STYLE_VERSION, 'q', '5', '800', ADA_AT],
    ]);
  });

  it('writes the same rows as JSON Lines with the scores as an object', async () => {
    const { counts, text } = await exported('eval-pack', 'rubric-jsonl');
    expect(counts).toEqual({ rows: 4, tasks: 3 });
    const row = (task_id: string, annotator: string, response_id: string, helpfulness: number, accuracy: number, active_ms: number, submitted_at: string) => ({
      task_id, annotator, question: 'quality', rubric_version: 'v2', response_id, scores: { helpfulness, accuracy }, active_ms, submitted_at,
    });
    expect(jsonLines(text)).toEqual([
      row('t1', 'bob', 'r1', 3, 3, 900, BOB_AT),
      row('t1', ada, 'r1', 5, 4, 1500, ADA_AT),
      row('t2', ada, 'a', 2, 1, 2500, ADA_AT),
      row('t3', 'bob', 'x', 4, 5, 400, BOB_AT),
    ]);
  });
});

describe('rewrites export', () => {
  it('pairs each corrected response with its original and a word diff (the stored one when present)', async () => {
    const { counts, text } = await exported('eval-pack', 'rewrites');
    expect(counts).toEqual({ rows: 4, tasks: 3 });
    const base = { question: 'fix' };
    expect(jsonLines(text)).toEqual([
      { task_id: 't1', annotator: 'bob', ...base, response_id: 'r1', prompt: 'What is 2+2?', original: '4', corrected: '4', diff: [{ op: 'equal', text: '4' }], changed: false },
      {
        task_id: 't1', annotator: ada, ...base, response_id: 'r1', prompt: 'What is 2+2?', original: '4', corrected: 'The answer is 4.',
        diff: [{ op: 'insert', text: 'The answer is ' }, { op: 'equal', text: '4' }, { op: 'insert', text: '.' }], changed: true,
      },
      {
        task_id: 't2', annotator: ada, ...base, response_id: 'a',
        prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Capital of France?' }],
        original: 'Paris.', corrected: 'Paris is the capital of France.',
        diff: [{ op: 'equal', text: 'Paris' }, { op: 'insert', text: ' is the capital of France' }, { op: 'equal', text: '.' }], changed: true,
      },
      {
        task_id: 't3', annotator: 'bob', ...base, response_id: 'x', prompt: 'Say hi', original: 'Hi!', corrected: 'Hi there!',
        diff: [{ op: 'delete', text: 'Hi!' }, { op: 'insert', text: 'Hi there!' }], changed: true,
      },
    ]);
  });
});

describe('refusals', () => {
  it('refuses a pack without the question kind a format needs, naming both, and leaves no file', async () => {
    const store = await Store.open(db);
    const refusedDir = tempDir('loupe-ai-eval-refused-');
    try {
      const pairs = exportAiEval(store, 'sentiment-pack', 'preference-pairs', join(refusedDir, 'pairs.jsonl'));
      await expect(pairs).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/preference-pairs export needs a pairwise or ranking question.*"sentiment-pack"/) });
      await expect(exportAiEval(store, 'rank-pack', 'rewrites', join(refusedDir, 'rw.jsonl'))).rejects.toThrow(/needs a rewrite question, and pack "rank-pack" has none \(it asks only ranking "rank", rubric "style"\)/);
      await expect(exportAiEval(store, 'plain-pack', 'rubric-csv', join(refusedDir, 'r.csv'))).rejects.toThrow(/needs a rubric question/);
      expect(readdirSync(refusedDir)).toEqual([]);
      // A write that fails midway (no such folder) is reported, not a crash.
      await expect(exportAiEval(store, 'eval-pack', 'rewrites', join(refusedDir, 'missing', 'rw.jsonl'))).rejects.toThrow(/ENOENT/);
    } finally {
      await store.close();
    }
  });

  it('names the answer that ranks a response its task does not have, and leaves no file', async () => {
    const badDir = tempDir('loupe-ai-eval-bad-');
    const store = await Store.open(join(badDir, 'lead.db'));
    try {
      await store.importTaskPack(taskPackInput(rankTasks, 'rank-pack', rankConfig));
      await bobsResultsPack(store, 'rank-pack', rankConfig, [{ taskId: 'k2', activeMs: 1, answer: [rank(['p'], ['zz', 'q', 's'])] }], false);
      const out = join(badDir, 'pairs.jsonl');
      await expect(exportAiEval(store, 'rank-pack', 'preference-pairs', out)).rejects.toThrow('task "k2": bob\'s answer to "rank" names response "zz", which the task does not have');
      expect(readdirSync(badDir).filter((f) => !f.startsWith('lead.db'))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('loupe export with an AI-evaluation format', () => {
  const run = promisify(execFile);
  async function loupe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/loupe.mjs'), ...args], { cwd: ROOT });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('writes preference pairs, refuses a pack without preferences, and lists every format', { timeout: 60_000 }, async () => {
    const out = join(dir, 'cli-pairs.jsonl');
    const result = await loupe('--json', 'export', '--db', db, '--pack-id', 'eval-pack', '--format', 'preference-pairs', '--out', out);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, path: out, format: 'preference-pairs', rows: 3, tasks: 2, skippedTies: 1 });
    expect(result.stderr).toMatch(/exported: 3 of 3/);
    expect(jsonLines(readFileSync(out, 'utf8')).map((l) => [l.task_id, l.chosen_id])).toEqual([['t1', 'r2'], ['t1', 'r1'], ['t2', 'b']]);

    const human = await loupe('export', '--db', db, '--pack-id', 'eval-pack', '--format', 'rubric-csv', '--out', join(dir, 'cli.csv'));
    expect(human.stdout).toBe(`wrote ${join(dir, 'cli.csv')}: 4 rubric rows from 3 tasks\n`);

    const refused = await loupe('--json', 'export', '--db', db, '--pack-id', 'sentiment-pack', '--format', 'preference-pairs', '--out', join(dir, 'none.jsonl'));
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(existsSync(join(dir, 'none.jsonl'))).toBe(false);

    const unknown = await loupe('export', '--db', db, '--pack-id', 'eval-pack', '--format', 'dpo', '--out', join(dir, 'x'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('jsonl, results, preference-pairs, rubric-csv, rubric-jsonl, rewrites');
  });
});
