/**
 * Free text, and the rewrite: the response's text to edit in place, with a live word diff against
 * the original under it (what the lead and the trainer will read, stored with the answer).
 */
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import type { RewriteControl, TextareaControl } from '../../../../shared/pack/labelConfig';
import type { DiffPart } from '../../../../shared/pack/task';
import { targetResponse } from '../../../../shared/questions';
import { diffStats, rewriteDiff } from '../../../../shared/rewriteDiff';
import { withRewrite, withText } from './edits';
import { QuestionText } from './parts';
import type { QuestionViewProps } from './types';

export function TextareaQuestion({ control, result, onResult, onLeaveText }: QuestionViewProps<TextareaControl, 'textarea'>) {
  const text = result?.text ?? '';
  const short = control.minLength > 0 && text.trim().length > 0 && text.trim().length < control.minLength;
  return (
    <QuestionText
      focusId={`${control.id}:text`}
      label={control.required ? 'Your answer' : 'Your answer (optional)'}
      value={text}
      placeholder={control.placeholder}
      error={short ? `${text.trim().length} of at least ${control.minLength} characters` : null}
      onChange={(next) => onResult(withText(control.id, next), `${control.id}:text`)}
      onLeave={onLeaveText}
    />
  );
}

export function DiffView({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <Box data-testid="rewrite-diff" fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 260, overflowY: 'auto' }}>
      {parts.map((part, i) =>
        part.op === 'equal' ? (
          <span key={i}>{part.text}</span>
        ) : part.op === 'insert' ? (
          <ins key={i} style={{ background: 'var(--mantine-color-green-light)', textDecoration: 'none' }}>{part.text}</ins>
        ) : (
          <del key={i} style={{ background: 'var(--mantine-color-red-light)', color: 'var(--mantine-color-red-text)' }}>{part.text}</del>
        ),
      )}
    </Box>
  );
}

export function RewriteQuestion({ control, task, result, onResult, onLeaveText, responseName }: QuestionViewProps<RewriteControl, 'rewrite'>) {
  const target = targetResponse(control, task);
  const original = target?.content ?? '';
  const text = result?.text ?? original;
  // The stored diff is recomputed on every edit (edits.withRewrite), so reading it costs nothing here.
  const parts = result?.diff ?? rewriteDiff(original, text);
  const { inserted, deleted } = diffStats(parts);
  if (!target) return <Text size="sm" c="red">This task has no response to rewrite.</Text>;
  return (
    <Stack gap={4}>
      <QuestionText
        focusId={`${control.id}:text`}
        label={`Rewrite response ${responseName(target.id)}`}
        description="Edit the text in place; the changes are tracked below."
        value={text}
        minRows={6}
        onChange={(next) => onResult(withRewrite(control.id, target.id, original, next), `${control.id}:text`)}
        onLeave={onLeaveText}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid="rewrite-stats">
          {result ? `${inserted} word${inserted === 1 ? '' : 's'} added, ${deleted} removed` : 'Not edited yet'}
        </Text>
        {result && (
          <Button size="compact-xs" variant="subtle" tabIndex={-1} onClick={() => onResult(withRewrite(control.id, target.id, original, original))}>
            Restore the original
          </Button>
        )}
      </Group>
      {result && result.text !== original && <DiffView parts={parts} />}
    </Stack>
  );
}
