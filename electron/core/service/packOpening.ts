/**
 * Opening a pack from disk: read and check it fully (nothing is written while reading), then land
 * it in the store in one transaction. Used by the app (open dialog, drag and drop, file association,
 * samples) and by `loupe import`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LoupeError } from '../../../shared/errors';
import { importFeedback } from '../review/feedback';
import { manifestSchema } from '../../../shared/pack/manifest';
import { taskKindOf } from '../../../shared/pack/taskKind';
import { readPack, type PackLimits } from '../packs';
import type { Store } from '../store';

export interface OpenOutcome {
  packId: string;
  kind: 'tasks' | 'results' | 'review' | 'feedback';
  /** False when exactly this pack was imported before (nothing changed). */
  imported: boolean;
  /** Results packs: answers added and answers already present. */
  added?: number;
  alreadyPresent?: number;
}

export async function importPackFile(store: Store, path: string, limits?: Partial<PackLimits>): Promise<OpenOutcome> {
  const loaded = await readPack(path, limits ? { limits } : {});
  const { manifest } = loaded;
  switch (loaded.kind) {
    case 'tasks': {
      const outcome = await store.importTaskPack({
        manifest,
        packHash: loaded.packHash,
        tasks: loaded.rows,
        lines: loaded.lines,
        guidelines: loaded.guidelines,
        assets: loaded.assets,
        sourcePath: path,
      });
      return { ...outcome, kind: 'tasks' };
    }
    case 'results': {
      const outcome = await store.importResultsPack({
        manifest,
        packHash: loaded.packHash,
        rows: loaded.rows,
        sourcePath: path,
      });
      return { packId: outcome.packId, kind: 'results', imported: outcome.imported, added: outcome.added, alreadyPresent: outcome.alreadyPresent };
    }
    case 'review': {
      // A review pack opens like a task pack (its rows are tasks); the reviewer's view reads meta.review.
      const outcome = await store.importTaskPack({
        manifest, packHash: loaded.packHash, tasks: loaded.rows, lines: loaded.lines, guidelines: loaded.guidelines, assets: loaded.assets, sourcePath: path,
      });
      return { ...outcome, kind: 'review' };
    }
    case 'verdicts': {
      if (!manifest.feedbackFor) {
        throw new LoupeError('invalid-input', 'A reviewer’s verdicts pack goes into its project: open the project in the Lead view and use Review › Import verdicts.', {
          file: 'manifest.json',
          field: 'kind',
        });
      }
      const outcome = await importFeedback(store, { manifest, packHash: loaded.packHash, rows: loaded.rows, sourcePath: path });
      return { packId: outcome.packId, kind: 'feedback', imported: outcome.imported, added: outcome.added, alreadyPresent: loaded.rows.length - outcome.added };
    }
  }
}

export interface SampleInfo {
  id: string;
  name: string;
  description: string;
  /** What the sample asks for, in words (shared/pack/taskKind.ts). */
  taskKind: string;
  path: string;
}

/** The sample packs shipped in resources/samples (each a pack folder). */
export async function listSamples(samplesDir: string): Promise<SampleInfo[]> {
  let names: string[];
  try {
    names = (await readdir(samplesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
  const samples: SampleInfo[] = [];
  for (const id of names) {
    const path = join(samplesDir, id);
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(path, 'manifest.json'), 'utf8').catch(() => 'null')));
    if (!parsed.success || !parsed.data.labelConfig) continue;
    const { name, description, labelConfig } = parsed.data;
    samples.push({ id, name, description: description ?? '', taskKind: taskKindOf(labelConfig), path });
  }
  return samples;
}
