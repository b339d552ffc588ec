/**
 * Where the caret and the outlines go: measured from the text layout (a collapsed Range for the
 * caret, a span's line boxes for an outline) after every change that moves them, and re-measured
 * when the text reflows (a ResizeObserver bumps `layoutTick`). Keeps the caret on screen: a caret
 * moved off the visible part of the text scrolls it, by the least amount.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { EditorState, Item } from './editorState';
import type { TextIndex } from './textIndex';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
  color: string;
  style: 'solid' | 'dashed';
}

interface OverlayInput {
  textRef: RefObject<HTMLDivElement | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
  index: TextIndex;
  items: readonly Item[];
  state: EditorState;
  relationEnds: { from: string; to: string } | null;
  locate(u16: number): { node: Node; offset: number };
}

const OUTLINE = 'var(--mantine-color-text)';
const RELATION = 'var(--mantine-color-blue-6)';
/** Keep this much room between the caret and the edge of the scrolling area. */
const SCROLL_MARGIN = 48;

export function useOverlay({ textRef, scrollRef, index, items, state, relationEnds, locate }: OverlayInput) {
  const [layoutTick, setLayoutTick] = useState(0);
  const [caret, setCaret] = useState<{ left: number; top: number; height: number } | null>(null);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const lastCaret = useRef<number | null>(null);

  useEffect(() => {
    const root = textRef.current;
    if (!root || typeof ResizeObserver === 'undefined') return;
    let width = root.clientWidth;
    const observer = new ResizeObserver(() => {
      if (root.clientWidth === width) return;
      width = root.clientWidth;
      setLayoutTick((t) => t + 1);
    });
    observer.observe(root);
    return () => observer.disconnect();
  }, [textRef]);

  useLayoutEffect(() => {
    const root = textRef.current;
    if (!root) return;
    const rootRect = root.getBoundingClientRect();
    const range = document.createRange();
    const rectsOf = (start: number, end: number): DOMRect[] => {
      const a = locate(index.toUtf16(start));
      const b = locate(index.toUtf16(end));
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const rects = Array.from(range.getClientRects());
      return rects.length > 0 ? rects : [range.getBoundingClientRect()];
    };

    const [caretRect] = rectsOf(state.caret, state.caret);
    const measured = caretRect && (caretRect.height > 0 || caretRect.top !== 0);
    setCaret(measured ? { left: caretRect.left - rootRect.left, top: caretRect.top - rootRect.top, height: caretRect.height } : null);

    const outline = (id: string, style: Box['style'], color: string): Box[] => {
      const item = items.find((i) => i.span.id === id);
      if (!item) return [];
      return rectsOf(item.span.start, item.span.end)
        .filter((r) => r.width > 0)
        .slice(0, 50)
        .map((r) => ({ left: r.left - rootRect.left, top: r.top - rootRect.top, width: r.width, height: r.height, color, style }));
    };
    const sel = state.selected;
    setBoxes([
      ...(sel && sel.kind !== 'relation' ? outline(sel.id, sel.kind === 'proposal' ? 'dashed' : 'solid', OUTLINE) : []),
      ...(state.relationFrom ? outline(state.relationFrom, 'dashed', RELATION) : []),
      ...(relationEnds ? [...outline(relationEnds.from, 'solid', RELATION), ...outline(relationEnds.to, 'dashed', RELATION)] : []),
    ]);

    // Follow the caret when it moved (not when spans changed around it).
    const scroller = scrollRef.current;
    if (scroller && caretRect && measured && lastCaret.current !== state.caret) {
      const view = scroller.getBoundingClientRect();
      if (caretRect.top < view.top + SCROLL_MARGIN) scroller.scrollTop -= view.top + SCROLL_MARGIN - caretRect.top;
      else if (caretRect.bottom > view.bottom - SCROLL_MARGIN) scroller.scrollTop += caretRect.bottom - (view.bottom - SCROLL_MARGIN);
    }
    lastCaret.current = state.caret;
  }, [textRef, scrollRef, index, items, state.caret, state.selected, state.relationFrom, relationEnds, locate, layoutTick]);

  return { caret, boxes, layoutTick };
}
