// @vitest-environment happy-dom
/** Which pane a scroll key moves, by how much, and which keys a focused pane keeps for itself. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paneKeepsKey, panesToScroll, scrollTask, SCROLL_PANE } from '../../../renderer/src/keys/scrollPanes';

function pane(role: 'primary' | 'secondary', size = { clientHeight: 400, scrollHeight: 5000, scrollTop: 1000 }): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute(SCROLL_PANE, role);
  element.tabIndex = 0;
  for (const [key, value] of Object.entries(size)) Object.defineProperty(element, key, { value, configurable: true });
  element.scrollBy = vi.fn() as unknown as HTMLElement['scrollBy'];
  document.body.append(element);
  return element;
}
const movedBy = (element: HTMLElement) => (element.scrollBy as unknown as ReturnType<typeof vi.fn>).mock.calls.map(([options]) => (options as ScrollToOptions).top);

afterEach(() => document.body.replaceChildren());

describe('scroll panes', () => {
  it('moves every primary pane by the same amount when no pane has the focus', () => {
    const prompt = pane('secondary');
    const a = pane('primary');
    const b = pane('primary');
    expect(panesToScroll()).toEqual([a, b]);
    scrollTask('lineDown');
    scrollTask('pageUp');
    expect(movedBy(a)).toEqual([48, -340]);
    expect(movedBy(b)).toEqual([48, -340]);
    expect(movedBy(prompt)).toEqual([]);
  });

  it('moves only the pane that holds the focus, or contains it, to its start or end', () => {
    const prompt = pane('secondary');
    const response = pane('primary');
    const button = document.createElement('button');
    prompt.append(button);
    button.focus();
    scrollTask('bottom');
    expect(movedBy(prompt)).toEqual([5000 - 400 - 1000]);
    prompt.focus();
    scrollTask('top');
    expect(movedBy(prompt)).toEqual([3600, -1000]);
    expect(movedBy(response)).toEqual([]);
  });

  it('does nothing where nothing scrolls', () => {
    expect(scrollTask('lineDown')).toBe(0);
  });

  it('lets a focused pane keep the reading keys, but not Space, the task keys, or keys of a row inside it', () => {
    const response = pane('primary');
    const row = document.createElement('button');
    response.append(row);
    for (const key of ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']) expect(paneKeepsKey(response, key), key).toBe(true);
    for (const key of ['Space', 'ArrowRight', 'Enter', 'Shift+ArrowDown']) expect(paneKeepsKey(response, key), key).toBe(false);
    expect(paneKeepsKey(row, 'ArrowDown')).toBe(false);
    expect(paneKeepsKey(document.body, 'ArrowDown')).toBe(false);
  });
});
