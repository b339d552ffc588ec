/**
 * Splitting a project into one task pack per annotator (shared/split.ts decides who gets what),
 * written as `.loupe` files for the team and imported into the lead's own store at once, so the
 * results that come back have a pack to answer. Gold tasks go out as ordinary tasks: their
 * answers stay in the project, and so does what the source file said beyond the task (outgoingTask).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import type { Manifest } from '../../../shared/pack/manifest';
import { splitProblem, splitTasks, type SplitReport, type SplitSettings } from '../../../shared/split';
import { readPack, writePack } from '../packs';
import type { Store } from '../store';
import { safeFileName } from '../fileNames';
import { outgoingTask } from './outgoingTask';

export interface SplitOutcome {
  split: number;
  report: SplitReport;
  packs: Array<{ packId: string; annotator: string; path: string; tasks: number; gold: number }>;
}

const safe = (s: string) => safeFileName(s, 'x');
const idPart = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 40) || 'x';

/** Who got what, before anything is written (the app shows it; the CLI prints it with --dry-run). */
export async function planSplit(store: Store, projectId: string, settings: SplitSettings): Promise<SplitReport> {
  const { tasks, gold } = await store.projectTaskIds(projectId);
  const problem = splitProblem(settings, tasks.length, gold.length);
  if (problem) throw new LoupeError('invalid-input', problem, { field: 'split' });
  return splitTasks(tasks, gold, settings);
}

/** What the work pays, written into each pack's manifest for the annotator's own dashboard. */
export type PayTerms = NonNullable<Manifest['pay']>;

export async function splitProject(store: Store, projectId: string, settings: SplitSettings, outDir: string, lead: Profile, now: Date, pay?: PayTerms): Promise<SplitOutcome> {
  const project = await store.project(projectId);
  const report = await planSplit(store, projectId, settings);
  const split = await store.nextSplitNumber(projectId);
  const images = await store.projectImages(projectId);
  await mkdir(outDir, { recursive: true });
  const packs: SplitOutcome['packs'] = [];
  for (const pack of report.packs) {
    const tasks = await store.projectTasksById(projectId, pack.taskIds);
    const assets = new Map<string, Uint8Array>();
    for (const task of tasks) {
      const image = task.data.image;
      if (image === undefined || assets.has(image)) continue;
      const file = images.get(image);
      if (!file) throw new LoupeError('not-found', `image "${image.replace(/^assets\//, '')}" of task "${task.id}" was not found when project "${projectId}" was created, so it cannot go into a pack; create the project again with the images (--images DIR)`);
      assets.set(image, await readFile(file));
    }
    const packId = `${idPart(projectId)}.s${split}.${idPart(pack.annotator)}`;
    const path = join(outDir, `${safe(project.name)}.${safe(pack.annotator)}.s${split}.loupe`);
    await writePack(path, {
      manifest: {
        packId,
        kind: 'tasks',
        name: `${project.name} — ${pack.annotator}`,
        description: `${tasks.length} tasks for ${pack.annotator} (split ${split} of project ${project.name}).`,
        createdAt: now.toISOString(),
        author: { id: lead.id, name: lead.name, role: lead.role },
        labelConfig: project.labelConfig,
        ...(pay ? { pay } : {}),
      },
      rows: tasks.map(outgoingTask),
      guidelines: project.guidelines,
      assets,
    });
    // The lead's store holds the same pack, so the results coming back have something to answer.
    const loaded = await readPack(path);
    if (loaded.kind !== 'tasks') throw new LoupeError('internal', 'a split wrote a pack that is not a task pack');
    await store.importTaskPack({
      manifest: loaded.manifest, packHash: loaded.packHash, tasks: loaded.rows, lines: loaded.lines,
      guidelines: loaded.guidelines, assets: loaded.assets, sourcePath: path,
    });
    packs.push({ packId, annotator: pack.annotator, path, tasks: tasks.length, gold: pack.gold });
  }
  await store.recordSplit(projectId, { number: split, settings, report, packs: packs.map(({ packId, annotator, gold }) => ({ packId, annotator, gold })) });
  return { split, report, packs };
}
