/**
 * Label Studio round trip on generated data: whatever a project holds (boxes and polygons at any
 * float coordinates, choices, text spans over astral characters, answered "nothing here",
 * unanswered, images not on disk), export → import (with the config written) → export writes the
 * same bytes, task file and labeling config: the first export says everything the second needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configPathFor, readLabelStudio, writeLabelStudio } from '../../../../electron/core/formats/interop/labelStudio';
import type { ExportInput, FinalRow } from '../../../../electron/core/formats/interop/types';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';

const coordinate = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true }));
const size = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.5, max: 200, noNaN: true, noDefaultInfinity: true }));
const box = fc.record({ kind: fc.constant('box' as const), x: coordinate, y: coordinate, width: size, height: size });
const polygon = fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 6 }) });
const span = fc.record({ kind: fc.constant('span' as const), start: fc.nat({ max: 12 }), length: fc.integer({ min: 1, max: 6 }) });
const region = fc.record({ shape: fc.oneof(box, polygon, span), label: fc.nat({ max: 9 }) });
const task = fc.record({
  width: fc.integer({ min: 1, max: 4000 }),
  height: fc.integer({ min: 1, max: 4000 }),
  text: fc.string({ unit: fc.constantFrom('a', 'é', ' ', '😀', '\n', '"', 'ж'), minLength: 20, maxLength: 30 }),
  answer: fc.oneof(fc.constant(null), fc.constant('none' as const), fc.array(region, { minLength: 1, maxLength: 5 })),
  choice: fc.option(fc.nat({ max: 9 })),
});
const project = fc.record({
  data: fc.constantFrom('image' as const, 'text' as const),
  labels: fc.uniqueArray(fc.constantFrom('cat', 'dog', 'traffic light', 'Person', 'a-b', '«ёж»', 'say "hi"'), { minLength: 1, maxLength: 4 }),
  tasks: fc.array(task, { minLength: 1, maxLength: 5 }),
});

type Project = typeof project extends fc.Arbitrary<infer T> ? T : never;

function inputOf(p: Project): ExportInput {
  const labels = p.labels.map((name, i) => ({ id: `l${i}`, name, color: '#e03131' }));
  const label = (n: number) => `l${n % labels.length}`;
  const choices = { id: 'kind', kind: 'choices' as const, required: false, multiple: false, labels };
  const config: LabelConfig = p.data === 'image'
    ? { version: 1, data: 'image', controls: [{ id: 'boxes', kind: 'boxes', required: false, minPredictionScore: 0, labels }, { id: 'polygons', kind: 'polygons', required: false, minPredictionScore: 0, labels }, choices] }
    : { version: 1, data: 'text', controls: [{ id: 'spans', kind: 'spans', required: false, overlap: true, minPredictionScore: 0, labels }, choices] } as LabelConfig;
  const rows: FinalRow[] = p.tasks.map((t, i) => {
    let answer: Answer | null = null;
    const chars = [...t.text];
    if (t.answer === 'none') answer = p.data === 'image' ? [{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }, { kind: 'polygons', controlId: 'polygons', polygons: [], none: true }] : [{ kind: 'spans', controlId: 'spans', spans: [], relations: [], none: true }];
    else if (t.answer !== null) {
      const regions = t.answer.map((r, k) => ({ ...r, id: `r${k}` }));
      if (p.data === 'image') {
        const boxes = regions.flatMap((r) => (r.shape.kind === 'box' ? [{ id: r.id, label: label(r.label), x: r.shape.x, y: r.shape.y, width: r.shape.width, height: r.shape.height }] : []));
        const polygons = regions.flatMap((r) => (r.shape.kind === 'polygon' ? [{ id: r.id, label: label(r.label), points: r.shape.points }] : []));
        answer = [{ kind: 'boxes', controlId: 'boxes', boxes, ...(boxes.length ? {} : { none: true }) }, { kind: 'polygons', controlId: 'polygons', polygons, ...(polygons.length ? {} : { none: true }) }];
      } else {
        const spans = regions.flatMap((r) => (r.shape.kind === 'span' ? [{ id: r.id, label: label(r.label), start: Math.min(r.shape.start, chars.length - 1), end: Math.min(r.shape.start + r.shape.length, chars.length) }] : []));
        answer = [{ kind: 'spans', controlId: 'spans', spans, relations: [], ...(spans.length ? {} : { none: true }) }];
      }
    }
    if (answer && t.choice !== null) answer.push({ kind: 'choices', controlId: 'kind', labels: [label(t.choice)] });
    const data = p.data === 'image' ? { image: `assets/img${i}.png` } : { text: t.text };
    return { task: { id: `t${i}`, data, meta: p.data === 'image' ? { imageSize: { width: t.width, height: t.height } } : {} }, answer, annotator: null };
  });
  return { labelConfig: config, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length };
}

describe('Label Studio export → import → export', () => {
  it('writes the same bytes, tasks and labeling config', async () => {
    const dir = tempDir('ls-property-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        n += 1;
        const first = join(dir, `first-${n}.json`);
        const second = join(dir, `second-${n}.json`);
        await writeLabelStudio(inputOf(p), first);
        const set = await readLabelStudio(first, { configPath: configPathFor(first) });
        const rows: FinalRow[] = set.tasks.map(({ task, annotations }) => {
          const a = annotations.find((x) => x.kind === 'annotation');
          return { task, answer: a?.answer ?? null, annotator: a?.annotator ?? null };
        });
        await writeLabelStudio({ labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length }, second);
        expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
        expect(readFileSync(configPathFor(second), 'utf8')).toBe(readFileSync(configPathFor(first), 'utf8'));
      }),
      { numRuns: 40, seed: 20261204 },
    );
  });
});
