/**
 * The service behind every contract channel: one handler per channel, taking the parsed input and
 * returning the output. Both bindings (Electron IPC, loopback HTTP) reach these through `dispatch`.
 */
import type { z } from 'zod';
import { checkAnswer } from '../../../shared/answerCheck';
import type { ChannelName, Channels, PackSummary, Profile, TaskView } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import { provenanceOf } from '../../../shared/provenance';
import type { Store, StoredPack } from '../store';
import { loadDisplay, saveDisplay } from './displaySettings';
import { loadKeymap, saveKeymap } from './keymapSettings';
import { listSamples } from './packOpening';
import { defaultDatasetFileName, defaultResultsFileName, resultRows, writeResultsPack } from './resultsExport';
import { DATASET_FORMAT_INFO, formatsFor } from '../../../shared/exportFormats';
import { exportAiEval } from '../formats/aiEvalExports';
import { exportDatasetJsonl } from '../formats/datasetJsonl';
import { createProjectHandlers } from './projectHandlers';
import { createReviewHandlers } from './reviewHandlers';
import type { CoreOptions } from './types';
import { requireProfile } from './requireProfile';

type In<C extends ChannelName> = z.output<Channels[C]['input']>;
type Out<C extends ChannelName> = z.input<Channels[C]['output']>;
export type Handlers = { [C in ChannelName]: (input: In<C>) => Promise<Out<C>> };

export interface ServiceContext {
  store: Store;
  options: CoreOptions;
  clock: () => Date;
  /** Open a pack by path and announce it (shared with file association). */
  openPath(path: string): Promise<PackSummary>;
  /** Tell the windows how far a long piece of work is (throttled by the caller). */
  progress(label: string, done: number, total: number): void;
}

async function requireTaskPack(store: Store, packId: string): Promise<StoredPack & { labelConfig: NonNullable<StoredPack['labelConfig']> }> {
  const pack = await store.pack(packId);
  if (pack.kind !== 'tasks' || !pack.labelConfig) {
    throw new LoupeError('invalid-input', `"${pack.name}" is a ${pack.kind} pack; only task packs open for labeling.`);
  }
  return pack as StoredPack & { labelConfig: NonNullable<StoredPack['labelConfig']> };
}

export async function summarize(store: Store, pack: StoredPack): Promise<PackSummary> {
  const profile = await store.currentProfile();
  const total = pack.manifest.taskCount;
  const progress = profile ? await store.progress(pack.id, profile.id) : { total, submitted: 0, skipped: 0, flagged: 0, drafts: 0 };
  return {
    packId: pack.id,
    kind: pack.kind,
    name: pack.name,
    author: pack.manifest.author,
    taskCount: total,
    sourcePath: pack.sourcePath,
    importedAt: pack.importedAt,
    openedAt: pack.openedAt,
    progress,
  };
}

export function createHandlers(ctx: ServiceContext): Handlers {
  const { store, options } = ctx;

  async function taskView(packId: string, index: number, profile: Profile): Promise<TaskView> {
    const stored = await store.taskAt(packId, index);
    const work = await store.taskWork({ packId, taskId: stored.task.id, profileId: profile.id });
    const latest = work.latest;
    return {
      index,
      task: stored.task,
      status: work.draft ? 'draft' : (latest?.status ?? 'pending'),
      answer: work.draft?.answer ?? latest?.answer ?? null,
      fromPrediction: work.draft ? work.draft.fromPrediction : latest ? latest.provenance !== 'manual' : false,
      submittedRevision: latest?.status === 'submitted' ? latest.revision : null,
      activeMs: work.activeMs,
      skipReason: latest?.status === 'skipped' ? latest.skipReason : null,
      flagComment: work.flagComment,
    };
  }

  return {
    ...createProjectHandlers(ctx),
    ...createReviewHandlers(ctx),
    'app:info': async () => ({ version: options.appVersion, platform: process.platform, dataDir: options.dataDir }),
    'profile:get': async () => store.currentProfile(),
    'profile:save': async (input) => store.saveProfile(input),
    'settings:getKeymap': async () => loadKeymap(store),
    'settings:saveKeymap': async ({ overrides }) => saveKeymap(store, await requireProfile(store), overrides),
    'settings:getDisplay': async () => loadDisplay(store),
    'settings:saveDisplay': async ({ settings }) => saveDisplay(store, await requireProfile(store), settings),
    'packs:recent': async () => Promise.all((await store.recentPacks()).map((pack) => summarize(store, pack))),
    'packs:samples': async () => (await listSamples(options.samplesDir)).map(({ id, name, description, taskKind }) => ({ id, name, description, taskKind })),
    'packs:openSample': async ({ sampleId }) => {
      const sample = (await listSamples(options.samplesDir)).find((s) => s.id === sampleId);
      if (!sample) throw new LoupeError('not-found', `There is no sample pack "${sampleId}".`);
      return ctx.openPath(sample.path);
    },
    'packs:openDialog': async () => {
      const path = await options.dialogs.chooseOpenPack();
      return path ? ctx.openPath(path) : null;
    },
    'packs:openPath': async ({ path }) => ctx.openPath(path),
    'session:load': async ({ packId }) => {
      const profile = await requireProfile(store);
      const pack = await requireTaskPack(store, packId);
      await store.markOpened(packId);
      const saved = await store.position(packId, profile.id);
      const position = Math.min(saved ?? (await store.firstUndone(packId, profile.id)) ?? 0, Math.max(0, pack.manifest.taskCount - 1));
      return { pack: await summarize(store, await store.pack(packId)), labelConfig: pack.labelConfig, guidelines: pack.guidelines, position };
    },
    'session:setPosition': async ({ packId, index }) => {
      const profile = await requireProfile(store);
      await store.setPosition(packId, profile.id, index);
      return {};
    },
    'task:get': async ({ packId, index }) => taskView(packId, index, await requireProfile(store)),
    'tasks:list': async ({ packId, filter, search, from, limit, withCounts }) => {
      const profile = await requireProfile(store);
      await requireTaskPack(store, packId);
      const counts = withCounts ? await store.taskCounts(packId, profile.id) : null;
      // An empty filter needs no reading at all (a pack of 100k tasks with nothing flagged yet).
      if (counts?.[filter] === 0) return { counts, items: [], next: null };
      return { counts, ...(await store.listTasks({ packId, profileId: profile.id, filter, search, from, limit })) };
    },
    'task:saveDraft': async ({ packId, taskId, answer, fromPrediction, activeMs }) => {
      const profile = await requireProfile(store);
      const pack = await requireTaskPack(store, packId);
      const stored = await store.taskById(packId, taskId);
      checkAnswer(pack.labelConfig, answer, { forSubmit: false, task: stored.task });
      await store.saveDraft({ packId, taskId, profileId: profile.id }, answer, fromPrediction, activeMs);
      return { progress: await store.progress(packId, profile.id) };
    },
    'task:submit': async ({ packId, taskId, answer, fromPrediction, activeMs }) => {
      const profile = await requireProfile(store);
      const pack = await requireTaskPack(store, packId);
      const stored = await store.taskById(packId, taskId);
      checkAnswer(pack.labelConfig, answer, { forSubmit: true, task: stored.task });
      const { provenance, modelVersion } = provenanceOf(answer, stored.task.predictions, fromPrediction);
      const revision = await store.addRevision(
        { packId, taskId, profileId: profile.id },
        { status: 'submitted', answer, provenance, modelVersion, activeMs, skipReason: null, taskHash: stored.hash },
      );
      return { revision, provenance, progress: await store.progress(packId, profile.id) };
    },
    'task:time': async ({ packId, taskId, activeMs }) => {
      const profile = await requireProfile(store);
      await store.taskById(packId, taskId);
      await store.recordTime({ packId, taskId, profileId: profile.id }, activeMs);
      return {};
    },
    'task:skip': async ({ packId, taskId, reason, activeMs }) => {
      const profile = await requireProfile(store);
      await requireTaskPack(store, packId);
      const stored = await store.taskById(packId, taskId);
      const ref = { packId, taskId, profileId: profile.id };
      const work = await store.taskWork(ref);
      await store.addRevision(ref, {
        status: 'skipped',
        answer: work.draft?.answer ?? [],
        provenance: 'manual',
        modelVersion: null,
        activeMs,
        skipReason: reason,
        taskHash: stored.hash,
      });
      return { progress: await store.progress(packId, profile.id) };
    },
    'task:flag': async ({ packId, taskId, comment }) => {
      const profile = await requireProfile(store);
      await store.taskById(packId, taskId);
      await store.setFlag({ packId, taskId, profileId: profile.id }, comment);
      return { progress: await store.progress(packId, profile.id) };
    },
    'dataset:export': async ({ packId, format }) => {
      const pack = await requireTaskPack(store, packId);
      const info = DATASET_FORMAT_INFO[format];
      if (!formatsFor(pack.labelConfig).includes(format)) {
        throw new LoupeError('invalid-input', `${info.title} needs a ${info.needs.join(' or ')} question, and this pack asks none`, { field: 'format' });
      }
      const path = await options.dialogs.chooseSaveFile(defaultDatasetFileName(pack.name, format, info.extension), {
        title: `Export ${info.title}`,
        filterName: info.title,
        extension: info.extension,
      });
      if (!path) return null;
      if (format === 'jsonl') return { path, rows: (await exportDatasetJsonl(store, packId, path)).rows };
      const counts = await exportAiEval(store, packId, format, path);
      return { path, rows: counts.rows, ...(counts.skippedTies !== undefined ? { skippedTies: counts.skippedTies } : {}) };
    },
    'results:export': async ({ packId }) => {
      const profile = await requireProfile(store);
      const pack = await requireTaskPack(store, packId);
      // Read (and refuse an empty export) before asking where to save it.
      const rows = await resultRows(store, packId, profile);
      const path = await options.dialogs.chooseSaveFile(defaultResultsFileName(pack.name, profile), { title: 'Export results pack', filterName: 'Loupe pack', extension: 'loupe' });
      if (!path) return null;
      return writeResultsPack(store, packId, profile, rows, path, ctx.clock());
    },
  };
}
