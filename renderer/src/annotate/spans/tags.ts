/**
 * Readable label tags for the spans on screen: each tag sits in the line gap just above the start of
 * its span, in the label colour. Where several spans start close together (nested or overlapping
 * spans, or short neighbours), later tags move right so none covers another; the line height of
 * the text leaves room for one row of tags above every line.
 *
 * Only visible spans are measured (Range.getClientRects on a live Range per span), and each span
 * once until the text reflows (useTags.ts), which keeps a 5,000-span text as cheap as a short one.
 */

export interface TagInput {
  id: string;
  kind: 'span' | 'proposal';
  text: string;
  color: string;
  dim: boolean;
  /** Position of the span's first character box, relative to the text container. */
  left: number;
  top: number;
}

export interface PlacedTag extends TagInput {
  x: number;
  y: number;
  width: number;
}

export const TAG_HEIGHT = 14;
const GAP = 2;

/** Estimated tag width; exact to a pixel or two for the tag font, and never measured by layout. */
let measureCanvas: CanvasRenderingContext2D | null | undefined;
export function tagWidth(text: string): number {
  if (measureCanvas === undefined) {
    try {
      measureCanvas = document.createElement('canvas').getContext('2d');
      if (measureCanvas) measureCanvas.font = '600 10px system-ui, sans-serif';
    } catch {
      measureCanvas = null;
    }
  }
  const width = measureCanvas ? measureCanvas.measureText(text).width : text.length * 6;
  return Math.ceil(width) + 8;
}

/** Tags on the same line (same top) never overlap: each starts after the previous one. */
export function placeTags(inputs: readonly TagInput[], widthOf: (text: string) => number = tagWidth): PlacedTag[] {
  const sorted = [...inputs].sort((a, b) => a.top - b.top || a.left - b.left);
  const placed: PlacedTag[] = [];
  let lineTop = -Infinity;
  let right = -Infinity;
  for (const tag of sorted) {
    if (Math.abs(tag.top - lineTop) > 2) {
      lineTop = tag.top;
      right = -Infinity;
    }
    const width = widthOf(tag.text);
    const x = Math.max(tag.left, right + GAP);
    placed.push({ ...tag, x, y: tag.top - TAG_HEIGHT - 1, width });
    right = x + width;
  }
  return placed;
}

/** Same tags in the same places: lets a re-measure that changed nothing skip a render. */
export function sameTags(a: readonly PlacedTag[], b: readonly PlacedTag[]): boolean {
  return a.length === b.length && a.every((t, i) => {
    const u = b[i]!;
    return t.id === u.id && t.kind === u.kind && t.x === u.x && t.y === u.y && t.text === u.text && t.color === u.color && t.dim === u.dim;
  });
}
