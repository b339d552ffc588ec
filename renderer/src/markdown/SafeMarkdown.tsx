/**
 * Markdown from a pack (guidelines, prompts, model responses) rendered as inert text. A pack is a file from someone else, so:
 * raw HTML is dropped (skipHtml; and no rehype-raw, so nothing can smuggle a script or handler in),
 * links do not navigate (they become text with the URL in a tooltip, after react-markdown's URL
 * filter has blanked `javascript:` and other unsafe schemes), and images are not loaded (their alt
 * text is shown instead), so opening guidelines never reaches outside the app.
 */
import { Text, Title, Typography } from '@mantine/core';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
// Code blocks that name their language are highlighted (model answers are full of code); no
// guessing for the rest, which keeps plain text plain and the cost bounded.
import rehypeHighlight from 'rehype-highlight';
// GitHub-flavoured markdown: guidelines lean on tables (label | key | when to use it) and task lists.
import remarkGfm from 'remark-gfm';

const components: Components = {
  // Guidelines sit in a narrow panel: headings step down so an h1 does not fill it.
  h1: ({ children }) => <Title order={3}>{children}</Title>,
  h2: ({ children }) => <Title order={4}>{children}</Title>,
  h3: ({ children }) => <Title order={5}>{children}</Title>,
  a: ({ href, children }) => (
    <Text span td="underline" title={href ? defaultUrlTransform(href) || undefined : undefined} data-link="inert">
      {children}
    </Text>
  ),
  // A code block wider than its pane scrolls sideways: focusable, so the arrows reach its end.
  pre: ({ children }) => (
    <pre tabIndex={0} aria-label="Code">
      {children}
    </pre>
  ),
  img: ({ alt }) => (
    <Text span c="dimmed" fs="italic">
      [image{alt ? `: ${alt}` : ''}]
    </Text>
  ),
};

export function SafeMarkdown({ children }: { children: string }) {
  return (
    <Typography>
      <Markdown skipHtml remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeHighlight, { detect: false }]]} components={components}>
        {children}
      </Markdown>
    </Typography>
  );
}
