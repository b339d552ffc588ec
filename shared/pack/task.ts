/**
 * Tasks (one JSON object per line of tasks.jsonl) and the answers given to them.
 * An answer is a list of control results, one per answered control of the label config.
 */
import { z } from 'zod';
import { idSchema } from './labelConfig';

/** A path inside a pack's assets/ folder, always with forward slashes. */
export const assetPathSchema = z
  .string()
  .regex(/^assets\/[^\\]+$/, 'must be a path under assets/ with forward slashes');

const turnSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(1_000_000),
});

export const taskDataSchema = z.strictObject({
  text: z.string().max(5_000_000).optional(),
  image: assetPathSchema.optional(),
  /** A prompt: plain text or a multi-turn conversation. */
  prompt: z.union([z.string().max(1_000_000), z.array(turnSchema).min(1)]).optional(),
  responses: z.array(z.strictObject({ id: idSchema, content: z.string().max(1_000_000), model: z.string().optional() })).optional(),
  constraints: z.array(z.strictObject({ id: idSchema, text: z.string().min(1) })).optional(),
});
export type TaskData = z.infer<typeof taskDataSchema>;

const labelIds = z.array(idSchema);

/**
 * Where one region or span came from: accepted as a model proposed it, a proposal the annotator
 * then changed, or drawn by hand (the default when absent).
 */
const originField = { origin: z.enum(['prediction', 'prediction-changed', 'manual']).optional() };

/** Ids of the model's proposals the annotator rejected, so they stay decided when the task is reopened. */
const rejectedField = { rejected: z.array(idSchema).optional() };

/**
 * "Nothing to mark in this task": the annotator (or the file a task came from) says the text has
 * no span, the image no region, of this question. It answers a required question, where an empty
 * list alone means "not answered yet". Only ever set on an empty list (answerCheck.ts).
 */
const noneField = { none: z.literal(true).optional() };

/**
 * What another tool's file attached to a span or region that Loupe does not model, by format
 * (`{ voc: { truncated: "1", pose: "Left" } }`, `{ coco: { area: 1224, iscrowd: 0 } }`). Kept
 * through labeling, review and merge, and written back by that format's exporter; Loupe never
 * edits it. Values are plain JSON.
 */
export const extrasSchema = z.record(z.string().min(1).max(64), z.record(z.string(), z.json())).optional();
const extrasField = { extras: extrasSchema };
const point = z.tuple([z.number(), z.number()]);
const preference = z.enum(['A', 'B', 'tie']);
/** One run of a text diff: kept, inserted or deleted text. */
export const diffPart = z.strictObject({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffPart = z.infer<typeof diffPart>;

/** The answer to one control. Geometry is in image pixels; spans in Unicode code-point offsets. */
export const controlResultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choices'), controlId: idSchema, labels: labelIds }),
  z.strictObject({
    kind: z.literal('spans'),
    controlId: idSchema,
    spans: z.array(z.strictObject({ id: idSchema, start: z.number().int().min(0), end: z.number().int().min(0), label: idSchema, ...originField, ...extrasField })),
    relations: z.array(z.strictObject({ from: idSchema, to: idSchema, label: idSchema })).default([]),
    ...rejectedField,
    ...noneField,
  }),
  z.strictObject({
    kind: z.literal('boxes'),
    controlId: idSchema,
    boxes: z.array(z.strictObject({ id: idSchema, x: z.number(), y: z.number(), width: z.number().min(0), height: z.number().min(0), label: idSchema, ...originField, ...extrasField })),
    ...rejectedField,
    ...noneField,
  }),
  z.strictObject({
    kind: z.literal('polygons'),
    controlId: idSchema,
    polygons: z.array(z.strictObject({ id: idSchema, points: z.array(point).min(3), label: idSchema, ...originField, ...extrasField })),
    ...rejectedField,
    ...noneField,
  }),
  z.strictObject({
    kind: z.literal('rubric'),
    controlId: idSchema,
    /** The label config's rubricVersion when the scores were given, so scores under different rubrics never mix. */
    rubricVersion: z.string().min(1).max(64).optional(),
    scores: z.record(idSchema, z.number().int()),
  }),
  z.strictObject({
    kind: z.literal('pairwise'),
    controlId: idSchema,
    /** A and B are the task's first and second responses; absent in a draft where only a dimension is answered so far. */
    choice: preference.optional(),
    strength: z.number().int().optional(),
    dimensions: z.record(idSchema, preference).optional(),
    justification: z.string().max(100_000).default(''),
  }),
  /** Best first; each inner list is one rank (more than one id only where ties are allowed). */
  z.strictObject({ kind: z.literal('ranking'), controlId: idSchema, order: z.array(z.array(idSchema).min(1)) }),
  z.strictObject({
    kind: z.literal('safety'),
    controlId: idSchema,
    /** No flags is an answer too: the annotator found nothing to flag. */
    flags: z.array(
      z.strictObject({
        label: idSchema,
        /** Absent while the annotator has not picked one yet; required before submit. */
        severity: z.number().int().optional(),
        excerpt: z.string().max(100_000).optional(),
        /** The response the excerpt quotes. */
        responseId: idSchema.optional(),
      }),
    ),
  }),
  z.strictObject({ kind: z.literal('textarea'), controlId: idSchema, text: z.string().max(1_000_000) }),
  z.strictObject({
    kind: z.literal('rewrite'),
    controlId: idSchema,
    responseId: idSchema,
    text: z.string().max(1_000_000),
    /** Word-level diff from the original response to `text` (shared/rewriteDiff.ts). */
    diff: z.array(diffPart).optional(),
  }),
  z.strictObject({
    kind: z.literal('checklist'),
    controlId: idSchema,
    items: z.record(idSchema, z.strictObject({ verdict: z.enum(['pass', 'fail', 'na']), note: z.string().max(10_000).optional() })),
  }),
]);
export type ControlResult = z.infer<typeof controlResultSchema>;

export const answerSchema = z.array(controlResultSchema).max(100);
export type Answer = z.infer<typeof answerSchema>;

export const predictionSchema = z.strictObject({
  model: z.string().min(1).max(200),
  modelVersion: z.string().min(1).max(200),
  score: z.number().min(0).max(1).optional(),
  result: answerSchema,
});
export type Prediction = z.infer<typeof predictionSchema>;

export const taskSchema = z.strictObject({
  id: idSchema,
  data: taskDataSchema,
  predictions: z.array(predictionSchema).max(20).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Task = z.infer<typeof taskSchema>;

/** Where an answer came from: untouched prediction, a changed prediction, or by hand. */
export const provenanceSchema = z.enum(['prediction', 'prediction-changed', 'manual']);
export type Provenance = z.infer<typeof provenanceSchema>;
