/**
 * The task navigator's reads (db/taskListRepo.ts): each task's status as the annotator view shows
 * it, counts that agree with the list, filters, a case-insensitive search of the fields a person
 * reads (not the JSON), pages that continue where the last one stopped, and a 100k-task pack that
 * answers a page without reading the whole pack.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCAN_WINDOW } from '../../../electron/core/db/taskListRepo';
import { Store } from '../../../electron/core/store';
import type { TaskFilter } from '../../../shared/contract';
import type { Answer, Task } from '../../../shared/pack/task';
import { taskPackInput, tempDir, textTasks } from '../helpers/fixtures';

const pos: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }];
const revision = { provenance: 'manual' as const, modelVersion: null, taskHash: 'h'.repeat(64), activeMs: 100 };

describe('task navigator reads', () => {
  let store: Store;
  let profileId: string;
  const list = (filter: TaskFilter = 'all', search = '', from = 0, limit = 50) =>
    store.listTasks({ packId: 'pack-test', profileId, filter, search, from, limit });

  beforeEach(async () => {
    store = await Store.open(join(tempDir(), 'loupe.db'));
    profileId = (await store.saveProfile({ name: 'Ada', role: 'annotator' })).id;
  });

  it('gives each task the status the annotator sees, with counts that agree with the list', async () => {
    await store.importTaskPack(taskPackInput(textTasks(6)));
    const ref = (taskId: string) => ({ packId: 'pack-test', taskId, profileId });
    await store.addRevision(ref('t1'), { ...revision, status: 'submitted', answer: pos, skipReason: null });
    await store.addRevision(ref('t2'), { ...revision, status: 'skipped', answer: [], skipReason: 'unclear' });
    await store.saveDraft(ref('t3'), pos, false, 50);
    // Submitted, then changed again: the draft is what the annotator sees.
    await store.addRevision(ref('t4'), { ...revision, status: 'submitted', answer: pos, skipReason: null });
    await store.saveDraft(ref('t4'), [], false, 60);
    await store.setFlag(ref('t1'), 'check this');
    await store.setFlag(ref('t5'), '');

    const page = await list();
    expect(page.items.map((item) => [item.taskId, item.status, item.flagged])).toEqual([
      ['t1', 'submitted', true], ['t2', 'skipped', false], ['t3', 'draft', false],
      ['t4', 'draft', false], ['t5', 'pending', true], ['t6', 'pending', false],
    ]);
    expect(page.items[0]).toEqual({ index: 0, taskId: 't1', status: 'submitted', flagged: true, preview: 'Task number 1: some text to label.' });
    expect(page.next).toBeNull();

    const counts = await store.taskCounts('pack-test', profileId);
    expect(counts).toEqual({ all: 6, pending: 2, draft: 2, submitted: 1, skipped: 1, flagged: 2 });
    for (const filter of ['pending', 'draft', 'submitted', 'skipped', 'flagged'] as const) {
      const filtered = await list(filter);
      expect(filtered.items).toHaveLength(counts[filter]);
      expect(filtered.items.every((item) => (filter === 'flagged' ? item.flagged : item.status === filter))).toBe(true);
    }
    expect((await list('flagged')).items.map((item) => item.taskId)).toEqual(['t1', 't5']);
  });

  it('searches the fields a person reads, case-insensitively, never the JSON keys', async () => {
    const tasks: Task[] = [
      { id: 'a', data: { text: 'The Battery died after a week.' } },
      { id: 'b', data: { prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Is the battery replaceable?' }] } },
      { id: 'c', data: { image: 'assets/cars/red-car.jpg' } },
      { id: 'd', data: { prompt: 'Summarize', responses: [{ id: 'r1', content: 'The café was closed' }] } },
      { id: 'e', data: { text: 'Nothing to see "here"' }, meta: { battery: true } },
    ];
    await store.importTaskPack(taskPackInput(tasks));
    const ids = async (search: string, filter: TaskFilter = 'all') => (await list(filter, search)).items.map((item) => item.taskId);
    expect(await ids('battery')).toEqual(['a', 'b']); // not "e", whose meta key is "battery"
    expect(await ids('BATTERY')).toEqual(['a', 'b']);
    expect(await ids('text')).toEqual([]); // every body has a "text" or "data" key; no field says it
    expect(await ids('CAFÉ')).toEqual(['d']);
    expect(await ids('red-car')).toEqual(['c']);
    expect(await ids('"here"')).toEqual(['e']);
    expect(await ids('battery', 'submitted')).toEqual([]);
    expect((await list()).items.map((item) => item.preview)).toEqual([
      'The Battery died after a week.', 'Is the battery replaceable?', 'red-car.jpg', 'Summarize', 'Nothing to see "here"',
    ]);
  });

  it('finds what a cheap first look at the raw JSON would miss: escapes and non-ASCII case', async () => {
    // Lines as other tools write them: \u escapes (Python's ensure_ascii, Go's HTML-safe <>&).
    const lines = [
      '{"id":"esc","data":{"text":"\\u0041pple pie at 5 \\u212A"}}',
      '{"id":"raw","data":{"text":"Room at 300 \u212A"}}',
      '{"id":"plain","data":{"text":"Nothing here"}}',
    ];
    const tasks = lines.map((line) => JSON.parse(line) as Task);
    expect(tasks[0]!.data.text).toBe('Apple pie at 5 \u212A');
    await store.importTaskPack({ ...taskPackInput(tasks), lines });
    const ids = async (search: string) => (await list('all', search)).items.map((item) => item.taskId);
    expect(await ids('apple')).toEqual(['esc']);
    // The Kelvin sign lower-cases to an ASCII k in JavaScript, not in SQLite.
    expect(await ids('5 k')).toEqual(['esc']);
    expect(await ids('300 k')).toEqual(['raw']);
    expect(await ids('here')).toEqual(['plain']);
  });

  it('pages through a search: each page starts where the last one stopped', async () => {
    await store.importTaskPack(taskPackInput(textTasks(30)));
    // "number 1" is in tasks 1 and 10–19: eleven matches.
    const first = await list('all', 'number 1', 0, 4);
    expect(first.items.map((item) => item.taskId)).toEqual(['t1', 't10', 't11', 't12']);
    expect(first.next).toBe(12);
    const rest = await list('all', 'number 1', first.next!, 50);
    expect(rest.items.map((item) => item.taskId)).toEqual(['t13', 't14', 't15', 't16', 't17', 't18', 't19']);
    expect(rest.next).toBeNull();
  });

  it('answers the first page of a 100k-task pack, and finds its last task', async () => {
    await store.importTaskPack(taskPackInput(textTasks(100_000)));
    const ref = (taskId: string) => ({ packId: 'pack-test', taskId, profileId });
    await store.setFlag(ref('t99999'), 'near the end');
    await store.addRevision(ref('t100000'), { ...revision, status: 'skipped', answer: [], skipReason: 'last' });

    const first = await list();
    expect(first.items).toHaveLength(50);
    expect(first.items[49]).toMatchObject({ index: 49, taskId: 't50', status: 'pending' });
    expect(first.next).toBe(50);
    const later = await list('all', '', 70_000, 3);
    expect(later.items.map((item) => item.index)).toEqual([70_000, 70_001, 70_002]);
    expect((await list('flagged')).items.map((item) => item.taskId)).toEqual(['t99999']);
    // A rare word or a rare status is read a window at a time: pages come back short until the last one.
    const everyPage = async (filter: TaskFilter, search: string) => {
      const found = [];
      let calls = 0;
      for (let from: number | null = 0; from !== null; calls += 1) {
        const page = await list(filter, search, from);
        found.push(...page.items);
        from = page.next;
      }
      return { found, calls };
    };
    const last = { index: 99_999, taskId: 't100000', status: 'skipped', flagged: false, preview: 'Task number 100000: some text to label.' };
    expect(await everyPage('all', 'NUMBER 100000:')).toEqual({ found: [last], calls: 100_000 / SCAN_WINDOW });
    expect(await everyPage('skipped', '')).toEqual({ found: [last], calls: 100_000 / SCAN_WINDOW });
    expect(await store.taskCounts('pack-test', profileId)).toEqual({ all: 100_000, pending: 99_999, draft: 0, submitted: 0, skipped: 1, flagged: 1 });
  });
});
