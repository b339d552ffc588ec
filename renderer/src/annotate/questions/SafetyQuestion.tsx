/**
 * A safety and policy review: flag what applies from the pack's taxonomy, each flag with a
 * severity and, optionally, the passage it is about (quoted from a response). The focused flag's
 * policy text is shown beside it, so the annotator never judges from memory. "No concerns" is an
 * explicit answer, different from not having looked.
 */
import { Alert, Badge, Button, Checkbox, Group, Kbd, Stack, Text } from '@mantine/core';
import type { SafetyControl } from '../../../../shared/pack/labelConfig';
import { noConcerns, withExcerpt, withFlagToggled, withSeverity } from './edits';
import { QuestionText, Row, ScalePicker } from './parts';
import type { QuestionViewProps } from './types';

export function SafetyQuestion({ control, result, focused, row, showAnchors, onResult, onFocusRow, onLeaveText, responseName }: QuestionViewProps<SafetyControl, 'safety'>) {
  const clean = result !== undefined && result.flags.length === 0;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Button
          size="compact-sm"
          tabIndex={-1}
          variant={clean ? 'filled' : 'default'}
          color="teal"
          data-testid={`no-concerns-${control.id}`}
          data-selected={clean}
          onClick={() => onResult(noConcerns(control.id))}
          rightSection={focused ? <Kbd size="xs">C</Kbd> : undefined}
        >
          No concerns
        </Button>
        {result && result.flags.length > 0 && <Text size="xs" c="dimmed">{result.flags.length} flagged</Text>}
      </Group>
      {control.labels.map((label) => {
        const flag = result?.flags.find((f) => f.label === label.id);
        const active = focused && row === label.id;
        const policy = control.policies[label.id];
        return (
          <Row key={label.id} testId={`flag-${control.id}-${label.id}`} focused={active} onFocusRow={() => onFocusRow(label.id)}>
            <Group gap="xs" wrap="nowrap">
              <Checkbox
                tabIndex={-1}
                checked={flag !== undefined}
                color={label.color}
                aria-label={`Flag ${label.name}`}
                data-testid={`flag-toggle-${control.id}-${label.id}`}
                onChange={() => onResult(withFlagToggled(control.id, result, label.id))}
              />
              <Text size="sm" fw={flag ? 600 : 400} style={{ flex: 1 }}>
                <span style={{ color: label.color }}>●</span> {label.name}
              </Text>
              {active && <Kbd size="xs">X</Kbd>}
            </Group>
            {flag && (
              <Stack gap={4} pl={32} mt={2}>
                <ScalePicker
                  scale={control.severities}
                  value={flag.severity}
                  showKeys={active}
                  showAnchors={showAnchors && active}
                  testId={`severity-${control.id}-${label.id}`}
                  color="red"
                  onPick={(value) => onResult(withSeverity(control.id, result, label.id, value))}
                />
                {control.excerpts && (active || flag.excerpt) && (
                  <QuestionText
                    focusId={`${control.id}:excerpt:${label.id}`}
                    label={flag.responseId ? `Excerpt (from response ${responseName(flag.responseId)})` : 'Excerpt (optional: select text in a response and press Alt+Q, or type it)'}
                    value={flag.excerpt ?? ''}
                    minRows={1}
                    onChange={(text) => onResult(withExcerpt(control.id, result, label.id, text, flag.responseId), `${control.id}:excerpt:${label.id}`)}
                    onLeave={onLeaveText}
                  />
                )}
              </Stack>
            )}
            {active && policy && (
              <Alert variant="light" color="gray" p={6} mt={4} title={<Badge size="xs" variant="light">Policy</Badge>} data-testid={`policy-${control.id}-${label.id}`}>
                <Text size="xs">{policy}</Text>
              </Alert>
            )}
          </Row>
        );
      })}
    </Stack>
  );
}
