/**
 * The questions of a label config, in order. Choices controls render as label buttons (colour,
 * name, hotkey; a picked label is filled and ticked, and announced as pressed). Kinds this version
 * cannot edit say so plainly instead of pretending; their answers in the pack stay untouched.
 *
 * Test ids: the active control's buttons are `label-<labelId>`; other choices controls use
 * `label-<controlId>-<labelId>` so ids stay unique when two controls share label ids.
 */
import { Alert, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { displayKey, normalizeKey } from '../../../shared/keymap';
import type { ChoicesControl, Control, LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer } from '../../../shared/pack/task';
import { isMac } from '../platform';
import { choicesLabels } from './answer';
import { EDITORS } from './editors';

interface ChoicesProps {
  control: ChoicesControl;
  picked: string[];
  active: boolean;
  onToggle: (labelId: string) => void;
}

function ChoicesControlView({ control, picked, active, onToggle }: ChoicesProps) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {control.title ?? control.id}
        <Text span size="xs" c="dimmed">
          {control.multiple ? ' — pick any' : ' — pick one'}
          {control.required ? '' : ' (optional)'}
        </Text>
      </Text>
      <Group gap="xs" role="group" aria-label={control.title ?? control.id}>
        {control.labels.map((label) => {
          const selected = picked.includes(label.id);
          const key = active && label.hotkey ? normalizeKey(label.hotkey) : null;
          return (
            <Button
              key={label.id}
              data-testid={active ? `label-${label.id}` : `label-${control.id}-${label.id}`}
              data-selected={selected}
              aria-pressed={selected}
              title={label.description}
              color={label.color}
              autoContrast
              variant={selected ? 'filled' : 'default'}
              style={selected ? undefined : { borderLeft: `4px solid ${label.color}` }}
              leftSection={selected ? '✓' : undefined}
              rightSection={key ? <Kbd size="xs">{displayKey(key, isMac())}</Kbd> : undefined}
              onClick={() => onToggle(label.id)}
            >
              {label.name}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}

function UnsupportedControl({ control }: { control: Control }) {
  return (
    <Alert color="gray" title={control.title ?? control.id} data-testid={`unsupported-${control.id}`}>
      This control kind (“{control.kind}”) is not supported in this version of Loupe. Any answer the
      pack already holds for it is kept as it is.
    </Alert>
  );
}

export interface ControlsPanelProps {
  config: LabelConfig;
  answer: Answer;
  activeControlId: string | null;
  onToggle: (control: ChoicesControl, labelId: string) => void;
}

export function ControlsPanel({ config, answer, activeControlId, onToggle }: ControlsPanelProps) {
  return (
    <Stack gap="md">
      {config.controls.map((control) =>
        // Spans and regions are edited in the main area by their editor (editors/index.ts).
        EDITORS[control.kind] ? null : control.kind === 'choices' ? (
          <ChoicesControlView
            key={control.id}
            control={control}
            picked={choicesLabels(answer, control.id)}
            active={control.id === activeControlId}
            onToggle={(labelId) => onToggle(control, labelId)}
          />
        ) : (
          <UnsupportedControl key={control.id} control={control} />
        ),
      )}
    </Stack>
  );
}
