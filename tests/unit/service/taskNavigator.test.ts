/**
 * The `tasks:list` channel as the navigator calls it: the current person's statuses on a sample
 * pack, and the input refusals a person can act on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/pack/task';
import { startCore, type Harness } from './coreHarness';

const PACK = 'sample-review-sentiment';
const pick = (label: string): Answer => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];

describe('tasks:list', () => {
  let h: Harness;
  afterEach(async () => h?.core.close());

  it('lists the sample pack with this person’s statuses, filters and searches', async () => {
    h = await startCore();
    await h.call('packs:openSample', { sampleId: 'reviews' });
    await expect(h.call('tasks:list', { packId: PACK })).rejects.toThrow(/Create your local profile/);
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });

    await h.call('task:submit', { packId: PACK, taskId: 'rev-001', answer: pick('positive'), fromPrediction: false, activeMs: 10 });
    await h.call('task:skip', { packId: PACK, taskId: 'rev-002', reason: 'Not a review', activeMs: 10 });
    await h.call('task:saveDraft', { packId: PACK, taskId: 'rev-003', answer: pick('neutral'), fromPrediction: false, activeMs: 10 });
    await h.call('task:flag', { packId: PACK, taskId: 'rev-003', comment: 'neutral?' });

    const all = await h.call('tasks:list', { packId: PACK, limit: 4 });
    expect(all.counts).toEqual({ all: 24, pending: 21, draft: 1, submitted: 1, skipped: 1, flagged: 1 });
    expect(all.items.map((item) => [item.index, item.taskId, item.status, item.flagged])).toEqual([
      [0, 'rev-001', 'submitted', false], [1, 'rev-002', 'skipped', false], [2, 'rev-003', 'draft', true], [3, 'rev-004', 'pending', false],
    ]);
    expect(all.items[0]!.preview).toBe("Battery easily lasts two days and the screen is gorgeous outdoors. Best phone I've owned.");
    expect(all.next).toBe(4);

    const flagged = await h.call('tasks:list', { packId: PACK, filter: 'flagged' });
    expect(flagged.items.map((item) => item.taskId)).toEqual(['rev-003']);
    expect(flagged.next).toBeNull();
    const second = await h.call('tasks:list', { packId: PACK, from: all.next, limit: 2, withCounts: false });
    expect(second).toMatchObject({ counts: null, next: 6 });
    expect(second.items.map((item) => item.taskId)).toEqual(['rev-005', 'rev-006']);
    const kettle = await h.call('tasks:list', { packId: PACK, search: '  KETTLE ' });
    expect(kettle.items.map((item) => item.taskId)).toEqual(['rev-003']);
    expect((await h.call('tasks:list', { packId: PACK, filter: 'submitted', search: 'kettle' })).items).toEqual([]);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    h = await startCore();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    await h.call('packs:openSample', { sampleId: 'reviews' });
    await expect(h.call('tasks:list', { packId: PACK, search: 'x'.repeat(201) })).rejects.toThrow(/at most 200 characters/);
    await expect(h.call('tasks:list', { packId: PACK, filter: 'done' })).rejects.toThrow(/filter/);
    await expect(h.call('tasks:list', { packId: PACK, limit: 0 })).rejects.toThrow(/limit/);
    await expect(h.call('tasks:list', { packId: 'no-such-pack' })).rejects.toThrow(/no pack "no-such-pack"/);
  });
});
