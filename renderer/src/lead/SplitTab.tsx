/**
 * Splitting into packs: annotators, overlap (share of tasks answered by k people), gold rate and
 * seed. The plan is recomputed as the settings change, so the lead sees who gets what (and which
 * pairs will share how many tasks) before any file is written. The defaults come from the data
 * (no gold rate without gold) and never block on their own: k above the number of annotators is
 * taken as "all of them" and said so. Below, every pack the splits wrote: for whom, file, folder.
 */
import { Alert, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { plural } from '../../../shared/wording';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';
import type { ProjectInfo } from './ProjectView';
import { WrittenPacks } from './WrittenPacks';

type Plan = ChannelOutput<'project:planSplit'>;
type Written = ChannelOutput<'project:packs'>;

export function SplitTab({ info, onSplit }: { info: ProjectInfo; onSplit: () => void }) {
  const projectId = info.summary.id;
  const hasGold = info.summary.gold > 0;
  const [annotators, setAnnotators] = useState<string[]>([]);
  const [overlap, setOverlap] = useState<number>(20);
  const [k, setK] = useState<number>(2);
  const [goldRate, setGoldRate] = useState<number>(hasGold ? 10 : 0);
  const [written, setWritten] = useState<Written | null>(null);
  const [seed, setSeed] = useState('1');
  const [payAmount, setPayAmount] = useState<number | ''>('');
  const [payPer, setPayPer] = useState<'task' | 'hour'>('task');
  const [currency, setCurrency] = useState('USD');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // k beyond the team is everyone; overlap means nothing to a team of one.
  const effectiveK = Math.max(1, Math.min(k, annotators.length || 1));
  const settings = { annotators, overlap: annotators.length > 1 ? overlap / 100 : 0, k: effectiveK, goldRate: hasGold ? goldRate / 100 : 0, seed: seed || '1' };
  const key = JSON.stringify(settings);

  const loadWritten = useCallback(() => {
    call('project:packs', { projectId }).then(setWritten, (error) => notifyError(error, 'Could not list the packs written'));
  }, [projectId]);
  useEffect(loadWritten, [loadWritten]);

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
      notifyInfo('Packs written', `${plural(out.packs.length, 'pack')} in ${out.folder}`);
      emitAppEvent('split-written', { folder: out.folder, packs: out.packs.length });
      loadWritten();
      onSplit();
    } catch (error) {
      notifyError(error, 'The packs were not written');
    }
  };

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 5 }}>
        <TagsInput label="Annotators" description="Type a name, press Enter" value={annotators} onChange={setAnnotators} data-testid="split-annotators" />
        <NumberInput label="Overlap (%)" description={annotators.length === 1 ? 'None with one annotator' : 'Tasks answered by k people'} value={overlap} onChange={(v) => setOverlap(Number(v) || 0)} min={0} max={100} />
        <NumberInput label="People per overlapped task (k)" description={k > effectiveK && annotators.length > 0 ? `All ${annotators.length}: there are fewer than ${k} annotators` : 'How many answer each overlapped task'} value={k} onChange={(v) => setK(Number(v) || 1)} min={1} max={50} data-testid="split-k" />
        <NumberInput label="Gold (%)" description={hasGold ? `Share of each pack, from ${plural(info.summary.gold, 'gold task')}` : 'No gold in this project'} value={hasGold ? goldRate : 0} onChange={(v) => setGoldRate(Number(v) || 0)} min={0} max={95} disabled={!hasGold} data-testid="split-gold" />
        <TextInput label="Seed" description="Same seed, same packs" value={seed} onChange={(e) => setSeed(e.currentTarget.value)} />
      </SimpleGrid>
      <Group align="flex-end">
        <NumberInput label="Pay (optional)" description="Shown in each annotator's own dashboard" value={payAmount} onChange={(v) => setPayAmount(v === '' ? '' : Number(v))} min={0} decimalScale={4} w={200} data-testid="split-pay" />
        <TextInput label="Currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} w={90} />
        <SegmentedControl value={payPer} onChange={(v) => setPayPer(v as 'task' | 'hour')} data={[{ value: 'task', label: 'per task' }, { value: 'hour', label: 'per hour' }]} />
      </Group>
      {annotators.length === 0 && <Text size="sm" c="dimmed" data-testid="split-empty">Name the annotators above (a name, then Enter) to see who gets which tasks; then write one pack per person.</Text>}
      {problem && <Alert color="red" data-testid="split-problem">{problem}</Alert>}
      {plan && annotators.length > 0 && (
        <Stack gap="xs" data-testid="split-plan">
          <Text size="sm">{plural(plan.tasks, 'task')} · {plan.overlappedTasks} overlapped · {plural(plan.goldTasksUsed, 'gold task')} used</Text>
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
          <Group><Button onClick={() => void write()} data-testid="write-packs">Write {plural(plan.packs.length, 'pack')}…</Button></Group>
        </Stack>
      )}
      {written && <WrittenPacks packs={written} />}
    </Stack>
  );
}
