/**
 * readPack on conversation packs (AI evaluation): tasks must carry a prompt and the responses
 * their questions judge (two for a preference, at least two for a ranking, the one a rewrite
 * names), with unique response ids and constraint ids. Every refusal names file, line and field.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readPack } from '../../../electron/core/packs';
import { LoupeError } from '../../../shared/errors';
import type { labelConfigSchema } from '../../../shared/pack/labelConfig';
import type { Task } from '../../../shared/pack/task';
import { cleanupTempDirs, handPack, tempDir, writeFolder } from './helpers';

afterAll(cleanupTempDirs);

type ConfigInput = z.input<typeof labelConfigSchema>;
type ControlInput = ConfigInput['controls'][number];

const scale = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));
const PAIRWISE: ControlInput = { id: 'pref', kind: 'pairwise', strength: [{ value: 1, label: 'Slightly' }, { value: 2, label: 'Much' }] };
const RANKING: ControlInput = { id: 'rank', kind: 'ranking' };
const REWRITE: ControlInput = { id: 'fix', kind: 'rewrite' };
const RUBRIC: ControlInput = { id: 'quality', kind: 'rubric', rubricVersion: 'v1', dimensions: [{ id: 'helpful', name: 'Helpfulness', scale }] };
const CHECKLIST: ControlInput = { id: 'follows', kind: 'checklist', constraints: [{ id: 'c1', text: 'Under 50 words' }] };

const config = (...controls: ControlInput[]): ConfigInput => ({ version: 1, data: 'conversation', controls });

const responses = (...ids: string[]) => ids.map((id) => ({ id, content: `Response ${id}` }));
/** A conversation task with the given responses (r1, r2 by default). */
const task = (id: string, data: Partial<Task['data']> = {}): Record<string, unknown> => ({
  id,
  data: { prompt: `Prompt of ${id}`, responses: responses('r1', 'r2'), ...data },
});

async function folder(controls: ControlInput[], rows: unknown[]): Promise<string> {
  return writeFolder(join(await tempDir(), 'pack'), handPack({ manifest: { labelConfig: config(...controls) }, rows }));
}

async function refusal(controls: ControlInput[], rows: unknown[]): Promise<LoupeError> {
  const err = await readPack(await folder(controls, rows)).catch((e: unknown) => e);
  if (!(err instanceof LoupeError)) throw new Error(`expected a LoupeError, got ${String(err)}`);
  return err;
}

/** Assert the refusal's message and its location (file, line, field) in the pack "pack". */
async function expectRefused(controls: ControlInput[], rows: unknown[], line: number, field: string, detail: string): Promise<void> {
  const err = await refusal(controls, rows);
  expect(err.code).toBe('invalid-input');
  expect(err.where).toEqual({ pack: 'pack', file: 'tasks.jsonl', line, field });
  expect(err.detail).toBe(detail);
  expect(err.message).toBe(`pack pack, tasks.jsonl, line ${line}, field ${field}: ${detail}`);
}

describe('conversation packs: accepted', () => {
  it('reads a pack asking every AI-evaluation question, with a multi-turn prompt', async () => {
    const controls: ControlInput[] = [
      RUBRIC,
      PAIRWISE,
      RANKING,
      { id: 'harm', kind: 'safety', labels: [{ id: 'pii', name: 'PII', color: '#ef4444' }], severities: [{ value: 1, label: 'Low' }] },
      CHECKLIST,
      { ...REWRITE, response: 'r2' },
      { id: 'notes', kind: 'textarea', required: false },
    ];
    const rows = [
      task('t1', { constraints: [{ id: 't1-rhyme', text: 'Rhymes' }] }),
      task('t2', {
        prompt: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Capital of France?' },
        ],
        responses: [{ id: 'a', content: 'Paris.', model: 'm-1' }, { id: 'r2', content: 'Lyon.' }],
      }),
    ];
    const loaded = await readPack(await folder(controls, rows));
    expect(loaded.kind).toBe('tasks');
    expect(loaded.rows).toHaveLength(2);
    expect(loaded.rows[1]).toMatchObject({ id: 't2', data: { responses: [{ id: 'a' }, { id: 'r2' }] } });
  });

  it('takes many responses for a ranking, and the same constraint id in two different tasks', async () => {
    const rows = [
      task('t1', { responses: responses('a', 'b', 'c', 'd'), constraints: [{ id: 'own', text: 'x' }] }),
      task('t2', { constraints: [{ id: 'own', text: 'y' }] }),
    ];
    const loaded = await readPack(await folder([RANKING, CHECKLIST], rows));
    expect(loaded.rows).toHaveLength(2);
  });

  it('accepts predictions that fit the task', async () => {
    const rows = [{ ...task('t1', { responses: responses('r1', 'r2', 'r3') }), predictions: [{ model: 'm', modelVersion: '1', result: [{ kind: 'ranking', controlId: 'rank', order: [['r3'], ['r1'], ['r2']] }] }] }];
    expect((await readPack(await folder([RANKING], rows))).rows).toHaveLength(1);
  });
});

describe('conversation packs: refused', () => {
  it('a task without data.prompt', async () => {
    await expectRefused([PAIRWISE], [task('t1'), { id: 't2', data: { responses: responses('r1', 'r2') } }], 2, 'data.prompt', 'the label config shows conversation, so every task needs data.prompt');
  });

  it('a pairwise question with a task of three responses (or one)', async () => {
    await expectRefused([PAIRWISE], [task('t1'), task('t2', { responses: responses('r1', 'r2', 'r3') })], 2, 'data.responses', 'question "pref" compares two responses; this task has 3');
    await expectRefused([PAIRWISE], [task('t1', { responses: responses('r1') })], 1, 'data.responses', 'question "pref" compares two responses; this task has 1');
    await expectRefused([PAIRWISE], [task('t1', { responses: undefined })], 1, 'data.responses', 'question "pref" compares two responses; this task has 0');
  });

  it('a checklist with no constraint to check, in the config or the task', async () => {
    const bare = { kind: 'checklist' as const, id: 'checks', constraints: [] };
    await expectRefused([bare], [task('t1', { constraints: [{ id: 'c1', text: 'Short' }] }), task('t2', { constraints: undefined })], 2, 'data.constraints', 'question "checks" checks constraints, and neither the label config nor this task has any');
  });

  it('a ranking with one response', async () => {
    await expectRefused(
      [RANKING],
      [task('t1'), task('t2'), task('t3', { responses: responses('only') })],
      3,
      'data.responses',
      'question "rank" ranks responses; this task needs at least two, it has 1',
    );
  });

  it('a rewrite naming a response the task lacks', async () => {
    await expectRefused(
      [{ ...REWRITE, response: 'r3' }],
      [task('t1', { responses: responses('r1', 'r2', 'r3') }), task('t2')],
      2,
      'data.responses',
      'question "fix" is about response "r3", which this task does not have',
    );
  });

  it('a rewrite or a rubric with no response at all to be about', async () => {
    await expectRefused([REWRITE], [task('t1', { responses: [] })], 1, 'data.responses', 'question "fix" is about a response, which this task does not have');
    await expectRefused([RUBRIC], [task('t1', { responses: undefined })], 1, 'data.responses', 'question "quality" is about a response, which this task does not have');
  });

  it('duplicate response ids', async () => {
    await expectRefused([RANKING], [task('t1', { responses: responses('r1', 'r2', 'r1') })], 1, 'data.responses.2.id', 'duplicate response id "r1"');
  });

  it('a task constraint id colliding with a config constraint id, or another of the task', async () => {
    await expectRefused(
      [CHECKLIST],
      [task('t1'), task('t2', { constraints: [{ id: 'own', text: 'Mine' }, { id: 'c1', text: 'Clash' }] })],
      2,
      'data.constraints.1.id',
      'constraint id "c1" is already used (by the label config or this task)',
    );
    await expectRefused(
      [CHECKLIST],
      [task('t1', { constraints: [{ id: 'own', text: 'Mine' }, { id: 'own', text: 'Again' }] })],
      1,
      'data.constraints.1.id',
      'constraint id "own" is already used (by the label config or this task)',
    );
  });

  it('a prediction that ranks a response the task does not have', async () => {
    const rows = [{ ...task('t1'), predictions: [{ model: 'm', modelVersion: '1', result: [{ kind: 'ranking', controlId: 'rank', order: [['r1'], ['r9']] }] }] }];
    await expectRefused([RANKING], rows, 1, 'predictions.0.result.0.order.1', '"r9" is not a response of task "t1"');
  });

  it('a label config asking a preference of plain text, in the manifest', async () => {
    const dir = await writeFolder(join(await tempDir(), 'pack'), handPack({ manifest: { labelConfig: { ...config(PAIRWISE), data: 'text' } } }));
    const err = await readPack(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect((err as LoupeError).where).toMatchObject({ file: 'manifest.json', field: 'labelConfig.controls.0.kind' });
    expect((err as LoupeError).detail).toBe('a pairwise question judges model responses, so "data" must be "conversation"');
  });
});
