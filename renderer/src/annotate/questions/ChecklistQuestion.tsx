/** Instruction following: each constraint of the prompt marked pass, fail or not applicable (P / F / N), with a note. */
import { Button, Group, Kbd, Stack, Text } from '@mantine/core';
import type { ChecklistControl } from '../../../../shared/pack/labelConfig';
import { checklistConstraints } from '../../../../shared/questions';
import { withNote, withVerdict } from './edits';
import { QuestionText, Row } from './parts';
import type { QuestionViewProps } from './types';

const VERDICTS = [
  ['pass', 'Pass', 'P', 'green'],
  ['fail', 'Fail', 'F', 'red'],
  ['na', 'N/A', 'N', 'gray'],
] as const;

export function ChecklistQuestion({ control, task, result, focused, row, onResult, onFocusRow, onLeaveText }: QuestionViewProps<ChecklistControl, 'checklist'>) {
  return (
    <Stack gap={2}>
      {checklistConstraints(control, task).map((constraint) => {
        const item = result?.items[constraint.id];
        const active = focused && row === constraint.id;
        const noteNeeded = control.noteRequiredOnFail && item?.verdict === 'fail';
        return (
          <Row key={constraint.id} testId={`constraint-${control.id}-${constraint.id}`} focused={active} onFocusRow={() => onFocusRow(constraint.id)}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ flex: 1 }}>{constraint.text}</Text>
              <Group gap={4} wrap="nowrap" role="radiogroup">
                {VERDICTS.map(([verdict, label, key, color]) => (
                  <Button
                    key={verdict}
                    size="compact-xs"
                    tabIndex={-1}
                    role="radio"
                    aria-checked={item?.verdict === verdict}
                    data-testid={`verdict-${control.id}-${constraint.id}-${verdict}`}
                    data-selected={item?.verdict === verdict}
                    color={color}
                    variant={item?.verdict === verdict ? 'filled' : 'default'}
                    onClick={() => onResult(withVerdict(control.id, result, constraint.id, verdict))}
                    rightSection={active ? <Kbd size="xs">{key}</Kbd> : undefined}
                  >
                    {label}
                  </Button>
                ))}
              </Group>
            </Group>
            {(active || item?.note || noteNeeded) && (
              <QuestionText
                focusId={`${control.id}:note:${constraint.id}`}
                label={noteNeeded ? 'Why did it fail? (required)' : 'Note (optional)'}
                value={item?.note ?? ''}
                minRows={1}
                onChange={(text) => onResult(withNote(control.id, result, constraint.id, text), `${control.id}:note:${constraint.id}`)}
                onLeave={onLeaveText}
              />
            )}
          </Row>
        );
      })}
    </Stack>
  );
}
