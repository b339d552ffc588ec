/**
 * Writing an annotator's results pack: the latest revision of every task they submitted or
 * skipped, with time spent, provenance and flags, answering the task pack by id and task hash.
 * The pack id is derived from what it contains, so exporting the same work twice gives the same pack.
 */
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import type { ResultRow } from '../../../shared/pack/manifest';
import { sha256Hex, writePack } from '../packs';
import type { Store } from '../store';
import { safeFileName } from '../fileNames';

/** The person's latest answer to every task they submitted or skipped; refuses when there is none. */
export async function resultRows(store: Store, packId: string, profile: Profile): Promise<ResultRow[]> {
  const revisions = await store.latestRevisions(packId, profile.id);
  if (revisions.length === 0) {
    throw new LoupeError('invalid-input', 'Nothing to export yet: submit or skip at least one task first.');
  }
  return revisions.map((r) => ({
    taskId: r.taskId,
    taskHash: r.taskHash,
    annotator: { id: profile.id, name: profile.name, role: profile.role },
    status: r.status,
    answer: r.answer,
    provenance: r.provenance,
    ...(r.modelVersion ? { modelVersion: r.modelVersion } : {}),
    revision: r.revision,
    activeMs: r.activeMs,
    submittedAt: r.createdAt,
    ...(r.skipReason ? { skipReason: r.skipReason } : {}),
    ...(r.flagComment !== null ? { flag: { comment: r.flagComment } } : {}),
  }));
}

/** A file-name-safe form of a pack or person name. */
const safe = (s: string) => safeFileName(s, 'pack');

export function defaultResultsFileName(packName: string, profile: Profile): string {
  return `${safe(packName)}.results.${safe(profile.name)}.loupe`;
}

export function defaultDatasetFileName(packName: string, format: string, extension: string): string {
  return `${safe(packName)}.${format}.${extension}`;
}

/** Write the rows from resultRows as a results pack answering `packId`. */
export async function writeResultsPack(
  store: Store,
  packId: string,
  profile: Profile,
  rows: readonly ResultRow[],
  outPath: string,
  now: Date,
): Promise<{ path: string; rows: number }> {
  const pack = await store.pack(packId);
  const digest = sha256Hex(`${packId}\n${profile.id}\n${rows.map((r) => `${r.taskId}:${r.revision}`).join(',')}`);
  await writePack(outPath, {
    manifest: {
      packId: `${packId}.results.${digest.slice(0, 16)}`,
      kind: 'results',
      name: `${pack.name} — results by ${profile.name}`,
      createdAt: now.toISOString(),
      author: { id: profile.id, name: profile.name, role: profile.role },
      answers: { packId },
    },
    rows: [...rows],
  });
  return { path: outPath, rows: rows.length };
}

export async function exportResultsPack(store: Store, packId: string, profile: Profile, outPath: string, now: Date): Promise<{ path: string; rows: number }> {
  return writeResultsPack(store, packId, profile, await resultRows(store, packId, profile), outPath, now);
}
