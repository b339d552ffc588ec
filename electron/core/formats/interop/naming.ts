/**
 * Names for what other tools' files carry. Loupe ids (tasks, labels, controls, regions) allow
 * letters, digits and . _ : - only and start with a letter or digit, so names from other tools
 * are made into ids the way electron/core/formats/taskSources.ts does it: keep what is valid,
 * replace the rest. Image names are always the file's own base name, never a path or URL: a
 * dataset refers to an image by that name, and the same image must keep it through a round trip.
 */
import { posix } from 'node:path';
import type { Task } from '../../../../shared/pack/task';

const ID_MAX = 128;

/** A valid id made from any text, or null when nothing usable is left (e.g. a name in Chinese). */
export function idFrom(raw: string): string | null {
  const id = raw
    // Accented letters keep their base letter ("Café" → "Cafe") rather than turning into "-".
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, ID_MAX);
  return id || null;
}

/**
 * Hands out ids that are unique within one scope (the labels of a question, the boxes of one
 * answer): a second "car" becomes "car-2". Names that make no id, and formats with no ids of their
 * own, get the scope's sequence (`b1`, `b2` …).
 */
export class IdScope {
  private readonly used = new Set<string>();
  private counter = 0;
  constructor(private readonly prefix: string) {}

  take(raw?: string | number | null): string {
    const made = raw === null || raw === undefined ? null : idFrom(String(raw));
    if (made === null) return this.next();
    let id = made;
    for (let n = 2; this.used.has(id); n += 1) id = `${made.slice(0, ID_MAX - String(n).length - 1)}-${n}`;
    this.used.add(id);
    return id;
  }

  /** The next free id of the sequence: `b1`, `b2` … skipping any already taken. */
  next(): string {
    let id: string;
    do {
      this.counter += 1;
      id = `${this.prefix}${this.counter}`;
    } while (this.used.has(id));
    this.used.add(id);
    return id;
  }
}

/** Control characters cannot be part of a pack entry name (see packs/container.ts). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f\\]/g;

function lastSegment(path: string): string {
  const parts = path.split(/[/\\]/);
  return parts[parts.length - 1] ?? '';
}

function cleanName(name: string): string | null {
  const clean = name.replace(UNSAFE_IN_NAME, '-').trim();
  return clean === '' || clean === '.' || clean === '..' ? null : clean;
}

/**
 * The image's own file name from whatever a tool stored: a plain or Windows path (`train\x.jpg`),
 * an URL (`http://host/x.jpg?token=…`, `s3://bucket/dir/x.jpg`), Label Studio's upload path
 * (`/data/upload/1/abc-x.jpg`) or its local-files URL, where the path is in the `d` parameter
 * (`/data/local-files/?d=images%2Fx.jpg`). Null when there is no name (a data: URI, an empty path).
 */
export function imageNameFrom(ref: string): string | null {
  const value = ref.trim();
  if (value === '' || /^data:/i.test(value)) return null;
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('/');
  if (!isUrl) return cleanName(lastSegment(value));
  let url: URL;
  try {
    url = new URL(value, 'http://local.invalid/');
  } catch {
    return cleanName(lastSegment(value.split(/[?#]/)[0] ?? ''));
  }
  const d = url.searchParams.get('d');
  const fromPath = safeDecode(lastSegment(url.pathname));
  // Local storage serves every file from one endpoint; the file itself is named by `d`.
  if (d && (fromPath === '' || /\/data\/local-files\/?$/.test(url.pathname))) return cleanName(lastSegment(d));
  return cleanName(fromPath);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a pack keeps an image: Loupe tasks name images as `assets/<name>`. */
export function assetPathOf(name: string): string {
  return `assets/${name}`;
}

/** The image file name of a Loupe task (its asset's base name), or null for a task with no image. */
export function imageNameOfTask(task: Task): string | null {
  return task.data.image ? posix.basename(task.data.image) : null;
}
