/**
 * A spans question over the task's text, read-only: the reviewed answer's spans as `<mark>`s in
 * their label colours. A span the comparison also has is a plain highlight; one it lacks is
 * outlined in orange, one it labels differently in violet (the title says which label); the
 * comparison's spans the reviewed answer lacks are listed below in red, since they have no mark
 * of their own to hang on.
 *
 * Overlapping spans are drawn by cutting the text at every span edge: each piece is wrapped in one
 * mark per span covering it, outermost first, so translucent colours blend where spans overlap.
 * Offsets are code points, as the answer stores them, so the text is cut as an array of code points.
 */
import { Box, Stack, Text } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import type { DiffSpan, SpanDiff } from '../../../shared/answerDiff';
import type { Control } from '../../../shared/pack/labelConfig';
import { rgba } from '../annotate/spans/highlights';
import { DIFF_COLORS, labelOf } from './DiffLegend';

type SpansControl = Extract<Control, { kind: 'spans' }>;
type Status = { kind: 'extra' } | { kind: 'relabelled'; compareLabel: string };

interface Segment {
  start: number;
  end: number;
  /** Spans covering the piece, longest first, so the widest mark is the outermost. */
  spans: DiffSpan[];
}

/** The text cut at every span edge; zero-length spans cover nothing and are left out. */
export function segmentText(length: number, spans: readonly DiffSpan[]): Segment[] {
  const clamp = (n: number) => Math.min(Math.max(n, 0), length);
  const visible = spans.filter((s) => clamp(s.end) > clamp(s.start));
  const cuts = [...new Set([0, length, ...visible.flatMap((s) => [clamp(s.start), clamp(s.end)])])].sort((a, b) => a - b);
  const byStart = [...visible].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let active: DiffSpan[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    // Sweep: spans open at their start cut and drop out once the piece starts at or past their end.
    while (next < byStart.length && clamp(byStart[next]!.start) <= start) active.push(byStart[next++]!);
    active = active.filter((s) => clamp(s.end) > start);
    segments.push({ start, end, spans: [...active].sort((a, b) => b.end - b.start - (a.end - a.start)) });
  }
  return segments;
}

export function DiffText({ text, control, spans, diff, compareName }: { text: string; control: SpansControl; spans: readonly DiffSpan[]; diff?: SpanDiff; compareName: string }) {
  const chars = useMemo(() => [...text], [text]);
  const segments = useMemo(() => segmentText(chars.length, spans), [chars.length, spans]);
  const status = useMemo(() => {
    const map = new Map<DiffSpan, Status>();
    diff?.extra.forEach((s) => map.set(s, { kind: 'extra' }));
    diff?.matched.forEach((m) => {
      if (m.reviewed.label !== m.compare.label) map.set(m.reviewed, { kind: 'relabelled', compareLabel: m.compare.label });
    });
    return map;
  }, [diff]);
  const quote = (s: DiffSpan) => `“${chars.slice(s.start, s.end).join('')}”`;

  const mark = (span: DiffSpan, child: ReactNode, key: number): ReactNode => {
    const label = labelOf(control, span.label);
    const state = status.get(span);
    const title =
      state?.kind === 'extra'
        ? `${label.name} — not in ${compareName}`
        : state?.kind === 'relabelled'
          ? `${label.name} — ${labelOf(control, state.compareLabel).name} in ${compareName}`
          : label.name;
    const outline = state?.kind === 'extra' ? `2px solid ${DIFF_COLORS.extra}` : state?.kind === 'relabelled' ? `2px dashed ${DIFF_COLORS.relabelled}` : undefined;
    return (
      <mark
        key={key}
        title={title}
        data-testid={state?.kind === 'extra' ? 'diff-extra-span' : state?.kind === 'relabelled' ? 'diff-relabelled-span' : 'diff-span'}
        data-label={span.label}
        style={{ background: rgba(label.color, 0.3), color: 'inherit', outline, outlineOffset: -1, borderRadius: 2, padding: 0 }}
      >
        {child}
      </mark>
    );
  };

  const relabelled = diff?.matched.filter((m) => m.reviewed.label !== m.compare.label) ?? [];
  return (
    <Stack gap="xs">
      <Box
        data-testid="diff-text"
        fz="md"
        lh={1.7}
        p="sm"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '50vh', overflowY: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      >
        {segments.map((seg) => {
          const piece = chars.slice(seg.start, seg.end).join('');
          // Innermost mark first, so the last one wrapped (the longest span) ends up outermost.
          return seg.spans.reduceRight<ReactNode>((child, span) => mark(span, child, seg.start), piece);
        })}
      </Box>
      {(diff?.missing.length ?? 0) > 0 || relabelled.length > 0 ? (
        <Stack gap={2}>
          {diff?.missing.map((s, i) => (
            <Text key={`m${i}`} size="sm" c="red" data-testid="diff-missing-span">
              Missing: {labelOf(control, s.label).name} {quote(s)}
            </Text>
          ))}
          {relabelled.map((m, i) => (
            <Text key={`r${i}`} size="sm" c="violet" data-testid="diff-relabelled-note">
              Relabelled: {quote(m.reviewed)} is {labelOf(control, m.reviewed.label).name} here, {labelOf(control, m.compare.label).name} in {compareName}
            </Text>
          ))}
        </Stack>
      ) : null}
      {diff && (
        <Text size="xs" c="dimmed">
          <span style={{ outline: `2px solid ${DIFF_COLORS.extra}`, padding: '0 4px' }}>outlined</span> not in {compareName} ·{' '}
          <span style={{ outline: `2px dashed ${DIFF_COLORS.relabelled}`, padding: '0 4px' }}>dashed</span> labelled differently in {compareName}
        </Text>
      )}
    </Stack>
  );
}
