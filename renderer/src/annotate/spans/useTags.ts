/**
 * The label tags of the spans on screen (placement rules in tags.ts). Where a span starts on screen
 * is measured once per span object and kept until the text reflows (a new layout tick) — spans
 * never move the text, so adding one span measures one span, not every span in view.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Label } from '../../../../shared/pack/labelConfig';
import type { Item } from './editorState';
import { placeTags, sameTags, type PlacedTag, type TagInput } from './tags';
import type { TextIndex } from './textIndex';

/** Tags placed at most per layout: a screen never shows more. */
const MAX_TAGS = 800;

interface TagsInput {
  enabled: boolean;
  textRef: RefObject<HTMLDivElement | null>;
  index: TextIndex;
  /** Items near the screen, in reading order. */
  shown: readonly Item[];
  /** Code-point range on screen: tags for spans starting in it. */
  from: number;
  to: number;
  labels: readonly Label[];
  layoutTick: number;
  locate(u16: number): { node: Node; offset: number };
}

export function useTags({ enabled, textRef, index, shown, from, to, labels, layoutTick, locate }: TagsInput): PlacedTag[] {
  const [tags, setTags] = useState<PlacedTag[]>([]);
  const measured = useRef<{ tick: number; locate: unknown; at: Map<object, { left: number; top: number } | null> }>({ tick: -1, locate: null, at: new Map() });

  useLayoutEffect(() => {
    const root = textRef.current;
    if (!enabled || !root) return;
    if (measured.current.tick !== layoutTick || measured.current.locate !== locate) measured.current = { tick: layoutTick, locate, at: new Map() };
    const cache = measured.current.at;
    let rootRect: DOMRect | null = null;
    const range = document.createRange();
    const where = (item: Item) => {
      if (cache.has(item.span)) return cache.get(item.span)!;
      rootRect ??= root.getBoundingClientRect();
      const a = locate(index.toUtf16(item.span.start));
      const b = locate(index.toUtf16(item.span.end));
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const rect = range.getClientRects()[0];
      const at = rect ? { left: rect.left - rootRect.left, top: rect.top - rootRect.top } : null;
      cache.set(item.span, at);
      return at;
    };
    const byId = new Map(labels.map((l) => [l.id, l]));
    const inputs: TagInput[] = [];
    for (const item of shown) {
      const { span, kind } = item;
      if (span.start < from || span.start > to) continue;
      if (inputs.length >= MAX_TAGS) break;
      const at = where(item);
      if (!at) continue;
      const label = byId.get(span.label);
      const dim = kind === 'proposal' && 'dim' in span && span.dim;
      inputs.push({ id: span.id, kind, text: `${label?.name ?? span.label}${kind === 'proposal' ? '?' : ''}`, color: label?.color ?? '#868e96', dim, ...at });
    }
    const next = placeTags(inputs);
    setTags((previous) => (sameTags(previous, next) ? previous : next));
  }, [enabled, textRef, index, shown, from, to, labels, layoutTick, locate]);

  return tags;
}
