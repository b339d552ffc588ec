/** A rubric: each dimension on its own scale; number keys score the focused dimension and move on. */
import { Stack, Text } from '@mantine/core';
import type { RubricControl } from '../../../../shared/pack/labelConfig';
import { targetResponse } from '../../../../shared/questions';
import { withScore } from './edits';
import { Row, ScalePicker } from './parts';
import type { QuestionViewProps } from './types';

export function RubricQuestion({ control, task, result, focused, row, showAnchors, onResult, onFocusRow, responseName }: QuestionViewProps<RubricControl, 'rubric'>) {
  const target = task.data.responses ? targetResponse(control, task) : null;
  return (
    <Stack gap={2}>
      {target && <Text size="xs" c="dimmed">Rates response {responseName(target.id)} · rubric {control.rubricVersion}</Text>}
      {control.dimensions.map((dimension) => {
        const active = focused && row === dimension.id;
        return (
          <Row key={dimension.id} testId={`dimension-${control.id}-${dimension.id}`} focused={active} onFocusRow={() => onFocusRow(dimension.id)}>
            <Text size="sm" fw={500}>
              {dimension.name}
              {dimension.description && <Text span size="xs" c="dimmed"> — {dimension.description}</Text>}
            </Text>
            <ScalePicker
              scale={dimension.scale}
              value={result?.scores[dimension.id]}
              showKeys={active}
              showAnchors={showAnchors && active}
              testId={`score-${control.id}-${dimension.id}`}
              onPick={(value) => onResult(withScore(control, result, dimension.id, value))}
            />
          </Row>
        );
      })}
    </Stack>
  );
}
