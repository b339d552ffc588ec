/**
 * A small modal asking for one piece of text (a skip reason, a flag comment). Built for the
 * keyboard: the text area has focus on open, Enter confirms, Shift+Enter starts a new line,
 * Escape cancels. While it is open the keymap is silent (see keys/keyGuard.ts).
 */
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';

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
}

function ReasonForm({ label, testId, initial, required, confirmLabel, onConfirm, onClose, extra }: Omit<ReasonModalProps, 'opened' | 'title'>) {
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
  return (
    <Stack gap="sm">
      <Textarea
        label={label}
        description="Enter to confirm, Shift+Enter for a new line, Escape to cancel"
        data-testid={testId}
        data-autofocus
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
