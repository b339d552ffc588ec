/**
 * Builds the sample packs in resources/samples/ (pack folders, shipped with the app) from their
 * sources in resources/sample-sources/<name>/: pack.json (id, name, description), config.json,
 * tasks.jsonl, guidelines.md and, for image packs, assets/. Deterministic: running it again
 * changes nothing.
 *
 *   npx tsx scripts/make-samples.ts
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readTaskSource } from '../electron/core/formats/taskSources';
import { writePackDirectory } from '../electron/core/packs';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCES = join(ROOT, 'resources/sample-sources');
const OUT = join(ROOT, 'resources/samples');
const CREATED_AT = '2026-11-01T09:00:00.000Z';

export async function buildSample(sourceDir: string, outDir: string): Promise<string> {
  const meta = JSON.parse(await readFile(join(sourceDir, 'pack.json'), 'utf8')) as { packId: string; name: string; description: string };
  const labelConfig = JSON.parse(await readFile(join(sourceDir, 'config.json'), 'utf8'));
  const { tasks, assets } = await readTaskSource(join(sourceDir, 'tasks.jsonl'));
  // Images the tasks point at live in the source's assets/ folder (made by make-sample-images.ts).
  const assetNames = await readdir(join(sourceDir, 'assets')).catch(() => [] as string[]);
  for (const name of assetNames.sort()) assets.set(`assets/${name}`, await readFile(join(sourceDir, 'assets', name)));
  const written = await writePackDirectory(outDir, {
    manifest: {
      packId: meta.packId,
      kind: 'tasks',
      name: meta.name,
      description: meta.description,
      createdAt: CREATED_AT,
      author: { id: 'loupe', name: 'Loupe samples', role: 'lead' },
      labelConfig,
    },
    rows: tasks,
    guidelines: await readFile(join(sourceDir, 'guidelines.md'), 'utf8'),
    assets,
  });
  return written.packHash;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const name of (await readdir(SOURCES)).sort()) {
    const outDir = join(OUT, name);
    await rm(outDir, { recursive: true, force: true });
    const hash = await buildSample(join(SOURCES, name), outDir);
    console.log(`${outDir}: ${hash}`);
  }
}
