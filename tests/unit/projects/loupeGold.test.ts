/**
 * Gold from Loupe's own sources: a `gold` field per record (JSONL, or a CSV column holding the
 * answer as JSON) becomes the project's gold, is taken out of what annotators are sent, and a bad
 * value is refused with the file, line and field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, readLoupeSource } from '../../../electron/core/projects/create';
import { readTaskSource } from '../../../electron/core/formats/taskSources';
import { Store } from '../../../electron/core/store';
import { LoupeError } from '../../../shared/errors';
import { sentimentConfig, tempDir } from '../helpers/fixtures';

const NOW = new Date('2026-11-20T10:00:00Z');
const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const gold = (label: string) => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];

function writeSource(lines: unknown[], name = 'tasks.jsonl'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n\n') + '\n');
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<LoupeError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

describe('gold in Loupe JSONL', () => {
  it('takes the gold out of the task, flat records and full task objects alike', async () => {
    const path = writeSource([
      { id: 'a', text: 'Great', gold: gold('pos') },
      { id: 'b', data: { text: 'Bad' }, gold: gold('neg') },
      { id: 'c', text: 'Plain', gold: null },
    ]);
    const read = await readTaskSource(path);
    expect(read.tasks.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(read.tasks.some((t) => JSON.stringify(t).includes('gold'))).toBe(false);
    expect([...read.gold.keys()]).toEqual(['a', 'b']);
    // Blank lines count: the record of task b is on line 3.
    expect(read.gold.get('b')?.line).toBe(3);
  });

  it('makes the gold the project’s gold, whatever the annotations become', async () => {
    const path = writeSource([{ id: 'a', text: 'Great', gold: gold('pos') }, { id: 'b', text: 'Bad' }, { id: 'c', text: 'Meh', gold: gold('neg') }]);
    const dir = tempDir();
    const store = await Store.open(join(dir, 'loupe.db'), { clock: () => NOW });
    open.push(store);
    const { source } = await readLoupeSource(path, sentimentConfig);
    const created = await createProject(store, join(dir, 'data'), { name: 'Gold', source, sourcePath: path, guidelines: '', annotationsAs: 'predictions' }, NOW);
    expect(created).toMatchObject({ tasks: 3, gold: 2 });
    expect([...(await store.goldAnswers(created.projectId)).entries()]).toEqual([['a', gold('pos')], ['c', gold('neg')]]);
  });

  it('refuses a gold that is not an answer, naming file, line and field', async () => {
    const path = writeSource([{ id: 'a', text: 'Great', gold: gold('pos') }, { id: 'b', text: 'Bad', gold: [{ kind: 'choices', controlId: 'sentiment', labels: 'neg' }] }]);
    const error = await refusal(readTaskSource(path));
    expect(error.where).toMatchObject({ file: 'tasks.jsonl', line: 3, field: 'gold.0.labels' });
  });

  it('refuses a gold that does not fit the label config, naming file, line and field', async () => {
    const path = writeSource([{ id: 'a', text: 'Great', gold: gold('maybe') }]);
    const dir = tempDir();
    const store = await Store.open(join(dir, 'loupe.db'), { clock: () => NOW });
    open.push(store);
    const { source } = await readLoupeSource(path, sentimentConfig);
    const error = await refusal(createProject(store, join(dir, 'data'), { name: 'Gold', source, sourcePath: path, guidelines: '', annotationsAs: 'gold' }, NOW));
    expect(error.message).toContain('maybe');
    expect(error.where).toMatchObject({ file: 'tasks.jsonl', line: 1 });
    expect(error.where?.field).toMatch(/^gold/);
  });

  it('reads a CSV gold column as the answer in JSON, and refuses one that is not JSON', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.csv');
    writeFileSync(good, `id,text,gold\na,Great,"${JSON.stringify(gold('pos')).replaceAll('"', '""')}"\nb,Bad,\n`);
    const read = await readTaskSource(good);
    expect(read.gold.get('a')).toEqual({ answer: gold('pos'), line: 2 });
    expect(read.gold.has('b')).toBe(false);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,text,gold\na,Great,pos\n');
    expect((await refusal(readTaskSource(bad))).where).toMatchObject({ file: 'bad.csv', line: 2, field: 'gold' });
  });
});
