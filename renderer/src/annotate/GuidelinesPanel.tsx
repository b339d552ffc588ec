/**
 * The pack's guidelines beside the task (F1), so the annotator can check a rule without leaving
 * the task. An aside rather than a modal drawer: keys keep working while it is open.
 */
import { Box, ScrollArea, Text } from '@mantine/core';
import { SafeMarkdown } from '../markdown/SafeMarkdown';

export function GuidelinesPanel({ markdown }: { markdown: string }) {
  return (
    <Box
      component="aside"
      aria-label="Guidelines"
      data-testid="guidelines"
      w={400}
      style={{ flex: 'none', borderLeft: '1px solid var(--mantine-color-default-border)' }}
    >
      <ScrollArea h="100%" p="md" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Guidelines' }}>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb="xs">Guidelines</Text>
        {markdown.trim() ? <SafeMarkdown>{markdown}</SafeMarkdown> : <Text c="dimmed">This pack has no guidelines.</Text>}
      </ScrollArea>
    </Box>
  );
}
