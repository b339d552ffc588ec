/**
 * Loupe answers as Label Studio result lists.
 *
 *   fresh     an answer with no source annotation: each region, span and choice a new result,
 *             named by LsNaming (from_name, to_name), boxes and polygons in percent of
 *             original_width / original_height, spans in UTF-16 units with their text.
 *   edited    an answer that changed a source annotation: its results are walked in their own
 *             order. A region or span Loupe did not change (its print, labelStudioMeta.ts) is
 *             the source result exactly; a changed one is the source result with the new value
 *             (its id, score, parentID, original size … kept); a deleted one is left out; results
 *             Loupe does not model (keypoints, relations, chat messages …) stay where they were.
 *             Regions the person added come after, and a relation whose end was deleted is left
 *             out with a warning (Label Studio would refuse it).
 *
 * Percent is rounded to 1e-6 (of a percent), which keeps a pixel exact on any real image and
 * writes no float noise (`-0.0000075` for a 0).
 */
import { LoupeError } from '../../../../shared/errors';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import type { PixelSize } from './imageFiles';
import { VALUE_KEY } from './labelStudioConfig';
import { regionPrint } from './labelStudioMeta';
import type { LsNaming } from './labelStudioNaming';
import { isAxisAligned, sizeOfResult } from './labelStudioResults';
import { isRecord, stableJson, type JsonObject } from './labelStudioShape';
import { IdScope } from './naming';
import type { Notes } from './notes';
import type { TextOffsets } from './utf16Offsets';

export interface OutContext {
  taskId: string;
  naming: LsNaming;
  /** Label id → the value Label Studio stores, per question. */
  values: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The image size percent is of, when the task has one (results' own original size comes first). */
  size: PixelSize | null;
  text: { value: string; offsets: TextOffsets } | null;
  notes: Notes;
  /** Nothing gives the task's image size: its percent regions were not read (kept as given). */
  unsized?: boolean;
}

/** A result as written: plain JSON. */
export type LsResult = Record<string, unknown>;

type Region = { id: string; label: string; origin?: string; extras?: Record<string, Record<string, unknown>> };
type RegionResult = Extract<ControlResult, { kind: 'boxes' | 'polygons' | 'spans' }>;

const pct = (v: number, total: number) => Math.round((v / total) * 100 * 1e6) / 1e6 || 0;
const isRegionResult = (r: ControlResult): r is RegionResult => r.kind === 'boxes' || r.kind === 'polygons' || r.kind === 'spans';
const regionsOf = (r: RegionResult): Region[] => (r.kind === 'boxes' ? r.boxes : r.kind === 'polygons' ? r.polygons : r.spans);
const RESULT_TYPE = { boxes: 'rectanglelabels', polygons: 'polygonlabels', spans: 'labels', choices: 'choices' } as const;

/** The key a source result is known by: its id, or all of it when it has none. */
const sourceKey = (raw: JsonObject): string => (typeof raw.id === 'string' || typeof raw.id === 'number' ? `id:${raw.id}` : stableJson(raw));
const keptOf = (region: Region): { result: JsonObject; print: string } | null => {
  const kept = region.extras?.labelStudio;
  return kept && isRecord(kept.result) && typeof kept.print === 'string' ? { result: kept.result, print: kept.print } : null;
};

class ResultMaker {
  private readonly ids = new IdScope('r');
  constructor(
    private readonly ctx: OutContext,
    taken: Iterable<string>,
  ) {
    for (const id of taken) this.ids.take(id);
  }

  private valueOf(controlId: string, label: string): string {
    return this.ctx.values.get(controlId)?.get(label) ?? label;
  }

  /** A region's value (and size fields), in the units Label Studio stores. */
  private regionValue(result: RegionResult, region: Region, raw: JsonObject | null): { value: LsResult; frame: LsResult } {
    const labels = { [VALUE_KEY[result.kind]]: [this.valueOf(result.controlId, region.label)] };
    if (result.kind === 'spans') {
      const s = region as unknown as { start: number; end: number };
      const text = this.ctx.text;
      const start = text?.offsets.toUtf16(s.start) ?? null;
      const end = text?.offsets.toUtf16(s.end) ?? null;
      if (!text || start === null || end === null) throw new LoupeError('invalid-input', `span "${region.id}" of task "${this.ctx.taskId}" runs past the end of its text`, { entry: this.ctx.taskId });
      return { value: { start, end, text: text.value.slice(start, end), ...labels }, frame: {} };
    }
    const size = (raw ? sizeOfResult(raw) : null) ?? this.ctx.size;
    if (!size) throw new LoupeError('invalid-input', `task "${this.ctx.taskId}": percent coordinates need the image size, and neither the image nor the file gives it`, { entry: this.ctx.taskId });
    const frame = { original_width: size.width, original_height: size.height, image_rotation: 0 };
    if (result.kind === 'boxes') {
      const b = region as unknown as { x: number; y: number; width: number; height: number };
      return { value: { x: pct(b.x, size.width), y: pct(b.y, size.height), width: pct(b.width, size.width), height: pct(b.height, size.height), rotation: 0, ...labels }, frame };
    }
    const p = region as unknown as { points: [number, number][] };
    return { value: { points: p.points.map(([x, y]) => [pct(x, size.width), pct(y, size.height)]), closed: true, ...labels }, frame };
  }

  /** A region as a result: the source result with the new value, or a new result. */
  region(result: RegionResult, region: Region, raw: JsonObject | null, keepId: boolean): LsResult {
    const { value, frame } = this.regionValue(result, region, raw);
    const origin = region.origin ? { origin: region.origin } : {};
    if (raw) {
      const id = keepId || raw.id === undefined ? {} : { id: this.ids.take(region.id) };
      return { ...raw, ...id, value: { ...(isRecord(raw.value) ? raw.value : {}), ...value }, ...origin };
    }
    const names = this.ctx.naming.names(result.controlId, result.kind);
    return { id: this.ids.take(region.id), type: RESULT_TYPE[result.kind], from_name: names.name, to_name: names.toName, ...frame, value, ...origin };
  }

  choices(result: Extract<ControlResult, { kind: 'choices' }>, raw: JsonObject | null): LsResult {
    const choices = result.labels.map((l) => this.valueOf(result.controlId, l));
    if (raw) return { ...raw, value: { ...(isRecord(raw.value) ? raw.value : {}), choices } };
    const names = this.ctx.naming.names(result.controlId, 'choices');
    return { id: this.ids.next(), type: 'choices', from_name: names.name, to_name: names.toName, value: { choices } };
  }

  /** Whatever of an answer's result has no source: new regions, a question first answered. */
  other(result: ControlResult): LsResult[] {
    if (result.kind === 'choices') return result.labels.length > 0 ? [this.choices(result, null)] : [];
    if (isRegionResult(result)) return regionsOf(result).map((r) => this.region(result, r, null, false));
    if (result.kind === 'textarea') {
      if (result.text === '') return [];
      const names = this.ctx.naming.names(result.controlId, 'textarea');
      return [{ id: this.ids.next(), type: 'textarea', from_name: names.name, to_name: names.toName, value: { text: [result.text] } }];
    }
    this.ctx.notes.add(`${result.kind} answers were left out: Label Studio export writes boxes, polygons, choices, spans and free text`, `task ${this.ctx.taskId}`);
    return [];
  }
}

/** An answer with no source annotation as a result list. */
export function freshResults(answer: Answer, ctx: OutContext): LsResult[] {
  const maker = new ResultMaker(ctx, []);
  return answer.flatMap((r) => maker.other(r));
}

/** An edited source annotation's result list (see the top of this file). */
export function editedResults(rawList: readonly unknown[], answer: Answer, ctx: OutContext): unknown[] {
  const rawIds = rawList.flatMap((r) => (isRecord(r) && (typeof r.id === 'string' || typeof r.id === 'number') ? [String(r.id)] : []));
  const maker = new ResultMaker(ctx, rawIds);
  // The answer's regions by the source result they came from; the rest are new.
  const bySource = new Map<string, { result: RegionResult; region: Region; print: string }[]>();
  const fresh: { result: RegionResult; region: Region }[] = [];
  for (const result of answer.filter(isRegionResult)) {
    for (const region of regionsOf(result)) {
      const kept = keptOf(region);
      if (!kept) fresh.push({ result, region });
      else bySource.set(sourceKey(kept.result), [...(bySource.get(sourceKey(kept.result)) ?? []), { result, region, print: kept.print }]);
    }
  }
  const choices = new Map(answer.flatMap((r) => (r.kind === 'choices' ? [[r.controlId, r] as const] : [])));
  const written = new Set<string>();
  const out: unknown[] = [];
  for (const raw of rawList) {
    const control = ctx.naming.controlOf(raw);
    if (!control || !isRecord(raw)) {
      out.push(raw);
      continue;
    }
    if (control.kind === 'choices') {
      const now = choices.get(control.controlId);
      if (written.has(control.controlId) || !now || now.labels.length === 0) continue;
      written.add(control.controlId);
      const before = isRecord(raw.value) && Array.isArray(raw.value.choices) ? raw.value.choices : [];
      const after = now.labels.map((l) => ctx.values.get(control.controlId)?.get(l) ?? l);
      out.push(stableJson([...before].sort()) === stableJson([...after].sort()) ? raw : maker.choices(now, raw));
      continue;
    }
    const key = sourceKey(raw);
    const regions = bySource.get(key);
    // A result the reader kept without reading it (no label; a region with no image size) is no
    // region of the answer, so it cannot have been deleted in Loupe: it stays as given.
    if (!regions && !wasRead(raw, control.kind, ctx)) {
      out.push(raw);
      continue;
    }
    if (!regions || written.has(key)) continue; // deleted in Loupe, or a multi-label result already written
    written.add(key);
    const labels = isRecord(raw.value) && Array.isArray(raw.value[VALUE_KEY[control.kind]]) ? (raw.value[VALUE_KEY[control.kind]] as unknown[]).length : 1;
    if (regions.length === labels && regions.every((r) => regionPrint(r.region) === r.print)) out.push(raw);
    else regions.forEach((r, i) => out.push(maker.region(r.result, r.region, raw, i === 0)));
  }
  for (const [id, result] of choices) if (!written.has(id)) out.push(...maker.other(result));
  for (const { result, region } of fresh) out.push(maker.region(result, region, null, false));
  for (const result of answer) if (!isRegionResult(result) && result.kind !== 'choices') out.push(...maker.other(result));
  return withoutDanglingRelations(out, ctx);
}

/** Whether the reader made a region of this result (labelStudioResults.ts keeps the rest as given). */
function wasRead(raw: JsonObject, kind: string, ctx: OutContext): boolean {
  const values = isRecord(raw.value) ? raw.value[VALUE_KEY[kind as keyof typeof VALUE_KEY]] : undefined;
  if (!Array.isArray(values) || values.length === 0) return false;
  if (kind === 'boxes' && !isAxisAligned(raw)) return false;
  return kind === 'spans' || sizeOfResult(raw) !== null || ctx.unsized !== true;
}

/** Relations between results that are still there (one whose end was deleted is left out, with a warning). */
function withoutDanglingRelations(results: unknown[], ctx: OutContext): unknown[] {
  const ids = new Set(results.flatMap((r) => (isRecord(r) && r.type !== 'relation' && r.id !== undefined ? [String(r.id)] : [])));
  return results.filter((r) => {
    if (!isRecord(r) || r.type !== 'relation') return true;
    const keep = ids.has(String(r.from_id)) && ids.has(String(r.to_id));
    if (!keep) ctx.notes.add('relations whose region was deleted in Loupe were left out', `task ${ctx.taskId}`);
    return keep;
  });
}
