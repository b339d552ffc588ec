/**
 * The words of a task, for the task navigator: a one-line preview a person can recognise a task
 * by, and the fields a search looks in. Both read only what the annotator sees (the text, the
 * prompt, the responses, the constraints, the image's file name) plus the task's id, never the
 * task's JSON: a search for "text" must not match every task because a key is called `text`.
 */
import type { Task } from './pack/task';

/** Characters of a preview: about one line of the navigator's list at 1024 px. */
export const PREVIEW_LENGTH = 120;

function promptText(prompt: NonNullable<Task['data']['prompt']>): string {
  if (typeof prompt === 'string') return prompt;
  // The first thing the person asked is what they recognise a conversation by, not the system prompt.
  return (prompt.find((turn) => turn.role === 'user') ?? prompt[0]!).content;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A cut of `text` to `length` code points on one line, whitespace runs collapsed, with an ellipsis when cut. */
export function oneLine(text: string, length = PREVIEW_LENGTH): string {
  // Collapsing a 5 MB text would be wasted work: a few times the preview is all that can show.
  const head = text.length > length * 8 ? text.slice(0, length * 8) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  const points = [...flat];
  return points.length > length || head.length < text.length ? `${points.slice(0, length).join('').trimEnd()}…` : flat;
}

/** What the navigator shows of a task: its text, else its prompt, else its image's name, else a response. */
export function taskPreview(task: Task): string {
  const { text, prompt, image, responses } = task.data;
  if (text) return oneLine(text);
  if (prompt) return oneLine(promptText(prompt));
  if (image) return fileName(image);
  if (responses?.[0]) return oneLine(responses[0].content);
  return task.id;
}

/** Characters of context kept before a match in a search preview, so the match shows in a narrow row. */
const BEFORE_MATCH = 30;

/**
 * What the navigator shows of a task found by a search: the field that matched, from a little
 * before the match, so the person sees why it matched even in a narrow row; from its start when
 * the match is near it; the plain preview when only the id matched.
 */
export function matchPreview(task: Task, needle: string): string {
  if (!needle) return taskPreview(task);
  for (const field of searchableFields(task).slice(1)) {
    const at = searchKey(field).indexOf(needle);
    if (at < 0) continue;
    if (at <= BEFORE_MATCH) return oneLine(field);
    // Lower-casing keeps the length of all but a few characters (İ): the index is close enough to
    // cut at. The cut moves on to the next word, and never splits a surrogate pair.
    let start = at - BEFORE_MATCH;
    const space = field.slice(start, at).search(/\s/);
    if (space >= 0) start += space + 1;
    else if (/[\uDC00-\uDFFF]/.test(field[start] ?? '')) start -= 1;
    return `…${oneLine(field.slice(start))}`;
  }
  return taskPreview(task);
}

/** Every field a search looks in, in reading order. */
export function searchableFields(task: Task): string[] {
  const { text, prompt, image, responses, constraints } = task.data;
  const fields = [task.id];
  if (text) fields.push(text);
  if (typeof prompt === 'string') fields.push(prompt);
  else if (prompt) fields.push(...prompt.map((turn) => turn.content));
  if (image) fields.push(fileName(image));
  for (const response of responses ?? []) fields.push(response.content);
  for (const constraint of constraints ?? []) fields.push(constraint.text);
  return fields;
}

/** The form of a query (and of the text it is compared with) for a case-insensitive search. */
export function searchKey(text: string): string {
  return text.toLowerCase();
}

/** Whether any field of the task holds `needle` (already passed through searchKey). */
export function taskMatches(task: Task, needle: string): boolean {
  return searchableFields(task).some((field) => searchKey(field).includes(needle));
}
