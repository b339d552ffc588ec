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
    /** Results, review and verdict packs: the task pack they answer. */
    answers: z.strictObject({ packId: idSchema }).optional(),
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

/** One row of verdicts.jsonl (reserved for QA review). */
export const verdictRowSchema = z.strictObject({
  taskId: idSchema,
  annotatorId: idSchema,
  revision: z.number().int().min(1),
  verdict: z.enum(['accept', 'reject', 'fix']),
  reason: z.string().max(2000).optional(),
  fixedAnswer: answerSchema.optional(),
  reviewer: personSchema,
  reviewedAt: z.iso.datetime({ offset: true }),
});
export type VerdictRow = z.infer<typeof verdictRowSchema>;
