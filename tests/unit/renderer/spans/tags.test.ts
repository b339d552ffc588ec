/**
 * Label tags never cover each other: on one line, a tag that would overlap the previous one moves
 * right; each line starts afresh.
 */
import { describe, expect, it } from 'vitest';
import { placeTags, TAG_HEIGHT, type TagInput } from '../../../../renderer/src/annotate/spans/tags';

const tag = (id: string, left: number, top: number): TagInput => ({ id, kind: 'span', text: id, color: '#000000', dim: false, left, top });
const width = () => 40;

describe('tag placement', () => {
  it('sits just above the span start', () => {
    expect(placeTags([tag('a', 10, 100)], width)).toEqual([expect.objectContaining({ id: 'a', x: 10, y: 100 - TAG_HEIGHT - 1, width: 40 })]);
  });

  it('stacks tags of spans starting together (nested spans) side by side', () => {
    const placed = placeTags([tag('outer', 10, 100), tag('inner', 10, 100), tag('next', 30, 100)], width);
    expect(placed.map((t) => t.x)).toEqual([10, 52, 94]);
  });

  it('starts every line afresh, whatever the order the spans came in', () => {
    const placed = placeTags([tag('line2', 10, 140), tag('line1b', 300, 100), tag('line1a', 280, 100)], width);
    expect(placed.map((t) => [t.id, t.x])).toEqual([['line1a', 280], ['line1b', 322], ['line2', 10]]);
  });
});
