/**
 * The task text with its spans, fast at 100k characters and 5,000 spans: the text is a few hundred
 * plain chunks (chunks.ts), spans are painted by the CSS Custom Highlight API (highlights.ts), and
 * an overlay above the text draws what needs boxes — label tags for the spans on screen only
 * (tags.ts), outlines of the selected span or relation, and the caret. Which chunks are on screen
 * comes from an IntersectionObserver, so scrolling costs nothing until new chunks show up.
 *
 * Where the Highlight API is missing (happy-dom in unit tests) the text is split at span edges into
 * styled pieces instead (FallbackText.tsx): slower, same behaviour.
 *
 * Mouse: a drag selects text (snapped like a key selection), a click places the caret and selects
 * the innermost span under it. The native selection is cleared after each, so one selection shows.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { Label } from '../../../../shared/pack/labelConfig';
import { scrollPane } from '../../keys/scrollPanes';
import { chunkAt, chunkText, textOffsetOf, type Chunk } from './chunks';
import type { EditorState, Item } from './editorState';
import { FallbackText } from './FallbackText';
import { HighlightPainter, highlightApiAvailable, highlightCss, highlightName, inkOn, rgba } from './highlights';
import { sameTags, TAG_HEIGHT, type PlacedTag } from './tags';
import type { Range, TextIndex } from './textIndex';
import { useOverlay, type Box } from './useOverlay';
import { useTags } from './useTags';

let instances = 0;

/** Room above each line for one row of tags; a reading line length (about 90 characters). */
const TEXT_STYLE: CSSProperties = { position: 'relative', maxWidth: 860, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 'calc(16px * var(--loupe-task-text-scale, 1))', lineHeight: 2.6, padding: '8px 20px 24px' };

export interface SpanTextProps {
  index: TextIndex;
  items: readonly Item[];
  labels: readonly Label[];
  state: EditorState;
  /** The selected relation's ends, outlined. */
  relationEnds: { from: string; to: string } | null;
  onMouse(command: { type: 'click'; at: number } | { type: 'mouseSelect'; range: Range }): void;
}

const Chunks = memo(function Chunks({ text, chunks }: { text: string; chunks: readonly Chunk[] }) {
  return chunks.map((c, i) => (
    <span key={i} data-chunk={i} data-offset={c.start}>
      {text.slice(c.start, c.end)}
    </span>
  ));
});

export function SpanText({ index, items, labels, state, relationEnds, onMouse }: SpanTextProps) {
  const text = index.text;
  const [useApi] = useState(highlightApiAvailable);
  const [prefix] = useState(() => `loupe-spans-${(instances += 1)}`);
  const chunks = useMemo(() => chunkText(text), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const chunkEls = useRef<HTMLElement[]>([]);
  const painter = useRef<HighlightPainter | null>(null);
  const labelAt = useMemo(() => new Map(labels.map((l, i) => [l.id, i])), [labels]);
  const colorOf = useCallback((id: string) => labels[labelAt.get(id) ?? -1]?.color ?? '#868e96', [labels, labelAt]);

  const locate = useCallback(
    (u: number) => {
      const at = chunkAt(chunks, u);
      const el = chunkEls.current[at];
      if (!el?.firstChild) return { node: el ?? textRef.current!, offset: 0 };
      return { node: el.firstChild, offset: u - chunks[at]!.start };
    },
    [chunks],
  );

  useLayoutEffect(() => {
    chunkEls.current = Array.from(textRef.current?.querySelectorAll<HTMLElement>('[data-chunk]') ?? []);
    painter.current?.reset();
  }, [chunks]);

  useLayoutEffect(() => {
    if (!useApi) return;
    const p = new HighlightPainter(prefix);
    painter.current = p;
    return () => p.dispose();
  }, [useApi, prefix]);

  const selection = state.anchor === state.caret ? null : { start: Math.min(state.anchor, state.caret), end: Math.max(state.anchor, state.caret) };
  const selStart = selection ? index.toUtf16(selection.start) : -1;
  const selEnd = selection ? index.toUtf16(selection.end) : -1;
  useLayoutEffect(() => {
    painter.current?.select(selStart >= 0 ? { start: selStart, end: selEnd } : null, locate);
  }, [selStart, selEnd, locate]);

  const visible = useVisibleChunks(scrollRef, chunkEls, chunks);
  const from = index.toCodePoint(chunks[visible.first]!.start);
  const to = index.toCodePoint(chunks[visible.last]!.end);
  // Only spans near the screen get a highlight range: Chromium re-validates every range of every
  // highlight when one changes, so painting all 5,000 made each added span cost a slow frame.
  const shown = useMemo(() => items.filter((i) => i.span.end >= from && i.span.start <= to), [items, from, to]);
  useLayoutEffect(() => {
    painter.current?.sync(
      shown.map((item) => {
        const style = item.kind === 'span' ? 'span' : 'dim' in item.span && item.span.dim ? 'dim' : 'proposal';
        return { key: item.span, start: index.toUtf16(item.span.start), end: index.toUtf16(item.span.end), name: highlightName(prefix, style, labelAt.get(item.span.label) ?? 0) };
      }),
      locate,
    );
  }, [shown, index, labelAt, prefix, locate]);

  const overlay = useOverlay({ textRef, scrollRef, index, items, state, relationEnds, locate });
  const tags = useTags({ enabled: useApi, textRef, index, shown, from, to, labels, layoutTick: overlay.layoutTick, locate });

  const onMouseUp = () => {
    const selectionNow = window.getSelection();
    const root = textRef.current;
    if (!selectionNow || selectionNow.rangeCount === 0 || !root) return;
    const a = textOffsetOf(root, selectionNow.anchorNode, selectionNow.anchorOffset);
    const b = textOffsetOf(root, selectionNow.focusNode, selectionNow.focusOffset);
    if (a === null || b === null) return;
    const start = index.toCodePoint(Math.min(a, b));
    const end = index.toCodePoint(Math.max(a, b));
    onMouse(start === end ? { type: 'click', at: start } : { type: 'mouseSelect', range: { start, end } });
    selectionNow.removeAllRanges();
  };

  return (
    <div ref={scrollRef} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="span-scroll" {...scrollPane('primary')}>
      {useApi && <style>{highlightCss(prefix, labels)}</style>}
      <div ref={textRef} data-testid="span-text" style={TEXT_STYLE} onMouseUp={onMouseUp}>
        {useApi ? <Chunks text={text} chunks={chunks} /> : <FallbackText index={index} items={items} selection={selection} colorOf={colorOf} />}
        <div aria-hidden style={{ position: 'absolute', inset: 0, pointerEvents: 'none', userSelect: 'none' }}>
          {tags.map((t) => <Tag key={`${t.kind}-${t.id}`} tag={t} />)}
          {overlay.boxes.map((b, i) => <Outline key={i} box={b} />)}
          <div
            data-testid="span-caret"
            data-offset={state.caret}
            style={{ position: 'absolute', left: overlay.caret?.left ?? 0, top: overlay.caret?.top ?? 0, height: overlay.caret?.height ?? 0, width: 2, background: 'var(--mantine-color-text)' }}
          />
        </div>
      </div>
    </div>
  );
}

const Tag = memo(function Tag({ tag }: { tag: PlacedTag }) {
  const proposal = tag.kind === 'proposal';
  return (
    <div
      data-tag={tag.id}
      style={{
        position: 'absolute', left: tag.x, top: tag.y, width: tag.width, height: TAG_HEIGHT, boxSizing: 'border-box',
        font: '600 10px/12px system-ui, sans-serif', padding: '0 4px', borderRadius: 3, whiteSpace: 'nowrap', overflow: 'hidden',
        background: proposal ? rgba(tag.color, 0.12) : tag.color, color: proposal ? 'var(--mantine-color-text)' : inkOn(tag.color),
        // Low-score tags: a dotted border, not opacity, so their text keeps its contrast.
        border: `1px ${tag.dim ? 'dotted' : proposal ? 'dashed' : 'solid'} ${tag.color}`,
      }}
    >
      {tag.text}
    </div>
  );
}, (a, b) => sameTags([a.tag], [b.tag]));

function Outline({ box }: { box: Box }) {
  return (
    <div
      style={{
        position: 'absolute', left: box.left - 2, top: box.top - 1, width: box.width + 4, height: box.height + 2, borderRadius: 3,
        outline: `2px ${box.style} ${box.color}`,
      }}
    />
  );
}

/**
 * The first and last chunk on screen (with a margin). Until the observer reports, the first few
 * chunks are assumed visible, so the first paint already has its tags.
 */
function useVisibleChunks(scrollRef: RefObject<HTMLDivElement | null>, chunkEls: RefObject<HTMLElement[]>, chunks: readonly Chunk[]) {
  const [visible, setVisible] = useState(() => ({ first: 0, last: Math.min(chunks.length - 1, 8) }));
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined' || !scrollRef.current) return;
    const shown = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const i = Number((e.target as HTMLElement).dataset.chunk);
          if (e.isIntersecting) shown.add(i);
          else shown.delete(i);
        }
        if (shown.size === 0) return;
        const first = Math.min(...shown);
        const last = Math.max(...shown);
        setVisible((v) => (v.first === first && v.last === last ? v : { first, last }));
      },
      { root: scrollRef.current, rootMargin: '1200px 0px' },
    );
    for (const el of chunkEls.current) observer.observe(el);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-observe only when the chunks change
  }, [chunks]);
  return visible;
}
