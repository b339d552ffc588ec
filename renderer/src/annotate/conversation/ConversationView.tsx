/**
 * What an AI-evaluation task shows: the prompt (a string, or a conversation of system, user and
 * assistant turns) above the model responses, every part in safe Markdown with highlighted code.
 * One response fills the width; two sit side by side; more tile two to a row. Each response
 * scrolls on its own, so a long answer never pushes the other out of sight. Responses are named by
 * letter only (A, B, …): the model behind each is hidden, as blind comparison needs.
 *
 * Every response carries `data-response-id`, which is how a quoted excerpt finds its response.
 */
import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import type { Task } from '../../../../shared/pack/task';
import { responsesOf } from '../../../../shared/questions';
import { scrollPane } from '../../keys/scrollPanes';
import { SafeMarkdown } from '../../markdown/SafeMarkdown';

const ROLE_NAME = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

export const responseLetter = (index: number): string => String.fromCharCode(65 + (index % 26));

function Turn({ role, content }: { role: keyof typeof ROLE_NAME; content: string }) {
  return (
    <Box data-testid={`turn-${role}`} mb="xs" style={{ opacity: role === 'system' ? 0.8 : 1 }}>
      <Badge size="xs" variant={role === 'user' ? 'filled' : 'light'} color={role === 'assistant' ? 'grape' : role === 'system' ? 'gray' : 'blue'}>
        {ROLE_NAME[role]}
      </Badge>
      <SafeMarkdown>{content}</SafeMarkdown>
    </Box>
  );
}

export function ConversationView({ task }: { task: Task }) {
  const prompt = task.data.prompt ?? '';
  const responses = responsesOf(task);
  const columns = Math.min(responses.length, 2) || 1;
  return (
    // Task content reads at the profile's text size (one variable, settings/displaySettings.tsx).
    <Box style={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-sm)', minHeight: 0, fontSize: 'calc(var(--mantine-font-size-md) * var(--loupe-task-text-scale, 1))' }}>
      {/* Scrolling panes are focusable regions that the scroll keys move (keys/scrollPanes.ts), so long content reads from the keyboard. */}
      <Paper withBorder p="sm" data-testid="task-prompt" role="region" aria-label="Prompt" tabIndex={0} {...scrollPane('secondary')} style={{ maxHeight: '35%', overflowY: 'auto', flexShrink: 0 }}>
        {typeof prompt === 'string' ? <Turn role="user" content={prompt} /> : prompt.map((turn, i) => <Turn key={i} role={turn.role} content={turn.content} />)}
      </Paper>
      <Box
        style={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridAutoRows: `minmax(0, 1fr)`,
          gap: 'var(--mantine-spacing-sm)',
        }}
      >
        {responses.map((response, i) => (
          <Paper
            key={response.id}
            withBorder
            p="sm"
            data-testid={`response-${response.id}`}
            role="region"
            aria-label={`Response ${responseLetter(i)}`}
            tabIndex={0}
            {...scrollPane('primary')}
            style={{ overflowY: 'auto', minHeight: 160 }}
          >
            <Group justify="space-between" mb={4}>
              <Badge variant="outline" size="lg" radius="sm">{responseLetter(i)}</Badge>
              <Text size="xs" c="dimmed">{response.content.length.toLocaleString()} characters</Text>
            </Group>
            {/* Only the response's own text can be quoted as an excerpt, not the header above it. */}
            <Box data-response-id={response.id}>
              <SafeMarkdown>{response.content}</SafeMarkdown>
            </Box>
          </Paper>
        ))}
      </Box>
    </Box>
  );
}

/** The text selected inside one response, for a quoted excerpt; null when the selection is elsewhere. */
export function selectedExcerpt(selection: Selection | null = window.getSelection()): { responseId: string; text: string } | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const node = selection.getRangeAt(0).commonAncestorContainer;
  const element = node instanceof Element ? node : node.parentElement;
  const response = element?.closest<HTMLElement>('[data-response-id]');
  const text = selection.toString().trim();
  return response?.dataset.responseId && text ? { responseId: response.dataset.responseId, text } : null;
}
