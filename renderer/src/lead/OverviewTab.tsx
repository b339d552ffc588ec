/**
 * Progress per annotator and pack, time per task, flags and skip reasons (each with the person's
 * name and id); bring results packs back. Before any result is in, it says what to do next.
 */
import { Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ProjectStatusView } from '../../../shared/projectContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { hoursWorked, plural } from '../../../shared/wording';
import { notifyError, notifyInfo } from '../notify';
import { Bars } from './charts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A person as the lead reads them: the name, and the id that tells two of the same name apart. */
const who = (name: string, id: string) => (name && name !== id ? `${name} (${id})` : id);

export function OverviewTab({ projectId }: { projectId: string }) {
  const [status, setStatus] = useState<ProjectStatusView | null>(null);
  const load = useCallback(() => {
    call('project:status', { projectId }).then((s) => {
      setStatus(s);
      emitAppEvent('project-status', { answered: s.answeredTasks });
    }, (error) => notifyError(error, 'Could not read the progress'));
  }, [projectId]);
  useEffect(load, [load]);

  const importResults = async () => {
    try {
      const outcomes = await call('project:importResults', { projectId });
      if (!outcomes) return;
      const failed = outcomes.filter((o) => !o.ok);
      const added = outcomes.reduce((sum, o) => sum + o.added, 0);
      notifyInfo('Results imported', `${plural(added, 'new answer')} from ${plural(outcomes.length - failed.length, 'pack')}${failed.length ? `; ${failed.length} refused: ${failed.map((f) => f.message).join(' ')}` : ''}`);
      emitAppEvent('results-imported', { added, refused: failed.length });
      load();
    } catch (error) {
      notifyError(error, 'The results were not imported');
    }
  };

  if (!status) return null;
  const answers = status.annotators.reduce((n, a) => n + a.submitted + a.skipped, 0);
  return (
    <Stack gap="lg">
      <Group>
        <Button onClick={() => void importResults()} data-testid="import-results">Import results packs…</Button>
        <Text size="sm" c="dimmed">{status.answeredTasks} of {plural(status.tasks + status.gold, 'task')} answered · {status.overlappedAnswered} by two or more</Text>
      </Group>
      {status.packs.length === 0 && answers === 0 ? (
        <Text size="sm" c="dimmed" data-testid="overview-empty">No packs yet. Next: in Split, name the annotators and write one pack per person; send them the files; when their results packs come back, import them here.</Text>
      ) : answers === 0 ? (
        <Text size="sm" c="dimmed" data-testid="overview-empty">{plural(status.packs.length, 'pack')} out, no results back yet. When an annotator sends their results pack (Ctrl+E in their app), import it here with the button above.</Text>
      ) : (
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Bars
          title="Progress per pack"
          testId="chart-progress"
          data={status.packs.map((p) => ({ pack: p.annotator, submitted: p.submitted, skipped: p.skipped, left: Math.max(0, p.tasks - p.submitted - p.skipped) }))}
          x="pack"
          stacked
          series={[
            { key: 'submitted', name: 'Submitted', color: 'var(--mantine-color-teal-6)' },
            { key: 'skipped', name: 'Skipped', color: 'var(--mantine-color-yellow-6)' },
            { key: 'left', name: 'Left', color: 'var(--mantine-color-gray-5)' },
          ]}
          counts
        />
        <Bars
          title="Time per task"
          testId="chart-time"
          data={status.timeHistogram.map((b, i, all) => ({ bucket: b.upToSeconds === null ? `> ${all[i - 1]?.upToSeconds ?? 0} s` : `≤ ${b.upToSeconds} s`, tasks: b.count }))}
          x="bucket"
          series={[{ key: 'tasks', name: 'Tasks', color: 'var(--mantine-color-blue-6)' }]}
          counts
        />
      </SimpleGrid>
      )}
      {status.annotators.length > 0 && (
      <Table striped data-testid="annotator-table">
        <Table.Thead>
          <Table.Tr><Table.Th>Annotator</Table.Th><Table.Th>Submitted</Table.Th><Table.Th>Skipped</Table.Th><Table.Th>Median time</Table.Th><Table.Th>90th percentile</Table.Th><Table.Th>Time worked</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {status.annotators.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{who(a.name, a.id)}</Table.Td><Table.Td>{a.submitted}</Table.Td><Table.Td>{a.skipped}</Table.Td>
              <Table.Td>{seconds(a.medianMs)}</Table.Td><Table.Td>{seconds(a.p90Ms)}</Table.Td><Table.Td>{hoursWorked(a.totalMs)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      )}
      {(status.flags.length > 0 || status.skips.length > 0) && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            <Title order={5}>Flags</Title>
            {status.flags.length === 0 && <Text size="sm" c="dimmed">None.</Text>}
            {status.flags.map((f) => <Text key={`${f.taskId}-${f.annotatorId}`} size="sm"><b>{f.taskId}</b> ({who(f.annotatorName, f.annotatorId)}): {f.comment || 'no comment'}</Text>)}
          </div>
          <div>
            <Title order={5}>Skip reasons</Title>
            {status.skips.length === 0 && <Text size="sm" c="dimmed">None.</Text>}
            {status.skips.map((s) => <Text key={`${s.taskId}-${s.annotatorId}`} size="sm"><b>{s.taskId}</b> ({who(s.annotatorName, s.annotatorId)}): {s.reason || 'no reason given'}</Text>)}
          </div>
        </SimpleGrid>
      )}
    </Stack>
  );
}
