/**
 * The label config: which questions ("controls") a pack asks of every task, and the labels they
 * offer. One config can ask several questions of one task (a classification plus spans, or a
 * rubric plus a preference), so each control carries its own id and kind.
 *
 * Kinds: `choices` (classification, single or multi-label), `spans`, `boxes`, `polygons` (editors
 * over the task's text or image), and the AI-evaluation questions asked of a prompt and its model
 * responses (`conversation` data): `rubric`, `pairwise`, `ranking`, `safety`, `rewrite`,
 * `checklist`, plus free text (`textarea`). What makes an answer complete for each kind is in
 * shared/questions.ts.
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
  /** The response rated, for conversation tasks; the task's first when absent. */
  response: idSchema.optional(),
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

const namedItemSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
});

export const pairwiseControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('pairwise'),
  allowTie: z.boolean().default(true),
  /** How strongly A or B is preferred (e.g. 1 slightly … 3 much better); empty means not asked. */
  strength: z.array(scalePointSchema).default([]),
  /** Optional per-dimension preferences (helpfulness, honesty …), each A / B / tie. */
  dimensions: z.array(namedItemSchema).max(20).default([]),
  /**
   * When a written justification is needed: `when-strong` means once the strength is at least
   * `strongFrom` (a value of the strength scale).
   */
  justification: z.enum(['none', 'optional', 'required', 'when-strong']).default('optional'),
  justificationMinLength: z.number().int().min(0).max(10_000).default(0),
  strongFrom: z.number().int().optional(),
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
  /** The policy text for each flag (by label id), shown beside the flag. */
  policies: z.record(z.string(), z.string().max(20_000)).default({}),
  /** Whether a flag may quote the passage of a response it is about. */
  excerpts: z.boolean().default(true),
});

export const textControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('textarea'),
  minLength: z.number().int().min(0).default(0),
  placeholder: z.string().max(300).optional(),
});

export const rewriteControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('rewrite'),
  minLength: z.number().int().min(0).default(0),
  /** Which of the task's responses is rewritten; the first when absent. */
  response: idSchema.optional(),
});

export const checklistControlSchema = z.strictObject({
  ...controlBase,
  kind: z.literal('checklist'),
  /** Constraints listed in the config; a task may add its own in data.constraints. */
  constraints: z.array(z.strictObject({ id: idSchema, text: z.string().min(1) })).default([]),
  /** A failed constraint must say why. */
  noteRequiredOnFail: z.boolean().default(false),
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
  rewriteControlSchema,
  checklistControlSchema,
]);
export type Control = z.infer<typeof controlSchema>;
export type ChoicesControl = z.infer<typeof choicesControlSchema>;
export type RubricControl = z.infer<typeof rubricControlSchema>;
export type PairwiseControl = z.infer<typeof pairwiseControlSchema>;
export type RankingControl = z.infer<typeof rankingControlSchema>;
export type SafetyControl = z.infer<typeof safetyControlSchema>;
export type TextareaControl = z.infer<typeof textControlSchema>;
export type RewriteControl = z.infer<typeof rewriteControlSchema>;
export type ChecklistControl = z.infer<typeof checklistControlSchema>;

/** Kinds that judge a task's model responses, so the task must carry them (data `conversation`). */
const NEEDS_RESPONSES: ReadonlySet<Control['kind']> = new Set(['pairwise', 'ranking', 'rewrite']);

function uniqueIds(items: readonly { id: string }[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate ${what} id "${item.id}"` });
    seen.add(item.id);
  });
}

function scaleValuesUnique(scale: readonly { value: number }[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<number>();
  scale.forEach((point, i) => {
    if (seen.has(point.value)) ctx.addIssue({ code: 'custom', path: [...path, i, 'value'], message: `scale value ${point.value} appears twice` });
    seen.add(point.value);
  });
}

/** Checks of one question's own settings that a schema cannot express (ids, scales, conditions). */
function checkQuestion(control: Control, data: DataKind, at: (string | number)[], ctx: z.RefinementCtx): void {
  if (NEEDS_RESPONSES.has(control.kind) && data !== 'conversation') {
    ctx.addIssue({ code: 'custom', path: [...at, 'kind'], message: `a ${control.kind} question judges model responses, so "data" must be "conversation"` });
  }
  switch (control.kind) {
    case 'rubric':
      uniqueIds(control.dimensions, [...at, 'dimensions'], 'dimension', ctx);
      control.dimensions.forEach((d, i) => scaleValuesUnique(d.scale, [...at, 'dimensions', i, 'scale'], ctx));
      return;
    case 'pairwise':
      scaleValuesUnique(control.strength, [...at, 'strength'], ctx);
      uniqueIds(control.dimensions, [...at, 'dimensions'], 'dimension', ctx);
      if (control.justification === 'when-strong' && control.strongFrom === undefined) {
        ctx.addIssue({ code: 'custom', path: [...at, 'strongFrom'], message: 'justification "when-strong" needs strongFrom (the strength from which it is required)' });
      } else if (control.strongFrom !== undefined && !control.strength.some((p) => p.value === control.strongFrom)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'strongFrom'], message: `strongFrom ${control.strongFrom} is not a value of the strength scale` });
      }
      return;
    case 'safety':
      scaleValuesUnique(control.severities, [...at, 'severities'], ctx);
      // Number keys pick a focused flag's severity, so a flag's own hotkey must not be one of them.
      control.labels.forEach((label, li) => {
        if (label.hotkey && /^[0-9]$/.test(normalizeKey(label.hotkey) ?? '')) {
          ctx.addIssue({ code: 'custom', path: [...at, 'labels', li, 'hotkey'], message: `hotkey "${label.hotkey}" is taken by the severity keys of this question; use a letter` });
        }
      });
      for (const key of Object.keys(control.policies)) {
        if (!control.labels.some((l) => l.id === key)) {
          ctx.addIssue({ code: 'custom', path: [...at, 'policies', key], message: `policy "${key}" is not a flag of this question` });
        }
      }
      return;
    case 'checklist':
      uniqueIds(control.constraints, [...at, 'constraints'], 'constraint', ctx);
      return;
    default:
      return;
  }
}

/** What each task shows: drives which task fields are required and how the task is rendered. */
export const dataKindSchema = z.enum(['text', 'image', 'conversation']);
export type DataKind = z.infer<typeof dataKindSchema>;

export const labelConfigSchema = z
  .strictObject({
    version: z.literal(1),
    data: dataKindSchema,
    controls: z.array(controlSchema).min(1, 'needs at least one control').max(50),
    /**
     * The reasons an annotator may give for skipping, offered as a numbered list: Space, then the
     * reason's number skips (a reason of their own can still be written). At most 9, for the keys.
     */
    skipReasons: z.array(z.string().trim().min(1, 'must not be empty').max(200)).max(9, 'at most 9 (one per number key)').optional(),
  })
  .superRefine((config, ctx) => {
    const reasons = new Set<string>();
    config.skipReasons?.forEach((reason, i) => {
      if (reasons.has(reason)) ctx.addIssue({ code: 'custom', path: ['skipReasons', i], message: `duplicate skip reason "${reason}"` });
      reasons.add(reason);
    });
    const controlIds = new Set<string>();
    const keyOwners = new Map<string, string>();
    config.controls.forEach((control, ci) => {
      if (controlIds.has(control.id)) {
        ctx.addIssue({ code: 'custom', path: ['controls', ci, 'id'], message: `duplicate control id "${control.id}"` });
      }
      controlIds.add(control.id);
      checkQuestion(control, config.data, ['controls', ci], ctx);
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
