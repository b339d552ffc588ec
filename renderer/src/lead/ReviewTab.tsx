/**
 * QA review for the lead: build a review sample (a random share, stratified, plus gold failures,
 * disagreements, unusually fast answers and flagged tasks; its makeup shown before writing), send
 * it as a review pack, bring verdicts back, read acceptance per annotator, label and reason, make
 * reviewers' fixes final, and send each annotator their feedback.
 */
import { Button, Checkbox, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { DEFAULT_REASONS, type SampleSettings } from '../../../shared/reviewContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';
import { Bars } from './charts';

type Makeup = ChannelOutput<'review:planSample'>;
type Acceptance = ChannelOutput<'review:acceptance'>;

const list = (record: Record<string, number>) => Object.entries(record).map(([k, n]) => `${k} ${n}`).join(' · ') || '—';

export function ReviewTab({ projectId }: { projectId: string }) {
  const [settings, setSettings] = useState<SampleSettings>({ percent: 0.1, stratify: 'annotator', goldFailures: true, lowAgreement: true, fastFactor: 0.3, flagged: true, seed: '1' });
  const [makeup, setMakeup] = useState<Makeup | null>(null);
  const [acceptance, setAcceptance] = useState<Acceptance | null>(null);
  const key = JSON.stringify(settings);
  useEffect(() => {
    let live = true;
    call('review:planSample', { projectId, settings: JSON.parse(key) as SampleSettings }).then((m) => live && setMakeup(m), (error) => notifyError(error, 'Could not plan the sample'));
    return () => {
      live = false;
    };
  }, [projectId, key]);
  const loadAcceptance = useCallback(() => {
    call('review:acceptance', { projectId }).then(setAcceptance, (error) => notifyError(error, 'Could not read the verdicts'));
  }, [projectId]);
  useEffect(loadAcceptance, [loadAcceptance]);
  const patch = (p: Partial<SampleSettings>) => setSettings((s) => ({ ...s, ...p }));

  const run = async <T,>(what: string, fn: () => Promise<T | null>, done: (out: T) => void) => {
    try {
      const out = await fn();
      if (out !== null) done(out);
    } catch (error) {
      notifyError(error, what);
    }
  };

  return (
    <Stack gap="lg">
      <Title order={5}>Review sample</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <NumberInput label="Random share (%)" value={Math.round(settings.percent * 100)} onChange={(v) => patch({ percent: Math.min(100, Math.max(0, Number(v) || 0)) / 100 })} min={0} max={100} data-testid="sample-percent" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>Stratify</Text>
          <SegmentedControl size="xs" value={settings.stratify} onChange={(v) => patch({ stratify: v as SampleSettings['stratify'] })} data={['none', 'annotator', 'label', 'both']} />
        </Stack>
        <TextInput label="Seed" value={settings.seed} onChange={(e) => patch({ seed: e.currentTarget.value || '1' })} />
      </SimpleGrid>
      <Group>
        <Checkbox label="Gold failures" checked={settings.goldFailures} onChange={(e) => patch({ goldFailures: e.currentTarget.checked })} />
        <Checkbox label="Annotators disagree" checked={settings.lowAgreement} onChange={(e) => patch({ lowAgreement: e.currentTarget.checked })} />
        <Checkbox label="Flagged" checked={settings.flagged} onChange={(e) => patch({ flagged: e.currentTarget.checked })} />
        <NumberInput size="xs" w={230} label="Unusually fast: under this share of the annotator's median time" value={settings.fastFactor} step={0.05} min={0} max={1} decimalScale={2} onChange={(v) => patch({ fastFactor: Number(v) || 0 })} />
      </Group>
      {makeup && (
        <Stack gap={2} data-testid="sample-makeup">
          <Text size="sm"><b>{makeup.items}</b> answers to review</Text>
          <Text size="xs" c="dimmed">Why: {list(makeup.byPick)}</Text>
          <Text size="xs" c="dimmed">Annotators: {list(makeup.byAnnotator)}</Text>
          <Text size="xs" c="dimmed">Labels: {list(makeup.byLabel)}</Text>
        </Stack>
      )}
      <Group>
        <Button disabled={!makeup?.items} data-testid="write-review-pack" onClick={() => void run('The review pack was not written', () => call('review:writePack', { projectId, settings, reasons: DEFAULT_REASONS }), (out) => {
          notifyInfo('Review pack written', `${out.items} items in ${out.path}`);
          emitAppEvent('review-pack-written', out);
        })}>Write review pack…</Button>
        <Button variant="default" data-testid="import-verdicts" onClick={() => void run('The verdicts were not imported', () => call('review:importVerdicts', { projectId }), (out) => {
          notifyInfo('Verdicts imported', out.map((o) => (o.ok ? `${o.added} verdicts` : o.message)).join('; '));
          emitAppEvent('verdicts-imported', { added: out.reduce((s, o) => s + o.added, 0) });
          loadAcceptance();
        })}>Import verdicts packs…</Button>
      </Group>
      {acceptance && acceptance.reviewed > 0 && (
        <Stack gap="sm" data-testid="acceptance">
          <Title order={5}>Acceptance ({acceptance.reviewed} reviewed)</Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Bars title="Acceptance per annotator" testId="chart-acceptance" percent x="annotator" data={acceptance.byAnnotator.map((a) => ({ annotator: a.annotator, rate: a.rate }))} series={[{ key: 'rate', name: 'Accepted', color: 'var(--mantine-color-teal-6)' }]} />
            <Bars title="Rejections and fixes by reason" testId="chart-reasons" x="reason" data={acceptance.byReason.map((r) => ({ reason: r.reason, count: r.count }))} series={[{ key: 'count', name: 'Items', color: 'var(--mantine-color-red-6)' }]} />
          </SimpleGrid>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>Annotator</Table.Th><Table.Th>Reviewed</Table.Th><Table.Th>Accepted</Table.Th><Table.Th>Rejected</Table.Th><Table.Th>Fixed</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{acceptance.byAnnotator.map((a) => <Table.Tr key={a.annotator}><Table.Td>{a.annotator}</Table.Td><Table.Td>{a.reviewed}</Table.Td><Table.Td>{a.accepted}</Table.Td><Table.Td>{a.rejected}</Table.Td><Table.Td>{a.fixed}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
          <Group>
            <Button variant="light" disabled={acceptance.fixes === 0} data-testid="apply-fixes" onClick={() => void run('The fixes were not applied', () => call('review:applyFixes', { projectId }), (out) => {
              notifyInfo('Fixes applied', `${out.applied} fixed answers are now final`);
              emitAppEvent('fixes-applied', out);
            })}>Use the {acceptance.fixes} fixes as final answers</Button>
            <Button variant="light" data-testid="export-feedback" onClick={() => void run('The feedback was not exported', () => call('review:exportFeedback', { projectId }), (out) => {
              notifyInfo('Feedback packs written', `${out.packs.length} packs in ${out.folder}`);
              emitAppEvent('feedback-exported', out);
            })}>Export feedback for each annotator…</Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
