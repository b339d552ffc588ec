/**
 * What the diff view's colours and strokes mean, and the colours themselves, shared by the text
 * and image views so an extra item is the same orange and a missing one the same red in both.
 * Fixed hex values rather than theme variables: SVG presentation attributes do not resolve var().
 */
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Control } from '../../../shared/pack/labelConfig';

export const DIFF_COLORS = {
  /** In the reviewed answer only (Mantine orange 6). */
  extra: '#fd7e14',
  /** In the comparison only (Mantine red 6). */
  missing: '#fa5252',
  /** In both, under different labels (Mantine violet 6). */
  relabelled: '#7950f2',
  /** A label id the config does not know, kept visible rather than dropped (Mantine gray 6). */
  unknown: '#868e96',
} as const;

/** A label's name and colour; an unknown id reads as itself in gray. */
export function labelOf(control: Control, id: string): { name: string; color: string } {
  const label = 'labels' in control ? control.labels.find((l) => l.id === id) : undefined;
  return label ?? { name: id, color: DIFF_COLORS.unknown };
}

function Stroke({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <svg width={24} height={10} aria-hidden="true">
      <line x1={1} y1={5} x2={23} y2={5} stroke={color} strokeWidth={2.5} strokeDasharray={dashed ? '5 3' : undefined} />
    </svg>
  );
}

function Item({ color, dashed, children }: { color: string; dashed?: boolean; children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Stroke color={color} dashed={dashed} />
      <Text size="xs">{children}</Text>
    </Group>
  );
}

/** The image view's key: stroke styles by side, then every label's colour. */
export function RegionLegend({ labels, reviewedName, compareName, hasCompare }: { labels: ReadonlyArray<{ id: string; name: string; color: string }>; reviewedName: string; compareName: string; hasCompare: boolean }) {
  // The side strokes take the text colour, so they read in light and dark schemes alike.
  const ink = 'currentColor';
  return (
    <Group gap="md" data-testid="diff-legend">
      <Item color={ink}>{reviewedName}</Item>
      {hasCompare && (
        <>
          <Item color={ink} dashed>{compareName}</Item>
          <Item color={DIFF_COLORS.extra}>only {reviewedName}</Item>
          <Item color={DIFF_COLORS.missing} dashed>only {compareName}</Item>
          <Item color={DIFF_COLORS.relabelled}>labelled differently</Item>
        </>
      )}
      {labels.map((l) => (
        <Item key={l.id} color={l.color}>{l.name}</Item>
      ))}
    </Group>
  );
}
