/**
 * The QA reviewer's read-only view of one annotator's answer beside a comparison answer (the gold
 * answer or a second annotator's): the task as the annotator saw it with the differences drawn on
 * it (spans over the text, regions over the image), then every question in a two-column table.
 * Without a comparison it draws the reviewed answer alone and the table's other column reads "—".
 *
 * All of the comparing is shared/answerDiff.ts; this file only lays the pieces out.
 */
import { Box, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { diffAnswers, type DiffRegion, type DiffSpan, type QuestionDiff } from '../../../shared/answerDiff';
import type { Control, LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../shared/pack/task';
import { ConversationView } from '../annotate/conversation/ConversationView';
import { assetUrl } from '../api';
import { DiffImage, type RegionQuestion } from './DiffImage';
import { DiffTable } from './DiffTable';
import { DiffText } from './DiffText';

export interface ReviewDiffProps {
  packId: string;
  task: Task;
  config: LabelConfig;
  /** The answer under review. */
  reviewed: Answer;
  /** The gold answer or a second annotator's; null when there is none to compare with. */
  compare: Answer | null;
  /** Who gave the comparison ("Gold", "Annotator B"), for headings and tooltips. */
  compareName: string;
  reviewedName: string;
}

type SpansControl = Extract<Control, { kind: 'spans' }>;

function reviewedSpans(answer: Answer, controlId: string): DiffSpan[] {
  const result = answer.find((r) => r.controlId === controlId);
  return result?.kind === 'spans' ? result.spans : [];
}

function reviewedRegions(answer: Answer, controlId: string): DiffRegion[] {
  const result = answer.find((r) => r.controlId === controlId);
  return result?.kind === 'boxes' ? result.boxes : result?.kind === 'polygons' ? result.polygons : [];
}

/** The task as the annotator saw it, with the spans or regions questions' differences drawn on it. */
function TaskPane({ packId, task, config, reviewed, compare, compareName, reviewedName, rows }: ReviewDiffProps & { rows: QuestionDiff[] }) {
  const text = task.data.text;
  const rowOf = (id: string) => rows.find((r) => r.controlId === id);
  if (config.data === 'conversation') {
    // A fixed height: long responses scroll inside it, and the table stays in reach below.
    return (
      <Box h={380} style={{ overflow: 'auto' }}>
        <ConversationView task={task} />
      </Box>
    );
  }
  if (config.data === 'image') {
    if (!task.data.image) return <Text c="dimmed">This task has no image to show.</Text>;
    const questions: RegionQuestion[] = config.controls.flatMap((control) =>
      control.kind === 'boxes' || control.kind === 'polygons' ? [{ control, reviewed: reviewedRegions(reviewed, control.id), diff: rowOf(control.id)?.regions }] : [],
    );
    return (
      <DiffImage
        // A new image starts unmeasured, so the last image's size never frames this one's regions.
        key={task.data.image}
        src={assetUrl(packId, task.data.image)}
        alt={`Task ${task.id}`}
        questions={questions}
        reviewedName={reviewedName}
        compareName={compareName}
        hasCompare={compare !== null}
      />
    );
  }
  if (text === undefined) return <Text c="dimmed">This task has no text to show.</Text>;
  const spansControls = config.controls.filter((c): c is SpansControl => c.kind === 'spans');
  if (spansControls.length === 0) {
    return (
      <Box data-testid="diff-text" p="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '50vh', overflowY: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
        {text}
      </Box>
    );
  }
  return spansControls.map((control) => (
    <Stack key={control.id} gap={4}>
      {spansControls.length > 1 && <Title order={6}>{control.title ?? control.id}</Title>}
      <DiffText text={text} control={control} spans={reviewedSpans(reviewed, control.id)} diff={rowOf(control.id)?.spans} compareName={compareName} />
    </Stack>
  ));
}

export function ReviewDiff(props: ReviewDiffProps) {
  const { config, reviewed, compare, task, reviewedName, compareName } = props;
  const text = task.data.text;
  const rows = useMemo(() => diffAnswers(config, reviewed, compare, { text }), [config, reviewed, compare, text]);
  return (
    <Stack gap="md" data-testid="review-diff">
      <TaskPane {...props} rows={rows} />
      <DiffTable rows={rows} reviewedName={reviewedName} compareName={compareName} />
    </Stack>
  );
}
