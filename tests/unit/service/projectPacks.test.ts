/**
 * The packs a split wrote, as the lead's project lists them (project:packs): for whom, the file
 * and folder, tasks and gold, from what the store recorded, newest split first.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sentimentConfig, tempDir } from '../helpers/fixtures';
import { startCore, type Harness } from './coreHarness';

const gold = (label: string) => [{ kind: 'choices', controlId: 'sentiment', labels: [label] }];

describe('packs written by a project’s splits', () => {
  let h: Harness;
  afterEach(async () => h?.core.close());

  it('lists each pack with whom it is for, its file, folder, tasks and gold', async () => {
    h = await startCore();
    await h.call('profile:save', { name: 'Lea Lead', role: 'lead' });
    const source = join(tempDir(), 'tasks.jsonl');
    writeFileSync(source, Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `t${i}`, text: `Review ${i}`, ...(i < 2 ? { gold: gold('pos') } : {}) })).join('\n'));
    const created = await h.call('project:create', { name: 'Reviews', sourcePath: source, format: 'loupe', labelConfig: JSON.stringify(sentimentConfig), guidelines: '# Read me', annotationsAs: 'predictions' });
    expect(created).toMatchObject({ tasks: 10, gold: 2 });
    const { projectId } = created;
    expect(await h.call('project:packs', { projectId })).toEqual([]);

    const settings = { annotators: ['ann', 'bob'], overlap: 1, k: 2, goldRate: 0.2, seed: '1' };
    const first = await h.call('project:split', { projectId, settings });
    const second = await h.call('project:split', { projectId, settings: { ...settings, annotators: ['cy'], overlap: 0, k: 1 } });
    const listed = await h.call('project:packs', { projectId });
    expect(listed.map((p) => [p.annotator, p.split])).toEqual([['cy', 2], ['ann', 1], ['bob', 1]]);
    const ann = listed.find((p) => p.annotator === 'ann')!;
    const written = first!.packs.find((p) => p.annotator === 'ann')!;
    expect(join(ann.folder!, ann.file!)).toBe(written.path);
    expect(ann.folder).toBe(first!.folder);
    expect(ann).toMatchObject({ tasks: written.tasks, gold: written.gold });
    expect(ann.gold).toBeGreaterThan(0);
    expect(listed[0]!.folder).toBe(second!.folder);
  });
});
