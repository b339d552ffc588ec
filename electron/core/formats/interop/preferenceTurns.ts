/**
 * Conversations in the preference datasets, shown as Loupe's turns (`{role: system|user|assistant,
 * content}`): the message shapes they use (`{role, content}` as TRL and OpenAI write them, with
 * content a string or typed parts `[{type: text, text|value}]`; ShareGPT's `{from, value}`), the
 * Anthropic HH transcripts ("\n\nHuman: …\n\nAssistant: …"), and where two conversations that
 * share a prompt part (the prompt is what they share; the responses are what differs).
 *
 * Only what the annotator sees is built here; the row itself is kept as written (preference.ts),
 * so a role Loupe has no turn for (ShareGPT's function_call / observation, a `tool` message) is
 * shown as the nearest turn with its role in brackets, and nothing is lost by it.
 */
import { LoupeError, type ErrorWhere } from '../../../../shared/errors';
import type { Notes } from './notes';
import { isRecord } from './textShared';

export interface Turn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const ROLES: Record<string, Turn['role']> = {
  system: 'system', user: 'user', human: 'user', assistant: 'assistant', gpt: 'assistant', bot: 'assistant', model: 'assistant',
};
/** Roles that are the assistant acting (a tool call); any other unknown role is input to it (a tool's result). */
const ASSISTANT_ACTIONS = new Set(['function_call', 'tool_call', 'tool_calls']);

export type Where = ErrorWhere & { field: string };

const at = (where: Where, field: string | number): Where => ({ ...where, field: `${where.field}.${field}` });

/** A message's content as text: a string, or typed parts (text parts joined; others as a placeholder). */
function contentText(content: unknown, where: Where, notes: Notes): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part, i) => {
        if (typeof part === 'string') return part;
        if (!isRecord(part)) throw new LoupeError('invalid-input', 'a content part must be a string or an object with a type', at(where, i));
        const text = part.text ?? part.value ?? part.content;
        if ((part.type === undefined || part.type === 'text') && typeof text === 'string') return text;
        notes.add(`content parts that are not text (${String(part.type)}) are shown as a placeholder (kept as written in the file)`, where.line !== undefined ? `line ${where.line}` : undefined);
        return `[${String(part.type ?? 'part')}]`;
      })
      .join('');
  }
  if (content === null || content === undefined) return '';
  throw new LoupeError('invalid-input', `a message's content must be text or a list of content parts (got ${JSON.stringify(content).slice(0, 80)})`, where);
}

/** One message (`{role, content}` or `{from, value}`) as a turn. */
export function turnOf(message: unknown, where: Where, notes: Notes): Turn {
  if (typeof message === 'string') return { role: 'assistant', content: message };
  if (!isRecord(message)) throw new LoupeError('invalid-input', 'a message must be an object with role and content (or from and value)', where);
  const rawRole = message.role ?? message.from;
  if (typeof rawRole !== 'string') throw new LoupeError('invalid-input', 'a message needs a "role" (or "from") string', at(where, message.from !== undefined ? 'from' : 'role'));
  const key = 'content' in message || !('value' in message) ? 'content' : 'value';
  let content = contentText(message[key], at(where, key), notes);
  // OpenAI-style tool calls carry no content of their own; show the calls.
  if (content === '' && message.tool_calls !== undefined) content = JSON.stringify(message.tool_calls);
  const role = ROLES[rawRole.toLowerCase()];
  if (role) return { role, content };
  notes.add(`turns with a role Loupe has no turn for (${rawRole}) are shown with the role in brackets (kept as written in the file)`, where.line !== undefined ? `line ${where.line}` : undefined);
  return { role: ASSISTANT_ACTIONS.has(rawRole) ? 'assistant' : 'user', content: `[${rawRole}]\n${content}` };
}

export function turnsOf(messages: unknown, where: Where, notes: Notes): Turn[] {
  if (!Array.isArray(messages)) throw new LoupeError('invalid-input', 'must be a list of messages', where);
  return messages.map((m, i) => turnOf(m, at(where, i), notes));
}

/** Several turns of a response shown as one text; a single assistant turn is just its content. */
export function responseText(turns: readonly Turn[]): string {
  if (turns.length === 1 && turns[0]!.role === 'assistant') return turns[0]!.content;
  return turns.map((t) => (t.role === 'assistant' ? t.content : `[${t.role}]\n${t.content}`)).join('\n\n');
}

/** How many leading messages two conversations share (compared as written), as TRL's extract_prompt does. */
export function sharedMessages(a: readonly unknown[], b: readonly unknown[]): number {
  let n = 0;
  while (n < a.length && n < b.length && JSON.stringify(a[n]) === JSON.stringify(b[n])) n += 1;
  return n;
}

/** TRL's extract_prompt for two strings: their common prefix, less a space it ends in. */
export function sharedText(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (i < a.length && i < b.length && i > 0 && a[i - 1] === ' ') i -= 1;
  return a.slice(0, i);
}

// Anthropic HH transcripts ----------------------------------------------------------------------

const HH_MARK = /(?:^|\n\n)(Human|Assistant):/g;
const HH_ASSISTANT = '\n\nAssistant:';

export const isTranscript = (text: unknown): text is string => typeof text === 'string' && /(?:^|\n\n)Human:/.test(text) && text.includes(HH_ASSISTANT);

/** A transcript's turns ("Human:" → user, "Assistant:" → assistant); text before the first mark is kept as a system turn. */
export function transcriptTurns(text: string): Turn[] {
  const turns: Turn[] = [];
  const marks = [...text.matchAll(HH_MARK)];
  const head = text.slice(0, marks[0]?.index ?? text.length);
  if (head.trim() !== '') turns.push({ role: 'system', content: head.trim() });
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const content = text.slice(start, marks[i + 1]?.index ?? text.length).replace(/^ /, '');
    turns.push({ role: m[1] === 'Human' ? 'user' : 'assistant', content });
  });
  return turns;
}

/**
 * Where two HH transcripts stop sharing a prompt: just past the last "\n\nAssistant:" both have in
 * common (TRL's extract_anthropic_prompt), so each response is the assistant's last reply.
 */
export function transcriptSplit(chosen: string, rejected: string): number {
  const lastAssistant = sharedText(chosen, rejected).lastIndexOf(HH_ASSISTANT);
  return lastAssistant < 0 ? 0 : lastAssistant + HH_ASSISTANT.length;
}

/** The prompt of an HH pair as turns (the empty assistant turn it ends in left out). */
export function transcriptPrompt(prefix: string): Turn[] {
  const turns = transcriptTurns(prefix);
  const last = turns[turns.length - 1];
  if (last && last.role === 'assistant' && last.content.trim() === '') turns.pop();
  return turns;
}
