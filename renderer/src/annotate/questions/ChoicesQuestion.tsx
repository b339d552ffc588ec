/**
 * A choices question as label buttons (colour, name, hotkey; a picked label is filled and ticked,
 * and announced as pressed).
 *
 * Test ids: the first choices question's buttons are `label-<labelId>`; other choices questions use
 * `label-<controlId>-<labelId>` so ids stay unique when two questions share label ids.
 */
import { Button, Group, Kbd, Text } from '@mantine/core';
import { displayKey, normalizeKey } from '../../../../shared/keymap';
import type { ChoicesControl } from '../../../../shared/pack/labelConfig';
import { choiceKeys } from '../../../../shared/questions';
import { isMac } from '../../platform';

export interface ChoicesQuestionProps {
  control: ChoicesControl;
  picked: string[];
  /** The first choices question: plain test ids. */
  primary: boolean;
  showKeys: boolean;
  onToggle: (labelId: string) => void;
}

export function ChoicesQuestion({ control, picked, primary, showKeys, onToggle }: ChoicesQuestionProps) {
  const keys = choiceKeys(control.labels);
  return (
    <Group gap="xs" role="group" aria-label={control.title ?? control.id}>
      {control.labels.map((label, i) => {
        const selected = picked.includes(label.id);
        const hotkey = keys[i];
        const key = showKeys && hotkey ? normalizeKey(hotkey) : null;
        return (
          <Button
            key={label.id}
            tabIndex={-1}
            data-testid={primary ? `label-${label.id}` : `label-${control.id}-${label.id}`}
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
  );
}

export function choicesHint(control: ChoicesControl): string {
  return `${control.multiple ? ' — pick any' : ' — pick one'}${control.required ? '' : ' (optional)'}`;
}

export function QuestionTitle({ text, hint }: { text: string; hint?: string }) {
  return (
    <Text size="sm" fw={600}>
      {text}
      {hint && <Text span size="xs" c="dimmed">{hint}</Text>}
    </Text>
  );
}
