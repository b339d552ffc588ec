/**
 * The lead's channels (projects): their zod schemas, merged into the one contract (contract.ts).
 * Paths cross the boundary as strings the main process chose (dialogs) or the user dropped; the
 * main process reads and writes every file.
 */
import { z } from 'zod';
import { DATASET_FORMATS } from './exportFormats';
import { idSchema, labelConfigSchema } from './pack/labelConfig';
import { answerSchema, taskSchema } from './pack/task';

export const SOURCE_FORMATS = ['loupe', 'label-studio', 'coco', 'yolo', 'voc', 'conll', 'doccano', 'prodigy', 'preference', 'labelme'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Project dataset formats: the dataset formats plus the other tools' own. */
export const PROJECT_EXPORT_FORMATS = [...DATASET_FORMATS, 'label-studio', 'coco', 'yolo', 'voc', 'conll', 'doccano', 'prodigy', 'csv', 'preference', 'labelme'] as const;
export type ProjectExportFormat = (typeof PROJECT_EXPORT_FORMATS)[number];

/**
 * Which answer is final: the lead's decision (else the majority), the majority, or one annotator's;
 * or `all`: every annotator's answer, for the formats that hold several per task (Label Studio,
 * Prodigy, doccano), so a multi-annotator file goes back out as it came in.
 */
/** What the annotations that came with a source become in a new project. */
export const ANNOTATION_USES = ['predictions', 'gold', 'answers', 'ignore'] as const;
export type AnnotationUse = (typeof ANNOTATION_USES)[number];

/** A new project in words, the same in the CLI and the app: `120 tasks (20 of them gold), 300 answers by 3 people`. */
export function describeCreated(c: { tasks: number; gold: number; predictions: number; answers: number; annotators: number }): string {
  const parts = [`${c.tasks} ${c.tasks === 1 ? 'task' : 'tasks'}${c.gold > 0 ? ` (${c.gold} of them gold)` : ''}`];
  if (c.predictions > 0) parts.push(`${c.predictions} pre-annotations`);
  if (c.annotators > 0) parts.push(`${c.answers} answers by ${c.annotators} ${c.annotators === 1 ? 'person' : 'people'}`);
  return parts.join(', ');
}

export const finalChoiceSchema = z.union([z.literal('adjudicated'), z.literal('majority'), z.literal('all'), z.strictObject({ annotator: idSchema })]);
/** The formats that write every annotator's answer of a task (final choice `all`). */
export const ALL_ANSWERS_FORMATS = ['label-studio', 'prodigy', 'doccano'] as const;
export type FinalChoice = z.infer<typeof finalChoiceSchema>;

const projectRef = { projectId: idSchema };
const count = z.number().int().min(0);

export const projectSummarySchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every task, gold included (as the CLI's `project list` and `project create` count them). */
  tasks: count,
  gold: count,
  packs: count,
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const splitSettingsSchema = z.strictObject({
  annotators: z.array(z.string().trim().min(1).max(100)).min(1).max(200),
  overlap: z.number().min(0).max(1),
  k: z.number().int().min(1).max(50),
  goldRate: z.number().min(0).max(0.95),
  seed: z.string().min(1).max(100),
});

export const splitReportSchema = z.strictObject({
  packs: z.array(z.strictObject({ annotator: z.string(), taskIds: z.array(z.string()), overlapped: count, gold: count })),
  tasks: count,
  overlappedTasks: count,
  goldTasksUsed: count,
  shared: z.record(z.string(), count),
});

export const projectStatusSchema = z.strictObject({
  projectId: idSchema,
  name: z.string(),
  tasks: count,
  gold: count,
  packs: z.array(z.strictObject({ packId: idSchema, annotator: z.string(), split: count, tasks: count, submitted: count, skipped: count })),
  annotators: z.array(z.strictObject({ id: z.string(), name: z.string(), submitted: count, skipped: count, medianMs: count, p90Ms: count, totalMs: count })),
  answeredTasks: count,
  overlappedAnswered: count,
  timeHistogram: z.array(z.strictObject({ upToSeconds: z.number().nullable(), count })),
  flags: z.array(z.strictObject({ taskId: z.string(), annotatorId: z.string(), annotatorName: z.string(), comment: z.string() })),
  skips: z.array(z.strictObject({ taskId: z.string(), annotatorId: z.string(), annotatorName: z.string(), reason: z.string() })),
});
export type ProjectStatusView = z.infer<typeof projectStatusSchema>;

const metric = z.number().nullable();
export const qualitySchema = z.strictObject({
  gold: z.strictObject({
    byAnnotator: z.array(z.strictObject({ annotator: z.string(), items: count, correct: count, accuracy: metric, meanScore: metric })),
    byLabel: z.array(z.strictObject({ label: z.string(), items: count, correct: count, accuracy: metric })),
  }),
  agreement: z.array(
    z.strictObject({
      question: z.string(),
      /** What was compared: a label, a rubric dimension, spans, boxes … */
      measure: z.string(),
      level: z.enum(['nominal', 'ordinal', 'interval', 'match']),
      items: count,
      alpha: metric,
      fleiss: metric,
      pairs: z.array(z.strictObject({ a: z.string(), b: z.string(), items: count, kappa: metric, f1: metric })),
      perLabel: z.array(z.strictObject({ label: z.string(), agreement: metric })),
    }),
  ),
});
export type QualityView = z.infer<typeof qualitySchema>;

export const taskAnswersSchema = z.strictObject({
  task: taskSchema,
  gold: answerSchema.nullable(),
  answers: z.array(z.strictObject({ annotatorId: z.string(), annotatorName: z.string(), packId: idSchema, revision: z.number().int(), status: z.enum(['submitted', 'skipped']), answer: answerSchema, activeMs: count })),
  final: z.strictObject({ answer: answerSchema, method: z.enum(['adjudicated', 'majority']), fromAnnotator: z.string().nullable() }).nullable(),
  majority: answerSchema.nullable(),
});
export type TaskAnswersView = z.infer<typeof taskAnswersSchema>;

export const projectChannels = {
  'project:list': { input: z.strictObject({}), output: z.array(projectSummarySchema) },
  /** Shows the open dialog for a project's source (a file or a folder); null when cancelled. */
  'project:chooseSource': { input: z.strictObject({ folder: z.boolean() }), output: z.string().nullable() },
  /** The sample packs' label configs and guidelines, for a new project to start from. */
  'project:sampleConfigs': {
    input: z.strictObject({}),
    output: z.array(z.strictObject({ id: z.string(), name: z.string(), kinds: z.string(), labelConfig: z.string(), guidelines: z.string() })),
  },
  /** Shows the open dialog for a label config (JSON) or guidelines (Markdown) and returns the file's text; null when cancelled. */
  'project:chooseTextFile': {
    input: z.strictObject({ purpose: z.enum(['labelConfig', 'guidelines']) }),
    output: z.strictObject({ path: z.string(), text: z.string() }).nullable(),
  },
  'project:create': {
    input: z.strictObject({
      name: z.string().trim().min(1).max(200),
      sourcePath: z.string().min(1).max(4096),
      format: z.enum(SOURCE_FORMATS),
      /** A label config as JSON text, for Loupe's own sources (other tools' files imply theirs). */
      labelConfig: z.string().max(1_000_000).optional(),
      guidelines: z.string().max(1_000_000).default(''),
      /** Where the images of a COCO, VOC, labelme or Label Studio file are, when not beside it. */
      imagesDir: z.string().min(1).max(4096).optional(),
      /** A Label Studio labeling config (XML file) that names the labels, controls and data keys. */
      labelStudioConfig: z.string().min(1).max(4096).optional(),
      /** `answers`: each person's answers in the file (submitted or skipped) become theirs in the project. */
      annotationsAs: z.enum(ANNOTATION_USES),
    }),
    /** `tasks` counts every task, gold included; `answers` and `annotators` are those kept with `annotationsAs: 'answers'`. */
    output: z.strictObject({ projectId: idSchema, tasks: count, gold: count, predictions: count, answers: count, annotators: count, warnings: z.array(z.string()) }),
  },
  'project:get': {
    input: z.strictObject(projectRef),
    /** `sampleTask`: the first task, for the setup's preview of the annotator view. */
    output: z.strictObject({ summary: projectSummarySchema, labelConfig: labelConfigSchema, guidelines: z.string(), sampleTask: taskSchema.nullable() }),
  },
  /** Saves the label config (validated: hotkey clashes, colours, kinds) and guidelines. */
  'project:saveSettings': {
    input: z.strictObject({ ...projectRef, labelConfig: z.string().max(1_000_000), guidelines: z.string().max(1_000_000) }),
    output: z.strictObject({ ok: z.literal(true) }),
  },
  'project:planSplit': { input: z.strictObject({ ...projectRef, settings: splitSettingsSchema }), output: splitReportSchema },
  /** Writes the packs into a folder the user chooses; null when cancelled. */
  'project:split': {
    input: z.strictObject({
      ...projectRef,
      settings: splitSettingsSchema,
      /** What the work pays (per task or per hour), shown in each annotator's own dashboard. */
      pay: z.strictObject({ per: z.enum(['task', 'hour']), amount: z.number().min(0).max(1_000_000), currency: z.string().trim().min(1).max(8) }).optional(),
    }),
    output: z.strictObject({ split: count, folder: z.string(), packs: z.array(z.strictObject({ packId: idSchema, annotator: z.string(), path: z.string(), tasks: count, gold: count })) }).nullable(),
  },
  /**
   * The packs the project's splits wrote: for whom, the file and the folder it was written to,
   * its tasks and gold, newest split first. Read from what the store recorded, so the list
   * survives a restart (`file` and `folder` null if the store lost where it went).
   */
  'project:packs': {
    input: z.strictObject(projectRef),
    output: z.array(z.strictObject({ packId: idSchema, annotator: z.string(), split: count, tasks: count, gold: count, file: z.string().nullable(), folder: z.string().nullable(), writtenAt: z.string() })),
  },
  /** Asks for results packs (several at once) and imports them; null when cancelled. */
  'project:importResults': {
    input: z.strictObject({ ...projectRef, paths: z.array(z.string().min(1).max(4096)).max(500).optional() }),
    output: z.array(z.strictObject({ path: z.string(), ok: z.boolean(), added: count, alreadyPresent: count, message: z.string().nullable() })).nullable(),
  },
  'project:status': { input: z.strictObject(projectRef), output: projectStatusSchema },
  'project:quality': {
    input: z.strictObject({ ...projectRef, level: z.enum(['nominal', 'ordinal', 'interval']).default('nominal'), iouThreshold: z.number().min(0.05).max(1).default(0.5) }),
    output: qualitySchema,
  },
  /** Tasks where the annotators disagree (or that have no final answer yet), for adjudication. */
  'project:disagreements': {
    input: z.strictObject({ ...projectRef, limit: z.number().int().min(1).max(10_000).default(500) }),
    output: z.array(z.strictObject({ taskId: idSchema, annotators: count, decided: z.boolean(), summary: z.string() })),
  },
  'project:taskAnswers': { input: z.strictObject({ ...projectRef, taskId: idSchema }), output: taskAnswersSchema },
  /** Sets the final answer of a task: one annotator's, the majority's, or an edited one. */
  'project:adjudicate': {
    input: z.strictObject({
      ...projectRef,
      taskId: idSchema,
      pick: z.union([z.strictObject({ annotator: z.string() }), z.strictObject({ majority: z.literal(true) }), z.strictObject({ answer: answerSchema })]),
    }),
    output: z.strictObject({ ok: z.literal(true) }),
  },
  /** Majority vote as final for every task that has no final answer yet. */
  'project:applyMajority': { input: z.strictObject(projectRef), output: z.strictObject({ decided: count, ties: count }) },
  /** What an export of these settings would write, or why it would be refused: checked before asking where to save. */
  'project:checkExport': {
    input: z.strictObject({
      ...projectRef,
      format: z.enum(PROJECT_EXPORT_FORMATS),
      final: finalChoiceSchema,
      /** conll, doccano, prodigy: labels as ids (default) or names; conll: the columns as read (default), 4 or 2. */
      labelAs: z.enum(['id', 'name']).optional(),
      conllColumns: z.union([z.literal(2), z.literal(4)]).optional(),
    }),
    output: z.strictObject({ rows: count, warnings: z.array(z.string()), refusal: z.string().nullable() }),
  },
  'project:export': {
    input: z.strictObject({
      ...projectRef,
      format: z.enum(PROJECT_EXPORT_FORMATS),
      final: finalChoiceSchema,
      /** conll, doccano, prodigy: labels as ids (default) or names; conll: the columns as read (default), 4 or 2. */
      labelAs: z.enum(['id', 'name']).optional(),
      conllColumns: z.union([z.literal(2), z.literal(4)]).optional(),
    }),
    /** `warnings`: what the format could not say as the project holds it, one line per kind with a count. */
    output: z.strictObject({ path: z.string(), rows: count, warnings: z.array(z.string()) }).nullable(),
  },
} as const;
