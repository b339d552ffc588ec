/**
 * Sample packs shipped with the app, so a new user can try labeling before anyone sends them a
 * pack. Opening one imports it like any other pack.
 */
import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ChannelOutput } from '../../../shared/contract';

export type Sample = ChannelOutput<'packs:samples'>[number];

export function SamplePacks({ samples, opening, onOpen }: { samples: Sample[]; opening: string | null; onOpen: (sample: Sample) => void }) {
  if (samples.length === 0) return <Text c="dimmed" size="sm">No sample packs in this build.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {samples.map((sample) => (
        <Card key={sample.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text fw={600}>{sample.name}</Text>
              <Text size="xs" c="dimmed">{sample.description}</Text>
            </Stack>
            <Button
              variant="light"
              style={{ flexShrink: 0 }}
              data-testid={`open-sample-${sample.id}`}
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
