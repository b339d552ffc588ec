/**
 * A small modal asking for one piece of text (a skip reason, a flag comment). Built for the
 * keyboard: the text area has focus on open, Enter confirms, Shift+Enter starts a new line,
 * Escape cancels. While it is open the keymap is silent (see keys/keyGuard.ts).
 *
 * With `choices` (a pack's skip reasons) the numbered list comes first and has the focus: a number
 * key picks that reason and confirms, so a skip costs two keys; typing a letter instead writes a
 * reason of one's own in the text area. The list itself takes the focus, not its first button: the Space that
 * opened the dialog is released on whatever has the focus, and a released Space clicks a button.
 */
import { Button, Group, Kbd, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { startsWriting } from '../keys/keyGuard';

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  label: string;
  testId: string;
  initial: string;
  /** Empty text is refused when required. */
  required: boolean;
  confirmLabel: string;
  onConfirm: (text: string) => void;
  onClose: () => void;
  /** An extra action beside confirm (e.g. remove the flag). */
  extra?: { label: string; onClick: () => void };
  /** Ready-made answers, picked by their number key (at most 9). */
  choices?: readonly string[];
}

/** The numbered reasons; a digit anywhere outside the text area picks one. */
function Choices({ label, choices, testId, onPick }: { label: string; choices: readonly string[]; testId: string; onPick: (choice: string) => void }) {
  return (
    <Stack gap={6} tabIndex={-1} data-autofocus role="group" aria-label="Reasons (press a number)" data-testid={`${testId}-choices`} style={{ outlineOffset: 4 }}>
      <Text size="sm" fw={500}>{label} Press its number, or start typing your own.</Text>
      {choices.map((choice, i) => (
        <Button key={choice} variant="default" justify="flex-start" leftSection={<Kbd size="sm">{i + 1}</Kbd>} onClick={() => onPick(choice)} data-testid={`${testId}-choice-${i + 1}`}>
          {choice}
        </Button>
      ))}
    </Stack>
  );
}

function ReasonForm({ label, testId, initial, required, confirmLabel, onConfirm, onClose, extra, choices = [] }: Omit<ReasonModalProps, 'opened' | 'title'>) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (required && !text.trim()) {
      setError('Please write a few words.');
      return;
    }
    onConfirm(text.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      confirm();
    }
  };
  const textRef = useRef<HTMLTextAreaElement>(null);
  /** Outside the text area a number picks its reason, and any other letter starts writing one. */
  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!startsWriting(event)) return;
    if (!/^[1-9]$/.test(event.key)) {
      textRef.current?.focus(); // the key's character then lands in the text area
      return;
    }
    const choice = choices[Number(event.key) - 1];
    if (choice === undefined) return;
    event.preventDefault();
    onConfirm(choice);
  };
  return (
    <Stack gap="sm" onKeyDown={choices.length > 0 ? onListKey : undefined}>
      {choices.length > 0 && <Choices label={label} choices={choices} testId={testId} onPick={onConfirm} />}
      <Textarea
        label={choices.length > 0 ? 'Or in your own words' : label}
        description="Enter to confirm, Shift+Enter for a new line, Escape to cancel"
        data-testid={testId}
        ref={textRef}
        data-autofocus={choices.length === 0 || undefined}
        rows={4}
        maxLength={2000}
        value={text}
        error={error}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <Group justify="flex-end" gap="xs">
        {extra && <Button variant="subtle" color="red" onClick={extra.onClick}>{extra.label}</Button>}
        <Button variant="default" onClick={onClose}>Cancel</Button>
        <Button onClick={confirm} data-testid={`${testId}-confirm`}>{confirmLabel}</Button>
      </Group>
    </Stack>
  );
}

export function ReasonModal({ opened, title, onClose, ...form }: ReasonModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      {opened && <ReasonForm {...form} onClose={onClose} />}
    </Modal>
  );
}
