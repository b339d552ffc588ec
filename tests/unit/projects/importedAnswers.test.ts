/**
 * The annotations that came with a source, kept as what they are: each person's answers (skips
 * included) as theirs in the project, and a person's "nothing here" as an answered-empty task
 * (gold or answer), never an unlabelled one. Through the real store and project export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject } from '../../../electron/core/projects/create';
import { exportProject } from '../../../electron/core/projects/exportProject';
import { projectStatus } from '../../../electron/core/projects/status';
import type { SourceSet } from '../../../electron/core/formats/interop/types';
import { Store } from '../../../electron/core/store';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import { describeCreated } from '../../../shared/projectContract';
import { tempDir } from '../helpers/fixtures';

const NOW = new Date('2026-12-01T10:00:00Z');
const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const config: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [{ id: 'entities', kind: 'spans', required: true, labels: [{ id: 'PER', name: 'Person', color: '#1c7ed6', hotkey: '1' }] }],
} as LabelConfig;

const spans = (list: Array<[number, number]>) => [{ kind: 'spans' as const, controlId: 'entities', spans: list.map(([start, end], i) => ({ id: `s${i}`, start, end, label: 'PER' })), relations: [] }];

function source(): SourceSet {
  return {
    format: 'test',
    labelConfig: config,
    images: new Map(),
    tasks: [
      { task: { id: 't1', data: { text: 'Ada met Bob' } }, annotations: [
        { annotator: 'ann', kind: 'annotation', answer: spans([[0, 3]]), at: '2026-11-01T08:00:00.000Z' },
        { annotator: 'bea', kind: 'annotation', answer: spans([[0, 3], [8, 11]]) },
      ] },
      { task: { id: 't2', data: { text: 'nobody here' } }, annotations: [
        { annotator: 'ann', kind: 'annotation', answer: [] },
        { annotator: 'bea', kind: 'annotation', answer: [], status: 'skipped', skipReason: 'ignore' },
      ] },
      { task: { id: 't3', data: { text: 'not seen yet' } }, annotations: [{ annotator: 'model', kind: 'prediction', answer: spans([[0, 3]]) }] },
    ],
  };
}

async function project(annotationsAs: 'answers' | 'gold') {
  const dir = tempDir('loupe-imported-');
  const store = await Store.open(join(dir, 'loupe.db'), { clock: () => NOW });
  open.push(store);
  const created = await createProject(store, join(dir, 'data'), { name: 'Imported', source: source(), sourcePath: 'file.jsonl', guidelines: '', annotationsAs }, NOW);
  return { store, dir, created };
}

describe('annotations that came with the source', () => {
  it('keeps each person’s answers and skips as theirs, with an empty answer as "nothing here"', async () => {
    const { store, created } = await project('answers');
    expect(created).toMatchObject({ tasks: 3, gold: 0, answers: 4, annotators: 2 });
    expect(describeCreated(created)).toBe('3 tasks, 4 answers by 2 people');
    const answers = await store.projectAnswers(created.projectId);
    const of = (name: string, task: string) => answers.find((a) => a.annotatorName === name && a.taskId === task);
    expect(of('ann', 't1')).toMatchObject({ status: 'submitted', submittedAt: '2026-11-01T08:00:00.000Z' });
    expect(of('ann', 't2')!.answer).toEqual([{ kind: 'spans', controlId: 'entities', spans: [], relations: [], none: true }]);
    expect(of('bea', 't2')).toMatchObject({ status: 'skipped', skipReason: 'ignore' });
    expect(answers.filter((a) => a.annotatorName === 'model')).toEqual([]);
    const status = await projectStatus(store, created.projectId);
    expect(status.packs.map((p) => [p.annotator, p.tasks, p.submitted, p.skipped])).toEqual([['imported', 3, 3, 1]]);
    expect(status.annotators.map((a) => [a.name, a.submitted, a.skipped])).toEqual([['ann', 2, 0], ['bea', 1, 1]]);
    expect(status.answeredTasks).toBe(2);
    expect(created.warnings).toEqual(['1 model prediction was not used: import them as predictions to show them to annotators']);
  });

  it('keeps a person’s empty answer as gold that says "nothing here"', async () => {
    const { store, created } = await project('gold');
    expect(created).toMatchObject({ tasks: 3, gold: 2 });
    expect(describeCreated(created)).toBe('3 tasks (2 of them gold)');
    // What gold leaves out is said, with the choice that would keep it.
    expect(created.warnings).toEqual([
      '1 model prediction was not used: import them as predictions to show them to annotators',
      "1 answer was not used because gold is each task's first person's answer: import as answers to keep everyone's",
      '1 skipped task is not gold: import as answers to keep the skips',
    ]);
    const gold = await store.goldAnswers(created.projectId);
    expect(gold.get('t2')).toEqual([{ kind: 'spans', controlId: 'entities', spans: [], relations: [], none: true }]);
  });

  it('exports everyone’s answers with --final all, and warns about an annotator who answered nothing', async () => {
    const { store, dir, created } = await project('answers');
    const all = await exportProject(store, created.projectId, 'jsonl', 'majority', join(dir, 'majority.jsonl'));
    expect(all.warnings).toEqual([]);
    const lines = readFileSync(all.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; answer: unknown });
    expect(lines.find((l) => l.id === 't2')?.answer).toEqual([{ kind: 'spans', controlId: 'entities', spans: [], relations: [], none: true }]);
    const nobody = await exportProject(store, created.projectId, 'jsonl', { annotator: 'carl' }, join(dir, 'carl.jsonl'));
    expect(nobody.warnings.join('\n')).toContain('annotator "carl" has no answers');
    await expect(exportProject(store, created.projectId, 'coco', 'all', join(dir, 'all.json'))).rejects.toThrow('only label-studio, prodigy, doccano can hold');
  });
});
