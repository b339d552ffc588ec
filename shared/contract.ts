/**
 * The one contract between the renderer and the main process. Every channel is `area:verb` with a
 * zod schema for its input and its output. The Electron IPC binding and the loopback HTTP binding
 * (end-to-end tests) are both thin loops over this table; the main side parses every input and the
 * renderer parses every output.
 */
import { DATASET_FORMATS } from './exportFormats';
import { projectChannels } from './projectContract';
import { reviewChannels } from './reviewContract';
import { z } from 'zod';
import { appErrorSchema } from './errors';
import { displaySettingsSchema } from './displaySettings';
import { keyOverridesSchema } from './keyOverrides';
import { labelConfigSchema, idSchema } from './pack/labelConfig';
import { packKindSchema, personSchema } from './pack/manifest';
import { answerSchema, provenanceSchema, taskSchema } from './pack/task';

export const roleSchema = z.enum(['annotator', 'lead', 'reviewer']);

export const profileSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  role: roleSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export const progressSchema = z.strictObject({
  total: z.number().int(),
  submitted: z.number().int(),
  skipped: z.number().int(),
  flagged: z.number().int(),
  drafts: z.number().int(),
});
export type Progress = z.infer<typeof progressSchema>;

export const packSummarySchema = z.strictObject({
  packId: idSchema,
  kind: packKindSchema,
  name: z.string(),
  author: personSchema,
  taskCount: z.number().int(),
  sourcePath: z.string().nullable(),
  importedAt: z.string(),
  openedAt: z.string().nullable(),
  progress: progressSchema,
});
export type PackSummary = z.infer<typeof packSummarySchema>;

export const sessionSchema = z.strictObject({
  pack: packSummarySchema,
  labelConfig: labelConfigSchema,
  guidelines: z.string(),
  /** Where the annotator left off: the first task not yet done, or the last one shown. */
  position: z.number().int().min(0),
});
export type Session = z.infer<typeof sessionSchema>;

export const taskStatusSchema = z.enum(['pending', 'draft', 'submitted', 'skipped']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskViewSchema = z.strictObject({
  index: z.number().int().min(0),
  task: taskSchema,
  status: taskStatusSchema,
  /** The latest answer: the draft when there is one, else the last submitted answer. */
  answer: answerSchema.nullable(),
  fromPrediction: z.boolean(),
  submittedRevision: z.number().int().nullable(),
  activeMs: z.number().int().min(0),
  skipReason: z.string().nullable(),
  flagComment: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskViewSchema>;

/** What the task navigator lists: every task, or those of one status, or the flagged ones (of any status). */
export const taskFilterSchema = z.enum(['all', 'pending', 'draft', 'submitted', 'skipped', 'flagged']);
export type TaskFilter = z.infer<typeof taskFilterSchema>;

/** How many of a pack's tasks each filter holds, for the current person (the whole pack, not a search). */
const count = z.number().int().min(0);
export const taskCountsSchema = z.strictObject({ all: count, pending: count, draft: count, submitted: count, skipped: count, flagged: count });
export type TaskCounts = z.infer<typeof taskCountsSchema>;

export const taskListItemSchema = z.strictObject({
  index: z.number().int().min(0),
  taskId: idSchema,
  status: taskStatusSchema,
  flagged: z.boolean(),
  /** The start of the task's text or prompt on one line, or its image's name; in a search, the text around the match (shared/taskText.ts). */
  preview: z.string(),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

const packRef = { packId: idSchema };
const taskRef = { packId: idSchema, taskId: idSchema };
const activeMs = z.number().int().min(0).max(7 * 24 * 3600 * 1000);

/** A sample pack shipped with the app; `taskKind` says in words what it asks for ("Text spans and relations"). */
export const sampleSchema = z.strictObject({ id: idSchema, name: z.string(), description: z.string(), taskKind: z.string() });

/** Request/response channels. */
export const channels = {
  'app:info': {
    input: z.strictObject({}),
    output: z.strictObject({ version: z.string(), platform: z.string(), dataDir: z.string() }),
  },
  'profile:get': { input: z.strictObject({}), output: profileSchema.nullable() },
  'profile:save': {
    input: z.strictObject({ name: z.string().trim().min(1, 'a name is needed').max(200), role: roleSchema }),
    output: profileSchema,
  },
  /**
   * The current profile's rebound keys (defaults when there is no profile yet). Saved values that
   * this version cannot use are dropped and described in `problems`, never thrown.
   */
  'settings:getKeymap': {
    input: z.strictObject({}),
    output: z.strictObject({ overrides: keyOverridesSchema, problems: z.array(z.string()) }),
  },
  /** Replaces the current profile's rebound keys; refuses keys that clash (naming the commands). */
  'settings:saveKeymap': {
    input: z.strictObject({ overrides: keyOverridesSchema }),
    output: z.strictObject({ overrides: keyOverridesSchema }),
  },
  /** The current profile's theme and task text size (defaults when there is no profile yet); unreadable saved fields are named in `problems`. */
  'settings:getDisplay': {
    input: z.strictObject({}),
    output: z.strictObject({ settings: displaySettingsSchema, problems: z.array(z.string()) }),
  },
  /** Replaces the current profile's display settings. */
  'settings:saveDisplay': {
    input: z.strictObject({ settings: displaySettingsSchema }),
    output: z.strictObject({ settings: displaySettingsSchema }),
  },
  /** Home's packs, most recent first: not the packs a lead's split wrote for annotators, until opened here. */
  'packs:recent': { input: z.strictObject({}), output: z.array(packSummarySchema) },
  'packs:samples': { input: z.strictObject({}), output: z.array(sampleSchema) },
  'packs:openSample': { input: z.strictObject({ sampleId: idSchema }), output: packSummarySchema },
  /** Shows the platform's open dialog in the main process; null when cancelled. */
  'packs:openDialog': { input: z.strictObject({}), output: packSummarySchema.nullable() },
  /** Opens a pack by path (drag and drop, file association). */
  'packs:openPath': { input: z.strictObject({ path: z.string().min(1).max(4096) }), output: packSummarySchema },
  'session:load': { input: z.strictObject(packRef), output: sessionSchema },
  'session:setPosition': {
    input: z.strictObject({ ...packRef, index: z.number().int().min(0) }),
    output: z.strictObject({}),
  },
  'task:get': { input: z.strictObject({ ...packRef, index: z.number().int().min(0) }), output: taskViewSchema },
  'task:saveDraft': {
    input: z.strictObject({ ...taskRef, answer: answerSchema, fromPrediction: z.boolean(), activeMs }),
    output: z.strictObject({ progress: progressSchema }),
  },
  'task:submit': {
    input: z.strictObject({ ...taskRef, answer: answerSchema, fromPrediction: z.boolean(), activeMs }),
    output: z.strictObject({ revision: z.number().int(), provenance: provenanceSchema, progress: progressSchema }),
  },
  /** Time spent on a task without changing its answer (reading, then moving on). */
  'task:time': {
    input: z.strictObject({ ...taskRef, activeMs }),
    output: z.strictObject({}),
  },
  'task:skip': {
    input: z.strictObject({ ...taskRef, reason: z.string().trim().min(1, 'say why you skip').max(2000), activeMs }),
    output: z.strictObject({ progress: progressSchema }),
  },
  'task:flag': {
    input: z.strictObject({ ...taskRef, comment: z.string().trim().max(2000).nullable() }),
    output: z.strictObject({ progress: progressSchema }),
  },
  /**
   * One page of the task navigator: tasks from `from` on (by index) that pass the filter and hold
   * the search (case-insensitive, in the text fields the annotator reads), at most `limit`. `next`
   * is where the following page starts, null at the end of the pack. A call reads at most a
   * window of tasks (a rare status or word is far apart), so a page may come back short with a
   * `next`: ask again from there. No call reads the whole of a 100k-task pack.
   */
  'tasks:list': {
    input: z.strictObject({
      ...packRef,
      filter: taskFilterSchema.default('all'),
      search: z.string().trim().max(200, 'a search is at most 200 characters').default(''),
      from: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
      /** The counts cost a pass over the person's answers: the first page asks for them, the pages after it need not. */
      withCounts: z.boolean().default(true),
    }),
    output: z.strictObject({ counts: taskCountsSchema.nullable(), items: z.array(taskListItemSchema), next: z.number().int().min(0).nullable() }),
  },
  /** Writes the pack's answers as a dataset file where the user chooses (save dialog); null when cancelled. */
  'dataset:export': {
    input: z.strictObject({ ...packRef, format: z.enum(DATASET_FORMATS) }),
    output: z.strictObject({ path: z.string(), rows: z.number().int(), skippedTies: z.number().int().optional() }).nullable(),
  },
  /** Writes a results pack where the user chooses (save dialog); null when cancelled. */
  'results:export': {
    input: z.strictObject(packRef),
    output: z.strictObject({ path: z.string(), rows: z.number().int() }).nullable(),
  },
  ...projectChannels,
  ...reviewChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

/** Every reply is either a value or a typed error a person can act on. */
export type Reply<C extends ChannelName> = { ok: true; value: ChannelOutput<C> } | { ok: false; error: z.infer<typeof appErrorSchema> };

/** Events the main process pushes to the renderer. */
export const events = {
  /** A pack was opened from outside the window (menu, file association, second instance). */
  'pack:opened': z.strictObject({ packId: idSchema }),
  /** A menu item was chosen: run the keymap command with this id. */
  'command:run': z.strictObject({ commandId: z.string() }),
  /** The current profile's keymap was saved: the shell rebuilds its menus, pages reload their keys. */
  'keymap:changed': z.strictObject({ overrides: keyOverridesSchema }),
  /** A long request (an export of 100k tasks) reports how far it is, so the window can show it. */
  'work:progress': z.strictObject({ label: z.string(), done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** Something failed outside a request (e.g. opening a pack from the OS): show it. */
  'app:error': appErrorSchema,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** The object the preload exposes as `window.loupe` (and the HTTP client mimics in the browser). */
export interface LoupeApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Reply<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The filesystem path of a dropped file; null where the platform cannot tell (the browser). */
  pathForFile(file: object): string | null;
}

export const IPC_INVOKE = 'loupe:invoke';
export const IPC_EVENT = 'loupe:event';
