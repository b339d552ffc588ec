/**
 * How good the answers are: accuracy on gold per annotator and per label (charts), and agreement
 * on overlapped tasks per question — Krippendorff's alpha at the level the lead picks, Fleiss'
 * kappa, Cohen's kappa or F1 per annotator pair, agreement per label. A project without gold
 * shows no gold charts, and every empty part says what would fill it.
 */
import { Badge, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { QualityView } from '../../../shared/projectContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { plural } from '../../../shared/wording';
import { notifyError } from '../notify';
import { Bars } from './charts';
import type { ProjectInfo } from './ProjectView';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

export function QualityTab({ info }: { info: ProjectInfo }) {
  const projectId = info.summary.id;
  const hasGold = info.summary.gold > 0;
  const [level, setLevel] = useState<'nominal' | 'ordinal' | 'interval'>('nominal');
  const [quality, setQuality] = useState<QualityView | null>(null);
  useEffect(() => {
    call('project:quality', { projectId, level }).then((q) => {
      setQuality(q);
      emitAppEvent('quality-shown', { questions: q.agreement.length });
    }, (error) => notifyError(error, 'Could not compute quality'));
  }, [projectId, level]);
  if (!quality) return null;
  return (
    <Stack gap="lg">
      <Title order={4}>Accuracy on gold</Title>
      {!hasGold && <Text size="sm" c="dimmed" data-testid="quality-no-gold">This project has no gold tasks. To score annotators, create a project whose tasks carry gold (a <code>gold</code> field in Loupe JSONL, or another tool’s annotations imported as gold).</Text>}
      {hasGold && quality.gold.byAnnotator.length === 0 && <Text size="sm" c="dimmed" data-testid="quality-no-gold-answers">No answers to the {plural(info.summary.gold, 'gold task')} yet: split with a gold rate, and import the results packs in Overview.</Text>}
      {quality.gold.byAnnotator.length > 0 && (
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Bars title="Gold accuracy per annotator" testId="chart-gold-annotators" percent x="annotator"
          data={quality.gold.byAnnotator.map((a) => ({ annotator: a.annotator, accuracy: a.accuracy }))}
          series={[{ key: 'accuracy', name: 'Accuracy', color: 'var(--mantine-color-grape-6)' }]} />
        <Bars title="Gold accuracy per label" testId="chart-gold-labels" percent x="label"
          data={quality.gold.byLabel.map((l) => ({ label: l.label, accuracy: l.accuracy }))}
          series={[{ key: 'accuracy', name: 'Accuracy', color: 'var(--mantine-color-indigo-6)' }]} />
      </SimpleGrid>
      )}
      <Group justify="space-between">
        <Title order={4}>Agreement on overlapped tasks</Title>
        <Group gap="xs">
          <Text size="sm">Krippendorff’s alpha level</Text>
          <SegmentedControl size="xs" value={level} onChange={(v) => setLevel(v as typeof level)} data={['nominal', 'ordinal', 'interval']} data-testid="alpha-level" />
        </Group>
      </Group>
      {quality.agreement.length === 0 && <Text size="sm" c="dimmed" data-testid="quality-no-agreement">No task has answers from two annotators yet. Agreement needs overlap: in Split, set an overlap above 0 % with k of 2 or more, then import everyone’s results.</Text>}
      {quality.agreement.map((q) => (
        <Stack key={`${q.question}-${q.measure}`} gap={4} data-testid={`agreement-${q.question}-${q.measure}`}>
          <Group gap="xs">
            <Text fw={600}>{q.question}</Text><Badge variant="light">{q.measure}</Badge>
            <Text size="sm">{plural(q.items, 'item')} · α ({q.level}) <b data-testid="alpha">{fmt(q.alpha)}</b> · Fleiss κ {fmt(q.fleiss)}</Text>
          </Group>
          <Table withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>Pair</Table.Th><Table.Th>Shared items</Table.Th><Table.Th>Cohen’s κ</Table.Th><Table.Th>F1</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {q.pairs.map((p) => (
                <Table.Tr key={`${p.a}-${p.b}`}><Table.Td>{p.a} & {p.b}</Table.Td><Table.Td>{p.items}</Table.Td><Table.Td>{fmt(p.kappa)}</Table.Td><Table.Td>{fmt(p.f1)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {q.perLabel.length > 0 && (
            <Bars title="Agreement per label" testId={`chart-agreement-${q.question}`} percent x="label" height={160}
              data={q.perLabel.map((l) => ({ label: l.label, agreement: l.agreement }))}
              series={[{ key: 'agreement', name: 'Agreement', color: 'var(--mantine-color-teal-6)' }]} />
          )}
        </Stack>
      ))}
    </Stack>
  );
}
