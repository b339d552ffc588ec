/**
 * A pack's progress in words and as a bar: done (submitted + skipped) of total, with the
 * submitted / skipped / flagged counts. Shared by the recent-packs list and the annotator header
 * so both count the same way.
 */
import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Progress as PackProgress } from '../../../shared/contract';

export function doneCount(progress: PackProgress): number {
  return progress.submitted + progress.skipped;
}

function percent(part: number, total: number): number {
  return total > 0 ? (part / total) * 100 : 0;
}

export function ProgressSummary({ progress, testId }: { progress: PackProgress; testId?: string }) {
  const { total, submitted, skipped, flagged } = progress;
  return (
    <Stack gap={4} data-testid={testId} miw={220}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {doneCount(progress)} of {total} done
        </Text>
        <Text size="xs" c="dimmed">
          {submitted} submitted · {skipped} skipped · {flagged} flagged
        </Text>
      </Group>
      {/* A group holding two bars, each named with its count: a screen reader says "3 of 24 submitted". */}
      <Progress.Root size="sm" role="group" aria-label={`${doneCount(progress)} of ${total} tasks done`}>
        <Progress.Section value={percent(submitted, total)} color="teal" aria-label="Submitted" aria-valuetext={`${submitted} of ${total} submitted`} />
        <Progress.Section value={percent(skipped, total)} color="yellow" aria-label="Skipped" aria-valuetext={`${skipped} of ${total} skipped`} />
      </Progress.Root>
    </Stack>
  );
}
