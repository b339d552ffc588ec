/**
 * The reviewers' rejections and fixes of the annotator's own answers, newest first: what was
 * judged (the task's excerpt), why, and — for a fix — their answer beside the corrected one, in
 * words, so the lesson reads without opening the pack again.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { answerSummary } from '../../../shared/answerSummary';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer } from '../../../shared/pack/task';
import type { Dashboard } from '../../../shared/reviewContract';

type FeedbackItem = Dashboard['feedback'][number];

const VERDICTS: Record<FeedbackItem['verdict'], { label: string; color: string }> = {
  reject: { label: 'Rejected', color: 'red' },
  fix: { label: 'Fixed', color: 'orange' },
  // The stats leave acceptances out of the list; named here so an accepted row still reads right.
  accept: { label: 'Accepted', color: 'teal' },
};

function AnswerInWords({ title, config, answer }: { title: string; config: LabelConfig; answer: Answer }) {
  // No task text is passed: the excerpt may be shortened, and span quotes cut from it would be wrong.
  const lines = answerSummary(config, answer);
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">{title}</Text>
      {lines.map((line) => (
        <Text key={line.question} size="sm">
          <Text span fw={500}>{line.question}:</Text> {line.summary}
        </Text>
      ))}
    </div>
  );
}

function FeedbackCard({ item }: { item: FeedbackItem }) {
  const verdict = VERDICTS[item.verdict];
  const config = item.labelConfig;
  const reviewed = Date.parse(item.reviewedAt);
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`feedback-item-${item.taskId}`}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Badge color={verdict.color} variant="light">{verdict.label}</Badge>
            {item.reason && <Text size="sm" fw={600}>{item.reason}</Text>}
          </Group>
          <Text size="xs" c="dimmed" ta="right">
            {item.packName}
            {Number.isFinite(reviewed) && <> · {new Date(reviewed).toLocaleDateString()}</>}
          </Text>
        </Group>
        {item.comment && (
          <Text size="sm" style={{ borderLeft: '3px solid var(--mantine-color-default-border)', paddingLeft: 8, whiteSpace: 'pre-wrap' }}>
            {item.comment}
          </Text>
        )}
        {item.excerpt && <Text size="sm" c="dimmed" lineClamp={3}>{item.excerpt}</Text>}
        {config && (item.answer || item.fixedAnswer) && (
          <SimpleGrid cols={{ base: 1, sm: item.answer && item.fixedAnswer ? 2 : 1 }} spacing="sm">
            {item.answer && <AnswerInWords title="Your answer" config={config} answer={item.answer} />}
            {item.fixedAnswer && <AnswerInWords title="Corrected answer" config={config} answer={item.fixedAnswer} />}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

export function FeedbackList({ items }: { items: Dashboard['feedback'] }) {
  if (items.length === 0) return <Text size="sm" c="dimmed">No rejections or fixes from your reviewers.</Text>;
  return (
    <Stack gap="sm">
      {items.map((item, i) => (
        // A task id can recur across packs and reviews, so the key adds where and when.
        <FeedbackCard key={`${item.packName}-${item.taskId}-${item.reviewedAt}-${i}`} item={item} />
      ))}
    </Stack>
  );
}
