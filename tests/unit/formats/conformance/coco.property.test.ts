/**
 * COCO round trip on generated data: whatever a project holds (boxes and polygons at any float
 * coordinates, answered-empty and unanswered tasks, images not on disk), export → import →
 * export writes the same bytes: the first export says everything the second needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCoco, writeCoco } from '../../../../electron/core/formats/interop/coco';
import type { ExportInput, FinalRow } from '../../../../electron/core/formats/interop/types';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';

const coordinate = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: -1, max: 500, noNaN: true, noDefaultInfinity: true }));
const size = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 200, noNaN: true, noDefaultInfinity: true }));
const box = fc.record({ kind: fc.constant('box' as const), x: coordinate, y: coordinate, width: size, height: size });
const polygon = fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 6 }) });
const region = fc.record({ shape: fc.oneof(box, polygon), label: fc.nat({ max: 9 }) });
const task = fc.record({
  width: fc.integer({ min: 1, max: 4000 }),
  height: fc.integer({ min: 1, max: 4000 }),
  answer: fc.oneof(fc.constant(null), fc.constant('none' as const), fc.array(region, { minLength: 1, maxLength: 5 })),
});
const project = fc.record({
  labels: fc.uniqueArray(fc.constantFrom('cat', 'dog', 'car', 'traffic light', 'Person', 'a-b'), { minLength: 1, maxLength: 4 }),
  tasks: fc.array(task, { minLength: 1, maxLength: 5 }),
});

type Project = typeof project extends fc.Arbitrary<infer T> ? T : never;

function inputOf(p: Project): ExportInput {
  const labels = p.labels.map((name, i) => ({ id: `l${i}`, name, color: '#e03131' }));
  const config: LabelConfig = {
    version: 1, data: 'image',
    controls: [
      { id: 'boxes', kind: 'boxes', required: false, minPredictionScore: 0, labels },
      { id: 'polygons', kind: 'polygons', required: false, minPredictionScore: 0, labels },
    ],
  };
  const rows: FinalRow[] = p.tasks.map((t, i) => {
    let answer: Answer | null = null;
    if (t.answer === 'none') answer = [{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }];
    else if (t.answer !== null) {
      const label = (n: number) => `l${n % labels.length}`;
      const boxes = t.answer.flatMap((r, k) => (r.shape.kind === 'box' ? [{ id: `b${k}`, label: label(r.label), x: r.shape.x, y: r.shape.y, width: r.shape.width, height: r.shape.height }] : []));
      const polygons = t.answer.flatMap((r, k) => (r.shape.kind === 'polygon' ? [{ id: `p${k}`, label: label(r.label), points: r.shape.points }] : []));
      answer = [{ kind: 'boxes', controlId: 'boxes', boxes }, { kind: 'polygons', controlId: 'polygons', polygons }];
    }
    return { task: { id: `t${i}`, data: { image: `assets/img${i}.png` }, meta: { imageSize: { width: t.width, height: t.height } } }, answer, annotator: null };
  });
  return { labelConfig: config, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length };
}

describe('COCO export → import → export', () => {
  it('writes the same bytes', async () => {
    const dir = tempDir('coco-property-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        n += 1;
        const first = join(dir, `first-${n}.json`);
        const second = join(dir, `second-${n}.json`);
        await writeCoco(inputOf(p), first);
        const set = await readCoco(first);
        const rows: FinalRow[] = set.tasks.map(({ task, annotations }) => ({ task, answer: annotations[0]?.answer ?? null, annotator: null }));
        await writeCoco({ labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: () => null, total: rows.length }, second);
        expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
      }),
      { numRuns: 40, seed: 20261204 },
    );
  });
});
