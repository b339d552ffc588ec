/**
 * The sample packs shipped in resources/samples are valid packs and exactly what
 * scripts/make-samples.ts builds from resources/sample-sources (so nobody edits one and not the other).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPack } from '../../../electron/core/packs';
import { buildSample } from '../../../scripts/make-samples';
import { tempDir } from '../helpers/fixtures';

const ROOT = resolve(import.meta.dirname, '../../..');
const names = readdirSync(join(ROOT, 'resources/sample-sources')).sort();

describe('sample packs', () => {
  it('exist for every source', () => {
    expect(readdirSync(join(ROOT, 'resources/samples')).sort()).toEqual(names);
  });

  it.each(names)('%s is valid and up to date', async (name) => {
    const shipped = await readPack(join(ROOT, 'resources/samples', name));
    expect(shipped.kind).toBe('tasks');
    expect(shipped.guidelines.length).toBeGreaterThan(100);
    const rebuilt = await buildSample(join(ROOT, 'resources/sample-sources', name), join(tempDir(), name));
    expect(rebuilt).toBe(shipped.packHash);
  });
});
