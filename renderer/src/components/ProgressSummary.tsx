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

/** `compact`: for a header that must fit 1024 px; the counts in words show from a wide window up. */
export function ProgressSummary({ progress, testId, compact = false }: { progress: PackProgress; testId?: string; compact?: boolean }) {
  const { total, submitted, skipped, flagged } = progress;
  return (
    <Stack gap={4} data-testid={testId} miw={compact ? 120 : 220}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {doneCount(progress)} of {total} done
        </Text>
        {/* In a narrow header the counts wait for a wider window; the bar and its names still carry them. */}
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} visibleFrom={compact ? 'xl' : undefined}>
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
