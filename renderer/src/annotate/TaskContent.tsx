/**
 * What the annotator reads: the task's text, kept as written (pre-wrap), in the view's reading
 * column (a readable line length) and its own scrolling area so the labels below never scroll away on a long document. Task data
 * this version cannot show is reported honestly rather than silently left out.
 */
import { Alert, Box, Text } from '@mantine/core';
import type { DataKind } from '../../../shared/pack/labelConfig';
import type { Prediction, Task } from '../../../shared/pack/task';

export function PredictionNote({ prediction }: { prediction: Prediction }) {
  return (
    <Text size="xs" c="dimmed" data-testid="prediction-note">
      Pre-annotated by {prediction.model} {prediction.modelVersion}
      {prediction.score !== undefined ? ` (score ${prediction.score.toFixed(2)})` : ''} — check it, change it if needed.
    </Text>
  );
}

export function TaskContent({ task, dataKind }: { task: Task; dataKind: DataKind }) {
  if (task.data.text === undefined) {
    return (
      <Alert color="gray" title="Cannot show this task">
        This version of Loupe shows text tasks only; this pack’s tasks are “{dataKind}” tasks.
      </Alert>
    );
  }
  return (
    <Box
      data-testid="task-text"
      fz="lg"
      lh={1.6}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {task.data.text}
    </Box>
  );
}
