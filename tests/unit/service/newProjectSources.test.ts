/**
 * What a new project starts from, through the service: the sample packs' label configs (each valid,
 * with its guidelines), and a label config or guidelines file the main process reads for the
 * renderer (a cancelled dialog is null; a file too large or not text is refused by name).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labelConfigSchema } from '../../../shared/pack/labelConfig';
import { tempDir } from '../helpers/fixtures';
import { startCore, type Harness } from './coreHarness';

describe('a new project’s label config and guidelines', () => {
  let h: Harness;
  afterEach(async () => h?.core.close());

  it('offers every sample pack’s config, valid, with its guidelines and what it asks', async () => {
    h = await startCore();
    const samples = await h.call('project:sampleConfigs', {});
    expect(samples.length).toBeGreaterThanOrEqual(10);
    const reviews = samples.find((s) => s.id === 'reviews')!;
    expect(reviews).toMatchObject({ name: 'Product review sentiment', kinds: 'text: choices' });
    expect(reviews.guidelines).toMatch(/# Product review sentiment/);
    for (const s of samples) expect(labelConfigSchema.safeParse(JSON.parse(s.labelConfig)).success).toBe(true);
  });

  it('reads the chosen file for the renderer, and refuses one that is not text', async () => {
    h = await startCore();
    expect(await h.call('project:chooseTextFile', { purpose: 'guidelines' })).toBeNull();
    const dir = tempDir();
    h.nextOpen.path = join(dir, 'guidelines.md');
    writeFileSync(h.nextOpen.path, '\uFEFF# Label the mood\n');
    expect(await h.call('project:chooseTextFile', { purpose: 'guidelines' })).toEqual({ path: h.nextOpen.path, text: '# Label the mood\n' });
    h.nextOpen.path = join(dir, 'config.json');
    writeFileSync(h.nextOpen.path, Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
    await expect(h.call('project:chooseTextFile', { purpose: 'labelConfig' })).rejects.toThrow(/config\.json: is not UTF-8 text/);
    writeFileSync(h.nextOpen.path, 'x'.repeat(1_000_001));
    await expect(h.call('project:chooseTextFile', { purpose: 'labelConfig' })).rejects.toThrow(/config\.json: .* at most 1 MB/);
  });
});
