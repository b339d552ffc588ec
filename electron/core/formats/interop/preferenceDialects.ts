/**
 * The preference-data dialects, each as its datasets are really written, and what the annotator is
 * shown of a row of each: the prompt, and the chosen and rejected responses (or, for UltraFeedback
 * as published, every rated completion). The row itself is kept as written by preference.ts; this
 * file only reads it.
 *
 * | dialect | a row |
 * |---|---|
 * | `trl` | `{prompt, chosen, rejected}` strings (TRL standard) |
 * | `trl-conversational` | the same as message lists `[{role, content}]` |
 * | `trl-implicit` / `trl-implicit-conversational` | `{chosen, rejected}` only, each the whole text or conversation; the prompt is what they share |
 * | `hh-rlhf` | Anthropic HH: `chosen`/`rejected` transcripts "\n\nHuman: …\n\nAssistant: …"; the shared part up to the last "Assistant:" is the prompt |
 * | `stack-exchange-paired` | `{qid, question, date, metadata, response_j, response_k}`; response_j is preferred |
 * | `nemo` | NeMo-Aligner DPO: `{prompt, chosen_response, rejected_response}` |
 * | `ultrafeedback` | openbmb/UltraFeedback: `{instruction, completions: [{model, response, annotations, fine-grained_score, overall_score, …}]}` |
 * | `ultrafeedback-binarized` | `{prompt, prompt_id, chosen: [msgs], rejected: [msgs], messages, score_chosen, score_rejected}` |
 * | `llamafactory` | LLaMA-Factory v1: `chosen_messages`/`rejected_messages`, whole conversations with typed content parts and `loss_weight` |
 * | `sharegpt` | ShareGPT (LLaMA-Factory, MedicalGPT): `conversations: [{from, value}]`, `system`, `tools`, `chosen`/`rejected` strings or `{from, value}` |
 * | `medicalgpt` | MedicalGPT: `{question, response_chosen, response_rejected}` (+ `system`, `history: [[q, a]]`) |
 * | `alpaca` | LLaMA-Factory alpaca: `{instruction, input, chosen, rejected}` (+ `system`, `history`) |
 *
 * The dialect is decided by the first row; every other row must be of the same one.
 */
import { LoupeError } from '../../../../shared/errors';
import type { Notes } from './notes';
import { isRecord } from './textShared';
import {
  isTranscript, responseText, sharedMessages, sharedText, transcriptPrompt, transcriptSplit, turnOf, turnsOf, type Turn, type Where,
} from './preferenceTurns';

export const DIALECTS = [
  'trl', 'trl-conversational', 'trl-implicit', 'trl-implicit-conversational', 'hh-rlhf', 'stack-exchange-paired', 'nemo',
  'ultrafeedback', 'ultrafeedback-binarized', 'llamafactory', 'sharegpt', 'medicalgpt', 'alpaca',
] as const;
export type DialectName = (typeof DIALECTS)[number];

export type Prompt = string | Turn[];

export interface PairRow {
  kind: 'pair';
  prompt: Prompt;
  chosen: string;
  rejected: string;
}

export interface Completion {
  content: string;
  model?: string;
  /** The score it is ranked by; null when it has none. */
  score: number | null;
}

export interface RatedRow {
  kind: 'rated';
  prompt: Prompt;
  completions: Completion[];
  /** The field the completions are ranked by (`fine-grained_score`, `overall_score`, `annotations`), null when none has scores. */
  rankedBy: string | null;
  /** A ranking written by Loupe's export (`loupe_ranking`: completion indexes, best first). */
  ranking: number[][] | null;
}

/** The member Loupe adds to an UltraFeedback row when the person's ranking differs from its scores. */
export const RANKING_FIELD = 'loupe_ranking';

type Kind = 'string' | 'list' | 'present';

/** The fields that make a row of each dialect, and their types: what detection looks at and what a mixing error names. */
const SIGNATURES: Record<DialectName, Record<string, Kind>> = {
  trl: { prompt: 'string', chosen: 'string', rejected: 'string' },
  'trl-conversational': { prompt: 'list', chosen: 'list', rejected: 'list' },
  'trl-implicit': { chosen: 'string', rejected: 'string' },
  'trl-implicit-conversational': { chosen: 'list', rejected: 'list' },
  'hh-rlhf': { chosen: 'string', rejected: 'string' },
  'stack-exchange-paired': { question: 'string', response_j: 'string', response_k: 'string' },
  nemo: { prompt: 'string', chosen_response: 'string', rejected_response: 'string' },
  ultrafeedback: { completions: 'list' },
  'ultrafeedback-binarized': { chosen: 'list', rejected: 'list' },
  llamafactory: { chosen_messages: 'list', rejected_messages: 'list' },
  sharegpt: { conversations: 'list', chosen: 'present', rejected: 'present' },
  medicalgpt: { question: 'string', response_chosen: 'string', response_rejected: 'string' },
  alpaca: { instruction: 'string', chosen: 'string', rejected: 'string' },
};

/** Which dialect a row is written in; null when it is none of them. */
export function dialectOf(row: Record<string, unknown>): DialectName | null {
  const has = (key: string) => row[key] !== undefined;
  if (has('chosen_messages') || has('rejected_messages')) return 'llamafactory';
  if (has('conversations')) return 'sharegpt';
  if (has('response_chosen') || has('response_rejected')) return 'medicalgpt';
  if (has('response_j') || has('response_k')) return 'stack-exchange-paired';
  if (has('chosen_response') || has('rejected_response')) return 'nemo';
  if (has('completions')) return 'ultrafeedback';
  if (!has('chosen') && !has('rejected')) return null;
  if (Array.isArray(row.chosen)) {
    if (typeof row.prompt === 'string' || has('score_chosen') || has('score_rejected')) return 'ultrafeedback-binarized';
    return has('prompt') ? 'trl-conversational' : 'trl-implicit-conversational';
  }
  if (has('prompt')) return 'trl';
  if (has('instruction')) return 'alpaca';
  return isTranscript(row.chosen) ? 'hh-rlhf' : 'trl-implicit';
}

const kindOf = (value: unknown): Kind | null => (typeof value === 'string' ? 'string' : Array.isArray(value) ? 'list' : value === undefined ? null : 'present');

/** The field that tells a row of another dialect from the file's: the first of the file's own it lacks or types otherwise. */
export function mixingField(row: Record<string, unknown>, fileDialect: DialectName): string {
  const signature = SIGNATURES[fileDialect];
  const differs = Object.entries(signature).find(([key, kind]) => {
    const found = kindOf(row[key]);
    return found === null || (kind !== 'present' && found !== kind);
  });
  return differs?.[0] ?? Object.keys(signature)[0]!;
}

export const describeDialect = (dialect: DialectName): string => `${dialect} (${Object.keys(SIGNATURES[dialect]).join(', ')})`;

// Reading one row -------------------------------------------------------------------------------

interface Reading {
  row: Record<string, unknown>;
  where: { file: string; line: number };
  notes: Notes;
}

const fieldAt = (r: Reading, field: string): Where => ({ ...r.where, field });

function text(r: Reading, key: string): string {
  const value = r.row[key];
  if (typeof value !== 'string') throw new LoupeError('invalid-input', `needs a "${key}" string (got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60)})`, fieldAt(r, key));
  return value;
}

function list(r: Reading, key: string): unknown[] {
  const value = r.row[key];
  if (!Array.isArray(value)) throw new LoupeError('invalid-input', `needs "${key}" as a list of messages`, fieldAt(r, key));
  return value;
}

/** Turns, or '' when there are none (a prompt the two responses do not share). */
const promptOf = (turns: Turn[], fallback: string = ''): Prompt => (turns.length > 0 ? turns : fallback);

/** A response given as a string or as one message (`{from: gpt, value}`, `{role, content}`). */
function responseOf(r: Reading, key: string): string {
  const value = r.row[key];
  if (typeof value === 'string') return value;
  if (isRecord(value)) return turnOf(value, fieldAt(r, key), r.notes).content;
  if (Array.isArray(value)) return responseText(turnsOf(value, fieldAt(r, key), r.notes));
  throw new LoupeError('invalid-input', `needs "${key}" as a string or a message`, fieldAt(r, key));
}

/** Two whole conversations: what they share is the prompt, the rest of each its response. */
function sharedConversation(r: Reading, chosenKey: string, rejectedKey: string, fallbackPrompt = ''): PairRow {
  const chosen = list(r, chosenKey);
  const rejected = list(r, rejectedKey);
  const n = sharedMessages(chosen, rejected);
  const turns = turnsOf(chosen, fieldAt(r, chosenKey), r.notes);
  const rejectedTurns = turnsOf(rejected, fieldAt(r, rejectedKey), r.notes);
  return { kind: 'pair', prompt: promptOf(turns.slice(0, n), fallbackPrompt), chosen: responseText(turns.slice(n)), rejected: responseText(rejectedTurns.slice(n)) };
}

/** `system` and `history: [[query, answer], …]` before the question, as MedicalGPT and LLaMA-Factory's alpaca write them. */
function withHistory(r: Reading, question: string): Prompt {
  const system = r.row.system;
  const history = r.row.history;
  if ((system === undefined || system === '') && (history === undefined || (Array.isArray(history) && history.length === 0))) return question;
  const turns: Turn[] = [];
  if (typeof system === 'string' && system !== '') turns.push({ role: 'system', content: system });
  if (history !== undefined) {
    if (!Array.isArray(history)) throw new LoupeError('invalid-input', '"history" must be a list of [query, answer] pairs', fieldAt(r, 'history'));
    history.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new LoupeError('invalid-input', 'a history entry must be a [query, answer] pair of strings', fieldAt(r, `history.${i}`));
      }
      turns.push({ role: 'user', content: pair[0] }, { role: 'assistant', content: pair[1] });
    });
  }
  turns.push({ role: 'user', content: question });
  return turns;
}

function sharegptPrompt(r: Reading): Prompt {
  const turns: Turn[] = [];
  if (typeof r.row.system === 'string' && r.row.system !== '') turns.push({ role: 'system', content: r.row.system });
  // The tools a tool-calling response is judged against; shown first, as the model saw them.
  const tools = r.row.tools;
  if (tools !== undefined && tools !== '' && tools !== null) turns.push({ role: 'system', content: `[tools]\n${typeof tools === 'string' ? tools : JSON.stringify(tools, null, 2)}` });
  turns.push(...turnsOf(r.row.conversations, fieldAt(r, 'conversations'), r.notes));
  return promptOf(turns);
}

/** The score a completion is ranked by, for each way UltraFeedback rates them, in order of preference. */
const RATINGS: ReadonlyArray<[string, (c: Record<string, unknown>) => number | null]> = [
  ['fine-grained_score', (c) => (typeof c['fine-grained_score'] === 'number' ? c['fine-grained_score'] : null)],
  ['overall_score', (c) => (typeof c.overall_score === 'number' ? c.overall_score : null)],
  ['annotations', (c) => {
    // {aspect: {Rating: "4", Rationale}} → the mean of the numeric ratings.
    if (!isRecord(c.annotations)) return null;
    const ratings = Object.values(c.annotations).map((a) => (isRecord(a) ? Number(a.Rating) : NaN)).filter((n) => Number.isFinite(n));
    return ratings.length > 0 ? ratings.reduce((s, n) => s + n, 0) / ratings.length : null;
  }],
];

function ratedRow(r: Reading): RatedRow {
  const promptKey = r.row.instruction !== undefined ? 'instruction' : 'prompt';
  const prompt = text(r, promptKey);
  const completions = r.row.completions;
  if (!Array.isArray(completions)) throw new LoupeError('invalid-input', 'needs "completions" as a list', fieldAt(r, 'completions'));
  const records = completions.map((c, i) => {
    if (!isRecord(c) || typeof c.response !== 'string') throw new LoupeError('invalid-input', 'a completion needs a "response" string', fieldAt(r, `completions.${i}.response`));
    return c;
  });
  const rating = RATINGS.find(([, score]) => records.length > 0 && records.every((c) => score(c) !== null));
  const ranking = r.row[RANKING_FIELD] === undefined ? null : rankingOf(r, records.length);
  return {
    kind: 'rated',
    prompt,
    completions: records.map((c) => ({ content: c.response as string, ...(typeof c.model === 'string' ? { model: c.model } : {}), score: rating ? rating[1](c) : null })),
    rankedBy: rating?.[0] ?? null,
    ranking,
  };
}

function rankingOf(r: Reading, count: number): number[][] {
  const value = r.row[RANKING_FIELD];
  const seen = new Set<number>();
  const ok = Array.isArray(value) && value.every((tier) => Array.isArray(tier) && tier.length > 0 && tier.every((i) => {
    const fine = Number.isInteger(i) && i >= 0 && i < count && !seen.has(i);
    seen.add(i);
    return fine;
  }));
  if (!ok) throw new LoupeError('invalid-input', `"${RANKING_FIELD}" must list completion indexes (0 to ${count - 1}) best first, in tiers: [[2], [0, 3], [1]]`, fieldAt(r, RANKING_FIELD));
  return value as number[][];
}

/** What the annotator is shown of one row of a dialect (the prompt and the responses). */
export function readRow(dialect: DialectName, reading: Reading): PairRow | RatedRow {
  const r = reading;
  switch (dialect) {
    case 'trl':
      return { kind: 'pair', prompt: text(r, 'prompt'), chosen: text(r, 'chosen'), rejected: text(r, 'rejected') };
    case 'trl-conversational':
      return {
        kind: 'pair',
        prompt: promptOf(turnsOf(list(r, 'prompt'), fieldAt(r, 'prompt'), r.notes)),
        chosen: responseText(turnsOf(list(r, 'chosen'), fieldAt(r, 'chosen'), r.notes)),
        rejected: responseText(turnsOf(list(r, 'rejected'), fieldAt(r, 'rejected'), r.notes)),
      };
    case 'trl-implicit': {
      const chosen = text(r, 'chosen');
      const rejected = text(r, 'rejected');
      const prompt = sharedText(chosen, rejected);
      return { kind: 'pair', prompt, chosen: chosen.slice(prompt.length), rejected: rejected.slice(prompt.length) };
    }
    case 'trl-implicit-conversational':
    case 'llamafactory':
    case 'ultrafeedback-binarized': {
      const [chosen, rejected] = dialect === 'llamafactory' ? ['chosen_messages', 'rejected_messages'] : ['chosen', 'rejected'];
      return sharedConversation(r, chosen, rejected, typeof r.row.prompt === 'string' ? r.row.prompt : '');
    }
    case 'hh-rlhf': {
      const chosen = text(r, 'chosen');
      const rejected = text(r, 'rejected');
      if (!isTranscript(chosen)) throw new LoupeError('invalid-input', 'an HH-RLHF row\'s "chosen" must be a "\\n\\nHuman: … \\n\\nAssistant: …" transcript', fieldAt(r, 'chosen'));
      const split = transcriptSplit(chosen, rejected);
      const prefix = chosen.slice(0, split);
      const turns = transcriptPrompt(prefix);
      const reply = (s: string) => s.slice(split).replace(/^ /, '');
      return { kind: 'pair', prompt: promptOf(turns, prefix), chosen: reply(chosen), rejected: reply(rejected) };
    }
    case 'stack-exchange-paired':
      return { kind: 'pair', prompt: text(r, 'question'), chosen: text(r, 'response_j'), rejected: text(r, 'response_k') };
    case 'nemo':
      return { kind: 'pair', prompt: text(r, 'prompt'), chosen: text(r, 'chosen_response'), rejected: text(r, 'rejected_response') };
    case 'medicalgpt':
      return { kind: 'pair', prompt: withHistory(r, text(r, 'question')), chosen: text(r, 'response_chosen'), rejected: text(r, 'response_rejected') };
    case 'alpaca': {
      const input = typeof r.row.input === 'string' && r.row.input !== '' ? `\n${r.row.input}` : '';
      return { kind: 'pair', prompt: withHistory(r, `${text(r, 'instruction')}${input}`), chosen: text(r, 'chosen'), rejected: text(r, 'rejected') };
    }
    case 'sharegpt':
      return { kind: 'pair', prompt: sharegptPrompt(r), chosen: responseOf(r, 'chosen'), rejected: responseOf(r, 'rejected') };
    case 'ultrafeedback':
      return ratedRow(r);
  }
}

/**
 * The members that trade places when the person prefers the other response: every `…chosen…`
 * member with its `…rejected…` twin (`chosen`/`rejected`, `score_chosen`/`score_rejected`,
 * `chosen_model`/`rejected_model` …), and stack-exchange's `…_j`/`…_k`.
 */
export function swappedMembers(dialect: DialectName, keys: readonly string[]): [string, string][] {
  const present = new Set(keys);
  const pairs: [string, string][] = [];
  for (const key of keys) {
    const twin = dialect === 'stack-exchange-paired' && key.endsWith('_j') ? `${key.slice(0, -2)}_k` : key.includes('chosen') ? key.replace('chosen', 'rejected') : null;
    if (twin !== null && twin !== key && present.has(twin)) pairs.push([key, twin]);
  }
  return pairs;
}
