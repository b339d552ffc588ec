/**
 * Splitting into packs: annotators, overlap (share of tasks answered by k people), gold rate and
 * seed. The plan is recomputed as the settings change, so the lead sees who gets what (and which
 * pairs will share how many tasks) before any file is written.
 */
import { Alert, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';

type Plan = ChannelOutput<'project:planSplit'>;

export function SplitTab({ projectId, onSplit }: { projectId: string; onSplit: () => void }) {
  const [annotators, setAnnotators] = useState<string[]>([]);
  const [overlap, setOverlap] = useState<number>(20);
  const [k, setK] = useState<number>(2);
  const [goldRate, setGoldRate] = useState<number>(10);
  const [seed, setSeed] = useState('1');
  const [payAmount, setPayAmount] = useState<number | ''>('');
  const [payPer, setPayPer] = useState<'task' | 'hour'>('task');
  const [currency, setCurrency] = useState('USD');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const settings = { annotators, overlap: overlap / 100, k, goldRate: goldRate / 100, seed: seed || '1' };
  const key = JSON.stringify(settings);

  useEffect(() => {
    if (annotators.length === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      call('project:planSplit', { projectId, settings: JSON.parse(key) as typeof settings }).then(
        (p) => live && (setPlan(p), setProblem(null)),
        (error: unknown) => live && (setPlan(null), setProblem(error instanceof Error ? error.message : String(error))),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` carries every setting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, projectId]);

  const write = async () => {
    try {
      const pay = payAmount === '' ? undefined : { per: payPer, amount: Number(payAmount), currency: currency.trim() || 'USD' };
      const out = await call('project:split', { projectId, settings, ...(pay ? { pay } : {}) });
      if (!out) return;
      notifyInfo('Packs written', `${out.packs.length} packs in ${out.folder}`);
      emitAppEvent('split-written', { folder: out.folder, packs: out.packs.length });
      onSplit();
    } catch (error) {
      notifyError(error, 'The packs were not written');
    }
  };

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 5 }}>
        <TagsInput label="Annotators" description="Type a name, press Enter" value={annotators} onChange={setAnnotators} data-testid="split-annotators" />
        <NumberInput label="Overlap (%)" description="Tasks answered by k people" value={overlap} onChange={(v) => setOverlap(Number(v) || 0)} min={0} max={100} />
        <NumberInput label="k" description="Annotators per overlapped task" value={k} onChange={(v) => setK(Number(v) || 1)} min={1} max={50} />
        <NumberInput label="Gold (%)" description="Share of each pack" value={goldRate} onChange={(v) => setGoldRate(Number(v) || 0)} min={0} max={95} />
        <TextInput label="Seed" description="Same seed, same packs" value={seed} onChange={(e) => setSeed(e.currentTarget.value)} />
      </SimpleGrid>
      <Group align="flex-end">
        <NumberInput label="Pay (optional)" description="Shown in each annotator's own dashboard" value={payAmount} onChange={(v) => setPayAmount(v === '' ? '' : Number(v))} min={0} decimalScale={4} w={200} data-testid="split-pay" />
        <TextInput label="Currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} w={90} />
        <SegmentedControl value={payPer} onChange={(v) => setPayPer(v as 'task' | 'hour')} data={[{ value: 'task', label: 'per task' }, { value: 'hour', label: 'per hour' }]} />
      </Group>
      {problem && <Alert color="red" data-testid="split-problem">{problem}</Alert>}
      {plan && annotators.length > 0 && (
        <Stack gap="xs" data-testid="split-plan">
          <Text size="sm">{plan.tasks} tasks · {plan.overlappedTasks} overlapped · {plan.goldTasksUsed} gold tasks used</Text>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>Annotator</Table.Th><Table.Th>Tasks</Table.Th><Table.Th>Overlapped</Table.Th><Table.Th>Gold</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {plan.packs.map((p) => (
                <Table.Tr key={p.annotator}><Table.Td>{p.annotator}</Table.Td><Table.Td>{p.taskIds.length}</Table.Td><Table.Td>{p.overlapped}</Table.Td><Table.Td>{p.gold}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {Object.keys(plan.shared).length > 0 && (
            <Text size="xs" c="dimmed">Shared tasks per pair: {Object.entries(plan.shared).map(([pair, n]) => `${pair.replace('|', ' & ')} ${n}`).join(' · ')}</Text>
          )}
          <Group><Button onClick={() => void write()} data-testid="write-packs">Write packs…</Button></Group>
        </Stack>
      )}
    </Stack>
  );
}
