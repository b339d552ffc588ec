/**
 * The boxes and polygons questions of an image task, read-only: the image scaled down to fit,
 * under an SVG overlay in image pixels (the answer's own units), so the regions scale with the
 * picture and no coordinate is converted by hand. The overlay's viewBox is the image's natural
 * size, known only once it has loaded; until then nothing is drawn rather than drawn misplaced.
 *
 * The reviewed answer's regions are solid in their label colours, the comparison's dashed; a
 * matched pair carries its IoU, a region only one side has is orange (reviewed) or red
 * (comparison). Tags are HTML over the overlay rather than SVG text, so they keep a readable size
 * whatever the image's scale.
 */
import { Box, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { DiffRegion, RegionDiff } from '../../../shared/answerDiff';
import type { Control } from '../../../shared/pack/labelConfig';
import { inkOn, rgba } from '../annotate/spans/highlights';
import { DIFF_COLORS, labelOf, RegionLegend } from './DiffLegend';

type ShapesControl = Extract<Control, { kind: 'boxes' | 'polygons' }>;

export interface RegionQuestion {
  control: ShapesControl;
  /** The reviewed answer's regions, drawn whether or not there is a comparison. */
  reviewed: readonly DiffRegion[];
  diff?: RegionDiff;
}

interface Tag {
  region: DiffRegion;
  text: string;
  color: string;
  testId: string;
}

function topLeft(region: DiffRegion): [number, number] {
  if (!('points' in region)) return [region.x, region.y];
  return [Math.min(...region.points.map((p) => p[0])), Math.min(...region.points.map((p) => p[1]))];
}

function Shape({ region, stroke, dashed, filled, title, testId }: { region: DiffRegion; stroke: string; dashed?: boolean; filled?: boolean; title: string; testId: string }) {
  const style = {
    stroke,
    strokeWidth: 2,
    strokeDasharray: dashed ? '6 4' : undefined,
    fill: filled ? rgba(stroke, 0.12) : 'none',
    // Strokes and dashes in screen pixels, so a large image scaled down keeps visible outlines.
    vectorEffect: 'non-scaling-stroke' as const,
  };
  return 'points' in region ? (
    <polygon data-testid={testId} points={region.points.map((p) => p.join(',')).join(' ')} {...style}>
      <title>{title}</title>
    </polygon>
  ) : (
    <rect data-testid={testId} x={region.x} y={region.y} width={region.width} height={region.height} {...style}>
      <title>{title}</title>
    </rect>
  );
}

export function DiffImage({ src, alt, questions, reviewedName, compareName, hasCompare }: { src: string; alt: string; questions: readonly RegionQuestion[]; reviewedName: string; compareName: string; hasCompare: boolean }) {
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [failed, setFailed] = useState(false);

  const shapes: ReactNode[] = [];
  const tags: Tag[] = [];
  for (const { control, reviewed, diff } of questions) {
    const label = (id: string) => labelOf(control, id);
    const key = (kind: string, i: number) => `${control.id}-${kind}-${i}`;
    if (!diff) {
      reviewed.forEach((r, i) => shapes.push(<Shape key={key('r', i)} region={r} stroke={label(r.label).color} filled title={label(r.label).name} testId="diff-region" />));
      continue;
    }
    diff.matched.forEach((m, i) => {
      const relabelled = m.reviewed.label !== m.compare.label;
      const theirs = label(m.compare.label);
      shapes.push(<Shape key={key('mc', i)} region={m.compare} stroke={theirs.color} dashed title={`${theirs.name} (${compareName})`} testId="diff-region-compare" />);
      shapes.push(<Shape key={key('mr', i)} region={m.reviewed} stroke={label(m.reviewed.label).color} filled title={`${label(m.reviewed.label).name} (${reviewedName})`} testId="diff-region" />);
      tags.push({
        region: m.reviewed,
        text: `IoU ${m.iou.toFixed(2)}${relabelled ? ` · ${theirs.name} in ${compareName}` : ''}`,
        color: relabelled ? DIFF_COLORS.relabelled : label(m.reviewed.label).color,
        testId: 'diff-region-iou',
      });
    });
    diff.extra.forEach((r, i) => {
      shapes.push(<Shape key={key('x', i)} region={r} stroke={DIFF_COLORS.extra} filled title={`${label(r.label).name} — not in ${compareName}`} testId="diff-extra-region" />);
      tags.push({ region: r, text: label(r.label).name, color: DIFF_COLORS.extra, testId: 'diff-extra-region-tag' });
    });
    diff.missing.forEach((r, i) => {
      shapes.push(<Shape key={key('m', i)} region={r} stroke={DIFF_COLORS.missing} dashed title={`${label(r.label).name} — only in ${compareName}`} testId="diff-missing-region" />);
      tags.push({ region: r, text: `Missing: ${label(r.label).name}`, color: DIFF_COLORS.missing, testId: 'diff-missing-region-tag' });
    });
  }
  const labels = [...new Map(questions.flatMap((q) => q.control.labels).map((l) => [l.id, l])).values()];

  return (
    <Stack gap="xs" align="flex-start">
      <Box style={{ position: 'relative', display: 'inline-block', maxWidth: '100%', lineHeight: 0 }}>
        <img
          data-testid="diff-image"
          src={src}
          alt={alt}
          onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          onError={() => setFailed(true)}
          style={{ display: 'block', maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }}
        />
        {size && size.w > 0 && size.h > 0 && (
          <>
            {/* The img box is exactly the scaled picture, so stretching the viewBox over it is exact. */}
            <svg data-testid="diff-overlay" viewBox={`0 0 ${size.w} ${size.h}`} preserveAspectRatio="none" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}>
              {shapes}
            </svg>
            {tags.map((tag, i) => {
              const [x, y] = topLeft(tag.region);
              // Above the region, unless that would push the tag off the top of the picture.
              const above = y / size.h > 0.05;
              return (
                <Text
                  key={i}
                  span
                  data-testid={tag.testId}
                  size="xs"
                  fw={600}
                  style={{ position: 'absolute', left: `${(x / size.w) * 100}%`, top: `${(y / size.h) * 100}%`, transform: above ? 'translateY(-100%)' : undefined, background: tag.color, color: inkOn(tag.color), padding: '0 4px', borderRadius: 2, lineHeight: 1.5, whiteSpace: 'nowrap', pointerEvents: 'none' }}
                >
                  {tag.text}
                </Text>
              );
            })}
          </>
        )}
      </Box>
      {failed && <Text size="sm" c="red">The image could not be loaded, so the regions cannot be drawn over it; the table below still compares them.</Text>}
      <RegionLegend labels={labels} reviewedName={reviewedName} compareName={compareName} hasCompare={hasCompare} />
    </Stack>
  );
}
