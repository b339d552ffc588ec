/**
 * Pack format v1: the manifest and the rows of each pack kind. docs/pack-format.md describes the
 * layout; this module is the definition readers and writers check against.
 */
import { z } from 'zod';
import { idSchema, labelConfigSchema } from './labelConfig';
import { answerSchema, provenanceSchema } from './task';

export const PACK_FORMAT = 'loupe-pack';
export const PACK_FORMAT_VERSION = 1;
export const PACK_EXTENSION = '.loupe';

export const packKindSchema = z.enum(['tasks', 'results', 'review', 'verdicts']);
export type PackKind = z.infer<typeof packKindSchema>;

/** The data file each pack kind carries (besides manifest.json, guidelines.md and assets/). */
export const ROWS_FILE: Record<PackKind, string> = {
  tasks: 'tasks.jsonl',
  results: 'results.jsonl',
  review: 'tasks.jsonl',
  verdicts: 'verdicts.jsonl',
};

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');

export const personSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  role: z.enum(['annotator', 'lead', 'reviewer']).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const manifestSchema = z
  .strictObject({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.literal(PACK_FORMAT_VERSION, { error: `this app reads pack format version ${PACK_FORMAT_VERSION}` }),
    packId: idSchema,
    kind: packKindSchema,
    name: z.string().min(1).max(300),
    /** One or two sentences shown where packs are listed. */
    description: z.string().max(2000).optional(),
    createdAt: z.iso.datetime({ offset: true }),
    author: personSchema,
    labelConfig: labelConfigSchema.optional(),
    taskCount: z.number().int().min(0),
    /** Every file in the pack except manifest.json, with its SHA-256 and size in bytes. */
    files: z.record(z.string(), z.strictObject({ sha256: sha256Schema, bytes: z.number().int().min(0) })),
    /** Results, review and verdict packs: the task pack (for a review pack: the project) they answer. */
    answers: z.strictObject({ packId: idSchema }).optional(),
    /** Task packs: what the work pays, for the annotator's own dashboard. */
    pay: z.strictObject({ per: z.enum(['task', 'hour']), amount: z.number().min(0).max(1_000_000), currency: z.string().min(1).max(8) }).optional(),
    /** Review packs: the reason codes a rejection picks from. */
    reasons: z.array(z.strictObject({ id: idSchema, name: z.string().min(1).max(200), description: z.string().max(2000).optional() })).max(50).optional(),
    /** Verdict packs sent back to one annotator (feedback): whose items these are; no one else's are inside. */
    feedbackFor: personSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.kind === 'tasks' || m.kind === 'review') && !m.labelConfig) {
      ctx.addIssue({ code: 'custom', path: ['labelConfig'], message: `a ${m.kind} pack needs a labelConfig` });
    }
    if (m.kind !== 'tasks' && !m.answers) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: `a ${m.kind} pack must name the task pack it answers` });
    }
    if (!m.files[ROWS_FILE[m.kind]]) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: `must list ${ROWS_FILE[m.kind]}` });
    }
  });
export type Manifest = z.infer<typeof manifestSchema>;

/** One row of results.jsonl: the annotator's final state of one task. */
export const resultRowSchema = z.strictObject({
  taskId: idSchema,
  /** SHA-256 of the task's canonical JSON, so the lead can tell which version of a task was answered. */
  taskHash: sha256Schema,
  annotator: personSchema,
  status: z.enum(['submitted', 'skipped']),
  answer: answerSchema,
  provenance: provenanceSchema,
  modelVersion: z.string().optional(),
  revision: z.number().int().min(1),
  activeMs: z.number().int().min(0),
  submittedAt: z.iso.datetime({ offset: true }),
  skipReason: z.string().max(2000).optional(),
  flag: z.strictObject({ comment: z.string().max(2000) }).optional(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

/** Why an item was put in a review sample. */
export const samplePickSchema = z.enum(['random', 'gold-failure', 'low-agreement', 'fast', 'flagged']);
export type SamplePick = z.infer<typeof samplePickSchema>;

/**
 * What a review pack's row carries besides the task (under `meta.review`): the annotation under
 * review, who gave it in which of their packs, why it was picked, and what to compare it with
 * (the gold answer, or a second annotator's) where there is one.
 */
export const reviewItemSchema = z.strictObject({
  taskId: idSchema,
  annotator: personSchema,
  packId: idSchema,
  revision: z.number().int().min(1),
  answer: answerSchema,
  activeMs: z.number().int().min(0),
  picked: z.array(samplePickSchema).min(1),
  compare: z.strictObject({ source: z.enum(['gold', 'annotator']), name: z.string().min(1).max(200), answer: answerSchema }).optional(),
  flag: z.string().max(2000).optional(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** One row of verdicts.jsonl: a reviewer's verdict on one annotator's revision of one task. */
export const verdictRowSchema = z.strictObject({
  taskId: idSchema,
  annotatorId: idSchema,
  revision: z.number().int().min(1),
  verdict: z.enum(['accept', 'reject', 'fix']),
  /** A reason code from the review pack's `reasons` (rejections). */
  reason: z.string().max(2000).optional(),
  comment: z.string().max(5000).optional(),
  /** The reviewer's corrected answer (verdict `fix`); the annotator's answer is kept alongside. */
  fixedAnswer: answerSchema.optional(),
  /** The annotation reviewed, so a feedback pack shows what was judged. */
  answer: answerSchema.optional(),
  reviewMs: z.number().int().min(0).optional(),
  /** Feedback packs: whether the annotator's answer matched gold, for gold tasks. */
  gold: z.strictObject({ correct: z.boolean() }).optional(),
  reviewer: personSchema,
  reviewedAt: z.iso.datetime({ offset: true }),
});
export type VerdictRow = z.infer<typeof verdictRowSchema>;
