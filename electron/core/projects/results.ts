/**
 * Bringing an annotator's results pack back into its project. The pack must answer one of this
 * project's packs (a results pack for another project, or for a pack no split made, is refused
 * with what it does answer); the import itself is the store's: idempotent, revisions kept.
 */
import { LoupeError } from '../../../shared/errors';
import { readPack } from '../packs';
import type { Store } from '../store';

export interface ProjectResultsImport {
  packId: string;
  answers: string;
  annotator: string | null;
  imported: boolean;
  added: number;
  alreadyPresent: number;
}

export async function importProjectResults(store: Store, projectId: string, path: string): Promise<ProjectResultsImport> {
  const project = await store.project(projectId);
  const loaded = await readPack(path);
  if (loaded.kind !== 'results') {
    throw new LoupeError('invalid-input', `this is a ${loaded.kind} pack; a project takes results packs back`, { pack: path, file: 'manifest.json', field: 'kind' });
  }
  const answers = loaded.manifest.answers!.packId;
  const owner = await store.projectOfPack(answers);
  if (owner !== projectId) {
    const other = owner ? `project "${(await store.project(owner)).name}"` : 'no project here (not a pack a split of this workspace made)';
    throw new LoupeError('conflict', `this results pack answers pack "${answers}", which belongs to ${other}, not to project "${project.name}"`, {
      pack: path,
      file: 'manifest.json',
      field: 'answers.packId',
    });
  }
  const outcome = await store.importResultsPack({ manifest: loaded.manifest, packHash: loaded.packHash, rows: loaded.rows, sourcePath: path });
  return { ...outcome, answers, annotator: loaded.manifest.author?.id ?? null };
}
