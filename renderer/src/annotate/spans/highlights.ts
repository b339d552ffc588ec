/**
 * Painting spans with the CSS Custom Highlight API: the text stays a few plain text nodes and each
 * span is a StaticRange in one Highlight per label (and per proposal style), styled by
 * `::highlight(name)` rules. No element per span, so 5,000 spans cost 5,000 small objects and no
 * layout. Ranges are synced by diffing on span object identity (edits in model.ts keep untouched
 * spans' objects), so adding one span adds one range.
 *
 * Also owns the colours: span backgrounds are translucent so overlapping spans blend and stay
 * visible; proposals are dashed underlines (dotted and faint when their score is low).
 */
import type { Label } from '../../../../shared/pack/labelConfig';

export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined' && typeof StaticRange !== 'undefined';
}

export function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgba(hex: string, alpha: number): string {
  const [r, g, b] = rgb(hex);
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Black or white text on a label colour, whichever reads (contrast.ts). */
export { inkOn } from '../../contrast';

export const SPAN_ALPHA = 0.3;
export const SELECTION_COLOR = 'rgb(34 139 230 / 0.4)';

export type PaintStyle = 'span' | 'proposal' | 'dim';

export function highlightName(prefix: string, style: PaintStyle, labelIndex: number): string {
  return `${prefix}-${style[0]}${labelIndex}`;
}

/** On a dark background the same colours need more weight to read as strongly. */
const DARK = ':root[data-mantine-color-scheme="dark"]';

/** The ::highlight rules for every label in every style, plus the selection. */
export function highlightCss(prefix: string, labels: readonly Label[]): string {
  const rules = labels.map((label, i) => {
    const c = label.color;
    const span = highlightName(prefix, 'span', i);
    const proposal = highlightName(prefix, 'proposal', i);
    return [
      `::highlight(${span}) { background-color: ${rgba(c, SPAN_ALPHA)}; }`,
      `${DARK} ::highlight(${span}) { background-color: ${rgba(c, 0.5)}; }`,
      `::highlight(${proposal}) { background-color: ${rgba(c, 0.1)}; text-decoration: underline dashed ${c} 2px; text-underline-offset: 4px; }`,
      `${DARK} ::highlight(${proposal}) { background-color: ${rgba(c, 0.22)}; }`,
      `::highlight(${highlightName(prefix, 'dim', i)}) { text-decoration: underline dotted ${rgba(c, 0.7)} 2px; text-underline-offset: 4px; }`,
    ].join('\n');
  });
  return [...rules, `::highlight(${prefix}-selection) { background-color: ${SELECTION_COLOR}; }`].join('\n');
}

export interface Paintable {
  /** Identity of the painted thing: a span object (kept by edits that leave it alone). */
  key: object;
  /** UTF-16 offsets. */
  start: number;
  end: number;
  name: string;
}

export type Locate = (u16: number) => { node: Node; offset: number };

/** Keeps CSS.highlights in step with a list of spans; one instance per mounted editor. */
export class HighlightPainter {
  private readonly painted = new Map<object, { range: StaticRange; name: string }>();
  private readonly highlights = new Map<string, Highlight>();

  constructor(private readonly prefix: string) {}

  private highlight(name: string, priority = 0): Highlight {
    let h = this.highlights.get(name);
    if (!h) {
      h = new Highlight();
      h.priority = priority;
      this.highlights.set(name, h);
      CSS.highlights.set(name, h);
    }
    return h;
  }

  private range(item: { start: number; end: number }, locate: Locate): StaticRange {
    const a = locate(item.start);
    const b = locate(item.end);
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }

  sync(items: readonly Paintable[], locate: Locate): void {
    const keep = new Set<object>();
    for (const item of items) {
      keep.add(item.key);
      const old = this.painted.get(item.key);
      if (old && old.name === item.name) continue;
      if (old) this.highlight(old.name).delete(old.range);
      const range = this.range(item, locate);
      this.highlight(item.name).add(range);
      this.painted.set(item.key, { range, name: item.name });
    }
    for (const [key, old] of this.painted) {
      if (keep.has(key)) continue;
      this.highlight(old.name).delete(old.range);
      this.painted.delete(key);
    }
  }

  /** The text selection, drawn above the spans. */
  select(range: { start: number; end: number } | null, locate: Locate): void {
    const h = this.highlight(`${this.prefix}-selection`, 10);
    h.clear();
    if (range && range.end > range.start) h.add(this.range(range, locate));
  }

  /** Forget every range (the text nodes were replaced). */
  reset(): void {
    for (const h of this.highlights.values()) h.clear();
    this.painted.clear();
  }

  dispose(): void {
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    this.highlights.clear();
    this.painted.clear();
  }
}
