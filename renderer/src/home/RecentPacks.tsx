/**
 * Packs opened before, most recent first, with how far along each is and a button to carry on
 * where the person left off (task packs in the annotator, review packs in the reviewer's queue).
 */
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { PackSummary } from '../../../shared/contract';
import { ProgressSummary, doneCount } from '../components/ProgressSummary';
import { activeCardStyle } from './packFinder';

export interface RecentPacksProps {
  packs: readonly PackSummary[];
  /** The pack Enter opens from the find field, highlighted. */
  activeId: string | null;
  onResume: (pack: PackSummary) => void;
}

export function RecentPacks({ packs, activeId, onResume }: RecentPacksProps) {
  return (
    <Stack gap="xs" role="list" aria-label="Your packs">
      {packs.map((pack) => {
        const verb = doneCount(pack.progress) === 0 && pack.progress.drafts === 0 ? 'Start' : 'Resume';
        return (
          <Card key={pack.packId} role="listitem" withBorder padding="sm" data-testid={`recent-${pack.packId}`} data-active={activeId === pack.packId || undefined} style={activeCardStyle(activeId === pack.packId)}>
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
                <Button data-testid={`resume-${pack.packId}`} data-pack-open aria-label={`${verb} ${pack.name}`} onClick={() => onResume(pack)}>
                  {verb}
                </Button>
              </Group>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
