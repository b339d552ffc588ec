/**
 * Preference data for reward models and DPO (format `preference`): the JSON Lines (or JSON array)
 * files TRL, Anthropic HH-RLHF, stack-exchange-paired, NeMo-Aligner, UltraFeedback, LLaMA-Factory
 * and MedicalGPT train from (dialects: preferenceDialects.ts). One file, one dialect.
 *
 * Reading: each row becomes a task showing its prompt (`data.prompt`, text or turns) and its two
 * responses (`data.responses`), and the row's own choice becomes an annotation of a pairwise
 * question (`preference`), usable as gold or as a pre-annotation. Which response is shown as A is
 * decided per task by a hash of the prompt and the two responses (not of which one was chosen),
 * so a re-import shows the same order and the export is byte-identical; it is recorded in
 * `meta.preference.chosenIs` ('A' | 'B'), so position bias can be measured and undone. A row of
 * UltraFeedback as published (several rated completions) becomes a ranking task (`ranking`,
 * ties allowed) over its completions in a hashed order (`meta.preference.order`: the completion
 * shown at each position), its annotation the ranking its scores give (`meta.preference.rankedBy`).
 *
 * The row itself is kept as written (`meta.preference.source`, its exact text; `fields`, its keys
 * in order; `dialect`), so ids, scores, metadata, tools, loss weights and typed content parts all
 * survive, and so does the file's layout (`layout`: line endings, or an array's indentation).
 *
 * Writing (`preference`): the same dialect back. A row whose final choice is the one it came with
 * is written exactly as it was read; one the person flipped has its chosen and rejected values
 * (and their twins: scores, models, `messages`) exchanged in place, every other byte kept. A tie
 * and an unanswered task are left out, counted in a warning (no dialect has a row for either). An
 * UltraFeedback ranking that differs from the scores is written as `loupe_ranking` (completion
 * indexes, best first, in tiers), which this reader reads back. A task that did not come from a
 * preference file is written as TRL (`prompt`, `chosen`, `rejected`).
 */
import { createHash } from 'node:crypto';
import { LoupeError, parseOrThrow } from '../../../../shared/errors';
import { labelConfigSchema, type LabelConfig } from '../../../../shared/pack/labelConfig';
import { taskSchema, type ControlResult, type Task } from '../../../../shared/pack/task';
import { writeFileAtomically } from '../lineWriter';
import { readRecords, spacedLikePython, valueTexts, withMember, withValues, DEFAULT_LAYOUT, type RecordLayout } from './jsonText';
import { Notes } from './notes';
import {
  dialectOf, describeDialect, mixingField, readRow, swappedMembers, RANKING_FIELD, type Completion, type DialectName, type Prompt,
} from './preferenceDialects';
import { fileLabel, isRecord, resultOf } from './textShared';
import type { ExportInput, ExportOutcome, FinalRow, SourceSet, SourceTask } from './types';

export const PREFERENCE_CONTROL = 'preference';
export const RANKING_CONTROL = 'ranking';

/** What `meta.preference` holds: the row as written, and how it is shown. */
export interface PreferenceMeta {
  dialect: DialectName;
  /** The row's keys, in the file's order. */
  fields: string[];
  /** The row's exact text, written back when its choice is unchanged. */
  source: string;
  /** Pairs: which position (A first) shows the response the row chose. */
  chosenIs?: 'A' | 'B';
  /** Rated rows: the completion index shown at each position. */
  order?: number[];
  /** Rated rows: the ranking the row came with (completion indexes, best first, in tiers). */
  ranking?: number[][] | null;
  rankedBy?: string | null;
  /** How the file held its rows, when not JSON lines ending in "\n". */
  layout?: RecordLayout;
}

// Reading ---------------------------------------------------------------------------------------

/** A stream of numbers from a hash of `seed`, so an order is random-looking yet the same on every import. */
function* hashStream(seed: string): Generator<number> {
  for (let block = 0; ; block += 1) {
    const digest = createHash('sha256').update(`${block}\u0000${seed}`).digest();
    for (let i = 0; i + 4 <= digest.length; i += 4) yield digest.readUInt32BE(i);
  }
}

/** Seeded by what is shown (the prompt and the responses, in sorted order), never by which one was chosen. */
const seedOf = (prompt: Prompt, contents: readonly string[]) => JSON.stringify([prompt, [...contents].sort()]);

export function shuffled(count: number, seed: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const numbers = hashStream(seed);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = numbers.next().value! % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Where the chosen response is shown. The hash picks which of the two texts (in sorted order) is
 * A, so the same pair is shown the same way whichever of them a file (or a person) prefers.
 */
export function chosenPosition(prompt: Prompt, chosen: string, rejected: string): 'A' | 'B' {
  const flip = (hashStream(seedOf(prompt, [chosen, rejected])).next().value! & 1) === 1;
  if (chosen === rejected) return flip ? 'B' : 'A';
  const first = [chosen, rejected].sort()[flip ? 1 : 0];
  return first === chosen ? 'A' : 'B';
}

/** The ranking scores give: higher first, equal scores in one tier. */
function scoreRanking(completions: readonly Completion[]): number[][] | null {
  if (completions.some((c) => c.score === null)) return null;
  const tiers = new Map<number, number[]>();
  completions.forEach((c, i) => tiers.set(c.score!, [...(tiers.get(c.score!) ?? []), i]));
  return [...tiers.entries()].sort(([a], [b]) => b - a).map(([, indexes]) => indexes);
}

const configFor = (rated: boolean): LabelConfig =>
  labelConfigSchema.parse({
    version: 1,
    data: 'conversation',
    controls: [rated
      ? { id: RANKING_CONTROL, kind: 'ranking', title: 'Rank the responses, best first', allowTies: true }
      : { id: PREFERENCE_CONTROL, kind: 'pairwise', title: 'Which response is better?', allowTie: true }],
  });

/** Read a preference file (JSON Lines, or a JSON array) of one dialect. */
export async function readPreference(path: string): Promise<SourceSet> {
  const file = fileLabel(path);
  const { records, layout } = await readRecords(path);
  if (records.length === 0) throw new LoupeError('invalid-input', 'has no preference rows', { file });
  const first = records[0]!;
  const dialect = dialectOf(first.value);
  const unknown = (line: number) =>
    new LoupeError('invalid-input', 'is not a preference row: expected chosen/rejected (TRL, HH-RLHF, UltraFeedback), chosen_messages/rejected_messages (LLaMA-Factory), conversations (ShareGPT), response_chosen/response_rejected (MedicalGPT), response_j/response_k (stack-exchange-paired), chosen_response/rejected_response (NeMo) or completions (UltraFeedback)', { file, line, field: 'chosen' });
  if (dialect === null) throw unknown(first.line);
  const notes = new Notes();
  const rated = dialect === 'ultrafeedback';
  const kept = layout.kind === 'lines' && layout.eol === '\n' ? {} : { layout };
  const tasks: SourceTask[] = [];

  for (const [index, record] of records.entries()) {
    const where = { file, line: record.line };
    const own = dialectOf(record.value);
    if (own === null) throw unknown(record.line);
    if (own !== dialect) {
      throw new LoupeError('invalid-input', `mixes dialects: this row is ${describeDialect(own)}, the file's first row (line ${first.line}) is ${describeDialect(dialect)}`, { ...where, field: mixingField(record.value, dialect) });
    }
    const shown = readRow(dialect, { row: record.value, where, notes });
    const base = { dialect, fields: Object.keys(record.value), source: record.text, ...kept };
    const id = `row-${index + 1}`;
    let task: unknown;
    let answer: ControlResult[] = [];
    if (shown.kind === 'pair') {
      const chosenIs = chosenPosition(shown.prompt, shown.chosen, shown.rejected);
      const [a, b] = chosenIs === 'A' ? [shown.chosen, shown.rejected] : [shown.rejected, shown.chosen];
      task = { id, data: { prompt: shown.prompt, responses: [{ id: 'a', content: a }, { id: 'b', content: b }] }, meta: { preference: { ...base, chosenIs } satisfies PreferenceMeta } };
      answer = [{ kind: 'pairwise', controlId: PREFERENCE_CONTROL, choice: chosenIs, justification: '' }];
    } else {
      if (shown.completions.length < 2) {
        notes.add('rows with fewer than two completions are left out (nothing to rank)', `line ${record.line}`);
        continue;
      }
      const order = shuffled(shown.completions.length, seedOf(shown.prompt, shown.completions.map((c) => c.content)));
      const ranking = shown.ranking ?? scoreRanking(shown.completions);
      const responses = order.map((ci, position) => ({ id: `r${position + 1}`, content: shown.completions[ci]!.content, ...(shown.completions[ci]!.model ? { model: shown.completions[ci]!.model } : {}) }));
      task = { id, data: { prompt: shown.prompt, responses }, meta: { preference: { ...base, order, ranking, rankedBy: shown.ranking ? RANKING_FIELD : shown.rankedBy } satisfies PreferenceMeta } };
      if (ranking) answer = [{ kind: 'ranking', controlId: RANKING_CONTROL, order: ranking.map((tier) => tier.map((ci) => `r${order.indexOf(ci) + 1}`)) }];
      else notes.add('rows whose completions are not all scored have no ranking (imported unanswered)', `line ${record.line}`);
    }
    tasks.push({
      task: parseOrThrow(taskSchema, task, where),
      annotations: answer.length > 0 ? [{ annotator: null, kind: 'annotation', answer }] : [],
    });
  }
  if (tasks.length === 0) throw new LoupeError('invalid-input', 'has no row Loupe can show (every row has fewer than two completions)', { file });
  return { format: 'preference', labelConfig: configFor(rated), tasks, images: new Map(), warnings: notes.list() };
}

// Writing ---------------------------------------------------------------------------------------

export function preferenceMetaOf(task: Task): PreferenceMeta | null {
  const meta = task.meta?.preference;
  if (!isRecord(meta) || typeof meta.source !== 'string' || typeof meta.dialect !== 'string' || !Array.isArray(meta.fields)) return null;
  return meta as unknown as PreferenceMeta;
}

/** The row with its chosen and rejected sides exchanged in place (and `messages`, which repeats the chosen conversation). */
export function flipped(meta: PreferenceMeta): string {
  const texts = valueTexts(meta.source);
  const values = new Map<string, string>();
  for (const [a, b] of swappedMembers(meta.dialect, meta.fields)) {
    values.set(a, texts.get(b)!);
    values.set(b, texts.get(a)!);
  }
  const messages = texts.get('messages');
  const chosen = texts.get('chosen');
  const rejected = texts.get('rejected');
  if (messages !== undefined && chosen !== undefined && rejected !== undefined && JSON.stringify(JSON.parse(messages)) === JSON.stringify(JSON.parse(chosen))) {
    values.set('messages', rejected);
  }
  return withValues(meta.source, values);
}

const canonical = (tiers: readonly (readonly number[])[]) => JSON.stringify(tiers.map((t) => [...t].sort((a, b) => a - b)));

function rankingText(tiers: readonly (readonly number[])[], spaced: boolean): string {
  const comma = spaced ? ', ' : ',';
  return `[${tiers.map((t) => `[${t.join(comma)}]`).join(comma)}]`;
}

interface WriteState {
  notes: Notes;
  dialect: DialectName | null;
  pairwise: string | null;
  ranking: string | null;
}

/** A task Loupe made itself (no row of a file behind it), written as TRL would read it. */
function trlRow(row: FinalRow, state: WriteState): { dialect: DialectName; text: string } | null {
  const [first, second] = row.task.data.responses ?? [];
  const result = state.pairwise ? resultOf(row.answer, state.pairwise, 'pairwise') : null;
  if (!first || !second || !result?.choice || result.choice === 'tie') return null;
  const [chosen, rejected] = result.choice === 'A' ? [first, second] : [second, first];
  const prompt = row.task.data.prompt ?? '';
  const completion = (content: string) => (typeof prompt === 'string' ? content : [{ role: 'assistant', content }]);
  return {
    dialect: typeof prompt === 'string' ? 'trl' : 'trl-conversational',
    text: JSON.stringify({ prompt, chosen: completion(chosen.content), rejected: completion(rejected.content) }),
  };
}

function pairText(row: FinalRow, meta: PreferenceMeta, state: WriteState): string | null {
  const result = state.pairwise ? resultOf(row.answer, state.pairwise, 'pairwise') : null;
  if (!result?.choice) {
    state.notes.add('tasks without a final preference are left out (the file has no row for an unanswered pair)', `task ${row.task.id}`);
    return null;
  }
  if (result.choice === 'tie') {
    state.notes.add(`ties are left out: ${meta.dialect} has no way to say two responses are equally good`, `task ${row.task.id}`);
    return null;
  }
  if (result.justification.trim() !== '' || result.strength !== undefined || (result.dimensions && Object.keys(result.dimensions).length > 0)) {
    state.notes.add(`justifications, strengths and per-dimension picks are not written: ${meta.dialect} has no field for them (the preference-pairs export keeps them)`, `task ${row.task.id}`);
  }
  return result.choice === meta.chosenIs ? meta.source : flipped(meta);
}

function rankedText(row: FinalRow, meta: PreferenceMeta, state: WriteState): string | null {
  const result = state.ranking ? resultOf(row.answer, state.ranking, 'ranking') : null;
  if (!result || result.order.length === 0) {
    state.notes.add('tasks without a final ranking are left out (the file has no row for an unranked prompt)', `task ${row.task.id}`);
    return null;
  }
  const order = meta.order ?? [];
  const tiers = result.order.map((tier) => tier.map((id) => order[Number(id.slice(1)) - 1]).filter((ci): ci is number => ci !== undefined));
  if (meta.ranking && canonical(tiers) === canonical(meta.ranking)) return meta.source;
  state.notes.add(`rankings that differ from the row's scores are written as "${RANKING_FIELD}" (completion indexes, best first)`, `task ${row.task.id}`);
  return withMember(meta.source, RANKING_FIELD, rankingText(tiers, spacedLikePython(meta.source)));
}

function render(row: FinalRow, state: WriteState): { text: string; layout: RecordLayout } | null {
  const meta = preferenceMetaOf(row.task);
  let dialect: DialectName;
  let text: string | null;
  if (meta) {
    dialect = meta.dialect;
    text = meta.order ? rankedText(row, meta, state) : pairText(row, meta, state);
  } else {
    const trl = trlRow(row, state);
    if (!trl) {
      state.notes.add('tasks that did not come from a preference file and have no A/B preference are left out', `task ${row.task.id}`);
      return null;
    }
    ({ dialect, text } = trl);
  }
  if (text === null) return null;
  state.dialect ??= dialect;
  if (dialect !== state.dialect) {
    state.notes.add(`tasks of another dialect than the file's (${state.dialect}) are left out`, `task ${row.task.id} (${dialect})`);
    return null;
  }
  return { text, layout: meta?.layout ?? DEFAULT_LAYOUT };
}

/** Write the project's final choices as preference data in each row's own dialect (see the module comment). */
export async function writePreference(input: ExportInput, outPath: string): Promise<ExportOutcome> {
  const pairwise = input.labelConfig.controls.find((c) => c.kind === 'pairwise')?.id ?? null;
  const ranking = input.labelConfig.controls.find((c) => c.kind === 'ranking')?.id ?? null;
  if (pairwise === null && ranking === null) {
    const have = input.labelConfig.controls.map((c) => `${c.kind} "${c.id}"`).join(', ');
    throw new LoupeError('invalid-input', `the preference export needs a pairwise or ranking question, and the label config has none (it has ${have})`);
  }
  const state: WriteState = { notes: new Notes(), dialect: null, pairwise, ranking };
  const written = await writeFileAtomically(outPath, async (write) => {
    let layout: RecordLayout | null = null;
    let count = 0;
    let seen = 0;
    for await (const batch of input.rows()) {
      let chunk = '';
      for (const row of batch) {
        const out = render(row, state);
        if (!out) continue;
        layout ??= out.layout;
        if (layout.kind === 'lines') chunk += `${out.text}${layout.eol}`;
        else chunk += `${count === 0 ? layout.open : layout.separator}${out.text}`;
        count += 1;
      }
      seen += batch.length;
      await write(chunk);
      input.onProgress?.(seen, input.total);
    }
    if (count === 0) {
      const why = state.notes.list();
      throw new LoupeError('invalid-input', `the preference export has no row to write${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
    }
    if (layout?.kind === 'array') await write(layout.close);
    return count;
  });
  return { rows: written, files: [outPath], warnings: state.notes.list() };
}
