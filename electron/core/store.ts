/**
 * The store's async facade. Callers (the service, the CLI) only see named async methods taking
 * plain data, so the synchronous better-sqlite3 work behind them can move to a worker thread
 * without touching a caller.
 */
import type { Profile, Progress } from '../../shared/contract';
import type { Manifest, ResultRow } from '../../shared/pack/manifest';
import type { Answer } from '../../shared/pack/task';
import { openDatabase, type Db, type OpenOptions } from './db/connection';
import * as packs from './db/packsRepo';
import * as profileSettings from './db/profileSettingsRepo';
import * as profiles from './db/profilesRepo';
import * as results from './db/resultsRepo';
import * as work from './db/workRepo';

export type { StoredPack, StoredTask, TaskPackInput, ImportOutcome } from './db/packsRepo';
export type { ExportRow, Revision, RevisionInput, TaskWork, WorkRef } from './db/workRepo';
export type { ResultsImport } from './db/resultsRepo';

export class Store {
  private constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  static async open(path: string, options: OpenOptions & { clock?: () => Date } = {}): Promise<Store> {
    return new Store(openDatabase(path, options), options.clock ?? (() => new Date()));
  }

  private now(): string {
    return this.clock().toISOString();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  async integrityCheck(): Promise<string> {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  // People
  async currentProfile(): Promise<Profile | null> {
    return profiles.getCurrentProfile(this.db);
  }
  async profile(id: string): Promise<Profile | null> {
    return profiles.getProfile(this.db, id);
  }
  async saveProfile(input: { name: string; role: Profile['role'] }): Promise<Profile> {
    return profiles.saveCurrentProfile(this.db, input, this.now());
  }
  /** A setting of one person (e.g. their keymap), parsed from JSON but not validated; null when unset. */
  async profileSetting(profileId: string, key: string): Promise<unknown> {
    return profileSettings.getProfileSetting(this.db, profileId, key);
  }
  async saveProfileSetting(profileId: string, key: string, value: unknown): Promise<void> {
    profileSettings.setProfileSetting(this.db, profileId, key, value, this.now());
  }

  // Packs
  async importTaskPack(input: packs.TaskPackInput): Promise<packs.ImportOutcome> {
    return packs.importTaskPack(this.db, input, this.now());
  }
  async importResultsPack(input: { manifest: Manifest; packHash: string; rows: readonly ResultRow[]; sourcePath: string | null }): Promise<results.ResultsImport> {
    return results.importResultsPack(this.db, input, this.now());
  }
  async pack(packId: string): Promise<packs.StoredPack> {
    return packs.getPack(this.db, packId);
  }
  async recentTaskPacks(limit?: number): Promise<packs.StoredPack[]> {
    return packs.listTaskPacks(this.db, limit);
  }
  async markOpened(packId: string): Promise<void> {
    packs.markOpened(this.db, packId, this.now());
  }
  async taskCount(packId: string): Promise<number> {
    return packs.countTasks(this.db, packId);
  }
  async taskAt(packId: string, position: number): Promise<packs.StoredTask> {
    return packs.getTaskAt(this.db, packId, position);
  }
  async taskById(packId: string, taskId: string): Promise<packs.StoredTask> {
    return packs.getTaskById(this.db, packId, taskId);
  }
  async asset(packId: string, path: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
    return packs.getAsset(this.db, packId, path);
  }

  // Work
  async saveDraft(ref: work.WorkRef, answer: Answer, fromPrediction: boolean, activeMs: number): Promise<void> {
    work.saveDraft(this.db, ref, answer, fromPrediction, activeMs, this.now());
  }
  async recordTime(ref: work.WorkRef, activeMs: number): Promise<void> {
    work.recordTime(this.db, ref, activeMs, this.now());
  }
  async addRevision(ref: work.WorkRef, input: work.RevisionInput): Promise<number> {
    return work.addRevision(this.db, ref, input, this.now());
  }
  async setFlag(ref: work.WorkRef, comment: string | null): Promise<void> {
    work.setFlag(this.db, ref, comment, this.now());
  }
  async taskWork(ref: work.WorkRef): Promise<work.TaskWork> {
    return work.getTaskWork(this.db, ref);
  }
  async latestRevisions(packId: string, profileId: string): Promise<Array<work.Revision & { flagComment: string | null }>> {
    return Array.from(work.latestRevisions(this.db, packId, profileId));
  }
  async progress(packId: string, profileId: string): Promise<Progress> {
    return work.progress(this.db, packId, profileId);
  }
  async position(packId: string, profileId: string): Promise<number | null> {
    return work.getPosition(this.db, packId, profileId);
  }
  async setPosition(packId: string, profileId: string, position: number): Promise<void> {
    work.setPosition(this.db, packId, profileId, position, this.now());
  }
  /** Tasks with every annotator's latest answer, in batches (keeps exports of 100k tasks flat in memory). */
  async *exportRows(packId: string, batchSize = 1000): AsyncGenerator<work.ExportRow[]> {
    let batch: work.ExportRow[] = [];
    for (const row of work.exportRows(this.db, packId)) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  async firstUndone(packId: string, profileId: string): Promise<number | null> {
    return work.firstUndone(this.db, packId, profileId);
  }
}
