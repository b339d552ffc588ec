/**
 * The text for browsers without the CSS Custom Highlight API (and for happy-dom in unit tests): the
 * text is cut at every span and selection edge into pieces, each styled by the spans covering it.
 * One element per piece, so it is only meant for short texts; every piece carries `data-offset`
 * (its UTF-16 start) like the fast path's chunks, so mouse selection maps back the same way, and
 * `data-spans` (ids of the spans covering it) so tests can read what is painted where.
 */
import { memo } from 'react';
import type { Item } from './editorState';
import { rgba, SELECTION_COLOR, SPAN_ALPHA } from './highlights';
import type { Range, TextIndex } from './textIndex';

interface FallbackTextProps {
  index: TextIndex;
  items: readonly Item[];
  selection: Range | null;
  colorOf(labelId: string): string;
}

export const FallbackText = memo(function FallbackText({ index, items, selection, colorOf }: FallbackTextProps) {
  const text = index.text;
  const edges = new Set<number>([0, text.length]);
  const spans = items.map((item) => ({ item, start: index.toUtf16(item.span.start), end: index.toUtf16(item.span.end) }));
  for (const s of spans) edges.add(s.start).add(s.end);
  const sel = selection ? { start: index.toUtf16(selection.start), end: index.toUtf16(selection.end) } : null;
  if (sel) edges.add(sel.start).add(sel.end);
  const cuts = [...edges].sort((a, b) => a - b);
  const pieces = cuts.slice(0, -1).map((start, i) => ({ start, end: cuts[i + 1]! }));
  return pieces.map(({ start, end }) => {
    const covering = spans.filter((s) => s.start <= start && end <= s.end);
    const top = covering.at(-1)?.item;
    const selected = sel !== null && sel.start <= start && end <= sel.end;
    const proposal = top?.kind === 'proposal';
    return (
      <span
        key={start}
        data-offset={start}
        data-spans={covering.map((s) => s.item.span.id).join(' ') || undefined}
        data-selected={selected || undefined}
        style={{
          background: selected ? SELECTION_COLOR : top && !proposal ? rgba(colorOf(top.span.label), SPAN_ALPHA) : undefined,
          textDecoration: proposal ? `underline dashed ${colorOf(top.span.label)}` : undefined,
        }}
      >
        {text.slice(start, end)}
      </span>
    );
  });
});
