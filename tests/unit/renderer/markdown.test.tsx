// @vitest-environment happy-dom
/** Guidelines come from someone else's file: they render as inert text, never as live HTML or links. */
import { cleanup, render } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeMarkdown } from '../../../renderer/src/markdown/SafeMarkdown';

afterEach(cleanup);

const hostile = [
  '# Guidelines',
  '',
  'Label **carefully**.',
  '',
  '<script>window.__pwned = true</script>',
  '',
  '<img src="x" onerror="window.__pwned = true">',
  '',
  'Inline <b onclick="window.__pwned = true">html</b> here.',
  '',
  '[run me](javascript:window.__pwned=true) and [docs](https://example.com/rules) and <https://example.org>',
  '',
  '![diagram](https://example.com/tracker.png)',
].join('\n');

function renderMarkdown(markdown: string) {
  return render(
    <MantineProvider env="test">
      <SafeMarkdown>{markdown}</SafeMarkdown>
    </MantineProvider>,
  ).container;
}

describe('guidelines markdown', () => {
  it('renders tables (label | key | when), as the sample guidelines use them', () => {
    const container = renderMarkdown('| Key | Label |\n|---|---|\n| `1` | Positive |\n| `2` | Negative |');
    const cells = [...container.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual(['1', 'Positive', '2', 'Negative']);
  });

  it('keeps ordinary markdown', () => {
    const container = renderMarkdown(hostile);
    expect(container.querySelector('h1, h2, h3')?.textContent).toBe('Guidelines');
    expect(container.querySelector('strong')?.textContent).toBe('carefully');
  });

  it('drops raw HTML: no script, no img, no event handler attributes', () => {
    const container = renderMarkdown(hostile);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.innerHTML).not.toMatch(/onerror|onclick/i);
    expect(container.textContent).not.toContain('__pwned');
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('creates no navigable links and shows safe URLs only as a tooltip', () => {
    const container = renderMarkdown(hostile);
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('[href]')).toBeNull();
    const links = [...container.querySelectorAll('[data-link="inert"]')];
    expect(links.map((l) => l.textContent)).toEqual(['run me', 'docs', 'https://example.org']);
    expect(links[0]!.getAttribute('title')).toBeNull(); // javascript: is blanked, not shown
    expect(links[1]!.getAttribute('title')).toBe('https://example.com/rules');
  });

  it('does not load images; it shows their alt text', () => {
    const container = renderMarkdown(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[src]')).toBeNull();
    expect(container.textContent).toContain('[image: diagram]');
  });
});
