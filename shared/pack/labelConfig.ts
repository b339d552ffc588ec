/**
 * The label config: which questions ("controls") a pack asks of every task, and the labels they
 * offer. One config can ask several questions of one task (a classification plus spans, or a
 * rubric plus a preference), so each control carries its own id and kind.
 *
 * Kinds implemented by the annotator view today: `choices` (text or image classification, single
 * or multi-label). The other kinds are defined here so that packs written for them validate now and
 * the annotator tools that come later need no change to the format.
 */
import { z } from 'zod';
import { appKeyOwner, normalizeKey } from '../keymap';

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may use letters, digits and . _ : - only');

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a color like #3b82f6');

/** A label key: one character (`1`, `a`) or a chord such as `Shift+A`. Checked for clashes. */
const hotkeySchema = z.string().min(1).max(32);

export const labelSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  color: colorSchema,
  hotkey: hotkeySchema.optional(),
  description: z.string().max(2000).optional(),
});
export type Label = z.infer<typeof labelSchema>;

const controlBase = {
  id: idSchema,
  title: z.string().max(300).optional(),
  required: z.boolean().default(true),
};

const labelsField = z.array(labelSchema).min(1, 'needs at least one label').max(500);

export const choicesControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('choices'),
  /** Multi-label when true: label keys toggle; single-label keys pick (and may auto-advance). */
  multiple: z.boolean().default(false),
  labels: labelsField,
});

export const spansControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('spans'),
  labels: labelsField,
  allowOverlap: z.boolean().default(false),
  snapToTokens: z.boolean().default(true),
  /** Relation labels between two spans (directed); empty means relations are not asked. */
  relations: z.array(labelSchema).default([]),
});

export const shapesControlSchema = z.strictObject({
  ...controlBase,
  kind: z.enum(['boxes', 'polygons']),
  labels: labelsField,
  /** Predictions below this score are shown dimmed. */
  minPredictionScore: z.number().min(0).max(1).default(0),
});

const scalePointSchema = z.strictObject({
  value: z.number().int(),
  label: z.string().min(1).max(100),
  anchor: z.string().max(2000).optional(),
});

export const rubricControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('rubric'),
  rubricVersion: z.string().min(1).max(64),
  dimensions: z
    .array(
      z.strictObject({
        id: idSchema,
        name: z.string().min(1).max(200),
        description: z.string().max(2000).optional(),
        scale: z.array(scalePointSchema).min(2).max(11),
      }),
    )
    .min(1),
});

export const pairwiseControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('pairwise'),
  allowTie: z.boolean().default(true),
  strength: z.array(scalePointSchema).default([]),
  justificationMinLength: z.number().int().min(0).default(0),
});

export const rankingControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('ranking'),
  allowTies: z.boolean().default(false),
});

export const safetyControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('safety'),
  labels: labelsField,
  severities: z.array(scalePointSchema).min(1),
  policies: z.record(z.string(), z.string()).default({}),
});

export const textControlSchema = z.strictObject({
  ...controlBase,
  kind: z.enum(['textarea', 'rewrite']),
  minLength: z.number().int().min(0).default(0),
});

export const checklistControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('checklist'),
  /** Constraints listed in the config; a task may add its own in data.constraints. */
  constraints: z.array(z.strictObject({ id: idSchema, text: z.string().min(1) })).default([]),
});

export const controlSchema = z.discriminatedUnion('kind', [
  choicesControlSchema,
  spansControlSchema,
  shapesControlSchema,
  rubricControlSchema,
  pairwiseControlSchema,
  rankingControlSchema,
  safetyControlSchema,
  textControlSchema,
  checklistControlSchema,
]);
export type Control = z.infer<typeof controlSchema>;
export type ChoicesControl = z.infer<typeof choicesControlSchema>;

/** What each task shows: drives which task fields are required and how the task is rendered. */
export const dataKindSchema = z.enum(['text', 'image', 'conversation']);
export type DataKind = z.infer<typeof dataKindSchema>;

export const labelConfigSchema = z
  .strictObject({
    version: z.literal(1),
    data: dataKindSchema,
    controls: z.array(controlSchema).min(1, 'needs at least one control').max(50),
  })
  .superRefine((config, ctx) => {
    const controlIds = new Set<string>();
    const keyOwners = new Map<string, string>();
    config.controls.forEach((control, ci) => {
      if (controlIds.has(control.id)) {
        ctx.addIssue({ code: 'custom', path: ['controls', ci, 'id'], message: `duplicate control id "${control.id}"` });
      }
      controlIds.add(control.id);
      if (!('labels' in control)) return;
      const labelIds = new Set<string>();
      control.labels.forEach((label, li) => {
        const path = ['controls', ci, 'labels', li];
        if (labelIds.has(label.id)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate label id "${label.id}"` });
        }
        labelIds.add(label.id);
        if (!label.hotkey) return;
        const key = normalizeKey(label.hotkey);
        if (key === null) {
          ctx.addIssue({ code: 'custom', path: [...path, 'hotkey'], message: `"${label.hotkey}" is not a key this app understands` });
          return;
        }
        const appOwner = appKeyOwner(key);
        if (appOwner) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'hotkey'],
            message: `hotkey "${label.hotkey}" clashes with the app's "${appOwner}" key`,
          });
        }
        const other = keyOwners.get(key);
        if (other) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'hotkey'],
            message: `hotkey "${label.hotkey}" is already used by label ${other}`,
          });
        }
        keyOwners.set(key, `"${label.name}" (${control.id})`);
      });
    });
  });
export type LabelConfig = z.infer<typeof labelConfigSchema>;
