/**
 * The span labels above the text, each with its colour and key (a click labels like the key), and
 * how many model proposals wait for review. Memoized: it is the same on every caret move.
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
}

export const LabelLegend = memo(function LabelLegend({ labels, pending, acceptAllKey, onLabel }: LabelLegendProps) {
  return (
    <Group gap={6} px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      {labels.map(({ label, key }) => (
        <button
          key={label.id}
          type="button"
          data-testid={`span-label-${label.id}`}
          data-key={key ?? undefined}
          title={label.description}
          onClick={() => onLabel(label.id)}
          style={{ display: 'flex', gap: 6, alignItems: 'center', border: 'none', borderRadius: 4, padding: '2px 8px', background: label.color, color: inkOn(label.color), cursor: 'pointer', fontSize: 13, fontWeight: 600 }}
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
