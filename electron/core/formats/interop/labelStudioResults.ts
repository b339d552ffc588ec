/**
 * One Label Studio result list (an annotation's or a prediction's `result`) as a Loupe answer.
 *
 *   rectanglelabels  value x, y, width, height in PERCENT of original_width / original_height,
 *                    top-left origin → pixels. A rotated rectangle is refused: a Loupe box is
 *                    axis-aligned, and its enclosing box would mark a different region.
 *   polygonlabels    value points [[x%, y%], …] → pixels.
 *   choices          value choices [..] → the labels of a choices answer (results of one
 *                    question merge into one answer).
 *   labels           value start, end in UTF-16 units over the task's text → code points.
 *
 * A region carrying several labels becomes one region per label (a Loupe region has one label),
 * the first keeping the result's id. A result's `origin` (manual, prediction, prediction-changed)
 * is kept, and each region or span keeps its whole result in `extras.labelStudio.result` (its id,
 * score, original size, parentID …), so the writer gives an unchanged one back exactly.
 *
 * Result types Loupe has no question for (keypointlabels, relation, chatmessage, pairwise,
 * textarea …) and regions without a label are not part of the Loupe answer; they stay in the
 * task's source (labelStudioMeta.ts), are written back with their annotation, and are counted in
 * one warning per type.
 */
import { LoupeError, type ErrorWhere } from '../../../../shared/errors';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import type { PixelSize } from './imageFiles';
import { IdScope } from './naming';
import type { Notes } from './notes';
import { RESULT_KIND, VALUE_KEY, type LsControl, type LsProject } from './labelStudioConfig';
import { regionPrint } from './labelStudioMeta';
import type { JsonObject } from './labelStudioShape';
import type { TextOffsets } from './utf16Offsets';

type Origin = 'prediction' | 'prediction-changed' | 'manual';
const ORIGINS = new Set<string>(['prediction', 'prediction-changed', 'manual']);
/** Rotation is stored as a float in degrees; a hair off 0 (or 360) is float noise, not a rotation. */
const ROTATION_SLACK = 1e-6;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export interface ResultContext {
  file: string;
  /** `task 12`, for messages. */
  task: string;
  /** The path of the result list in the file, e.g. `[3].annotations[0].result`. */
  field: string;
  /** The task's text (spans), with its offset converter. */
  text: { value: string; offsets: TextOffsets } | null;
  /** The image size the task's results give, or its file's: percent needs it when a result has none. */
  imageSize: PixelSize | null;
}

/** The original_width / original_height a result carries, when it carries both. */
export function sizeOfResult(result: unknown): PixelSize | null {
  if (!isRecord(result)) return null;
  const { original_width: width, original_height: height } = result;
  return isNumber(width) && isNumber(height) && width > 0 && height > 0 ? { width, height } : null;
}

/** Answer pieces per question, in the order first answered. */
class AnswerParts {
  private readonly parts = new Map<string, { result: ControlResult; ids: IdScope }>();

  part<K extends ControlResult['kind']>(control: LsControl, make: () => Extract<ControlResult, { kind: K }>): { result: Extract<ControlResult, { kind: K }>; ids: IdScope } {
    let entry = this.parts.get(control.id);
    if (!entry) {
      entry = { result: make(), ids: new IdScope(control.kind === 'spans' ? 's' : control.kind === 'polygons' ? 'p' : 'b') };
      this.parts.set(control.id, entry);
    }
    return entry as { result: Extract<ControlResult, { kind: K }>; ids: IdScope };
  }

  answer(): Answer {
    return [...this.parts.values()].map((p) => p.result);
  }
}

function spansOverlap(spans: readonly { start: number; end: number }[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return sorted.some((s, i) => i > 0 && s.start < sorted[i - 1]!.end);
}

/** A rectangle result Loupe reads as a box: not rotated (or by a whole turn). */
export function isAxisAligned(raw: Record<string, unknown>): boolean {
  const rotation = isRecord(raw.value) ? (raw.value.rotation ?? 0) : 0;
  if (!isNumber(rotation)) return false;
  const turn = Math.abs(rotation % 360);
  return turn <= ROTATION_SLACK || 360 - turn <= ROTATION_SLACK;
}

/** Convert a result list; refusals name the file, the task, the result and its field. */
export function convertResults(list: unknown, project: LsProject, ctx: ResultContext, notes: Notes): Answer {
  if (!Array.isArray(list)) throw new LoupeError('invalid-input', `${ctx.task}: "result" must be a list`, { file: ctx.file, field: ctx.field });
  const parts = new AnswerParts();
  list.forEach((r, k) => {
    const field = `${ctx.field}[${k}]`;
    const where: ErrorWhere = { file: ctx.file, field };
    if (!isRecord(r)) throw new LoupeError('invalid-input', `${ctx.task}: a result must be an object`, where);
    const type = typeof r.type === 'string' ? r.type : '(none)';
    const kind = RESULT_KIND[type];
    if (!kind) {
      notes.add(`results of type "${type}" are kept as given and written back with their annotation; Loupe does not show or edit them`, ctx.task);
      return;
    }
    const named = `${ctx.task}, result ${typeof r.id === 'string' || typeof r.id === 'number' ? `"${r.id}"` : k + 1} (${type})`;
    if (typeof r.from_name !== 'string') throw new LoupeError('invalid-input', `${named}: needs a from_name`, { ...where, field: `${field}.from_name` });
    const control = project.control(r.from_name, kind, typeof r.to_name === 'string' ? r.to_name : null, { ...where, field: `${field}.from_name` });
    const value = r.value;
    if (!isRecord(value)) throw new LoupeError('invalid-input', `${named}: needs a "value" object`, { ...where, field: `${field}.value` });
    const valueKey = VALUE_KEY[kind];
    const values = value[valueKey];
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
      throw new LoupeError('invalid-input', `${named}: value.${valueKey} must be a list of label values`, { ...where, field: `${field}.value.${valueKey}` });
    }
    if (values.length === 0) {
      notes.add('results without a label are kept as given and written back with their annotation; Loupe does not show them', named);
      return;
    }
    const labelIds = (values as string[]).map((v) => {
      const id = control.find(v);
      if (id) return id;
      // A label missing from an XML config was removed from the project after use: keep it.
      if (project.fromXml) notes.add(`labels not in the labeling config were added to their question`, `"${v}" (${control.name})`);
      return control.addLabel(v, undefined, undefined);
    });
    const origin = typeof r.origin === 'string' && ORIGINS.has(r.origin) ? { origin: r.origin as Origin } : {};
    const rid = typeof r.id === 'string' || typeof r.id === 'number' ? r.id : undefined;
    // The region keeps its result, and a print of itself as read: the writer gives an unchanged one back exactly.
    const kept = <T extends object>(region: T): T & { extras: { labelStudio: { result: JsonObject; print: string } } } => ({ ...region, extras: { labelStudio: { result: r as JsonObject, print: regionPrint(region) } } });
    const at = (key: string) => ({ file: ctx.file, field: `${field}.value.${key}` });

    if (kind === 'choices') {
      // Without a config, a result with several choices shows the question is multi-label; with
      // one, a single-choice question given several is refused by the answer check afterwards.
      if (values.length > 1 && !project.fromXml) control.multiple = true;
      const { result } = parts.part<'choices'>(control, () => ({ kind: 'choices', controlId: control.id, labels: [] }));
      for (const id of labelIds) if (!result.labels.includes(id)) result.labels.push(id);
      return;
    }

    if (kind === 'spans') {
      if (!ctx.text) throw new LoupeError('invalid-input', `${named}: a text span needs the task's text`, where);
      const { value: text, offsets } = ctx.text;
      if (!isNumber(value.start) || !isNumber(value.end)) {
        throw new LoupeError('invalid-input', `${named}: start and end must be character offsets (HTML spans, given as XPath, are not supported)`, at('start'));
      }
      const start = offsets.toCodePoint(value.start);
      const end = offsets.toCodePoint(value.end);
      if (start === null || end === null || value.end < value.start) {
        throw new LoupeError('invalid-input', `${named}: span ${value.start}–${value.end} does not fit the text (${text.length} UTF-16 units)`, at('start'));
      }
      if (typeof value.text === 'string' && value.text !== text.slice(value.start, value.end)) {
        notes.add('spans whose stored text differs from the task text at their offsets (the offsets were kept)', named);
      }
      const { result, ids } = parts.part<'spans'>(control, () => ({ kind: 'spans', controlId: control.id, spans: [], relations: [] }));
      for (const label of labelIds) result.spans.push(kept({ id: ids.take(rid), start, end, label, ...origin }));
      if (spansOverlap(result.spans)) control.sawOverlap = true;
      return;
    }

    const size = sizeOfResult(r) ?? ctx.imageSize;
    if (!size) {
      // Label Studio knows its image; Loupe, without it or a size anywhere in the task, cannot place
      // the region: it is kept as given (the writer writes it back) and not shown.
      notes.add('regions in percent whose image size nothing gives (no original_width/original_height in the task, image not found) are kept as given and written back; Loupe does not show them', named);
      return;
    }
    const px = (x: number) => (x * size.width) / 100;
    const py = (y: number) => (y * size.height) / 100;
    if (kind === 'boxes') {
      const rotation = value.rotation ?? 0;
      if (!isNumber(rotation)) throw new LoupeError('invalid-input', `${named}: rotation must be a number`, at('rotation'));
      if (!isAxisAligned(r)) {
        // Label Studio draws rotated rectangles; Loupe boxes are axis-aligned: kept, not shown.
        notes.add('rotated rectangles are kept as given and written back with their annotation; Loupe boxes are axis-aligned, so it does not show them', `${named} (${rotation}°)`);
        return;
      }
      const [x, y, w, h] = (['x', 'y', 'width', 'height'] as const).map((key) => {
        const v = value[key];
        if (!isNumber(v)) throw new LoupeError('invalid-input', `${named}: value.${key} must be a number`, at(key));
        return v;
      }) as [number, number, number, number];
      if (w < 0 || h < 0) throw new LoupeError('invalid-input', `${named}: the rectangle has a negative width or height`, at(w < 0 ? 'width' : 'height'));
      const { result, ids } = parts.part<'boxes'>(control, () => ({ kind: 'boxes', controlId: control.id, boxes: [] }));
      for (const label of labelIds) result.boxes.push(kept({ id: ids.take(rid), x: px(x), y: py(y), width: px(w), height: py(h), label, ...origin }));
      return;
    }

    const points = value.points;
    if (!Array.isArray(points) || points.length < 3 || !points.every((p) => Array.isArray(p) && p.length === 2 && isNumber(p[0]) && isNumber(p[1]))) {
      throw new LoupeError('invalid-input', `${named}: a polygon needs at least 3 points, each [x, y]`, at('points'));
    }
    const pixels = (points as [number, number][]).map(([x, y]) => [px(x), py(y)] as [number, number]);
    const { result, ids } = parts.part<'polygons'>(control, () => ({ kind: 'polygons', controlId: control.id, polygons: [] }));
    for (const label of labelIds) result.polygons.push(kept({ id: ids.take(rid), points: pixels.map((p) => [...p] as [number, number]), label, ...origin }));
  });
  return parts.answer();
}
