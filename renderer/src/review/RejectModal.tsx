/**
 * Rejecting an annotation: a reason code from the review pack's list (number keys pick one) and an
 * optional comment; Enter confirms. The keymap is silent while it is open, so its keys are its own.
 * Typing a letter goes straight to the comment (no Tabs through the reasons), so a reject with a
 * comment is R, a number, the words, Enter.
 */
import { Button, Group, Kbd, Modal, Stack, Textarea, UnstyledButton, Text } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewReason } from '../../../shared/reviewContract';
import { startsWriting } from '../keys/keyGuard';

function RejectForm({ reasons, onConfirm, onClose }: { reasons: ReviewReason[]; onConfirm: (reason: string, comment: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const confirm = () => reason && onConfirm(reason, comment.trim());
  const onKeyDown = (e: KeyboardEvent) => {
    const writing = startsWriting(e);
    if (writing && /^[1-9]$/.test(e.key)) {
      e.preventDefault();
      const picked = reasons[Number(e.key) - 1];
      if (picked) setReason(picked.id);
    } else if (writing) {
      commentRef.current?.focus(); // the key's character lands in the comment
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      confirm();
    }
  };
  return (
    <Stack gap="xs" onKeyDown={onKeyDown} data-testid="reject-form" tabIndex={-1} data-autofocus>
      {reasons.map((r, i) => (
        <UnstyledButton
          key={r.id}
          onClick={() => setReason(r.id)}
          data-testid={`reason-${r.id}`}
          data-selected={reason === r.id}
          p={6}
          style={{ borderRadius: 6, border: `1px solid ${reason === r.id ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-default-border)'}`, background: reason === r.id ? 'var(--mantine-color-red-light)' : undefined }}
        >
          <Group gap="xs"><Kbd size="xs">{i + 1}</Kbd><Text size="sm">{r.name}</Text></Group>
          {r.description && <Text size="xs" c="dimmed">{r.description}</Text>}
        </UnstyledButton>
      ))}
      <Text size="xs" c="dimmed">A number picks the reason; start typing to write a comment; Enter rejects.</Text>
      <Textarea ref={commentRef} label="Comment for the annotator (optional)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} data-testid="reject-comment" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>Cancel</Button>
        <Button color="red" disabled={!reason} onClick={confirm} data-testid="reject-confirm">Reject</Button>
      </Group>
    </Stack>
  );
}

export function RejectModal({ opened, reasons, onConfirm, onClose }: { opened: boolean; reasons: ReviewReason[]; onConfirm: (reason: string, comment: string) => void; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Reject: why?" size="md">
      {opened && <RejectForm reasons={reasons} onConfirm={onConfirm} onClose={onClose} />}
    </Modal>
  );
}
