/**
 * YOLO class names, as each layout gives them, and written back in the same file and style:
 *
 *   data.yaml    `names: [a, b]`, `names:\n  - a`, or `names:\n  0: a` (index → name, maybe with
 *                gaps), with or without `nc:`; Ultralytics reads both shapes, so both are kept.
 *   obj.names / classes.txt   one name per line, line 1 is class 0 (a last line without a line
 *                break, as Yolo_mark writes it, is a class like any other).
 *
 * When the names are unchanged the file is written back byte for byte; when a class was added or
 * renamed, only the names (and `nc` / `classes`) change, keeping the file's other keys and comments.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { LoupeError } from '../../../../shared/errors';
import type { Notes } from './notes';

/** Names from a one-name-per-line file; a blank line in the middle would shift every later class, so it is refused. */
export function classesFromLines(text: string, file: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const blank = lines.indexOf('');
  if (blank >= 0) throw new LoupeError('invalid-input', 'has a blank line; every line names one class, in class-index order', { file, line: blank + 1 });
  if (lines.length === 0) throw new LoupeError('invalid-input', 'names no classes', { file });
  return lines;
}

/** The names a line-per-class file gets when the classes changed, in its own line endings. */
export function linesWithNames(original: string | undefined, names: readonly string[]): string {
  const eol = original?.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = original === undefined || original === '' || /\n$/.test(original);
  // A line break inside a name would split it into two classes and shift every later index.
  const text = names.map((n) => n.replace(/[\r\n]+/g, ' ')).join(eol);
  return finalNewline ? `${text}${eol}` : text;
}

export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** data.yaml as plain data, refusing what is not YAML with its line. */
export function parseDataYaml(text: string, file: string): Record<string, unknown> {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) throw new LoupeError('invalid-input', `is not valid YAML (${error.message.split('\n')[0]})`, { file, ...(error.linePos ? { line: error.linePos[0].line } : {}) });
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new LoupeError('invalid-input', 'is not a YOLO data.yaml (a mapping with names and train)', { file });
  return data as Record<string, unknown>;
}

/** The class names of a data.yaml: `names` as a list or an index mapping, else `nc` numbered names. */
export function classesFromYaml(data: Record<string, unknown>, file: string, notes: Notes): string[] {
  const { names, nc } = data;
  const count = typeof nc === 'number' && Number.isInteger(nc) && nc > 0 ? nc : null;
  let list: (string | undefined)[];
  if (Array.isArray(names)) list = names.map((n) => (n === null || n === undefined ? undefined : String(n)));
  else if (names && typeof names === 'object') {
    list = [];
    for (const [key, value] of Object.entries(names)) {
      if (!/^\d+$/.test(key)) throw new LoupeError('invalid-input', `names: "${key}" is not a class index (a whole number)`, { file, field: 'names' });
      list[Number(key)] = String(value);
    }
  } else if (count !== null) {
    notes.add('data.yaml gives no names, only nc; the classes were named class_0, class_1, …', file);
    list = [];
  } else throw new LoupeError('invalid-input', 'names no classes (names: a list, or index: name lines)', { file, field: 'names' });
  const length = Math.max(list.length, count ?? 0);
  const filled = Array.from({ length }, (_, i) => list[i]);
  if (filled.some((n, i) => n === undefined && i < list.length)) notes.add('data.yaml skips class indexes; the missing ones were named class_<index>', file);
  if (count !== null && list.length > 0 && list.length !== count) notes.add(`data.yaml says nc: ${count} and names ${list.length} classes; ${length} classes were read`, file);
  if (length === 0) throw new LoupeError('invalid-input', 'names no classes', { file, field: 'names' });
  return filled.map((n, i) => n ?? `class_${i}`);
}

/** data.yaml with new names (and nc), in the shape it had (a list, flow or block, or an index mapping). */
export function yamlWithNames(original: string | undefined, names: readonly string[]): string {
  const doc = parseDocument(original ?? 'path: .\ntrain: images\n');
  const old = doc.get('names', true);
  const asMap = isMap(old);
  const flow = (isSeq(old) || isMap(old)) && old.flow === true;
  const node = doc.createNode(asMap ? Object.fromEntries(names.map((n, i) => [i, n])) : [...names]);
  if (flow && (isSeq(node) || isMap(node))) node.flow = true;
  doc.set('names', node);
  if (doc.has('nc')) doc.set('nc', names.length);
  return doc.toString();
}

/** obj.data with its `classes` line giving the new count; every other line as it was. */
export function darknetDataWithCount(original: string, count: number): string {
  return original.replace(/^(\s*classes\s*=\s*)\d+/m, `$1${count}`);
}
