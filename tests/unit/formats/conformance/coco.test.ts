/**
 * COCO conformance: every real file in ../shared/fixtures/interop/coco imported as a lead would,
 * exported to COCO, read back, and compared: the same regions, the file's own fields written back
 * as given, the warnings that say what changed, and pycocotools loading every export (COCO(),
 * every id, annToMask for every annotation; loadRes for results lists). Then the behaviours the
 * fixtures do not show on their own: edits, unlabelled and answered-empty images, images folders,
 * float noise.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoco, writeCoco } from '../../../../electron/core/formats/interop/coco';
import type { ExportInput, FinalRow, SourceSet } from '../../../../electron/core/formats/interop/types';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';
import { writePng } from '../imageTestKit';
import { comparableSet, describeInterop, fixture, itWithReference, roundTrip, runPython, type RoundTrip } from './kit';

type Json = Record<string, unknown>;
const parse = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const coco = (...parts: string[]) => fixture('coco', ...parts);

/** pycocotools over one export: a dataset (COCO, every id, annToMask) or a results list (loadRes against `dataset`, or against images made from the masks' sizes). */
const REFERENCE = String.raw`
import contextlib, json, sys
from pycocotools.coco import COCO
out = {}
with contextlib.redirect_stdout(sys.stderr):
    mode, path = sys.argv[1], sys.argv[2]
    if mode == 'dataset':
        c = COCO(path)
        imgs, anns, cats = c.getImgIds(), c.getAnnIds(), c.getCatIds()
        c.loadImgs(imgs); c.loadCats(cats)
        drawn = [int(c.annToMask(a).sum()) for a in c.loadAnns(anns)]
        out = {'images': len(imgs), 'annotations': len(anns), 'categories': cats, 'drawn': sum(1 for d in drawn if d > 0)}
    else:
        results = json.load(open(path))
        if len(sys.argv) > 3:
            c = COCO(sys.argv[3])
        else:
            c = COCO()
            images = {r['image_id']: r['segmentation']['size'] for r in results}
            c.dataset = {'images': [{'id': i, 'height': s[0], 'width': s[1]} for i, s in images.items()], 'categories': [{'id': k} for k in sorted({r['category_id'] for r in results})], 'annotations': []}
            c.createIndex()
        r = c.loadRes(path)
        anns = r.loadAnns(r.getAnnIds())
        drawn = [int(r.annToMask(a).sum()) for a in anns if isinstance(a.get('segmentation'), dict)]
        out = {'annotations': len(anns), 'masks': len(drawn), 'drawn': sum(1 for d in drawn if d > 0)}
print(json.dumps(out))
`;

const boxPolygon = ([x, y, w, h]: number[]) => [[x!, y!, x!, y! + h!, x! + w!, y! + h!, x! + w!, y!]];

/** The source's annotations as the export should have them: box-only ones with their box polygon, the rest as given. */
const expectedAnnotations = (source: Json) =>
  (source.annotations as Json[]).map((a) => (Array.isArray(a.segmentation) && a.segmentation.length === 0 ? { ...a, segmentation: boxPolygon(a.bbox as number[]) } : a));

function expectSameRegions(rt: RoundTrip): void {
  expect(comparableSet(rt.reread.source)).toEqual(comparableSet(rt.read.source));
}

/** Everything but the annotations written back as the source had it, in its key order. */
function expectFieldsKept(source: Json, exported: Json): void {
  expect(Object.keys(exported)).toEqual(Object.keys(source));
  for (const key of Object.keys(source)) if (key !== 'annotations') expect(exported[key], key).toEqual(source[key]);
}

const BOX_POLYGON_NOTE = /box-only annotations \(segmentation \[\]\) are written with their box as a 4-point polygon/;

describeInterop('COCO: real files through a lead’s import and export', () => {
  const datasets: { file: string[]; images: number; annotations: number; missing: string[]; read: RegExp[]; exported: RegExp[] }[] = [
    { file: ['datumaro_instances', 'annotations', 'instances_val.json'], images: 1, annotations: 2, missing: [], read: [/masks \(RLE segmentation, iscrowd\) are shown as their bounding boxes.*\(annotation 2\)/], exported: [] },
    { file: ['datumaro_instances', 'annotations', 'instances_train.json'], images: 1, annotations: 1, missing: [], read: [], exported: [BOX_POLYGON_NOTE] },
    { file: ['paddlelabel_polygons', 'val.json'], images: 1, annotations: 1, missing: [], read: [], exported: [] },
    { file: ['coco_annotator_export.json'], images: 2, annotations: 2, missing: ['assets/image1.jpg', 'assets/image2.jpg'], read: [/images named in coco_annotator_export\.json were not found .*\(2 times: image1\.jpg, image2\.jpg\)/], exported: [] },
    {
      file: ['visdrone_80cat_dataset.json'], images: 2, annotations: 249, missing: ['assets/0000321_00000_d_0000015.jpg', 'assets/0000063_02235_d_0000003.jpg'],
      read: [/images named in visdrone_80cat_dataset\.json were not found .*0000321_00000_d_0000015\.jpg/], exported: [/box-only annotations .*\(249 times\)/],
    },
  ];

  for (const { file, images, annotations, missing, read, exported } of datasets) {
    describe(file.join('/'), () => {
      let trip: Promise<RoundTrip> | null = null;
      const rt = () => (trip ??= roundTrip('coco', coco(...file)));

      it('imports, round-trips to the same regions, and writes back the file’s own fields and annotations', async () => {
        const { read: r, exported: out } = await rt();
        expect(r.source.tasks).toHaveLength(images);
        expect(r.source.missingImages ?? []).toEqual(missing);
        expect(r.warnings).toHaveLength(read.length);
        read.forEach((pattern) => expect(r.warnings.join('\n')).toMatch(pattern));
        expectSameRegions(await rt());
        const source = parse(coco(...file)) as Json;
        const written = parse(out.path) as Json;
        expectFieldsKept(source, written);
        expect(written.annotations).toHaveLength(annotations);
        expect(written.annotations).toEqual(expectedAnnotations(source));
        const writerNotes = out.warnings.filter((w) => !/has a final answer yet/.test(w));
        expect(writerNotes).toHaveLength(exported.length);
        exported.forEach((pattern) => expect(writerNotes.join('\n')).toMatch(pattern));
      });

      itWithReference('loads in pycocotools: every id, annToMask for every annotation', async (python) => {
        const { exported: out } = await rt();
        const ref = runPython<{ images: number; annotations: number; categories: unknown[]; drawn: number }>(python, REFERENCE, ['dataset', out.path]);
        const source = parse(coco(...file)) as Json;
        expect(ref).toMatchObject({ images, annotations, categories: (source.categories as Json[]).map((c) => c.id) });
        // Every annotation draws (a 1-pixel-wide box can round to nothing only in a degenerate file).
        expect(ref.drawn).toBe(annotations);
      });
    });
  }

  it('datumaro instances: the layout annotations/instances_<subset>.json finds images/<subset>/', async () => {
    const { read } = await roundTrip('coco', coco('datumaro_instances', 'annotations', 'instances_val.json'));
    expect(read.source.images.get('assets/b.jpg')).toBe(coco('datumaro_instances', 'images', 'val', 'b.jpg'));
    const box = (read.source.tasks[0]!.annotations[0]!.answer.find((r) => r.kind === 'boxes') as Extract<ControlResult, { kind: 'boxes' }>).boxes[0]!;
    expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 1, 9]);
    expect(box.extras?.coco).toMatchObject({ annotation: { iscrowd: 1, segmentation: { counts: [0, 20, 30], size: [10, 5] } } });
  });

  it('paddlelabel: file_name with a sub-folder is found beside the JSON, category colors become label colors', async () => {
    const { read } = await roundTrip('coco', coco('paddlelabel_polygons', 'val.json'));
    expect(read.source.images.get('assets/1.jpeg')).toBe(coco('paddlelabel_polygons', 'image', '1.jpeg'));
    const labels = read.source.labelConfig.controls[0]!;
    expect('labels' in labels && labels.labels.map((l) => [l.name, l.color])).toEqual([['xiaoduxiong', '#05af56'], ['toy', '#64f3be']]);
  });

  it('coco annotator: the recorded image size is kept, and the two-part outline is one annotation again', async () => {
    const { read, exported } = await roundTrip('coco', coco('coco_annotator_export.json'));
    expect(read.source.tasks.map((t) => t.task.meta?.imageSize)).toEqual([{ width: 4022, height: 6033 }, { width: 7050, height: 4702 }]);
    const polygons = read.source.tasks[1]!.annotations[0]!.answer[0] as Extract<ControlResult, { kind: 'polygons' }>;
    expect(polygons.polygons.map((p) => p.id)).toEqual(['1000', '1000-2']);
    const written = (parse(exported.path) as { annotations: Json[] }).annotations;
    expect(written[1]).toMatchObject({ id: 1000, iscrowd: 'false', isbbox: 'false', color: '#d446da', metadata: {} });
    expect((written[1]!.segmentation as unknown[]).length).toBe(2);
  });

  describe('results lists', () => {
    const results = [
      { file: 'visdrone_80cat_results.json', detections: 89, tasks: 2, dataset: coco('visdrone_80cat_dataset.json'), masks: 0 },
      { file: 'cocoapi_fakesegm100_results.json', detections: 734, tasks: 99, dataset: null, masks: 734 },
    ];
    for (const { file, detections, tasks, dataset, masks } of results) {
      let trip: Promise<RoundTrip> | null = null;
      const rt = () => (trip ??= roundTrip('coco', coco(file), { annotationsAs: 'predictions' }));

      it(`${file}: imports as predictions per image_id, and is written back as the same results list`, async () => {
        const { read, exported } = await rt();
        expect(read.source.tasks).toHaveLength(tasks);
        expect(read.source.tasks.every((t) => t.annotations.length === 1 && t.annotations[0]!.kind === 'prediction')).toBe(true);
        expect(read.warnings.join('\n')).toMatch(new RegExp(`${file.replace('.', '\\.')} is a COCO results list, which names images by id only \\(no file names\\)`));
        expect(read.source.missingImages).toHaveLength(tasks);
        expectSameRegions(await rt());
        expect(parse(exported.path)).toEqual(parse(coco(file)));
        expect((parse(exported.path) as unknown[]).length).toBe(detections);
      });

      itWithReference(`${file}: pycocotools loadRes takes the export${dataset ? ' against its dataset' : ''}`, async (python) => {
        const { exported } = await rt();
        const ref = runPython<{ annotations: number; masks: number; drawn: number }>(python, REFERENCE, ['results', exported.path, ...(dataset ? [dataset] : [])]);
        expect(ref).toEqual({ annotations: detections, masks, drawn: masks });
      });
    }

    it('visdrone results: category names from category_name, ids and scores kept', async () => {
      const { read } = await rt0();
      const labels = read.source.labelConfig.controls[0]!;
      expect('labels' in labels && labels.labels.map((l) => l.name)).toEqual(['person', 'car', 'bus', 'truck']);
      const box = (read.source.tasks[0]!.annotations[0]!.answer[0] as Extract<ControlResult, { kind: 'boxes' }>).boxes[0]!;
      expect(box.extras?.coco).toMatchObject({ annotation: { score: 0.8525390625, category_id: 2 } });
      expect(read.source.tasks[0]!.annotations[0]!.score).toBe(0.8525390625);
    });
    const rt0 = () => roundTrip('coco', coco('visdrone_80cat_results.json'), { annotationsAs: 'predictions' });
  });
});

/** An export of a read set with each task's first annotation (or prediction) as its final answer, or as `answers` says. */
function exportInput(set: SourceSet, answers?: (Answer | null)[]): ExportInput {
  const rows: FinalRow[] = set.tasks.map(({ task, annotations }, i) => ({ task, answer: answers ? answers[i]! : (annotations[0]?.answer ?? null), annotator: null }));
  return { labelConfig: set.labelConfig, rows: async function* () { yield rows; }, imagePath: (asset) => set.images.get(asset) ?? null, total: rows.length };
}

const boxesOf = (answer: Answer) => answer.find((r): r is Extract<ControlResult, { kind: 'boxes' }> => r.kind === 'boxes')!;
const polygonsOf = (answer: Answer) => answer.find((r): r is Extract<ControlResult, { kind: 'polygons' }> => r.kind === 'polygons')!;

describeInterop('COCO: what a person changes, and what COCO cannot say', () => {
  it('a moved box gets a new bbox and area; the untouched ones keep theirs (visdrone: area is the image area)', async () => {
    const set = await readCoco(coco('visdrone_80cat_dataset.json'));
    const answer = structuredClone(set.tasks[0]!.annotations[0]!.answer);
    const box = boxesOf(answer).boxes[0]!;
    box.x += 10;
    const out = join(tempDir('coco-edit-'), 'out.json');
    await writeCoco(exportInput(set, [answer, set.tasks[1]!.annotations[0]!.answer]), out);
    const written = (parse(out) as { annotations: Json[] }).annotations;
    expect(written[0]).toEqual({ iscrowd: 0, image_id: 1, bbox: [159, 741, 57, 23], segmentation: boxPolygon([159, 741, 57, 23]), category_id: 2, id: 1, area: 57 * 23 });
    expect(written[1]).toMatchObject({ id: 2, area: 1040400, bbox: [76, 733, 68, 31] });
  });

  it('a moved mask box drops the mask (it no longer matches), with a warning', async () => {
    const set = await readCoco(coco('datumaro_instances', 'annotations', 'instances_val.json'));
    const answer = structuredClone(set.tasks[0]!.annotations[0]!.answer);
    boxesOf(answer).boxes[0]!.width = 3;
    const out = join(tempDir('coco-edit-'), 'out.json');
    const outcome = await writeCoco(exportInput(set, [answer]), out);
    expect(outcome.warnings.join('\n')).toMatch(/edited boxes of masks or other segmentations are written as the new box/);
    const mask = (parse(out) as { annotations: Json[] }).annotations.find((a) => a.id === 2)!;
    expect(mask).toEqual({ id: 2, image_id: 40, category_id: 2, segmentation: boxPolygon([0, 0, 3, 9]), area: 27, bbox: [0, 0, 3, 9], iscrowd: 0 });
  });

  it('an edited part of a two-part outline: one annotation, both parts, bbox and area of the parts', async () => {
    const set = await readCoco(coco('coco_annotator_export.json'));
    const answer = structuredClone(set.tasks[1]!.annotations[0]!.answer);
    polygonsOf(answer).polygons[1]!.points[0]![0] -= 1000;
    const out = join(tempDir('coco-edit-'), 'out.json');
    await writeCoco(exportInput(set, [set.tasks[0]!.annotations[0]!.answer, answer]), out);
    const written = (parse(out) as { annotations: Json[] }).annotations[1]!;
    const parts = written.segmentation as number[][];
    expect(parts).toHaveLength(2);
    expect(written.area).not.toBe(6052);
    expect((written.bbox as number[])[0]).toBe(Math.min(...parts.flatMap((p) => p.filter((_, i) => i % 2 === 0))));
    expect(written).toMatchObject({ id: 1000, isbbox: 'false', metadata: {} });
  });
});

describe('COCO: unlabelled and answered-empty images, images folders, numbers', () => {
  function dataset(dir: string): string {
    writePng(join(dir, 'A.PNG'), 20, 10);
    writePng(join(dir, 'b.png'), 20, 10);
    const path = join(dir, 'set.json');
    writeFileSync(path, JSON.stringify({
      images: [{ id: 1, file_name: 'a.png', width: 20, height: 10 }, { id: 2, file_name: 'b.png', width: 20, height: 10 }],
      categories: [{ id: 7, name: 'cat' }],
      annotations: [{ id: 1, image_id: 1, category_id: 7, bbox: [1, 1, 2, 2], area: 4, iscrowd: 0, segmentation: [] }],
    }));
    return path;
  }

  it('an image with no annotation is a task with no annotation; Loupe marks an answered-empty image so it reads back answered', async () => {
    const dir = tempDir('coco-empty-');
    const set = await readCoco(dataset(dir));
    // Letter case differs on disk (A.PNG), as Windows and macOS would still find it.
    expect(set.images.get('assets/a.png')).toBe(join(dir, 'A.PNG'));
    expect(set.tasks[1]!.annotations).toEqual([]);

    const unanswered = join(dir, 'unanswered.json');
    const outcome = await writeCoco(exportInput(set), unanswered);
    expect(outcome.warnings.join('\n')).toMatch(/images of the source file with no final answer are listed with no annotations/);
    expect((await readCoco(unanswered, { imagesDir: dir })).tasks[1]!.annotations).toEqual([]);

    const none: Answer = [{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }];
    const answered = join(dir, 'answered.json');
    await writeCoco(exportInput(set, [set.tasks[0]!.annotations[0]!.answer, none]), answered);
    expect((parse(answered) as { images: Json[] }).images[1]).toEqual({ id: 2, file_name: 'b.png', width: 20, height: 10, loupe_none: true });
    expect((await readCoco(answered, { imagesDir: dir })).tasks[1]!.annotations[0]!.answer).toEqual(none);
  });

  it('--images is searched first, by path and by name anywhere beneath it; a results list’s images are found by id', async () => {
    const dir = tempDir('coco-images-');
    const json = join(dir, 'json');
    mkdirSync(json);
    mkdirSync(join(dir, 'pics', 'deep'), { recursive: true });
    writePng(join(dir, 'pics', 'deep', 'x.png'), 8, 8);
    writePng(join(dir, 'pics', 'deep', 'COCO_val2014_000000000042.png'), 8, 8);
    writeFileSync(join(json, 'set.json'), JSON.stringify({ images: [{ id: 1, file_name: 'train/x.png', width: 8, height: 8 }], categories: [{ id: 1, name: 'a' }], annotations: [] }));
    const set = await readCoco(join(json, 'set.json'), { imagesDir: join(dir, 'pics') });
    expect(set.images.get('assets/x.png')).toBe(join(dir, 'pics', 'deep', 'x.png'));
    writeFileSync(join(json, 'res.json'), JSON.stringify([{ image_id: 42, category_id: 3, bbox: [1, 1, 2, 2], score: 0.5 }]));
    const results = await readCoco(join(json, 'res.json'), { imagesDir: join(dir, 'pics') });
    expect(results.tasks[0]!.task.data.image).toBe('assets/COCO_val2014_000000000042.png');
    expect(results.missingImages).toBeUndefined();
    expect(results.warnings.join('\n')).toMatch(/categories in res\.json come with no category_name/);
  });

  it('writes no float noise: -0.0000075 is 0, 0.1 + 0.2 is 0.3', async () => {
    const dir = tempDir('coco-noise-');
    const png = writePng(join(dir, 'a.png'), 10, 10);
    const labels = [{ id: 'a', name: 'a', color: '#e03131' }];
    const input: ExportInput = {
      labelConfig: { version: 1, data: 'image', controls: [{ id: 'boxes', kind: 'boxes', required: false, minPredictionScore: 0, labels }] },
      rows: async function* () {
        yield [{ task: { id: 't', data: { image: 'assets/a.png' } }, annotator: null, answer: [{ kind: 'boxes', controlId: 'boxes', boxes: [{ id: 'b', label: 'a', x: -0.0000075 + 0.0000075 - 0.0000001, y: 0.1 + 0.2, width: 0.1 + 0.2, height: 2 }] }] }];
      },
      imagePath: () => png,
      total: 1,
    };
    const out = join(dir, 'out.json');
    await writeCoco(input, out);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('"bbox":[0,0.3,0.3,2]');
    expect(text).not.toMatch(/-0[,\]]|e-|0000000/);
  });
});
