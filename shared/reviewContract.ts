/**
 * QA review channels: the lead samples and sends review packs, the reviewer judges items and
 * sends verdicts back, the lead reads acceptance and sends each annotator their feedback, and the
 * annotator reads it in their own dashboard. Merged into the one contract (contract.ts).
 */
import { z } from 'zod';
import { idSchema, labelConfigSchema } from './pack/labelConfig';
import { reviewItemSchema, samplePickSchema } from './pack/manifest';
import { answerSchema, taskSchema } from './pack/task';

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();
const projectRef = { projectId: idSchema };
const packRef = { packId: idSchema };

export const reasonSchema = z.strictObject({ id: idSchema, name: z.string().min(1).max(200), description: z.string().max(2000).optional() });
export type ReviewReason = z.infer<typeof reasonSchema>;

export const DEFAULT_REASONS: ReviewReason[] = [
  { id: 'wrong-label', name: 'Wrong label' },
  { id: 'missed-item', name: 'Missed something' },
  { id: 'extra-item', name: 'Marked something that is not there' },
  { id: 'imprecise', name: 'Imprecise boundaries' },
  { id: 'guidelines', name: 'Did not follow the guidelines' },
];

export const sampleSettingsSchema = z.strictObject({
  /** Share of all submitted answers drawn at random, 0–1. */
  percent: z.number().min(0).max(1),
  /** Draw the random share evenly per annotator, per label, or both. */
  stratify: z.enum(['none', 'annotator', 'label', 'both']),
  goldFailures: z.boolean(),
  lowAgreement: z.boolean(),
  /** Tasks answered in under this share of the annotator's median time count as suspiciously fast (0 = off). */
  fastFactor: z.number().min(0).max(1),
  flagged: z.boolean(),
  seed: z.string().min(1).max(100),
});
export type SampleSettings = z.infer<typeof sampleSettingsSchema>;

export const sampleMakeupSchema = z.strictObject({
  items: count,
  byPick: z.record(z.string(), count),
  byAnnotator: z.record(z.string(), count),
  byLabel: z.record(z.string(), count),
});

export const reviewItemViewSchema = z.strictObject({
  index: count,
  itemId: idSchema,
  task: taskSchema,
  item: reviewItemSchema,
  verdict: z
    .strictObject({ verdict: z.enum(['accept', 'reject', 'fix']), reason: z.string().nullable(), comment: z.string().nullable(), fixedAnswer: answerSchema.nullable() })
    .nullable(),
});

export const reviewProgressSchema = z.strictObject({ total: count, judged: count, accepted: count, rejected: count, fixed: count, medianMs: count });

export const dashboardSchema = z.strictObject({
  name: z.string(),
  days: z.array(z.strictObject({ date: z.string(), tasks: count, activeMs: count })),
  tasksDone: count,
  activeHours: z.number().min(0),
  /** Earnings from the packs' pay terms, per currency; the effective rate is earnings per active hour. */
  earnings: z.array(z.strictObject({ currency: z.string(), amount: z.number(), hourly: z.number().nullable() })),
  goldAccuracy: rate,
  goldItems: count,
  acceptance: rate,
  reviewed: count,
  acceptanceByWeek: z.array(z.strictObject({ week: z.string(), rate: z.number().min(0).max(1), reviewed: count })),
  topReasons: z.array(z.strictObject({ reason: z.string(), count })),
  feedback: z.array(
    z.strictObject({
      taskId: z.string(),
      packName: z.string(),
      excerpt: z.string(),
      verdict: z.enum(['accept', 'reject', 'fix']),
      reason: z.string().nullable(),
      comment: z.string().nullable(),
      answer: answerSchema.nullable(),
      fixedAnswer: answerSchema.nullable(),
      reviewedAt: z.string(),
      labelConfig: labelConfigSchema.nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const reviewChannels = {
  /** Lead: who would be reviewed, and why, before a pack is written. */
  'review:planSample': { input: z.strictObject({ ...projectRef, settings: sampleSettingsSchema }), output: sampleMakeupSchema },
  'review:writePack': {
    input: z.strictObject({ ...projectRef, settings: sampleSettingsSchema, reasons: z.array(reasonSchema).min(1).max(50) }),
    output: z.strictObject({ path: z.string(), items: count }).nullable(),
  },
  /** Lead: verdicts packs back into the project (idempotent; several at once). */
  'review:importVerdicts': {
    input: z.strictObject({ ...projectRef, paths: z.array(z.string().min(1).max(4096)).max(500).optional() }),
    output: z.array(z.strictObject({ path: z.string(), ok: z.boolean(), added: count, message: z.string().nullable() })).nullable(),
  },
  'review:acceptance': {
    input: z.strictObject(projectRef),
    output: z.strictObject({
      reviewed: count,
      byAnnotator: z.array(z.strictObject({ annotator: z.string(), reviewed: count, accepted: count, rejected: count, fixed: count, rate })),
      byLabel: z.array(z.strictObject({ label: z.string(), reviewed: count, rate })),
      byReason: z.array(z.strictObject({ reason: z.string(), count })),
      fixes: count,
    }),
  },
  /** Lead: every reviewer's fix becomes the task's final answer (the latest fix where there are several). */
  'review:applyFixes': { input: z.strictObject(projectRef), output: z.strictObject({ applied: count }) },
  /** Lead: one feedback pack per annotator with verdicts, into a folder the lead picks. */
  'review:exportFeedback': {
    input: z.strictObject(projectRef),
    output: z.strictObject({ folder: z.string(), packs: z.array(z.strictObject({ annotator: z.string(), path: z.string(), items: count })) }).nullable(),
  },
  /** Reviewer: an opened review pack. */
  'review:load': {
    input: z.strictObject(packRef),
    output: z.strictObject({ name: z.string(), labelConfig: labelConfigSchema, guidelines: z.string(), reasons: z.array(reasonSchema), total: count, position: count, progress: reviewProgressSchema }),
  },
  'review:item': { input: z.strictObject({ ...packRef, index: count }), output: reviewItemViewSchema },
  'review:verdict': {
    input: z.strictObject({
      ...packRef,
      itemId: idSchema,
      verdict: z.enum(['accept', 'reject', 'fix']),
      reason: z.string().max(2000).optional(),
      comment: z.string().max(5000).optional(),
      fixedAnswer: answerSchema.optional(),
      reviewMs: count,
    }),
    output: reviewProgressSchema,
  },
  /** Reviewer: take back the latest verdict; returns which item it was on. */
  'review:undo': { input: z.strictObject(packRef), output: z.strictObject({ itemId: idSchema.nullable(), index: count.nullable(), progress: reviewProgressSchema }) },
  'review:export': { input: z.strictObject(packRef), output: z.strictObject({ path: z.string(), rows: count }).nullable() },
  /** Annotator: their own work, pay and feedback. Private: only what this workstation holds. */
  'me:dashboard': { input: z.strictObject({}), output: dashboardSchema },
} as const;

export { samplePickSchema };
