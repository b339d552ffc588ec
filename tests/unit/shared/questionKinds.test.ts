/**
 * The question kinds of a label config, end to end in shared/: what a config may say
 * (labelConfigSchema), what an answer may hold (answerCheck), what makes it complete (questions),
 * and the word diff of a rewrite (rewriteDiff). Pure functions, no I/O.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkAnswer, findAnswerProblem } from '../../../shared/answerCheck';
import { fromZodError, LoupeError } from '../../../shared/errors';
import { labelConfigSchema, type Control, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult, DiffPart, Task } from '../../../shared/pack/task';
import {
  checklistConstraints,
  choiceKeys,
  justificationNeeded,
  missingItem,
  OVERALL_ROW,
  rowsOf,
  scaleKeys,
  targetResponse,
} from '../../../shared/questions';
import { diffIsOf, diffStats, rewriteDiff } from '../../../shared/rewriteDiff';

type ConfigInput = z.input<typeof labelConfigSchema>;
type ControlInput = ConfigInput['controls'][number];
type DataKind = ConfigInput['data'];

const COLOR = '#3b82f6';
const label = (id: string, hotkey?: string) => ({ id, name: id.toUpperCase(), color: COLOR, ...(hotkey ? { hotkey } : {}) });
const likert = [1, 2, 3, 4, 5].map((value) => ({ value, label: `Point ${value}` }));
const strength = [
  { value: 1, label: 'Slightly' },
  { value: 2, label: 'Clearly' },
  { value: 3, label: 'Much' },
];
const severities = [
  { value: 1, label: 'Low' },
  { value: 2, label: 'High' },
];

const cfg = (data: DataKind, ...controls: ControlInput[]): ConfigInput => ({ version: 1, data, controls });
/** A parsed config (defaults filled in); throws with the first problem when it does not parse. */
const parsed = (data: DataKind, ...controls: ControlInput[]): LabelConfig => labelConfigSchema.parse(cfg(data, ...controls));
const convo = (...controls: ControlInput[]) => parsed('conversation', ...controls);

/** Each issue of a config that does not parse, as a dotted path and its message. */
function issues(config: ConfigInput): { path: string; message: string }[] {
  const result = labelConfigSchema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

// Question inputs reused across the sections below.
const RUBRIC = {
  id: 'quality',
  kind: 'rubric',
  rubricVersion: 'v2',
  dimensions: [
    { id: 'helpful', name: 'Helpfulness', scale: likert },
    { id: 'honest', name: 'Honesty', scale: likert },
  ],
} satisfies ControlInput;
const PAIRWISE = {
  id: 'pref',
  kind: 'pairwise',
  strength,
  dimensions: [{ id: 'helpfulness', name: 'Helpfulness' }],
} satisfies ControlInput;
const RANKING = { id: 'rank', kind: 'ranking' } satisfies ControlInput;
const SAFETY = {
  id: 'harm',
  kind: 'safety',
  labels: [label('violence'), { ...label('pii'), name: 'PII' }],
  severities,
} satisfies ControlInput;
const CHECKLIST = { id: 'follows', kind: 'checklist', constraints: [{ id: 'c-len', text: 'Under 100 words' }] } satisfies ControlInput;
const REWRITE = { id: 'fix', kind: 'rewrite' } satisfies ControlInput;
const TEXTAREA = { id: 'notes', kind: 'textarea' } satisfies ControlInput;

const TASK: Task = {
  id: 'task-1',
  data: {
    prompt: 'Write a haiku about cats.',
    responses: [
      { id: 'r1', content: 'The cat sat on the mat.', model: 'm-a' },
      { id: 'r2', content: 'A cat, a mat, a nap.' },
      { id: 'r3', content: 'Cats are liquid.' },
    ],
    constraints: [{ id: 't-rhyme', text: 'Rhymes' }],
  },
};

// ---------------------------------------------------------------------------------------------
// labelConfigSchema
// ---------------------------------------------------------------------------------------------

describe('labelConfigSchema: every kind parses with its defaults', () => {
  const cases: { kind: string; data: DataKind; input: ControlInput; expected: Control }[] = [
    {
      kind: 'choices',
      data: 'text',
      input: { id: 'topic', kind: 'choices', labels: [label('news', '1'), label('sport', '2')] },
      expected: { id: 'topic', kind: 'choices', required: true, multiple: false, labels: [label('news', '1'), label('sport', '2')] },
    },
    {
      kind: 'spans',
      data: 'text',
      input: { id: 'ents', kind: 'spans', labels: [label('per', 'P')] },
      expected: { id: 'ents', kind: 'spans', required: true, labels: [label('per', 'P')], allowOverlap: false, snapToTokens: true, relations: [] },
    },
    {
      kind: 'boxes',
      data: 'image',
      input: { id: 'cars', kind: 'boxes', labels: [label('car')] },
      expected: { id: 'cars', kind: 'boxes', required: true, labels: [label('car')], minPredictionScore: 0 },
    },
    {
      kind: 'polygons',
      data: 'image',
      input: { id: 'roads', kind: 'polygons', labels: [label('road')], required: false },
      expected: { id: 'roads', kind: 'polygons', required: false, labels: [label('road')], minPredictionScore: 0 },
    },
    {
      kind: 'rubric',
      data: 'conversation',
      input: RUBRIC,
      expected: { ...RUBRIC, required: true },
    },
    {
      kind: 'pairwise',
      data: 'conversation',
      input: { id: 'pref', kind: 'pairwise' },
      expected: {
        id: 'pref',
        kind: 'pairwise',
        required: true,
        allowTie: true,
        strength: [],
        dimensions: [],
        justification: 'optional',
        justificationMinLength: 0,
      },
    },
    {
      kind: 'ranking',
      data: 'conversation',
      input: RANKING,
      expected: { id: 'rank', kind: 'ranking', required: true, allowTies: false },
    },
    {
      kind: 'safety',
      data: 'conversation',
      input: SAFETY,
      expected: { ...SAFETY, required: true, policies: {}, excerpts: true },
    },
    {
      kind: 'textarea',
      data: 'text',
      input: TEXTAREA,
      expected: { id: 'notes', kind: 'textarea', required: true, minLength: 0 },
    },
    {
      kind: 'rewrite',
      data: 'conversation',
      input: REWRITE,
      expected: { id: 'fix', kind: 'rewrite', required: true, minLength: 0 },
    },
    {
      kind: 'checklist',
      data: 'conversation',
      input: { id: 'follows', kind: 'checklist' },
      expected: { id: 'follows', kind: 'checklist', required: true, constraints: [], noteRequiredOnFail: false },
    },
  ];

  it('covers every kind of the schema', () => {
    expect(cases.map((c) => c.kind).sort()).toEqual(
      ['boxes', 'checklist', 'choices', 'pairwise', 'polygons', 'ranking', 'rewrite', 'rubric', 'safety', 'spans', 'textarea'],
    );
  });

  it.each(cases)('$kind', ({ data, input, expected }) => {
    const result = labelConfigSchema.safeParse(cfg(data, input));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(result.data).toEqual({ version: 1, data, controls: [expected] });
  });

  it('keeps explicit settings over the defaults', () => {
    const config = convo(
      {
        ...PAIRWISE,
        allowTie: false,
        justification: 'when-strong',
        strongFrom: 2,
        justificationMinLength: 20,
        title: 'Which is better?',
      },
      { ...SAFETY, excerpts: false, policies: { violence: 'No threats.' } },
      { ...RANKING, allowTies: true },
      { ...CHECKLIST, noteRequiredOnFail: true },
      { ...REWRITE, response: 'r2', minLength: 3 },
    );
    expect(config.controls[0]).toMatchObject({ allowTie: false, justification: 'when-strong', strongFrom: 2, justificationMinLength: 20, title: 'Which is better?' });
    expect(config.controls[1]).toMatchObject({ excerpts: false, policies: { violence: 'No threats.' } });
    expect(config.controls[2]).toMatchObject({ allowTies: true });
    expect(config.controls[3]).toMatchObject({ noteRequiredOnFail: true, constraints: [{ id: 'c-len', text: 'Under 100 words' }] });
    expect(config.controls[4]).toMatchObject({ response: 'r2', minLength: 3 });
  });

  it('asks several questions of one conversation task', () => {
    const config = convo(RUBRIC, PAIRWISE, RANKING, SAFETY, CHECKLIST, REWRITE, TEXTAREA);
    expect(config.controls.map((c) => c.kind)).toEqual(['rubric', 'pairwise', 'ranking', 'safety', 'checklist', 'rewrite', 'textarea']);
  });

  it('lets rubric, safety, checklist and textarea questions be asked of plain text too', () => {
    for (const control of [RUBRIC, SAFETY, CHECKLIST, TEXTAREA]) expect(issues(cfg('text', control)), control.kind).toEqual([]);
  });
});

describe('labelConfigSchema: problems, each with its path and message', () => {
  it('refuses duplicate dimension ids (rubric and pairwise)', () => {
    const rubric = { ...RUBRIC, dimensions: [...RUBRIC.dimensions, { id: 'helpful', name: 'Again', scale: likert }] };
    expect(issues(cfg('conversation', rubric))).toEqual([{ path: 'controls.0.dimensions.2.id', message: 'duplicate dimension id "helpful"' }]);
    const pairwise = { ...PAIRWISE, dimensions: [{ id: 'tone', name: 'Tone' }, { id: 'tone', name: 'Tone again' }] };
    expect(issues(cfg('conversation', pairwise))).toEqual([{ path: 'controls.0.dimensions.1.id', message: 'duplicate dimension id "tone"' }]);
  });

  it('refuses a scale value given twice (rubric scales, pairwise strength, safety severities)', () => {
    const scale = [...likert.slice(0, 3), { value: 2, label: 'Two again' }];
    const rubric = { ...RUBRIC, dimensions: [RUBRIC.dimensions[0]!, { id: 'honest', name: 'Honesty', scale }] };
    expect(issues(cfg('conversation', rubric))).toEqual([{ path: 'controls.0.dimensions.1.scale.3.value', message: 'scale value 2 appears twice' }]);
    const pairwise = { ...PAIRWISE, strength: [...strength, { value: 1, label: 'Barely' }] };
    expect(issues(cfg('conversation', pairwise))).toEqual([{ path: 'controls.0.strength.3.value', message: 'scale value 1 appears twice' }]);
    const safety = { ...SAFETY, severities: [{ value: 5, label: 'A' }, { value: 5, label: 'B' }] };
    expect(issues(cfg('conversation', safety))).toEqual([{ path: 'controls.0.severities.1.value', message: 'scale value 5 appears twice' }]);
  });

  it.each([
    ['pairwise', PAIRWISE],
    ['ranking', RANKING],
    ['rewrite', REWRITE],
  ] as const)('refuses a %s question unless data is "conversation"', (kind, control) => {
    for (const data of ['text', 'image'] as const) {
      expect(issues(cfg(data, { id: 'other', kind: 'textarea' }, control))).toEqual([
        { path: 'controls.1.kind', message: `a ${kind} question judges model responses, so "data" must be "conversation"` },
      ]);
    }
    expect(issues(cfg('conversation', control))).toEqual([]);
  });

  it('needs strongFrom for justification "when-strong", on the strength scale', () => {
    expect(issues(cfg('conversation', { ...PAIRWISE, justification: 'when-strong' }))).toEqual([
      { path: 'controls.0.strongFrom', message: 'justification "when-strong" needs strongFrom (the strength from which it is required)' },
    ]);
    expect(issues(cfg('conversation', { ...PAIRWISE, justification: 'when-strong', strongFrom: 5 }))).toEqual([
      { path: 'controls.0.strongFrom', message: 'strongFrom 5 is not a value of the strength scale' },
    ]);
    // With no strength scale at all, no value can be the threshold.
    expect(issues(cfg('conversation', { id: 'pref', kind: 'pairwise', justification: 'when-strong', strongFrom: 1 }))).toEqual([
      { path: 'controls.0.strongFrom', message: 'strongFrom 1 is not a value of the strength scale' },
    ]);
    expect(issues(cfg('conversation', { ...PAIRWISE, justification: 'when-strong', strongFrom: 3 }))).toEqual([]);
  });

  it('refuses a safety policy keyed by something that is not one of its flags', () => {
    const safety = { ...SAFETY, policies: { violence: 'No threats.', spam: 'No ads.' } };
    expect(issues(cfg('conversation', safety))).toEqual([{ path: 'controls.0.policies.spam', message: 'policy "spam" is not a flag of this question' }]);
    expect(issues(cfg('conversation', { ...SAFETY, policies: { violence: 'x', pii: 'y' } }))).toEqual([]);
  });

  it('refuses a digit as a safety flag hotkey (the digits pick severities), but not a letter', () => {
    const safety = { ...SAFETY, labels: [label('violence', 'V'), label('pii', '2')] };
    expect(issues(cfg('conversation', safety))).toEqual([
      { path: 'controls.0.labels.1.hotkey', message: 'hotkey "2" is taken by the severity keys of this question; use a letter' },
    ]);
    expect(issues(cfg('conversation', { ...SAFETY, labels: [label('violence', 'V'), label('pii', 'Y')] }))).toEqual([]);
    // Digits stay fine for a choices question.
    expect(issues(cfg('text', { id: 'topic', kind: 'choices', labels: [label('a', '1'), label('b', '2')] }))).toEqual([]);
  });

  // normalizeKey('Shift+1') is '1' (a printed symbol carries no Shift): the label would answer to
  // the very key that picks severity 1, so it should be refused like a bare "1".
  it('refuses a safety flag hotkey that normalizes to a digit (Shift+1 is the key 1)', () => {
    const safety = { ...SAFETY, labels: [label('violence', 'Shift+1'), label('pii', 'P')] };
    expect(issues(cfg('conversation', safety)).map((i) => i.path)).toContain('controls.0.labels.0.hotkey');
  });

  it('refuses duplicate checklist constraint ids', () => {
    const checklist = { ...CHECKLIST, constraints: [{ id: 'c1', text: 'One' }, { id: 'c2', text: 'Two' }, { id: 'c1', text: 'One again' }] };
    expect(issues(cfg('conversation', checklist))).toEqual([{ path: 'controls.0.constraints.2.id', message: 'duplicate constraint id "c1"' }]);
  });

  it('refuses an unknown kind, at the kind field', () => {
    const result = labelConfigSchema.safeParse({ version: 1, data: 'text', controls: [TEXTAREA, { id: 'q', kind: 'slider' }] });
    expect(result.success).toBe(false);
    const [issue, ...rest] = result.error!.issues;
    expect(rest).toEqual([]);
    expect(issue!.path).toEqual(['controls', 1, 'kind']);
    expect(issue!.message).toMatch(/^Invalid discriminator value\. Expected 'choices' \| 'spans' .* \| 'checklist'$/);
  });

  it('refuses a label hotkey that clashes with an app key, but lets letters through (answer keys do not clash)', () => {
    const choices = (hotkey: string) => cfg('conversation', PAIRWISE, { id: 'topic', kind: 'choices', labels: [label('a', hotkey)] });
    expect(issues(choices('Enter'))).toEqual([{ path: 'controls.1.labels.0.hotkey', message: 'hotkey "Enter" clashes with the app\'s "Submit and next" key' }]);
    expect(issues(choices('ctrl+z'))).toEqual([{ path: 'controls.1.labels.0.hotkey', message: 'hotkey "ctrl+z" clashes with the app\'s "Undo" key' }]);
    // A, B, T prefer a response; X, C flag; P, F, N mark constraints; E writes; I shows anchors:
    // all answer keys of the focused question, which its own label keys outrank.
    for (const letter of ['A', 'a', 'B', 'T', 'X', 'C', 'P', 'F', 'N', 'E', 'I']) expect(issues(choices(letter)), letter).toEqual([]);
    expect(issues(cfg('conversation', { ...SAFETY, labels: [label('violence', 'X'), label('pii', 'C')] }))).toEqual([]);
  });

  it('refuses a hotkey that is not a key, and one used twice across questions', () => {
    expect(issues(cfg('text', { id: 'topic', kind: 'choices', labels: [label('a', 'ab')] }))).toEqual([
      { path: 'controls.0.labels.0.hotkey', message: '"ab" is not a key this app understands' },
    ]);
    const twice = cfg('text', { id: 'topic', kind: 'choices', labels: [label('news', 'n')] }, { ...SAFETY, labels: [label('violence', 'N')] });
    expect(issues(twice)).toEqual([{ path: 'controls.1.labels.0.hotkey', message: 'hotkey "N" is already used by label "NEWS" (topic)' }]);
  });

  it('refuses duplicate control and label ids', () => {
    expect(issues(cfg('conversation', RANKING, { ...TEXTAREA, id: 'rank' }))).toEqual([{ path: 'controls.1.id', message: 'duplicate control id "rank"' }]);
    expect(issues(cfg('conversation', { ...SAFETY, labels: [label('pii'), label('pii')] }))).toEqual([{ path: 'controls.0.labels.1.id', message: 'duplicate label id "pii"' }]);
  });

  it('reports through fromZodError as the first failing field, counting the rest', () => {
    const single = labelConfigSchema.safeParse(cfg('conversation', { ...CHECKLIST, constraints: [{ id: 'c1', text: 'a' }, { id: 'c1', text: 'b' }] }));
    const err = fromZodError(single.error!, { file: 'manifest.json' });
    expect(err).toBeInstanceOf(LoupeError);
    expect(err.code).toBe('invalid-input');
    expect(err.where).toEqual({ file: 'manifest.json', field: 'controls.0.constraints.1.id' });
    expect(err.message).toBe('manifest.json, field controls.0.constraints.1.id: duplicate constraint id "c1"');

    const several = labelConfigSchema.safeParse(cfg('text', RANKING, { ...PAIRWISE, justification: 'when-strong' }));
    expect(several.error!.issues.map((i) => i.path.join('.'))).toEqual(['controls.0.kind', 'controls.1.kind', 'controls.1.strongFrom']);
    expect(fromZodError(several.error!).message).toBe(
      'field controls.0.kind: a ranking question judges model responses, so "data" must be "conversation" (and 2 more problems)',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// answerCheck
// ---------------------------------------------------------------------------------------------

const pairwiseResult = (fields: Partial<Extract<ControlResult, { kind: 'pairwise' }>> = {}): ControlResult => ({
  kind: 'pairwise',
  controlId: 'pref',
  justification: '',
  ...fields,
});

describe('findAnswerProblem: every result names a control of the config, once, with its kind', () => {
  const config = convo(RUBRIC, TEXTAREA);
  it('refuses an unknown control, one answered twice, and a kind mismatch', () => {
    expect(findAnswerProblem(config, [{ kind: 'textarea', controlId: 'nope', text: 'x' }])).toEqual({
      field: 'answer.0.controlId',
      message: 'control "nope" is not in the label config',
    });
    expect(findAnswerProblem(config, [{ kind: 'textarea', controlId: 'notes', text: 'x' }, { kind: 'textarea', controlId: 'notes', text: 'y' }])).toEqual({
      field: 'answer.1.controlId',
      message: 'control "notes" is answered twice',
    });
    expect(findAnswerProblem(config, [{ kind: 'textarea', controlId: 'quality', text: 'x' }])).toEqual({
      field: 'answer.0.kind',
      message: 'control "quality" is a rubric control, not textarea',
    });
    expect(findAnswerProblem(config, [])).toBeNull();
  });

  it('prefixes fields with the given path', () => {
    expect(findAnswerProblem(config, [{ kind: 'textarea', controlId: 'nope', text: 'x' }], 'predictions.2.result')).toEqual({
      field: 'predictions.2.result.0.controlId',
      message: 'control "nope" is not in the label config',
    });
  });
});

describe('findAnswerProblem: pairwise', () => {
  const noTie = convo({ ...PAIRWISE, allowTie: false });
  const withTie = convo(PAIRWISE);

  it('refuses a tie when ties are not allowed, overall and per dimension', () => {
    expect(findAnswerProblem(noTie, [pairwiseResult({ choice: 'tie' })])).toEqual({ field: 'answer.0.choice', message: 'question "pref" does not allow a tie' });
    expect(findAnswerProblem(noTie, [pairwiseResult({ choice: undefined, strength: 1 })])).toEqual({
      field: 'answer.0.strength',
      message: 'a strength qualifies a preference for A or B, not a tie or no choice',
    });
    expect(findAnswerProblem(noTie, [pairwiseResult({ choice: 'A', strength: 1, dimensions: { helpfulness: 'tie' } })])).toEqual({
      field: 'answer.0.dimensions.helpfulness',
      message: 'question "pref" does not allow a tie',
    });
    expect(findAnswerProblem(withTie, [pairwiseResult({ choice: 'tie', dimensions: { helpfulness: 'tie' } })])).toBeNull();
  });

  it('refuses a strength not on the scale', () => {
    expect(findAnswerProblem(withTie, [pairwiseResult({ choice: 'B', strength: 7 })])).toEqual({
      field: 'answer.0.strength',
      message: '7 is not on the strength scale of "pref"',
    });
    // A question without a strength scale takes no strength at all.
    expect(findAnswerProblem(convo({ id: 'pref', kind: 'pairwise' }), [pairwiseResult({ choice: 'A', strength: 1 })])).toEqual({
      field: 'answer.0.strength',
      message: '1 is not on the strength scale of "pref"',
    });
    expect(findAnswerProblem(withTie, [pairwiseResult({ choice: 'B', strength: 3 })])).toBeNull();
  });

  it('refuses an unknown dimension', () => {
    expect(findAnswerProblem(withTie, [pairwiseResult({ choice: 'A', dimensions: { helpfulness: 'A', speed: 'B' } })])).toEqual({
      field: 'answer.0.dimensions.speed',
      message: '"speed" is not a dimension of "pref"',
    });
  });

  it('accepts a draft with only a dimension answered', () => {
    expect(findAnswerProblem(withTie, [pairwiseResult({ dimensions: { helpfulness: 'B' } })])).toBeNull();
  });
});

describe('findAnswerProblem: ranking', () => {
  const config = convo(RANKING);
  const ranking = (order: string[][]): Answer => [{ kind: 'ranking', controlId: 'rank', order }];

  it('refuses a response id the task does not have', () => {
    expect(findAnswerProblem(config, ranking([['r1'], ['r9'], ['r2']]), 'answer', TASK)).toEqual({
      field: 'answer.0.order.1',
      message: '"r9" is not a response of task "task-1"',
    });
  });

  it('refuses a response ranked twice', () => {
    expect(findAnswerProblem(config, ranking([['r1'], ['r2'], ['r1']]), 'answer', TASK)).toEqual({
      field: 'answer.0.order.2',
      message: 'response "r1" is ranked twice',
    });
    const ties = convo({ ...RANKING, allowTies: true });
    expect(findAnswerProblem(ties, ranking([['r2', 'r2'], ['r1']]), 'answer', TASK)).toEqual({
      field: 'answer.0.order.0',
      message: 'response "r2" is ranked twice',
    });
  });

  it('refuses ties when they are not allowed, and takes them when they are', () => {
    expect(findAnswerProblem(config, ranking([['r1'], ['r2', 'r3']]), 'answer', TASK)).toEqual({
      field: 'answer.0.order.1',
      message: 'question "rank" does not allow ties',
    });
    expect(findAnswerProblem(convo({ ...RANKING, allowTies: true }), ranking([['r1'], ['r2', 'r3']]), 'answer', TASK)).toBeNull();
  });

  it('accepts a full ranking, and a partial one (completeness is for submit)', () => {
    expect(findAnswerProblem(config, ranking([['r3'], ['r1'], ['r2']]), 'answer', TASK)).toBeNull();
    expect(findAnswerProblem(config, ranking([['r3']]), 'answer', TASK)).toBeNull();
  });

  it('skips the checks that need the task when none is given', () => {
    expect(findAnswerProblem(config, ranking([['r1'], ['r9'], ['r1']]))).toBeNull();
  });
});

describe('findAnswerProblem: safety', () => {
  type Flag = Extract<ControlResult, { kind: 'safety' }>['flags'][number];
  const config = convo(SAFETY);
  const noExcerpts = convo({ ...SAFETY, excerpts: false });
  const safety = (...flags: Flag[]): Answer => [{ kind: 'safety', controlId: 'harm', flags }];

  it('refuses an unknown label', () => {
    expect(findAnswerProblem(config, safety({ label: 'violence', severity: 1 }, { label: 'spam', severity: 1 }))).toEqual({
      field: 'answer.0.flags.1.label',
      message: 'label "spam" is not a label of control "harm"',
    });
  });

  it('refuses a flag given twice', () => {
    expect(findAnswerProblem(config, safety({ label: 'violence', severity: 1 }, { label: 'violence', severity: 2 }))).toEqual({
      field: 'answer.0.flags.1.label',
      message: 'flag "violence" is given twice',
    });
  });

  it('refuses a severity not on the scale', () => {
    expect(findAnswerProblem(config, safety({ label: 'pii', severity: 9 }))).toEqual({
      field: 'answer.0.flags.0.severity',
      message: '9 is not a severity of question "harm"',
    });
  });

  it('refuses an excerpt when the question takes none', () => {
    expect(findAnswerProblem(noExcerpts, safety({ label: 'pii', severity: 1, excerpt: 'my address is' }))).toEqual({
      field: 'answer.0.flags.0.excerpt',
      message: 'question "harm" takes no excerpts',
    });
    expect(findAnswerProblem(config, safety({ label: 'pii', severity: 1, excerpt: 'my address is', responseId: 'r2' }), 'answer', TASK)).toBeNull();
  });

  it('refuses an excerpt quoting a response the task does not have, only when the task is given', () => {
    const answer = safety({ label: 'violence', severity: 2 }, { label: 'pii', excerpt: 'x', responseId: 'r9' });
    expect(findAnswerProblem(config, answer, 'answer', TASK)).toEqual({
      field: 'answer.0.flags.1.responseId',
      message: '"r9" is not a response of task "task-1"',
    });
    expect(findAnswerProblem(config, answer)).toBeNull();
  });

  it('accepts no flags, and a flag without a severity yet', () => {
    expect(findAnswerProblem(config, safety(), 'answer', TASK)).toBeNull();
    expect(findAnswerProblem(config, safety({ label: 'pii' }), 'answer', TASK)).toBeNull();
  });
});

describe('findAnswerProblem: rewrite', () => {
  const config = convo(REWRITE);
  const original = TASK.data.responses![0]!.content;
  const rewrite = (responseId: string, text: string, diff?: DiffPart[]): Answer => [
    { kind: 'rewrite', controlId: 'fix', responseId, text, ...(diff ? { diff } : {}) },
  ];

  it('refuses a rewrite of another response than the question names (the first by default)', () => {
    expect(findAnswerProblem(config, rewrite('r2', 'x'), 'answer', TASK)).toEqual({
      field: 'answer.0.responseId',
      message: 'question "fix" rewrites response "r1", not "r2"',
    });
    const named = convo({ ...REWRITE, response: 'r2' });
    expect(findAnswerProblem(named, rewrite('r1', 'x'), 'answer', TASK)).toEqual({
      field: 'answer.0.responseId',
      message: 'question "fix" rewrites response "r2", not "r1"',
    });
    expect(findAnswerProblem(named, rewrite('r2', 'x'), 'answer', TASK)).toBeNull();
    const absent = convo({ ...REWRITE, response: 'r7' });
    expect(findAnswerProblem(absent, rewrite('r1', 'x'), 'answer', TASK)).toEqual({
      field: 'answer.0.responseId',
      message: 'question "fix" rewrites response "(none)", not "r1"',
    });
  });

  it('refuses a stored diff that does not turn the original into the text', () => {
    const text = 'The dog sat on the mat.';
    const wrong: DiffPart[] = [{ op: 'equal', text: 'The ' }, { op: 'delete', text: 'cow' }, { op: 'insert', text: 'dog' }, { op: 'equal', text: ' sat on the mat.' }];
    expect(findAnswerProblem(config, rewrite('r1', text, wrong), 'answer', TASK)).toEqual({
      field: 'answer.0.diff',
      message: 'the stored diff does not turn the original response into the rewritten text',
    });
    // A diff of the right original, but to other text.
    expect(findAnswerProblem(config, rewrite('r1', text, rewriteDiff(original, 'The bird sat on the mat.')), 'answer', TASK)?.field).toBe('answer.0.diff');
  });

  it('accepts the diff rewriteDiff makes, and no diff at all', () => {
    const text = 'The dog sat on the mat, purring.';
    expect(findAnswerProblem(config, rewrite('r1', text, rewriteDiff(original, text)), 'answer', TASK)).toBeNull();
    expect(findAnswerProblem(config, rewrite('r1', text), 'answer', TASK)).toBeNull();
  });

  it('skips the task-aware checks without a task', () => {
    expect(findAnswerProblem(config, rewrite('r9', 'x', [{ op: 'insert', text: 'nope' }]))).toBeNull();
  });
});

describe('findAnswerProblem: checklist', () => {
  const config = convo(CHECKLIST);
  const checklist = (items: Record<string, 'pass' | 'fail' | 'na'>): Answer => [
    { kind: 'checklist', controlId: 'follows', items: Object.fromEntries(Object.entries(items).map(([id, verdict]) => [id, { verdict }])) },
  ];

  it('refuses an item that is not a constraint of the config or the task', () => {
    expect(findAnswerProblem(config, checklist({ 'c-len': 'pass', 'made-up': 'fail' }), 'answer', TASK)).toEqual({
      field: 'answer.0.items.made-up',
      message: '"made-up" is not a constraint of this task',
    });
  });

  it('accepts the config constraints and the task constraints alike', () => {
    expect(findAnswerProblem(config, checklist({ 'c-len': 'pass', 't-rhyme': 'na' }), 'answer', TASK)).toBeNull();
    // Another task has no such constraint.
    const other: Task = { id: 'task-2', data: { prompt: 'p', responses: [{ id: 'r1', content: 'x' }] } };
    expect(findAnswerProblem(config, checklist({ 't-rhyme': 'na' }), 'answer', other)).toEqual({
      field: 'answer.0.items.t-rhyme',
      message: '"t-rhyme" is not a constraint of this task',
    });
  });

  it('skips the constraint check without a task', () => {
    expect(findAnswerProblem(config, checklist({ 'made-up': 'fail' }))).toBeNull();
  });
});

describe('findAnswerProblem: rubric', () => {
  const config = convo(RUBRIC);
  const rubric = (scores: Record<string, number>, rubricVersion?: string): Answer => [
    { kind: 'rubric', controlId: 'quality', scores, ...(rubricVersion ? { rubricVersion } : {}) },
  ];

  it('refuses scores given under another rubric version', () => {
    expect(findAnswerProblem(config, rubric({ helpful: 3 }, 'v1'))).toEqual({
      field: 'answer.0.rubricVersion',
      message: 'scores were given under rubric version "v1", the pack\'s is "v2"',
    });
    expect(findAnswerProblem(config, rubric({ helpful: 3 }, 'v2'))).toBeNull();
    expect(findAnswerProblem(config, rubric({ helpful: 3 }))).toBeNull();
  });

  it('refuses an unknown dimension and a score off the scale', () => {
    expect(findAnswerProblem(config, rubric({ helpful: 3, speed: 2 }))).toEqual({
      field: 'answer.0.scores.speed',
      message: '"speed" is not a dimension of rubric "quality"',
    });
    expect(findAnswerProblem(config, rubric({ honest: 6 }))).toEqual({
      field: 'answer.0.scores.honest',
      message: '6 is not on the scale of "honest"',
    });
  });
});

describe('checkAnswer', () => {
  const config = convo(RUBRIC, { ...PAIRWISE, allowTie: false }, CHECKLIST);
  const complete: Answer = [
    { kind: 'rubric', controlId: 'quality', rubricVersion: 'v2', scores: { helpful: 4, honest: 5 } },
    pairwiseResult({ choice: 'A', strength: 2, dimensions: { helpfulness: 'A' } }),
    { kind: 'checklist', controlId: 'follows', items: { 'c-len': { verdict: 'pass' }, 't-rhyme': { verdict: 'na' } } },
  ];
  const thrown = (fn: () => void): LoupeError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof LoupeError) return e;
      throw e;
    }
    throw new Error('expected a LoupeError');
  };

  it('passes a complete answer, on save and on submit', () => {
    expect(() => checkAnswer(config, complete, { forSubmit: false, task: TASK })).not.toThrow();
    expect(() => checkAnswer(config, complete, { forSubmit: true, task: TASK })).not.toThrow();
  });

  it('throws a located invalid-input error for an answer that does not fit', () => {
    const answer = [complete[0]!, pairwiseResult({ choice: 'tie' })];
    const err = thrown(() => checkAnswer(config, answer, { forSubmit: false, task: TASK }));
    expect(err.code).toBe('invalid-input');
    expect(err.where).toEqual({ field: 'answer.1.choice' });
    expect(err.detail).toBe('question "pref" does not allow a tie');
  });

  it('makes the task-aware checks with the task it is given', () => {
    const answer: Answer = [{ kind: 'checklist', controlId: 'follows', items: { ghost: { verdict: 'pass' } } }];
    const err = thrown(() => checkAnswer(config, answer, { forSubmit: false, task: TASK }));
    expect(err.where).toEqual({ field: 'answer.0.items.ghost' });
  });

  it('lets an incomplete answer be saved, but not submitted', () => {
    const partial: Answer = [complete[0]!, pairwiseResult({ choice: 'A', dimensions: { helpfulness: 'A' } })];
    expect(() => checkAnswer(config, partial, { forSubmit: false, task: TASK })).not.toThrow();
    const err = thrown(() => checkAnswer(config, partial, { forSubmit: true, task: TASK }));
    expect(err.code).toBe('invalid-input');
    expect(err.detail).toBe('"pref": how strongly is A better? before submitting');
    expect(err.where).toEqual({ field: 'pref.strength' });
  });

  it('names the question alone when a whole question is unanswered', () => {
    const err = thrown(() => checkAnswer(config, [], { forSubmit: true, task: TASK }));
    expect(err.detail).toBe('"quality" needs an answer before submitting');
    expect(err.where).toEqual({ field: 'quality' });
  });
});

// ---------------------------------------------------------------------------------------------
// questions.ts
// ---------------------------------------------------------------------------------------------

describe('missingItem', () => {
  describe('rubric', () => {
    const config = convo(RUBRIC);
    it('points at the first dimension when nothing is scored', () => {
      expect(missingItem(config, [], TASK)).toStrictEqual({ controlId: 'quality', row: 'helpful', field: 'answer', message: '"quality" needs an answer' });
      expect(missingItem(config, [{ kind: 'rubric', controlId: 'quality', scores: {} }], TASK)).toStrictEqual({
        controlId: 'quality',
        row: 'helpful',
        field: 'answer',
        message: '"quality" needs an answer',
      });
    });

    it('names the first unscored dimension', () => {
      expect(missingItem(config, [{ kind: 'rubric', controlId: 'quality', scores: { helpful: 2 } }], TASK)).toStrictEqual({
        controlId: 'quality',
        row: 'honest',
        field: 'scores.honest',
        message: '"quality": "Honesty" needs a score',
      });
      expect(missingItem(config, [{ kind: 'rubric', controlId: 'quality', scores: { honest: 2 } }], TASK)).toMatchObject({ row: 'helpful', field: 'scores.helpful' });
      expect(missingItem(config, [{ kind: 'rubric', controlId: 'quality', scores: { helpful: 2, honest: 1 } }], TASK)).toBeNull();
    });

    it('uses the title when there is one', () => {
      expect(missingItem(convo({ ...RUBRIC, title: 'Quality' }), [], TASK)?.message).toBe('"Quality" needs an answer');
    });
  });

  describe('pairwise', () => {
    const config = convo(PAIRWISE);
    const answerWith = (fields: Partial<Extract<ControlResult, { kind: 'pairwise' }>>) => [pairwiseResult(fields)];

    it('asks for a choice first (naming the tie only where it is allowed)', () => {
      expect(missingItem(config, [], TASK)).toStrictEqual({ controlId: 'pref', row: OVERALL_ROW, field: 'choice', message: '"pref": pick A, B or a tie' });
      expect(missingItem(convo({ ...PAIRWISE, allowTie: false }), [], TASK)).toStrictEqual({
        controlId: 'pref',
        row: 'overall',
        field: 'choice',
        message: '"pref": pick A, B',
      });
      // A draft with only a dimension answered still lacks its choice.
      expect(missingItem(config, answerWith({ dimensions: { helpfulness: 'A' } }), TASK)).toMatchObject({ field: 'choice', row: 'overall' });
    });

    it('asks how strongly A or B is better, but not for a tie', () => {
      expect(missingItem(config, answerWith({ choice: 'B', dimensions: { helpfulness: 'B' } }), TASK)).toStrictEqual({
        controlId: 'pref',
        row: 'overall',
        field: 'strength',
        message: '"pref": how strongly is B better?',
      });
      expect(missingItem(config, answerWith({ choice: 'tie', dimensions: { helpfulness: 'B' } }), TASK)).toBeNull();
      // Without a strength scale, A alone is a complete choice.
      expect(missingItem(convo({ id: 'pref', kind: 'pairwise' }), answerWith({ choice: 'A' }), TASK)).toBeNull();
    });

    it('asks for each dimension', () => {
      expect(missingItem(config, answerWith({ choice: 'A', strength: 1 }), TASK)).toStrictEqual({
        controlId: 'pref',
        row: 'helpfulness',
        field: 'dimensions.helpfulness',
        message: '"pref": pick A, B or a tie for "Helpfulness"',
      });
      expect(missingItem(config, answerWith({ choice: 'A', strength: 1, dimensions: { helpfulness: 'tie' } }), TASK)).toBeNull();
    });

    it('asks for a justification when it is required, of at least one character', () => {
      const required = convo({ ...PAIRWISE, justification: 'required' });
      const base = { choice: 'tie' as const, dimensions: { helpfulness: 'A' as const } };
      expect(missingItem(required, answerWith(base), TASK)).toStrictEqual({
        controlId: 'pref',
        field: 'justification',
        message: '"pref": write a justification of at least 1 character (0 so far)',
      });
      expect(missingItem(required, answerWith({ ...base, justification: '   ' }), TASK)?.field).toBe('justification');
      expect(missingItem(required, answerWith({ ...base, justification: 'ok' }), TASK)).toBeNull();
    });

    it('asks for a justification "when-strong" only from strongFrom, counting trimmed text against the minimum', () => {
      const strong = convo({ ...PAIRWISE, justification: 'when-strong', strongFrom: 2, justificationMinLength: 10 });
      const base = { choice: 'A' as const, dimensions: { helpfulness: 'A' as const } };
      expect(missingItem(strong, answerWith({ ...base, strength: 1 }), TASK)).toBeNull();
      expect(missingItem(strong, answerWith({ ...base, strength: 2 }), TASK)).toStrictEqual({
        controlId: 'pref',
        field: 'justification',
        message: '"pref": write a justification of at least 10 characters (0 so far)',
      });
      expect(missingItem(strong, answerWith({ ...base, strength: 3, justification: '   too short     ' }), TASK)?.message).toBe(
        '"pref": write a justification of at least 10 characters (9 so far)',
      );
      expect(missingItem(strong, answerWith({ ...base, strength: 3, justification: '  ten chars!  ' }), TASK)).toBeNull();
      expect(missingItem(strong, answerWith({ ...base, choice: 'tie' }), TASK)).toBeNull();
    });

    it('never asks for an optional justification', () => {
      expect(missingItem(config, answerWith({ choice: 'A', strength: 3, dimensions: { helpfulness: 'A' } }), TASK)).toBeNull();
    });
  });

  describe('ranking', () => {
    const config = convo(RANKING);
    it('asks for a ranking when there is none', () => {
      expect(missingItem(config, [], TASK)).toStrictEqual({
        controlId: 'rank',
        field: 'order',
        message: '"rank": rank the responses (move one, or press its place number to confirm it)',
      });
    });

    it('names the first response not ranked', () => {
      expect(missingItem(config, [{ kind: 'ranking', controlId: 'rank', order: [['r2'], ['r1']] }], TASK)).toStrictEqual({
        controlId: 'rank',
        row: 'r3',
        field: 'order',
        message: '"rank": response "r3" is not ranked',
      });
      expect(missingItem(config, [{ kind: 'ranking', controlId: 'rank', order: [] }], TASK)).toMatchObject({ row: 'r1', field: 'order' });
      expect(missingItem(config, [{ kind: 'ranking', controlId: 'rank', order: [['r2'], ['r3', 'r1']] }], TASK)).toBeNull();
    });
  });

  describe('safety', () => {
    const config = convo(SAFETY);
    it('asks for flags or an explicit "no concerns"', () => {
      expect(missingItem(config, [], TASK)).toStrictEqual({
        controlId: 'harm',
        field: 'flags',
        message: '"harm": flag what applies, or mark it as having no concerns',
      });
      expect(missingItem(config, [{ kind: 'safety', controlId: 'harm', flags: [] }], TASK)).toBeNull();
    });

    it('asks for the severity of a flag that has none', () => {
      const answer: Answer = [{ kind: 'safety', controlId: 'harm', flags: [{ label: 'violence', severity: 1 }, { label: 'pii' }] }];
      expect(missingItem(config, answer, TASK)).toStrictEqual({
        controlId: 'harm',
        row: 'pii',
        field: 'flags.pii.severity',
        message: '"harm": pick a severity for "PII"',
      });
      expect(missingItem(config, [{ kind: 'safety', controlId: 'harm', flags: [{ label: 'pii', severity: 2 }] }], TASK)).toBeNull();
    });
  });

  describe('checklist', () => {
    const config = convo(CHECKLIST);
    const strict = convo({ ...CHECKLIST, noteRequiredOnFail: true });
    it('points at the first constraint when nothing is marked', () => {
      expect(missingItem(config, [], TASK)).toStrictEqual({ controlId: 'follows', row: 'c-len', field: 'items.c-len', message: '"follows" needs an answer' });
    });

    it('names the first unmarked constraint, the task\'s own included', () => {
      expect(missingItem(config, [{ kind: 'checklist', controlId: 'follows', items: { 'c-len': { verdict: 'pass' } } }], TASK)).toStrictEqual({
        controlId: 'follows',
        row: 't-rhyme',
        field: 'items.t-rhyme',
        message: '"follows": mark "Rhymes" pass, fail or not applicable',
      });
      const done: Answer = [{ kind: 'checklist', controlId: 'follows', items: { 'c-len': { verdict: 'fail' }, 't-rhyme': { verdict: 'na' } } }];
      expect(missingItem(config, done, TASK)).toBeNull();
    });

    it('asks why a constraint failed when the question wants a note', () => {
      const failed = (note?: string): Answer => [
        { kind: 'checklist', controlId: 'follows', items: { 'c-len': { verdict: 'fail', ...(note !== undefined ? { note } : {}) }, 't-rhyme': { verdict: 'pass' } } },
      ];
      expect(missingItem(strict, failed(), TASK)).toStrictEqual({
        controlId: 'follows',
        row: 'c-len',
        field: 'items.c-len.note',
        message: '"follows": say why "Under 100 words" failed',
      });
      expect(missingItem(strict, failed('   '), TASK)?.field).toBe('items.c-len.note');
      expect(missingItem(strict, failed('142 words'), TASK)).toBeNull();
    });
  });

  describe('textarea and rewrite', () => {
    it('asks for text, then for the minimum length of trimmed text', () => {
      const config = convo({ ...TEXTAREA, minLength: 5 });
      expect(missingItem(config, [], TASK)).toStrictEqual({ controlId: 'notes', field: 'text', message: '"notes" needs an answer' });
      expect(missingItem(config, [{ kind: 'textarea', controlId: 'notes', text: '  \n ' }], TASK)).toStrictEqual({
        controlId: 'notes',
        field: 'text',
        message: '"notes" needs an answer',
      });
      expect(missingItem(config, [{ kind: 'textarea', controlId: 'notes', text: '  abc    ' }], TASK)).toStrictEqual({
        controlId: 'notes',
        field: 'text',
        message: '"notes": at least 5 characters (3 so far)',
      });
      expect(missingItem(config, [{ kind: 'textarea', controlId: 'notes', text: 'abcde' }], TASK)).toBeNull();
    });

    it('asks for the edited response, then for the minimum length', () => {
      const config = convo({ ...REWRITE, minLength: 10 });
      expect(missingItem(config, [], TASK)).toStrictEqual({ controlId: 'fix', field: 'text', message: '"fix": edit the response' });
      expect(missingItem(config, [{ kind: 'rewrite', controlId: 'fix', responseId: 'r1', text: ' ' }], TASK)?.message).toBe('"fix": edit the response');
      expect(missingItem(config, [{ kind: 'rewrite', controlId: 'fix', responseId: 'r1', text: 'Cats nap.' }], TASK)).toStrictEqual({
        controlId: 'fix',
        field: 'text',
        message: '"fix": at least 10 characters (9 so far)',
      });
      expect(missingItem(config, [{ kind: 'rewrite', controlId: 'fix', responseId: 'r1', text: 'Cats nap all day.' }], TASK)).toBeNull();
    });
  });

  describe('choices', () => {
    it('asks for an answer, without a row', () => {
      const config = parsed('text', { id: 'topic', kind: 'choices', labels: [label('a')] });
      const task: Task = { id: 't', data: { text: 'x' } };
      expect(missingItem(config, [], task)).toStrictEqual({ controlId: 'topic', field: 'answer', message: '"topic" needs an answer' });
      expect(missingItem(config, [{ kind: 'choices', controlId: 'topic', labels: [] }], task)).toMatchObject({ field: 'answer' });
      expect(missingItem(config, [{ kind: 'choices', controlId: 'topic', labels: ['a'] }], task)).toBeNull();
    });
  });

  describe('optional questions', () => {
    const optional = [RUBRIC, PAIRWISE, RANKING, SAFETY, CHECKLIST, REWRITE, TEXTAREA].map((c) => ({ ...c, required: false }));
    it.each(optional.map((c) => [c.kind, c] as const))('an unanswered optional %s question is fine', (_kind, control) => {
      expect(missingItem(convo(control), [], TASK)).toBeNull();
    });

    it('but an optional question once answered must be complete', () => {
      const config = convo({ ...RUBRIC, required: false });
      expect(missingItem(config, [{ kind: 'rubric', controlId: 'quality', scores: { helpful: 1 } }], TASK)).toMatchObject({ field: 'scores.honest' });
      const text = convo({ ...TEXTAREA, required: false, minLength: 4 });
      expect(missingItem(text, [{ kind: 'textarea', controlId: 'notes', text: 'ab' }], TASK)).toMatchObject({ field: 'text' });
      expect(missingItem(text, [{ kind: 'textarea', controlId: 'notes', text: '' }], TASK)).toBeNull();
    });
  });

  it('reports the first gap in question order', () => {
    const config = convo(TEXTAREA, RUBRIC);
    const answer: Answer = [{ kind: 'rubric', controlId: 'quality', scores: { helpful: 1 } }];
    expect(missingItem(config, answer, TASK)?.controlId).toBe('notes');
    expect(missingItem(config, [...answer, { kind: 'textarea', controlId: 'notes', text: 'n' }], TASK)?.controlId).toBe('quality');
  });
});

describe('scaleKeys', () => {
  const scale = (...values: number[]) => values.map((value) => ({ value }));
  it('maps single-digit values to themselves', () => {
    expect(scaleKeys(scale(1, 2, 3, 4, 5))).toEqual(['1', '2', '3', '4', '5']);
    expect(scaleKeys(scale(0, 1, 2, 3, 4))).toEqual(['0', '1', '2', '3', '4']);
    expect(scaleKeys(scale(3, 1, 2))).toEqual(['3', '1', '2']);
    expect(scaleKeys(scale(0, 9))).toEqual(['0', '9']);
  });

  it('maps any other scale by position, the 10th to 0 and none beyond', () => {
    expect(scaleKeys(scale(10, 20, 30))).toEqual(['1', '2', '3']);
    expect(scaleKeys(scale(-2, -1, 0, 1, 2))).toEqual(['1', '2', '3', '4', '5']);
    expect(scaleKeys(scale(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(scaleKeys(scale(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '']);
  });
});

describe('choiceKeys', () => {
  it('uses the hotkeys when any label has one', () => {
    expect(choiceKeys([{ hotkey: 'q' }, {}, { hotkey: 'Shift+W' }])).toEqual(['q', null, 'Shift+W']);
  });

  it('numbers the labels 1 to 9 when none has one', () => {
    expect(choiceKeys([{}, {}, {}])).toEqual(['1', '2', '3']);
    expect(choiceKeys(Array.from({ length: 11 }, () => ({})))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', null, null]);
    expect(choiceKeys([])).toEqual([]);
  });
});

describe('rowsOf', () => {
  const config = convo(RUBRIC, PAIRWISE, RANKING, SAFETY, CHECKLIST, REWRITE, TEXTAREA);
  const control = (id: string) => config.controls.find((c) => c.id === id)!;
  it('walks each kind\'s rows in order', () => {
    expect(rowsOf(control('quality'), TASK, undefined)).toEqual(['helpful', 'honest']);
    expect(rowsOf(control('pref'), TASK, undefined)).toEqual([OVERALL_ROW, 'helpfulness']);
    expect(rowsOf(control('harm'), TASK, undefined)).toEqual(['violence', 'pii']);
    expect(rowsOf(control('follows'), TASK, undefined)).toEqual(['c-len', 't-rhyme']);
    expect(rowsOf(control('fix'), TASK, undefined)).toEqual([]);
    expect(rowsOf(control('notes'), TASK, undefined)).toEqual([]);
  });

  it('walks a ranking in its current order, else the task\'s', () => {
    expect(rowsOf(control('rank'), TASK, undefined)).toEqual(['r1', 'r2', 'r3']);
    expect(rowsOf(control('rank'), TASK, { kind: 'ranking', controlId: 'rank', order: [['r3'], ['r1', 'r2']] })).toEqual(['r3', 'r1', 'r2']);
  });
});

describe('justificationNeeded', () => {
  const control = (fields: Partial<ControlInput>) => convo({ ...PAIRWISE, ...fields } as ControlInput).controls[0] as Extract<Control, { kind: 'pairwise' }>;
  const result = (fields: Partial<Extract<ControlResult, { kind: 'pairwise' }>>) => pairwiseResult(fields) as Extract<ControlResult, { kind: 'pairwise' }>;

  it('is always for "required", never for "none" or "optional"', () => {
    expect(justificationNeeded(control({ justification: 'required' }), undefined)).toBe(true);
    expect(justificationNeeded(control({ justification: 'required' }), result({ choice: 'tie' }))).toBe(true);
    expect(justificationNeeded(control({ justification: 'optional' }), result({ choice: 'A', strength: 3 }))).toBe(false);
    expect(justificationNeeded(control({ justification: 'none' }), result({ choice: 'A', strength: 3 }))).toBe(false);
  });

  it('is from strongFrom on for "when-strong", for A or B only', () => {
    const strong = control({ justification: 'when-strong', strongFrom: 2 });
    expect(justificationNeeded(strong, undefined)).toBe(false);
    expect(justificationNeeded(strong, result({ choice: 'A' }))).toBe(false);
    expect(justificationNeeded(strong, result({ choice: 'A', strength: 1 }))).toBe(false);
    expect(justificationNeeded(strong, result({ choice: 'A', strength: 2 }))).toBe(true);
    expect(justificationNeeded(strong, result({ choice: 'B', strength: 3 }))).toBe(true);
    expect(justificationNeeded(strong, result({ choice: 'tie', strength: 3 }))).toBe(false);
  });
});

describe('targetResponse', () => {
  const rewrite = (response?: string) => convo({ ...REWRITE, ...(response ? { response } : {}) }).controls[0] as Extract<Control, { kind: 'rewrite' }>;
  it('is the response the question names, else the task\'s first', () => {
    expect(targetResponse(rewrite(), TASK)).toEqual({ id: 'r1', content: 'The cat sat on the mat.', model: 'm-a' });
    expect(targetResponse(rewrite('r3'), TASK)?.id).toBe('r3');
    const rubric = convo({ ...RUBRIC, response: 'r2' }).controls[0] as Extract<Control, { kind: 'rubric' }>;
    expect(targetResponse(rubric, TASK)?.id).toBe('r2');
  });

  it('is null when the task lacks it', () => {
    expect(targetResponse(rewrite('r9'), TASK)).toBeNull();
    expect(targetResponse(rewrite(), { id: 't', data: { prompt: 'p' } })).toBeNull();
  });
});

describe('checklistConstraints', () => {
  const checklist = convo(CHECKLIST).controls[0] as Extract<Control, { kind: 'checklist' }>;
  it('lists the config\'s constraints, then the task\'s', () => {
    expect(checklistConstraints(checklist, TASK)).toEqual([
      { id: 'c-len', text: 'Under 100 words' },
      { id: 't-rhyme', text: 'Rhymes' },
    ]);
    expect(checklistConstraints(checklist, { id: 't', data: { prompt: 'p' } })).toEqual([{ id: 'c-len', text: 'Under 100 words' }]);
    const empty = convo({ id: 'follows', kind: 'checklist' }).controls[0] as Extract<Control, { kind: 'checklist' }>;
    expect(checklistConstraints(empty, TASK)).toEqual([{ id: 't-rhyme', text: 'Rhymes' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// rewriteDiff.ts
// ---------------------------------------------------------------------------------------------

describe('rewriteDiff', () => {
  it('diffs word by word, keeping whitespace', () => {
    expect(rewriteDiff('The cat sat.', 'The dog sat.')).toEqual([
      { op: 'equal', text: 'The ' },
      { op: 'delete', text: 'cat' },
      { op: 'insert', text: 'dog' },
      { op: 'equal', text: ' sat.' },
    ]);
    expect(rewriteDiff('one two three', 'one two three four five')).toEqual([
      { op: 'equal', text: 'one two three' },
      { op: 'insert', text: ' four five' },
    ]);
  });

  it('is all equal for unchanged text, and empty for two empty texts', () => {
    expect(rewriteDiff('same text', 'same text')).toEqual([{ op: 'equal', text: 'same text' }]);
    expect(rewriteDiff('', '')).toEqual([]);
    expect(rewriteDiff('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
    expect(rewriteDiff('old', '')).toEqual([{ op: 'delete', text: 'old' }]);
  });

  it('keeps whitespace-only changes as changes', () => {
    const parts = rewriteDiff('a b', 'a  b');
    expect(parts.some((p) => p.op !== 'equal')).toBe(true);
    expect(diffIsOf(parts, 'a b', 'a  b')).toBe(true);
    const lines = rewriteDiff('a\nb', 'a\n\nb');
    expect(lines.some((p) => p.op === 'insert' && p.text.includes('\n'))).toBe(true);
    expect(diffIsOf(lines, 'a\nb', 'a\n\nb')).toBe(true);
  });

  it('handles unicode text whole (accents, emoji, CJK)', () => {
    expect(rewriteDiff('café au lait', 'café noir')).toEqual([
      { op: 'equal', text: 'café ' },
      { op: 'delete', text: 'au lait' },
      { op: 'insert', text: 'noir' },
    ]);
    expect(rewriteDiff('hi 👋 there', 'hi 🌍 there')).toEqual([
      { op: 'equal', text: 'hi ' },
      { op: 'delete', text: '👋' },
      { op: 'insert', text: '🌍' },
      { op: 'equal', text: ' there' },
    ]);
    for (const [a, b] of [
      ['日本語のテキスト', '日本語の文章'],
      ['Привет, мир!', 'Привет, дорогой мир!'],
      ['e\u0301 combining', 'é precomposed'],
    ] as const) {
      const parts = rewriteDiff(a, b);
      expect(diffIsOf(parts, a, b), `${a} → ${b}`).toBe(true);
      expect(parts.some((p) => p.op !== 'equal')).toBe(true);
    }
  });
});

describe('diffIsOf', () => {
  const parts = rewriteDiff('The cat sat.', 'The dog sat.');
  it('is true only for the original and corrected text the diff joins', () => {
    expect(diffIsOf(parts, 'The cat sat.', 'The dog sat.')).toBe(true);
    expect(diffIsOf(parts, 'The dog sat.', 'The cat sat.')).toBe(false);
    expect(diffIsOf(parts, 'The cat sat', 'The dog sat.')).toBe(false);
    expect(diffIsOf(parts, 'The cat sat.', 'The dog sat!')).toBe(false);
    expect(diffIsOf([], '', '')).toBe(true);
    expect(diffIsOf([], 'x', 'x')).toBe(false);
  });

  it('tells inserted from deleted text', () => {
    const flipped = parts.map((p): DiffPart => (p.op === 'insert' ? { ...p, op: 'delete' } : p.op === 'delete' ? { ...p, op: 'insert' } : p));
    expect(diffIsOf(flipped, 'The cat sat.', 'The dog sat.')).toBe(false);
    expect(diffIsOf(flipped, 'The dog sat.', 'The cat sat.')).toBe(true);
  });
});

describe('diffStats', () => {
  it('counts inserted and deleted words', () => {
    expect(diffStats(rewriteDiff('The cat sat.', 'The dog sat.'))).toEqual({ inserted: 1, deleted: 1 });
    expect(diffStats(rewriteDiff('one two three', 'one two three four five'))).toEqual({ inserted: 2, deleted: 0 });
    expect(diffStats(rewriteDiff('café au lait', 'café noir'))).toEqual({ inserted: 1, deleted: 2 });
    expect(diffStats(rewriteDiff('same', 'same'))).toEqual({ inserted: 0, deleted: 0 });
    expect(diffStats([{ op: 'insert', text: '  several\twords\nover lines ' }, { op: 'equal', text: 'kept words' }])).toEqual({ inserted: 4, deleted: 0 });
  });

  it('counts no words for whitespace-only changes', () => {
    expect(diffStats(rewriteDiff('a b', 'a  b'))).toEqual({ inserted: 0, deleted: 0 });
    expect(diffStats(rewriteDiff('a\nb', 'a\n\nb'))).toEqual({ inserted: 0, deleted: 0 });
  });

  it('counts unicode words (emoji and non-Latin scripts) as words', () => {
    expect(diffStats(rewriteDiff('hi 👋 there', 'hi 🌍 there'))).toEqual({ inserted: 1, deleted: 1 });
    expect(diffStats([{ op: 'insert', text: 'дорогой мир\u00a0друг' }])).toEqual({ inserted: 3, deleted: 0 });
  });
});
