/**
 * Pascal VOC round trip on generated data: whatever a project holds (boxes and polygons at any
 * float coordinates, slivers under a pixel, answered-empty and unanswered tasks, images on disk or
 * only a recorded size), export → import → export writes the same files with the same bytes: the
 * first export says everything the second needs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportInput, FinalRow } from '../../../../electron/core/formats/interop/types';
import { readVoc, writeVoc } from '../../../../electron/core/formats/interop/voc';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';
import { writePng } from '../imageTestKit';

const coordinate = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true, noDefaultInfinity: true }));
const size = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }));
const box = fc.record({ kind: fc.constant('box' as const), x: coordinate, y: coordinate, width: size, height: size });
const polygon = fc.record({ kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 5 }) });
const region = fc.record({ shape: fc.oneof(box, polygon), label: fc.nat({ max: 9 }) });
const task = fc.record({
  width: fc.integer({ min: 1, max: 400 }),
  height: fc.integer({ min: 1, max: 400 }),
  onDisk: fc.boolean(),
  answer: fc.oneof(fc.constant(null), fc.constant('none' as const), fc.array(region, { minLength: 1, maxLength: 4 })),
});
const project = fc.record({
  labels: fc.uniqueArray(fc.constantFrom('cat', 'dog', 'traffic light', 'Person', '007', 'a-b'), { minLength: 1, maxLength: 4 }),
  tasks: fc.array(task, { minLength: 1, maxLength: 4 }),
});

type Project = typeof project extends fc.Arbitrary<infer T> ? T : never;

function inputOf(p: Project, imagesDir: string): ExportInput {
  const labels = p.labels.map((name, i) => ({ id: `l${i}`, name, color: ['#e03131', '#1971c2', '#2f9e44', '#f08c00'][i]! }));
  const config: LabelConfig = {
    version: 1, data: 'image',
    controls: [
      { id: 'boxes', kind: 'boxes', required: false, minPredictionScore: 0, labels },
      { id: 'polygons', kind: 'polygons', required: false, minPredictionScore: 0, labels },
    ],
  };
  const images = new Map<string, string>();
  const rows: FinalRow[] = p.tasks.map((t, i) => {
    // VOC cannot hold an unanswered task without its image (no xml, nothing to copy): those are on disk.
    const onDisk = t.onDisk || t.answer === null;
    if (onDisk) images.set(`assets/img${i}.png`, writePng(join(imagesDir, `img${i}.png`), t.width, t.height));
    let answer: Answer | null = null;
    if (t.answer === 'none') answer = [{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }];
    else if (t.answer !== null) {
      const label = (n: number) => `l${n % labels.length}`;
      const boxes = t.answer.flatMap((r, k) => (r.shape.kind === 'box' ? [{ id: `b${k}`, label: label(r.label), x: r.shape.x, y: r.shape.y, width: r.shape.width, height: r.shape.height }] : []));
      const polygons = t.answer.flatMap((r, k) => (r.shape.kind === 'polygon' ? [{ id: `p${k}`, label: label(r.label), points: r.shape.points }] : []));
      answer = [{ kind: 'boxes', controlId: 'boxes', boxes }, { kind: 'polygons', controlId: 'polygons', polygons }];
    }
    return { task: { id: `t${i}`, data: { image: `assets/img${i}.png` }, meta: onDisk ? {} : { imageSize: { width: t.width, height: t.height } } }, answer, annotator: null };
  });
  return { labelConfig: config, rows: async function* () { yield rows; }, imagePath: (asset) => images.get(asset) ?? null, total: rows.length };
}

const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
const contents = (dir: string) => Object.fromEntries(walk(dir).map((p) => [relative(dir, p), readFileSync(p).toString('base64')]));

describe('Pascal VOC export → import → export', () => {
  it('writes the same files with the same bytes', async () => {
    const dir = tempDir('voc-property-');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        n += 1;
        const first = join(dir, `first-${n}`);
        const second = join(dir, `second-${n}`);
        await writeVoc(inputOf(p, tempDir('voc-property-images-')), first);
        const set = await readVoc(first);
        const rows: FinalRow[] = set.tasks.map(({ task, annotations }) => ({ task, answer: annotations[0]?.answer ?? null, annotator: null }));
        await writeVoc({ labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: (asset) => set.images.get(asset) ?? null, total: rows.length }, second);
        expect(contents(second)).toEqual(contents(first));
      }),
      { numRuns: 30, seed: 20261204 },
    );
  });
});
