/**
 * Packs opened before, most recent first, with how far along each is and a button to carry on
 * where the annotator left off. Only task packs open in the annotator in this version.
 */
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { PackSummary } from '../../../shared/contract';
import { ProgressSummary, doneCount } from '../components/ProgressSummary';

export function RecentPacks({ packs, onResume }: { packs: PackSummary[]; onResume: (pack: PackSummary) => void }) {
  if (packs.length === 0) {
    return <Text c="dimmed" size="sm">No packs yet: open one, or try a sample below.</Text>;
  }
  return (
    <Stack gap="xs">
      {packs.map((pack) => (
        <Card key={pack.packId} withBorder padding="sm" data-testid={`recent-${pack.packId}`}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2} miw={0}>
              <Group gap="xs">
                <Text fw={600} lineClamp={1}>{pack.name}</Text>
                {pack.kind !== 'tasks' && <Badge variant="light">{pack.kind}</Badge>}
              </Group>
              <Text size="xs" c="dimmed">
                by {pack.author.name} · {pack.taskCount} task{pack.taskCount === 1 ? '' : 's'}
                {pack.openedAt ? ` · last opened ${new Date(pack.openedAt).toLocaleString()}` : ''}
              </Text>
            </Stack>
            <Group gap="md" wrap="nowrap">
              <ProgressSummary progress={pack.progress} />
              <Button
                data-testid={`resume-${pack.packId}`}
                disabled={pack.kind !== 'tasks'}
                title={pack.kind !== 'tasks' ? 'This version labels task packs only' : undefined}
                onClick={() => onResume(pack)}
              >
                {doneCount(pack.progress) === 0 && pack.progress.drafts === 0 ? 'Start' : 'Resume'}
              </Button>
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
