/**
 * The annotator's flow through the service, as the renderer drives it: profile, sample pack,
 * drafts, submit, skip, flag, resume after a restart, and the results pack a lead imports.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openCore } from '../../../electron/core';
import { importPackFile } from '../../../electron/core/service/packOpening';
import { readPack } from '../../../electron/core/packs';
import { Store } from '../../../electron/core/store';
import type { Answer } from '../../../shared/pack/task';
import { tempDir } from '../helpers/fixtures';
import { SAMPLES_DIR, startCore, type Harness } from './coreHarness';

const pick = (label: string): Answer => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];
const PACK = 'sample-review-sentiment';

describe('annotator flow', () => {
  let h: Harness;
  afterEach(async () => h?.core.close());

  it('asks for a profile before labeling', async () => {
    h = await startCore();
    await h.call('packs:openSample', { sampleId: 'reviews' });
    await expect(h.call('session:load', { packId: PACK })).rejects.toThrow(/Create your local profile/);
  });

  it('labels, skips, flags, resumes after a restart, and exports a results pack a lead can import', async () => {
    h = await startCore();
    expect(await h.call('profile:get', {})).toBeNull();
    const profile = await h.call('profile:save', { name: 'Ada Annotator', role: 'annotator' });
    expect(await h.call('packs:samples', {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'reviews', name: 'Product review sentiment' })]));
    const summary = await h.call('packs:openSample', { sampleId: 'reviews' });
    expect(summary).toMatchObject({ packId: PACK, taskCount: 24, progress: { total: 24, submitted: 0 } });
    expect((await h.call('packs:openSample', { sampleId: 'reviews' })).packId).toBe(PACK); // no duplicate

    const session = await h.call('session:load', { packId: PACK });
    expect(session.position).toBe(0);
    expect(session.guidelines).toMatch(/# Product review sentiment/);

    const first = await h.call('task:get', { packId: PACK, index: 0 });
    expect(first).toMatchObject({ status: 'pending', answer: null, index: 0 });
    await h.call('task:saveDraft', { packId: PACK, taskId: first.task.id, answer: pick('negative'), fromPrediction: false, activeMs: 800 });
    expect(await h.call('task:get', { packId: PACK, index: 0 })).toMatchObject({ status: 'draft', answer: pick('negative'), activeMs: 800 });
    const submitted = await h.call('task:submit', { packId: PACK, taskId: first.task.id, answer: pick('positive'), fromPrediction: false, activeMs: 1500 });
    expect(submitted).toMatchObject({ revision: 1, provenance: 'manual', progress: { submitted: 1, drafts: 0 } });

    await expect(h.call('task:submit', { packId: PACK, taskId: 'rev-002', answer: [], fromPrediction: false, activeMs: 1 })).rejects.toThrow(
      /"Overall sentiment" needs an answer/,
    );
    await expect(
      h.call('task:submit', { packId: PACK, taskId: 'rev-002', answer: [{ kind: 'choices', controlId: 'sentiment', labels: ['positive', 'negative'] }], fromPrediction: false, activeMs: 1 }),
    ).rejects.toThrow(/takes one label/);
    await expect(h.call('task:submit', { packId: PACK, taskId: 'rev-002', answer: pick('great'), fromPrediction: false, activeMs: 1 })).rejects.toThrow(/label "great" is not a label of control "sentiment"/);

    await h.call('task:skip', { packId: PACK, taskId: 'rev-002', reason: 'Not a review', activeMs: 300 });
    await h.call('task:flag', { packId: PACK, taskId: 'rev-003', comment: 'Is a kettle review neutral?' });
    await h.call('task:saveDraft', { packId: PACK, taskId: 'rev-003', answer: pick('neutral'), fromPrediction: false, activeMs: 200 });
    await h.call('session:setPosition', { packId: PACK, index: 2 });
    await h.call('task:time', { packId: PACK, taskId: 'rev-004', activeMs: 4200 });
    expect(await h.call('task:get', { packId: PACK, index: 3 })).toMatchObject({ status: 'pending', activeMs: 4200 });

    // Close the app and open it again on the same data.
    await h.core.close();
    const again = await openCore({ dataDir: h.dataDir, samplesDir: SAMPLES_DIR, appVersion: 'test', dialogs: { chooseOpenPack: async () => null, chooseOpenPaths: async () => null, chooseFolder: async () => null, chooseSaveFile: async (n) => join(h.exportDir, n) } });
    h = { ...h, core: again, call: async (c, i) => { const r = await again.dispatch(c, i); if (!r.ok) throw new Error(r.error.message); return r.value as never; } };
    const resumed = await h.call('session:load', { packId: PACK });
    expect(resumed.position).toBe(2);
    expect(resumed.pack.progress).toEqual({ total: 24, submitted: 1, skipped: 1, flagged: 1, drafts: 1 });
    expect(await h.call('task:get', { packId: PACK, index: 2 })).toMatchObject({ status: 'draft', answer: pick('neutral'), flagComment: 'Is a kettle review neutral?' });
    expect(await h.call('task:get', { packId: PACK, index: 1 })).toMatchObject({ status: 'skipped', skipReason: 'Not a review' });
    await h.call('task:submit', { packId: PACK, taskId: 'rev-003', answer: pick('neutral'), fromPrediction: false, activeMs: 900 });

    const exported = await h.call('results:export', { packId: PACK });
    expect(exported).toMatchObject({ rows: 3 });
    const results = await readPack(exported!.path);
    expect(results.manifest).toMatchObject({ kind: 'results', answers: { packId: PACK }, author: { id: profile.id, name: 'Ada Annotator' } });
    expect(results.rows).toEqual([
      expect.objectContaining({ taskId: 'rev-001', status: 'submitted', answer: pick('positive'), revision: 1, activeMs: 1500, provenance: 'manual' }),
      expect.objectContaining({ taskId: 'rev-002', status: 'skipped', skipReason: 'Not a review' }),
      expect.objectContaining({ taskId: 'rev-003', status: 'submitted', answer: pick('neutral'), flag: { comment: 'Is a kettle review neutral?' } }),
    ]);

    // The lead imports the task pack, then the results: once adds, twice changes nothing.
    const lead = await Store.open(join(tempDir(), DATABASE_FILE));
    await importPackFile(lead, join(SAMPLES_DIR, 'reviews'));
    expect(await importPackFile(lead, exported!.path)).toMatchObject({ kind: 'results', imported: true, added: 3 });
    expect(await importPackFile(lead, exported!.path)).toMatchObject({ imported: false });
    expect(await lead.latestRevisions(PACK, profile.id)).toHaveLength(3);
    await lead.close();
    expect(readdirSync(h.exportDir)).toHaveLength(1);
  });

  it('says there is nothing to export before any task is done, and writes no file', async () => {
    h = await startCore();
    await h.call('profile:save', { name: 'Bo', role: 'annotator' });
    await h.call('packs:openSample', { sampleId: 'tickets' });
    await expect(h.call('results:export', { packId: 'sample-ticket-topics' })).rejects.toThrow(/Nothing to export yet/);
    expect(readdirSync(h.exportDir)).toEqual([]);
  });

  it('records provenance against the prediction the draft started from', async () => {
    const { provenanceOf } = await import('../../../shared/provenance');
    const predictions = [{ model: 'sent-bert', modelVersion: '3', score: 0.9, result: pick('positive') }];
    expect(provenanceOf(pick('positive'), predictions, true)).toEqual({ provenance: 'prediction', modelVersion: 'sent-bert@3' });
    expect(provenanceOf(pick('negative'), predictions, true)).toEqual({ provenance: 'prediction-changed', modelVersion: 'sent-bert@3' });
    expect(provenanceOf(pick('positive'), predictions, false)).toEqual({ provenance: 'manual', modelVersion: null });
  });

  it('records provenance from the origin of each span or region', async () => {
    const { provenanceOf } = await import('../../../shared/provenance');
    const detector = [{ model: 'det', modelVersion: '7', result: [] }];
    const boxes = (...origins: Array<'prediction' | 'prediction-changed' | 'manual' | undefined>): Answer => [
      { kind: 'boxes', controlId: 'objects', boxes: origins.map((origin, i) => ({ id: `b${i}`, x: 0, y: 0, width: 1, height: 1, label: 'car', ...(origin ? { origin } : {}) })) },
    ];
    expect(provenanceOf(boxes('prediction', 'prediction'), detector, false)).toEqual({ provenance: 'prediction', modelVersion: 'det@7' });
    expect(provenanceOf(boxes('prediction', 'manual'), detector, false).provenance).toBe('prediction-changed');
    expect(provenanceOf(boxes('prediction-changed'), detector, false).provenance).toBe('prediction-changed');
    expect(provenanceOf(boxes('manual', undefined), detector, false)).toEqual({ provenance: 'manual', modelVersion: null });
    expect(provenanceOf(boxes(), detector, false).provenance).toBe('manual');
  });
});
