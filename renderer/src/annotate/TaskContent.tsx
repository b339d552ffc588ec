/**
 * What the annotator reads: the task's text, kept as written (pre-wrap), in the view's reading
 * column (a readable line length) and its own scrolling area so the labels below never scroll away
 * on a long document; or the task's image, for image classification. Task data this version cannot
 * show is reported honestly rather than silently left out.
 */
import { Alert, Box, Text } from '@mantine/core';
import type { DataKind } from '../../../shared/pack/labelConfig';
import type { Prediction, Task } from '../../../shared/pack/task';
import { assetUrl } from '../api';

/** The reading size of task text, times the profile's text size (settings/displaySettings.tsx). */
export const TASK_TEXT_SIZE = 'calc(var(--mantine-font-size-lg) * var(--loupe-task-text-scale, 1))';

export function PredictionNote({ prediction }: { prediction: Prediction }) {
  return (
    <Text size="xs" c="dimmed" data-testid="prediction-note">
      Pre-annotated by {prediction.model} {prediction.modelVersion}
      {prediction.score !== undefined ? ` (score ${prediction.score.toFixed(2)})` : ''} — check it, change it if needed.
    </Text>
  );
}

export function TaskContent({ packId, task, dataKind }: { packId: string; task: Task; dataKind: DataKind }) {
  if (dataKind === 'image' && task.data.image !== undefined) {
    // Image classification: the whole image, scaled down to fit (never up), with its file name for
    // reference. Its size was checked against the pixel cap when the pack was read.
    return (
      <Box ta="center">
        <img
          key={task.id}
          data-testid="task-image"
          src={assetUrl(packId, task.data.image)}
          alt={`Task ${task.id}`}
          style={{ maxWidth: '100%', maxHeight: '62vh', objectFit: 'contain', imageRendering: 'auto' }}
        />
        <Text size="xs" c="dimmed">{task.data.image.replace(/^assets\//, '')}</Text>
      </Box>
    );
  }
  if (task.data.text === undefined) {
    return (
      <Alert color="gray" title="Cannot show this task">
        This version of Loupe shows text and image tasks; this pack’s tasks are “{dataKind}” tasks.
      </Alert>
    );
  }
  return (
    <Box
      data-testid="task-text"
      lh={1.6}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: TASK_TEXT_SIZE }}
    >
      {task.data.text}
    </Box>
  );
}
