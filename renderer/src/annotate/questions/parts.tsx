/**
 * Building blocks the question views share: a row that shows when it has the keyboard, a scale of
 * points picked by number key (with each point's anchor on demand), and a text field that hands
 * the keyboard back to the questions (Escape returns to the question, Tab moves on).
 */
import { Box, Button, Group, Kbd, Text, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { scaleKeys } from '../../../../shared/questions';

export interface ScalePoint {
  value: number;
  label: string;
  anchor?: string;
}

/** A row of a question (a dimension, a flag, a constraint); highlighted while the keyboard is on it. */
export function Row({ focused, onFocusRow, children, testId }: { focused: boolean; onFocusRow: () => void; children: ReactNode; testId: string }) {
  return (
    <Box
      data-testid={testId}
      data-focused={focused || undefined}
      onMouseDown={onFocusRow}
      px={6}
      py={4}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        background: focused ? 'var(--mantine-color-default-hover)' : undefined,
        boxShadow: focused ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
      }}
    >
      {children}
    </Box>
  );
}

export function ScalePicker({
  scale,
  value,
  showKeys,
  showAnchors,
  onPick,
  testId,
  color,
}: {
  scale: readonly ScalePoint[];
  value: number | undefined;
  showKeys: boolean;
  showAnchors: boolean;
  onPick: (value: number) => void;
  testId: string;
  color?: string;
}) {
  const keys = scaleKeys(scale);
  const picked = scale.find((p) => p.value === value);
  return (
    <Box>
      <Group gap={4} wrap="wrap" role="radiogroup">
        {scale.map((point, i) => {
          const selected = point.value === value;
          return (
            <Button
              key={point.value}
              size="compact-sm"
              tabIndex={-1}
              role="radio"
              aria-checked={selected}
              data-testid={`${testId}-${point.value}`}
              data-selected={selected}
              color={color}
              variant={selected ? 'filled' : 'default'}
              title={point.anchor}
              onClick={() => onPick(point.value)}
              rightSection={showKeys && keys[i] ? <Kbd size="xs">{keys[i]}</Kbd> : undefined}
            >
              {point.label}
            </Button>
          );
        })}
      </Group>
      {showAnchors ? (
        <Box component="dl" m={0} mt={4} data-testid={`${testId}-anchors`}>
          {scale.map((point) => (
            <Text key={point.value} component="div" size="xs" c={point.value === value ? undefined : 'dimmed'} style={{ display: 'flex', gap: 4 }}>
              <Box component="dt" fw={700}>{point.label}:</Box>
              <Box component="dd" m={0}>{point.anchor ?? '—'}</Box>
            </Text>
          ))}
        </Box>
      ) : (
        picked?.anchor && <Text size="xs" c="dimmed" mt={2}>{picked.anchor}</Text>
      )}
    </Box>
  );
}

export type LeaveDirection = 'next' | 'previous' | 'stay';

/**
 * A text answer. Typing is the text's own: no shortcut fires here (the key guard), except the
 * Mod+Enter submit chord. Escape goes back to the question, Tab / Shift+Tab to the next or
 * previous question, so a keyboard user never has to reach for the mouse to leave it.
 */
export function QuestionText({
  focusId,
  label,
  value,
  placeholder,
  minRows = 2,
  error,
  description,
  onChange,
  onLeave,
  monospace,
}: {
  focusId: string;
  label: string;
  value: string;
  placeholder?: string;
  minRows?: number;
  error?: string | null;
  description?: ReactNode;
  onChange: (text: string) => void;
  onLeave: (direction: LeaveDirection) => void;
  monospace?: boolean;
}) {
  return (
    <Textarea
      data-focus-id={focusId}
      data-testid={focusId}
      label={label}
      description={description}
      placeholder={placeholder}
      value={value}
      error={error}
      autosize
      minRows={minRows}
      maxRows={14}
      styles={monospace ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing) return;
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onLeave('stay');
        } else if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          onLeave(e.shiftKey ? 'previous' : 'next');
        }
      }}
    />
  );
}
