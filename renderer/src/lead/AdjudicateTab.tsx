/**
 * Adjudication: the tasks where annotators disagree, one at a time, every answer side by side
 * (in words: labels, spans, counts of boxes by label, scores), the majority's answer, and the gold
 * where there is one. The lead picks one (keys 1–9 by column, M for the majority) as final, or
 * edits one into a merged answer with the annotator's tools. M on a tie does nothing and says why.
 */
import { Badge, Button, Card, Group, Kbd, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { answerSummary } from '../../../shared/answerSummary';
import type { Answer } from '../../../shared/pack/task';
import { call } from '../api';
import { useCommandHandlers } from '../keys/commands';
import { emitAppEvent } from '../appEvents';
import { plural } from '../../../shared/wording';
import { notifyError, notifyInfo } from '../notify';
import { FixPanel } from '../review/FixPanel';
import type { ProjectInfo } from './ProjectView';

type Item = ChannelOutput<'project:disagreements'>[number];
type Answers = ChannelOutput<'project:taskAnswers'>;

function AnswerCard({ title, answer, info, text, chosen, onPick, keyHint, testId }: { title: string; answer: Answer; info: ProjectInfo; text?: string; chosen: boolean; onPick?: () => void; keyHint?: string; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId} style={chosen ? { borderColor: 'var(--mantine-color-teal-6)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{title}</Text>
        {chosen && <Badge color="teal">final</Badge>}
      </Group>
      <Stack gap={2}>
        {answerSummary(info.labelConfig, answer, text).map((line) => (
          <Text key={line.question} size="sm"><Text span c="dimmed">{line.question}: </Text>{line.summary}</Text>
        ))}
      </Stack>
      {onPick && <Button mt="xs" size="xs" variant="light" onClick={onPick} rightSection={keyHint ? <Kbd size="xs">{keyHint}</Kbd> : undefined}>Use this</Button>}
    </Card>
  );
}

export function AdjudicateTab({ info }: { info: ProjectInfo }) {
  const projectId = info.summary.id;
  const [items, setItems] = useState<Item[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers | null>(null);
  // Merging: the lead edits an answer (starting from the majority, or the first annotator's) with the annotator's tools.
  const [editing, setEditing] = useState<Answer | null>(null);
  const loadList = useCallback(() => {
    call('project:disagreements', { projectId }).then((list) => {
      setItems(list);
      setCurrent((c) => c ?? list.find((i) => !i.decided)?.taskId ?? list[0]?.taskId ?? null);
    }, (error) => notifyError(error, 'Could not list disagreements'));
  }, [projectId]);
  useEffect(loadList, [loadList]);
  useEffect(() => {
    if (!current) return;
    call('project:taskAnswers', { projectId, taskId: current }).then(setAnswers, (error) => notifyError(error, 'Could not read the answers'));
  }, [projectId, current]);

  const pick = async (pickInput: ChannelInput<'project:adjudicate'>['pick']) => {
    if (!current) return;
    setEditing(null);
    try {
      await call('project:adjudicate', { projectId, taskId: current, pick: pickInput });
      emitAppEvent('adjudicated', { taskId: current });
      const next = items?.find((i) => !i.decided && i.taskId !== current)?.taskId ?? current;
      loadList();
      setCurrent(next);
      if (next === current) setAnswers(await call('project:taskAnswers', { projectId, taskId: current }));
    } catch (error) {
      notifyError(error, 'The final answer was not saved');
    }
  };
  const majorityForAll = async () => {
    try {
      const out = await call('project:applyMajority', { projectId });
      notifyInfo('Majority applied', `${plural(out.decided, 'task')} decided; ${out.ties === 0 ? 'no ties' : `${plural(out.ties, 'tie')} left for you to pick`}`);
      emitAppEvent('majority-applied', out);
      loadList();
    } catch (error) {
      notifyError(error, 'The majority was not applied');
    }
  };

  // Keys while this tab is open, through the one keymap (so its guard for text fields and dialogs
  // applies): 1–9 pick an annotator's answer, M the majority's. None while editing a merged answer.
  const pickKeys = new Map<string, () => void>();
  if (!editing && answers) {
    answers.answers.filter((a) => a.status === 'submitted').slice(0, 9).forEach((a, i) => pickKeys.set(String(i + 1), () => void pick({ annotator: a.annotatorId })));
    pickKeys.set('M', answers.majority ? () => void pick({ majority: true }) : () => {
      const n = answers.answers.filter((a) => a.status === 'submitted').length;
      notifyInfo('No majority to take', `The ${n} answers are tied, so there is no majority for task ${answers.task.id}. Pick one with 1–${Math.min(9, n)}, or edit one into a final answer.`);
      emitAppEvent('majority-tied', { taskId: answers.task.id });
    });
  }
  useCommandHandlers({}, { context: 'labeling', labelKeys: pickKeys });

  if (!items) return null;
  const text = answers?.task.data.text;
  const submitted = answers?.answers.filter((a) => a.status === 'submitted') ?? [];
  return (
    <Group align="flex-start" wrap="nowrap" gap="md">
      <Stack w={300} gap="xs">
        <Button variant="light" onClick={() => void majorityForAll()} data-testid="majority-all">Majority vote for the rest</Button>
        <Text size="xs" c="dimmed">{items.length === 0 ? 'No disagreements yet.' : `${items.filter((i) => !i.decided).length} of ${plural(items.length, 'disagreement')} still to decide`}</Text>
        {items.length === 0 && <Text size="sm" c="dimmed" data-testid="adjudicate-empty">Disagreements appear here once two annotators answer the same task differently: split with overlap, then import their results packs in Overview.</Text>}
        <ScrollArea h={480}>
          <Table highlightOnHover data-testid="disagreements">
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.taskId} onClick={() => setCurrent(item.taskId)} style={{ cursor: 'pointer', background: item.taskId === current ? 'var(--mantine-color-default-hover)' : undefined }}>
                  <Table.Td><Text size="sm" fw={item.taskId === current ? 700 : 400}>{item.taskId}</Text><Text size="xs" c="dimmed" lineClamp={1}>{item.summary}</Text></Table.Td>
                  <Table.Td>{item.decided ? <Badge color="teal" size="xs">decided</Badge> : <Badge color="orange" size="xs">open</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
      {answers && (
        <Stack style={{ flex: 1 }} gap="sm" data-testid="adjudication">
          <Card withBorder padding="sm">
            <Text size="xs" c="dimmed">Task {answers.task.id}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }} lineClamp={8}>{text ?? answers.task.data.image?.replace(/^assets\//, '') ?? (typeof answers.task.data.prompt === 'string' ? answers.task.data.prompt : 'Conversation')}</Text>
          </Card>
          <SimpleGrid cols={{ base: 1, md: Math.min(3, Math.max(1, submitted.length)) }}>
            {submitted.map((a, i) => (
              <AnswerCard key={a.annotatorId} testId={`answer-${a.annotatorId}`} title={a.annotatorName} answer={a.answer} info={info} text={text}
                chosen={answers.final?.fromAnnotator === a.annotatorId} onPick={() => void pick({ annotator: a.annotatorId })} keyHint={i < 9 ? String(i + 1) : undefined} />
            ))}
          </SimpleGrid>
          {editing ? (
            // Images are served from one of the project's packs in this store (every split pack holds its tasks' images).
            <FixPanel packId={answers.answers[0]?.packId ?? projectId} task={answers.task} config={info.labelConfig} initial={editing} title="Merging into a final answer" saveLabel="Use as final (Enter)" onSave={(answer) => void pick({ answer })} onCancel={() => setEditing(null)} />
          ) : (
            <Group>
              <Button variant="default" size="xs" data-testid="edit-final" onClick={() => setEditing(answers.final?.answer ?? answers.majority ?? submitted[0]?.answer ?? [])}>Edit and use as final (merge)…</Button>
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {answers.majority ? (
              <AnswerCard testId="answer-majority" title="Majority" answer={answers.majority} info={info} text={text} chosen={answers.final?.method === 'majority'} onPick={() => void pick({ majority: true })} keyHint="M" />
            ) : (
              <Card withBorder padding="sm" data-testid="answer-majority-tied"><Text fw={600}>Majority</Text><Text size="sm" c="dimmed">None: the answers are tied. Pick one, or edit one into the final answer.</Text></Card>
            )}
            {answers.gold && <AnswerCard testId="answer-gold" title="Gold" answer={answers.gold} info={info} text={text} chosen={false} />}
          </SimpleGrid>
        </Stack>
      )}
    </Group>
  );
}
