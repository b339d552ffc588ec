/**
 * Sample packs shipped with the app, so a new user can try labeling before anyone sends them a
 * pack. Each says what kind of task it is (text classification, spans, boxes, a rubric …), so a
 * person can pick the kind they came to try. Opening one imports it like any other pack.
 */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ChannelOutput } from '../../../shared/contract';
import { activeCardStyle } from './packFinder';

export type Sample = ChannelOutput<'packs:samples'>[number];

export interface SamplePacksProps {
  samples: readonly Sample[];
  opening: string | null;
  /** The sample Enter opens from the find field, highlighted. */
  activeId: string | null;
  onOpen: (sample: Sample) => void;
}

export function SamplePacks({ samples, opening, activeId, onOpen }: SamplePacksProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" role="list" aria-label="Sample packs">
      {samples.map((sample) => (
        <Card key={sample.id} role="listitem" withBorder padding="sm" data-testid={`sample-${sample.id}`} data-active={activeId === sample.id || undefined} style={activeCardStyle(activeId === sample.id)}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              <Text fw={600}>{sample.name}</Text>
              <Group gap={4}>
                <Badge variant="light" size="sm" tt="none" data-testid={`sample-kind-${sample.id}`}>{sample.taskKind}</Badge>
              </Group>
              <Text size="xs" c="dimmed">{sample.description}</Text>
            </Stack>
            <Button
              variant="light"
              style={{ flexShrink: 0 }}
              data-testid={`open-sample-${sample.id}`}
              data-pack-open
              aria-label={`Open sample ${sample.name}`}
              loading={opening === sample.id}
              disabled={opening !== null && opening !== sample.id}
              onClick={() => onOpen(sample)}
            >
              Open
            </Button>
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
