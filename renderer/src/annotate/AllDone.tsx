/**
 * Past the last task: the pack's final counts and the next step, exporting the results pack to
 * hand back. Tasks still open are counted so "done" never hides unfinished work.
 */
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import type { Progress } from '../../../shared/contract';
import { ProgressSummary, doneCount } from '../components/ProgressSummary';
import { KeyChord } from '../keys/CheatSheet';

export function AllDone({ progress, onExport, onHome }: { progress: Progress; onExport: () => void; onHome: () => void }) {
  const open = progress.total - doneCount(progress);
  return (
    <Center h="100%" data-testid="all-done">
      <Stack align="center" gap="md" maw={520}>
        <Title order={2}>All tasks done</Title>
        <ProgressSummary progress={progress} />
        {open > 0 && (
          <Text c="dimmed" ta="center">
            {open} task{open === 1 ? ' is' : 's are'} still open (not submitted or skipped). Press <KeyChord keyName="ArrowLeft" /> to go back.
          </Text>
        )}
        <Button size="md" data-testid="export-results" onClick={onExport} rightSection={<KeyChord keyName="Mod+E" />}>
          Export results pack…
        </Button>
        <Button variant="subtle" onClick={onHome}>Back to home</Button>
      </Stack>
    </Center>
  );
}
