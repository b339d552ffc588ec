/**
 * The labels above a text or a picture, each with its colour and key (a click labels like the key),
 * and how many model proposals wait for review. Memoized: it is the same on every caret move.
 * The region editor marks the label in force (the selection's, or the next box's) as `active`.
 */
import { Group, Kbd, Text } from '@mantine/core';
import { memo } from 'react';
import { displayKey } from '../../../../shared/keymap';
import type { Label } from '../../../../shared/pack/labelConfig';
import { isMac } from '../../platform';
import { inkOn } from './highlights';

interface LabelLegendProps {
  labels: ReadonlyArray<{ label: Label; key: string | null }>;
  pending: number;
  /** The accept-all key, as shown. */
  acceptAllKey: string;
  onLabel(labelId: string): void;
  /** The label in force, shown pressed; absent where labels act on a selection only (texts). */
  active?: string;
  testIdPrefix?: string;
}

export const LabelLegend = memo(function LabelLegend({ labels, pending, acceptAllKey, onLabel, active, testIdPrefix = 'span-label' }: LabelLegendProps) {
  return (
    <Group gap={6} px="md" py={6} role="toolbar" aria-label="Labels" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      {labels.map(({ label, key }) => (
        <button
          key={label.id}
          type="button"
          data-testid={`${testIdPrefix}-${label.id}`}
          data-key={key ?? undefined}
          aria-pressed={active === undefined ? undefined : active === label.id}
          title={label.description}
          onClick={() => onLabel(label.id)}
          style={{
            display: 'flex', gap: 6, alignItems: 'center', border: 'none', borderRadius: 4, padding: '2px 8px', background: label.color,
            color: inkOn(label.color), cursor: 'pointer', fontSize: 13, fontWeight: 600,
            // The label in force: a ring in the text colour, so it reads on any label colour and in either theme.
            outline: active === label.id ? '2px solid var(--mantine-color-text)' : undefined, outlineOffset: 2,
          }}
        >
          {label.name}
          {key && <Kbd size="xs">{displayKey(key, isMac())}</Kbd>}
        </button>
      ))}
      {pending > 0 && (
        <Text size="xs" c="dimmed" data-testid="proposal-count">
          {pending} proposal{pending === 1 ? '' : 's'} — <Kbd size="xs">{acceptAllKey}</Kbd> accepts all
        </Text>
      )}
    </Group>
  );
});
