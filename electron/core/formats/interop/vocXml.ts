/**
 * One Pascal VOC annotation file as data, and back: the XML is read into plain JSON whose keys
 * keep the elements' order (fast-xml-parser's compact form: `{ folder, filename, size: {…},
 * object: [{ name, pose, truncated, difficult, bndbox: {…}, part: […] }] }`, values as the
 * strings the file gave, attributes as `@_name`, comments as `#comment`), so that what Loupe
 * does not model (`<source>`, `<owner>`, `<pose>`, `<part>`, `<actions>`, tools' own elements)
 * is kept as given and written back in the same place.
 *
 * Coordinates: VOC counts pixels from 1 and its boxes include their last pixel, so a box over the
 * whole of a W-pixel-wide image is xmin 1, xmax W. Loupe counts from the top-left corner at 0 with
 * width = right edge − left edge, so that box is x 0, width W. Hence, as detectron2 reads VOC:
 *   reading:  x = xmin − 1, y = ymin − 1, width = xmax − x, height = ymax − y
 *   writing:  xmin = x + 1, ymin = y + 1, xmax = x + width, ymax = y + height
 * A box whose coordinates are unchanged is written with the very text it was read from (`2.0`
 * stays `2.0`, bndbox children keep their order); a new or moved box is written to 1/1000 pixel,
 * whole pixels without decimals, and at least one pixel wide and tall (VOC's xmax = xmin).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { LoupeError } from '../../../../shared/errors';
import type { Notes } from './notes';
import { decimal, type PixelBox } from './shapes';

/** Decimals of a pixel written for a box Loupe made or moved. */
const DIGITS = 3;
/** Two boxes this close (in pixels) are the same box: only float noise tells them apart. */
const SAME = 1e-9;
const CORNERS = ['xmin', 'ymin', 'xmax', 'ymax'] as const;

export type XmlRecord = Record<string, unknown>;

const COMMON = { ignoreAttributes: false, attributeNamePrefix: '@_', commentPropName: '#comment' } as const;
// Values as strings (a class named "007" stays "007"); `object` is a list even with one box.
const parser = new XMLParser({
  ...COMMON, parseTagValue: false, parseAttributeValue: false, trimValues: true, ignoreDeclaration: true, ignorePiTags: true,
  isArray: (_name, jpath) => jpath === 'annotation.object',
});
const builders = new Map<string, XMLBuilder>();
function builderFor(indent: string): XMLBuilder {
  let builder = builders.get(indent);
  if (!builder) builders.set(indent, (builder = new XMLBuilder({ ...COMMON, format: true, indentBy: indent })));
  return builder;
}

export const isRecord = (value: unknown): value is XmlRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What one VOC file holds, split into what Loupe models (objects) and the rest, kept as given. */
export interface VocFile {
  /** The `<annotation>` element's children other than `<object>`, in order, and its attributes. */
  fields: XmlRecord;
  /** Where the objects stood among `fields` (a key index), so they are written back there. */
  objectsAt: number;
  objects: XmlRecord[];
  /** The `<?xml …?>` declaration as the file wrote it, if it has one. */
  declaration: string | null;
  /** The file's indent unit (a tab in the VOC2007 originals, two spaces from most tools). */
  indent: string;
}

/** Parse one VOC file, refusing what is not well-formed XML (with its line) or not VOC. */
export function parseVocFile(text: string, file: string): VocFile {
  const body = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new LoupeError('invalid-input', `not well-formed XML (${valid.err.msg})`, { file, line: valid.err.line });
  const root = parser.parse(body) as XmlRecord;
  const annotation = root.annotation;
  // <annotation/> or <annotation></annotation> parses as "": an image with nothing in it.
  if (!isRecord(annotation) && annotation !== '') throw new LoupeError('invalid-input', 'a VOC file holds one <annotation> element', { file });
  const all = isRecord(annotation) ? annotation : {};
  const keys = Object.keys(all);
  const objectsAt = keys.includes('object') ? keys.indexOf('object') : keys.length;
  const { object, ...fields } = all;
  const objects = Array.isArray(object) ? object : [];
  objects.forEach((o, i) => {
    if (!isRecord(o)) throw new LoupeError('invalid-input', 'an <object> needs a <name> and a <bndbox>', { file, field: `object[${i}]` });
  });
  return {
    fields, objectsAt, objects: objects as XmlRecord[],
    declaration: /^\s*(<\?xml[\s\S]*?\?>)/.exec(body)?.[1] ?? null,
    indent: /\n([ \t]+)</.exec(body)?.[1] ?? '  ',
  };
}

/** The text of a simple element (`<width>20</width>`, or `<width unit="px">20</width>`), or null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value['#text'] === 'string') return value['#text'];
  return null;
}

function numberAt(record: XmlRecord, key: string, where: { file: string; field: string }): number {
  const raw = textOf(record[key]);
  const value = raw !== null && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new LoupeError('invalid-input', `<${key}> must be a number (got ${JSON.stringify(raw ?? null)})`, { file: where.file, field: `${where.field}.${key}` });
  return value;
}

/** The Loupe box of a `<bndbox>` (see the top of this file). */
export function boxOfBndbox(bndbox: XmlRecord, where: { file: string; field: string }): PixelBox {
  const [xmin, ymin, xmax, ymax] = CORNERS.map((k) => numberAt(bndbox, k, where)) as [number, number, number, number];
  if (xmax < xmin || ymax < ymin) throw new LoupeError('invalid-input', `the box ends before it starts (xmin ${xmin}, xmax ${xmax}, ymin ${ymin}, ymax ${ymax})`, where);
  // Rounded to 1e-6 px so that xmax − x of decimals (30.6 − 10.4) carries no float noise.
  const clean = (v: number) => Number(decimal(v, 6));
  const x = clean(xmin - 1);
  const y = clean(ymin - 1);
  return { x, y, width: clean(xmax - x), height: clean(ymax - y) };
}

/** One `<object>` as a box, its class name and what else it says (kept in the box's extras.voc). */
export function readObject(object: XmlRecord, file: string, index: number): { name: string; box: PixelBox; kept: XmlRecord } {
  const field = `object[${index}]`;
  const name = textOf(object.name);
  if (name === null || name === '') throw new LoupeError('invalid-input', 'an <object> needs a <name>', { file, field: `${field}.name` });
  if (!isRecord(object.bndbox)) throw new LoupeError('invalid-input', 'an <object> needs a <bndbox> with xmin, ymin, xmax and ymax', { file, field: `${field}.bndbox` });
  return { name, box: boxOfBndbox(object.bndbox, { file, field: `${field}.bndbox` }), kept: object };
}

const sameBox = (a: PixelBox, b: PixelBox) =>
  Math.abs(a.x - b.x) < SAME && Math.abs(a.y - b.y) < SAME && Math.abs(a.width - b.width) < SAME && Math.abs(a.height - b.height) < SAME;

/** The `<bndbox>` for a box: the one it was read from while unchanged, else new coordinates in the old one's order. */
function bndboxFor(box: PixelBox, old: unknown, notes: Notes, where: string): XmlRecord {
  if (isRecord(old)) {
    try {
      if (sameBox(boxOfBndbox(old, { file: '', field: '' }), box)) return old;
    } catch {
      // An old bndbox that no longer reads is replaced below.
    }
  }
  const xmin = box.x + 1;
  const ymin = box.y + 1;
  let xmax = box.x + box.width;
  let ymax = box.y + box.height;
  if (xmax < xmin || ymax < ymin) {
    notes.add('boxes under one pixel wide or tall are written one pixel wide or tall (VOC boxes include their last pixel)', where);
    xmax = Math.max(xmax, xmin);
    ymax = Math.max(ymax, ymin);
  }
  const values: Record<(typeof CORNERS)[number], string> = { xmin: decimal(xmin, DIGITS), ymin: decimal(ymin, DIGITS), xmax: decimal(xmax, DIGITS), ymax: decimal(ymax, DIGITS) };
  const out: XmlRecord = {};
  for (const key of isRecord(old) ? Object.keys(old) : []) out[key] = key in values ? values[key as keyof typeof values] : old![key as never];
  for (const key of CORNERS) out[key] = values[key];
  return out;
}

/**
 * The `<object>` for a box: the elements it was read with (extras.voc), in their order, with its
 * current class name and box; a box Loupe made gets VOC's usual pose, truncated and difficult.
 */
export function objectFor(box: PixelBox, name: string, kept: XmlRecord | undefined, notes: Notes, where: string): XmlRecord {
  if (!kept) return { name, pose: 'Unspecified', truncated: '0', difficult: '0', bndbox: bndboxFor(box, undefined, notes, where) };
  const out: XmlRecord = 'name' in kept ? {} : { name };
  for (const [key, value] of Object.entries(kept)) out[key] = key === 'name' ? name : key === 'bndbox' ? bndboxFor(box, value, notes, where) : value;
  if (!('bndbox' in out)) out.bndbox = bndboxFor(box, undefined, notes, where);
  return out;
}

/** The text of a VOC file: its fields with the objects back in their place. */
export function buildVocFile(file: Pick<VocFile, 'fields' | 'objectsAt' | 'objects' | 'declaration' | 'indent'>): string {
  const annotation: XmlRecord = {};
  const entries = Object.entries(file.fields);
  const at = Math.min(Math.max(file.objectsAt, 0), entries.length);
  entries.slice(0, at).forEach(([k, v]) => (annotation[k] = v));
  if (file.objects.length > 0) annotation.object = file.objects;
  entries.slice(at).forEach(([k, v]) => (annotation[k] = v));
  const body = builderFor(file.indent).build({ annotation }) as string;
  return file.declaration ? `${file.declaration}\n${body}` : body;
}
