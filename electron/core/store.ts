/**
 * The store's async facade. Callers (the service, the CLI) only see named async methods taking
 * plain data, so the synchronous better-sqlite3 work behind them can move to a worker thread
 * without touching a caller.
 */
import type { Profile, Progress, TaskCounts } from '../../shared/contract';
import type { Manifest, ResultRow } from '../../shared/pack/manifest';
import type { LabelConfig } from '../../shared/pack/labelConfig';
import type { Answer, Task } from '../../shared/pack/task';
import { openDatabase, type Db, type OpenOptions } from './db/connection';
import type { ImportedAnswers } from './db/importedAnswersRepo';
import * as packs from './db/packsRepo';
import * as profileSettings from './db/profileSettingsRepo';
import * as projects from './db/projectsRepo';
import * as profiles from './db/profilesRepo';
import * as results from './db/resultsRepo';
import * as review from './db/reviewRepo';
import * as taskList from './db/taskListRepo';
import * as work from './db/workRepo';

export type { StoredPack, StoredTask, TaskPackInput, ImportOutcome } from './db/packsRepo';
export type { ExportRow, Revision, RevisionInput, TaskWork, WorkRef } from './db/workRepo';
export type { ResultsImport } from './db/resultsRepo';
export type { ProjectAnswer, ProjectRow, ProjectTaskInput } from './db/projectsRepo';
export { IMPORTED_SPLIT, type ImportedAnnotator, type ImportedAnswer, type ImportedAnswers } from './db/importedAnswersRepo';
export type { ImportedVerdict, OwnVerdict } from './db/reviewRepo';

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
  /** Home's packs: as recentTaskPacks, without project packs nobody opened here (see listRecentPacks). */
  async recentPacks(limit?: number): Promise<packs.StoredPack[]> {
    return packs.listRecentPacks(this.db, limit);
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
    yield* batched(work.exportRows(this.db, packId), batchSize);
  }
  async firstUndone(packId: string, profileId: string): Promise<number | null> {
    return work.firstUndone(this.db, packId, profileId);
  }
  /** The task navigator: how many tasks each filter holds, and one page of tasks (see db/taskListRepo.ts). */
  async taskCounts(packId: string, profileId: string): Promise<TaskCounts> {
    return taskList.taskCounts(this.db, packId, profileId);
  }
  async listTasks(query: taskList.TaskListQuery): Promise<taskList.TaskPage> {
    return taskList.listTasks(this.db, query);
  }

  // Lead projects (see db/projectsRepo.ts)
  async createProject(
    project: { id: string; name: string; labelConfig: LabelConfig; guidelines: string; source: string },
    tasks: Iterable<projects.ProjectTaskInput>,
    images: ReadonlyMap<string, string>,
    imported: ImportedAnswers | null = null,
  ): Promise<void> {
    projects.insertProject(this.db, project, tasks, images, this.now(), imported);
  }
  async project(id: string): Promise<projects.ProjectRow> {
    return projects.getProject(this.db, id);
  }
  async projects(): Promise<projects.ProjectRow[]> {
    return projects.listProjects(this.db);
  }
  async updateProject(id: string, patch: { labelConfig?: LabelConfig; guidelines?: string; name?: string }): Promise<void> {
    projects.updateProjectSettings(this.db, id, patch, this.now());
  }
  async projectCounts(id: string): Promise<{ tasks: number; gold: number }> {
    return projects.countProjectTasks(this.db, id);
  }
  async projectTaskIds(id: string): Promise<{ tasks: string[]; gold: string[] }> {
    return projects.projectTaskIds(this.db, id);
  }
  async projectTasksById(id: string, taskIds: readonly string[]): Promise<Task[]> {
    return projects.projectTasksById(this.db, id, taskIds);
  }
  /** The project's tasks with gold, in order and in batches. */
  async *projectTasks(id: string, batchSize = 1000): AsyncGenerator<Array<{ task: Task; gold: Answer | null }>> {
    yield* batched(projects.projectTasks(this.db, id), batchSize);
  }
  async goldAnswers(id: string): Promise<Map<string, Answer>> {
    return projects.goldAnswers(this.db, id);
  }
  async projectImages(id: string): Promise<Map<string, string>> {
    return projects.projectImages(this.db, id);
  }
  async nextSplitNumber(id: string): Promise<number> {
    return projects.nextSplitNumber(this.db, id);
  }
  async recordSplit(id: string, split: Parameters<typeof projects.recordSplit>[2]): Promise<void> {
    projects.recordSplit(this.db, id, split, this.now());
  }
  async projectPacks(id: string): Promise<ReturnType<typeof projects.projectPacks>> {
    return projects.projectPacks(this.db, id);
  }
  async projectOfPack(packId: string): Promise<string | null> {
    return projects.projectOfPack(this.db, packId);
  }
  /** Latest revision per task and annotator, all of it (the project's answers fit in memory; tasks need not). */
  async projectAnswers(id: string, options: { answers?: boolean } = {}): Promise<projects.ProjectAnswer[]> {
    return Array.from(projects.projectAnswers(this.db, id, options));
  }
  async taskHistory(id: string, taskId: string): Promise<projects.ProjectAnswer[]> {
    return projects.taskHistory(this.db, id, taskId);
  }
  async projectFlags(id: string): Promise<ReturnType<typeof projects.projectFlags>> {
    return projects.projectFlags(this.db, id);
  }
  async setFinal(id: string, final: Parameters<typeof projects.setFinal>[2]): Promise<void> {
    projects.setFinal(this.db, id, final, this.now());
  }
  async finals(id: string): Promise<ReturnType<typeof projects.finals>> {
    return projects.finals(this.db, id);
  }

  // QA review (see db/reviewRepo.ts)
  async addOwnVerdict(packId: string, profileId: string, verdict: Omit<review.OwnVerdict, 'reviewedAt'>): Promise<void> {
    review.addOwnVerdict(this.db, packId, profileId, verdict, this.now());
  }
  async undoOwnVerdict(packId: string, profileId: string): Promise<string | null> {
    return review.undoOwnVerdict(this.db, packId, profileId);
  }
  async ownVerdicts(packId: string, profileId: string): Promise<Map<string, review.OwnVerdict>> {
    return review.ownVerdicts(this.db, packId, profileId);
  }
  async importVerdicts(input: Parameters<typeof review.importVerdicts>[1]): Promise<{ imported: boolean; added: number }> {
    return review.importVerdicts(this.db, input, this.now());
  }
  async verdictsAbout(answersId: string): Promise<review.ImportedVerdict[]> {
    return review.verdictsAbout(this.db, answersId);
  }
  async verdictSubjects(): Promise<string[]> {
    return review.verdictSubjects(this.db);
  }
  async ownWork(profileId: string): Promise<ReturnType<typeof review.ownWork>> {
    return review.ownWork(this.db, profileId);
  }
}

function* batched<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
