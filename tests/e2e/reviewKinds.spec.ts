/**
 * The reviewer's read-only drawing of spans and of boxes in a real browser: two annotators
 * disagree on an image and on a text, and the review item marks matched, extra and missing
 * regions (with IoU) and spans beside the comparison. Screenshots for a person to look at.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LabelConfig } from '../../shared/pack/labelConfig';
import type { Answer, Task } from '../../shared/pack/task';
import { createProject } from '../../electron/core/projects/create';
import { importProjectResults } from '../../electron/core/projects/results';
import { splitProject } from '../../electron/core/projects/split';
import { writeReviewPack } from '../../electron/core/review/samplePack';
import { exportResultsPack } from '../../electron/core/service/resultsExport';
import { importPackFile } from '../../electron/core/service/packOpening';
import { Store } from '../../electron/core/store';
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

const SOURCES = resolve(import.meta.dirname, '../../resources/sample-sources');
const temp = (label: string) => mkdtempSync(join(tmpdir(), `loupe-e2e-${label}-`));

async function reviewPackFor(sample: string, take: number, answerOf: (annotator: string, task: Task) => Answer): Promise<string> {
  const config = JSON.parse(readFileSync(join(SOURCES, sample, 'config.json'), 'utf8')) as LabelConfig;
  const tasks = readFileSync(join(SOURCES, sample, 'tasks.jsonl'), 'utf8').trim().split('\n').slice(0, take).map((l) => JSON.parse(l) as Task);
  const images = new Map(tasks.flatMap((t) => (t.data.image ? [[t.data.image, join(SOURCES, sample, t.data.image)] as [string, string]] : [])));
  const dir = temp('lead');
  const lead = await Store.open(join(dir, 'lead.db'));
  try {
    const me = await lead.saveProfile({ name: 'Lea', role: 'lead' });
    const project = await createProject(lead, dir, { name: sample, source: { format: 'test', labelConfig: config, tasks: tasks.map((task) => ({ task, annotations: [] })), images }, sourcePath: sample, guidelines: '', annotationsAs: 'ignore' }, new Date());
    const split = await splitProject(lead, project.projectId, { annotators: ['ann', 'bob'], overlap: 1, k: 2, goldRate: 0, seed: 'k' }, join(dir, 'packs'), me, new Date());
    for (const pack of split.packs) {
      const own = temp(pack.annotator);
      const store = await Store.open(join(own, 'mine.db'));
      const person = await store.saveProfile({ name: pack.annotator, role: 'annotator' });
      const { packId } = await importPackFile(store, pack.path);
      for (let i = 0; i < (await store.taskCount(packId)); i += 1) {
        const { task, hash } = await store.taskAt(packId, i);
        await store.addRevision({ packId, taskId: task.id, profileId: person.id }, { status: 'submitted', answer: answerOf(pack.annotator, task), provenance: 'manual', modelVersion: null, activeMs: 9000, skipReason: null, taskHash: hash });
      }
      await importProjectResults(lead, project.projectId, (await exportResultsPack(store, packId, person, join(own, 'r.loupe'), new Date())).path);
      await store.close();
    }
    const path = join(dir, 'review.loupe');
    await writeReviewPack(lead, project.projectId, { percent: 1, stratify: 'none', goldFailures: false, lowAgreement: true, fastFactor: 0, flagged: false, seed: 'k' }, [{ id: 'wrong', name: 'Wrong' }], path, me, new Date());
    return path;
  } finally {
    await lead.close();
  }
}

async function openAsReviewer(app: { setNextOpenPath(path: string): Promise<void> }, loupe: LoupeUi, pack: string): Promise<void> {
  await loupe.home();
  await loupe.createProfile('Rae Reviewer');
  await app.setNextOpenPath(pack);
  await loupe.after('review-ready', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('review-item-shown');
}

test('boxes under review: matched with IoU, extra and missing regions drawn over the image', async ({ app, loupe }) => {
  const pack = await reviewPackFor('objects', 1, (annotator, task) => {
    const proposed = task.predictions?.[0]?.result.find((r) => r.kind === 'boxes');
    const boxes = proposed?.kind === 'boxes' ? proposed.boxes : [];
    // Ann draws the proposals as they are; Bob shifts them, misses the last and calls the first a tree.
    const mine = annotator === 'ann' ? boxes : boxes.slice(0, -1).map((b, i) => ({ ...b, x: b.x + 12, y: b.y + 8, label: i === 0 ? 'tree' : b.label }));
    return [{ kind: 'boxes', controlId: 'objects', boxes: mine.map(({ id, x, y, width, height, label }) => ({ id, x, y, width, height, label })) }];
  });
  await openAsReviewer(app, loupe, pack);
  await expect(loupe.page.getByTestId('diff-image')).toBeVisible();
  await expect(loupe.page.getByTestId('diff-region-iou').first()).toBeVisible();
  await expect(loupe.page.getByTestId('diff-row-objects')).toHaveAttribute('data-differs', 'true');
  await loupe.screenshot('80-review-boxes');
});

test('spans under review: extra, missing and relabelled spans marked over the text', async ({ app, loupe }) => {
  const pack = await reviewPackFor('entities', 1, (annotator) => [{
    kind: 'spans', controlId: 'entities', relations: [],
    // "Maria Okafor works for Lumen Labs in Lagos since March 2021."
    spans: annotator === 'ann'
      ? [{ id: 's1', start: 0, end: 12, label: 'PER' }, { id: 's2', start: 23, end: 33, label: 'ORG' }, { id: 's3', start: 37, end: 42, label: 'LOC' }]
      : [{ id: 's1', start: 0, end: 12, label: 'PER' }, { id: 's2', start: 23, end: 33, label: 'LOC' }, { id: 's4', start: 49, end: 59, label: 'DATE' }],
  }]);
  await openAsReviewer(app, loupe, pack);
  await expect(loupe.page.getByTestId('diff-text')).toBeVisible();
  await expect(loupe.page.getByTestId('diff-row-entities')).toHaveAttribute('data-differs', 'true');
  await loupe.screenshot('81-review-spans');
});
