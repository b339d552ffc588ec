/**
 * Image interchange formats (Label Studio, COCO, YOLO, Pascal VOC): reading the real files other
 * tools wrote (../shared/fixtures/interop, skipped with a note where that folder is absent),
 * round trips through Loupe, and the refusals of bad input, each naming the file (and line or
 * field).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../shared/errors';
import type { Answer, ControlResult } from '../../../shared/pack/task';
import { readCoco, writeCoco } from '../../../electron/core/formats/interop/coco';
import { labelStudioConfigXml, readLabelStudio, writeLabelStudio } from '../../../electron/core/formats/interop/labelStudio';
import type { ExportInput, SourceSet } from '../../../electron/core/formats/interop/types';
import { readVoc, writeVoc } from '../../../electron/core/formats/interop/voc';
import { readYolo, writeYolo } from '../../../electron/core/formats/interop/yolo';
import { readProjectSource } from '../../../electron/core/projects/formats';
import { tempDir } from '../helpers/fixtures';
import { exportOf, FIXTURES, HAVE_FIXTURES, writePng } from './imageTestKit';

const LS = join(FIXTURES, 'label-studio');
const YOLO = join(FIXTURES, 'yolo');
const dirs: string[] = [];
const scratch = () => {
  const dir = tempDir('loupe-image-formats-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

if (!HAVE_FIXTURES) console.info(`Skipping the third-party fixture tests: ${FIXTURES} is absent (it ships with the project's shared folder, not the app).`);

const boxesOf = (answer: Answer | null | undefined) => (answer?.find((r) => r.kind === 'boxes') as Extract<ControlResult, { kind: 'boxes' }> | undefined)?.boxes ?? [];
const polygonsOf = (answer: Answer | null | undefined) => (answer?.find((r) => r.kind === 'polygons') as Extract<ControlResult, { kind: 'polygons' }> | undefined)?.polygons ?? [];

/** The refusal a promise ends in, as a LoupeError (failing the test when it resolves or throws something else). */
async function refusal(promise: Promise<unknown>): Promise<LoupeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  return error as LoupeError;
}

/** The rectangles fixture's images are `/image1`, `/image2` at 2800×2800: stand-ins of that size. */
function rectangleImages(): string {
  const dir = scratch();
  writePng(join(dir, 'image1'), 2800, 2800);
  writePng(join(dir, 'image2'), 2800, 2800);
  return dir;
}

const parseJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

describe.skipIf(!HAVE_FIXTURES)(`real Label Studio and YOLO files (${FIXTURES})`, () => {
  it('reads label-studio/rectangles.json with its XML config: percent to pixels, labels and colors from the config', async () => {
    const set = await readLabelStudio(join(LS, 'rectangles.json'), { configPath: join(LS, 'rectangles.label_config.xml') });
    expect(set.format).toBe('label-studio');
    expect(set.tasks).toHaveLength(2);
    expect(set.tasks.map((t) => t.annotations.length)).toEqual([2, 1]);
    const control = set.labelConfig.controls[0]!;
    expect(set.labelConfig.data).toBe('image');
    expect(control).toMatchObject({ id: 'label', kind: 'boxes' });
    expect('labels' in control && control.labels.map((l) => [l.id, l.name, l.color])).toEqual([
      ['parasites', 'parasites', '#da01ee'], // background="rgba(218, 1, 238, 1)"
      ['white', 'white', '#00ff00'],
    ]);
    const first = set.tasks[0]!;
    expect(first.task.data.image).toBe('assets/image1'); // the file's own name, from "/image1"
    expect(first.annotations.map((a) => a.annotator)).toEqual(['2', '1']);
    const [box] = boxesOf(first.annotations[0]!.answer);
    // Hand-computed: value percent × original_width (2800) / 100.
    expect(box).toMatchObject({ id: 'C7oHaRDVVC', label: 'parasites', origin: 'manual' });
    expect(box!.x).toBeCloseTo((37.15846994535519 * 2800) / 100, 9);
    expect(box!.y).toBeCloseTo((70.67395264116576 * 2800) / 100, 9);
    expect(box!.width).toBeCloseTo((4.189435336976321 * 2800) / 100, 9);
    expect(box!.height).toBeCloseTo((4.735883424408015 * 2800) / 100, 9);
    expect(boxesOf(set.tasks[1]!.annotations[0]!.answer).map((b) => b.label)).toEqual(['white', 'white']);
    expect(set.warnings.some((w) => w.includes('no images folder'))).toBe(true);
  });

  it('derives the same questions from the results when no XML config is given', async () => {
    const set = await readLabelStudio(join(LS, 'rectangles.json'));
    const control = set.labelConfig.controls[0]!;
    expect(control).toMatchObject({ id: 'label', kind: 'boxes' });
    expect('labels' in control && control.labels.map((l) => l.id)).toEqual(['parasites', 'white']);
  });

  it('reads polygons.json: points from percent to pixels, named colors from the config', async () => {
    const set = await readLabelStudio(join(LS, 'polygons.json'), { configPath: join(LS, 'polygons.label_config.xml') });
    expect(set.tasks).toHaveLength(1);
    const control = set.labelConfig.controls[0]!;
    expect(control).toMatchObject({ id: 'label', kind: 'polygons' });
    expect('labels' in control && control.labels.map((l) => [l.name, l.color])).toEqual([
      ['Airplane', '#ff0000'],
      ['Car', '#0000ff'],
    ]);
    const [polygon] = polygonsOf(set.tasks[0]!.annotations[0]!.answer);
    expect(polygon!.label).toBe('Airplane');
    expect(polygon!.points).toHaveLength(37);
    expect(polygon!.points[0]![0]).toBeCloseTo((60 * 640) / 100, 9);
    expect(polygon!.points[0]![1]).toBeCloseTo((19.55922865013774 * 426) / 100, 9);
  });

  it('reads with_reviews.json: emails of completed_by objects, predictions with model and score, prediction-changed origins', async () => {
    const set = await readLabelStudio(join(LS, 'with_reviews.json'));
    expect(set.tasks).toHaveLength(2);
    const [task] = set.tasks;
    expect(task!.task.data.image).toBe('assets/0030019819f25b28.jpg'); // from https://…/mini/0030019819f25b28.jpg
    const annotation = task!.annotations.find((a) => a.kind === 'annotation')!;
    const prediction = task!.annotations.find((a) => a.kind === 'prediction')!;
    expect(annotation.annotator).toBe('hakan@heartex.com');
    expect(boxesOf(annotation.answer)[0]).toMatchObject({ id: 'oid3', label: 'Car', origin: 'prediction-changed' });
    expect(prediction).toMatchObject({ annotator: null, model: 'model 0', score: 0.7212843313260696 });
    // The prediction's result has no original_width: the task's other results give the size (768×576).
    expect(boxesOf(prediction.answer)[0]!.x).toBeCloseTo((3.63 * 768) / 100, 9);
    expect(boxesOf(prediction.answer)[0]!.height).toBeCloseTo((71.76 * 576) / 100, 9);
    // The whole task is kept (its other data fields, reviews, ids …), for the export to write back.
    expect(task!.task.meta).toMatchObject({ labelStudio: { source: { id: 1, data: { text: expect.stringContaining('wildfires') }, annotations: [{ reviews: [{ id: 28 }] }] } } });
    expect(boxesOf(set.tasks[1]!.annotations[0]!.answer).map((b) => b.origin)).toEqual(['prediction', 'manual']);
  });

  it('reads the yolo/ set: classes by line, boxes denormalized by each image size', async () => {
    const set = await readYolo(YOLO);
    expect(set.format).toBe('yolo');
    const control = set.labelConfig.controls[0]!;
    expect(control).toMatchObject({ id: 'boxes', kind: 'boxes' });
    expect('labels' in control && control.labels.map((l) => l.name)).toEqual(['closed_door', 'opened_door', 'bus', 'number']);
    expect(set.tasks.map((t) => t.task.data.image)).toEqual(['img_1.jpg', 'img_2.png', 'img_3.png', 'img_4.png', 'img_5.jpg', 'img_6.jpeg', 'img_7.jpeg'].map((n) => `assets/${n}`));
    expect(set.images.get('assets/img_1.jpg')).toBe(join(YOLO, 'images', 'img_1.jpg'));
    const boxes = boxesOf(set.tasks[0]!.annotations[0]!.answer);
    expect(boxes.map((b) => b.label)).toEqual(['bus', 'number', 'closed_door', 'closed_door']);
    // img_1.jpg is 640×329; line 1: "2 0.49765625 0.46200607902735563 0.9640625 0.8693009118541033".
    expect(boxes[0]!.id).toBe('b1');
    expect(boxes[0]!.x).toBeCloseTo((0.49765625 - 0.9640625 / 2) * 640, 9);
    expect(boxes[0]!.y).toBeCloseTo((0.46200607902735563 - 0.8693009118541033 / 2) * 329, 9);
    expect(boxes[0]!.width).toBeCloseTo(0.9640625 * 640, 9);
    expect(boxes[0]!.height).toBeCloseTo(0.8693009118541033 * 329, 9);
    expect(set.tasks.reduce((n, t) => n + boxesOf(t.annotations[0]!.answer).length, 0)).toBe(25);
  });
});

describe.skipIf(!HAVE_FIXTURES)('round trips through Loupe', () => {
  it('Label Studio rectangles → Loupe → Label Studio JSON: the same boxes (percent, 1e-6), labels and image names', async () => {
    const source = join(LS, 'rectangles.json');
    const config = join(LS, 'rectangles.label_config.xml');
    const set = await readLabelStudio(source, { configPath: config, imagesDir: rectangleImages() });
    const out = join(scratch(), 'ls.json');
    const outcome = await writeLabelStudio(exportOf(set), out);
    expect(outcome).toMatchObject({ rows: 2 });
    expect(outcome.files).toEqual([out, out.replace(/\.json$/, '.label_config.xml')]);

    const original = parseJson(source) as { data: { image: string }; annotations: { result: { value: Record<string, unknown> }[] }[] }[];
    const written = parseJson(out) as { data: { image: string }; annotations: { result: { value: Record<string, number | string[]>; original_width: number }[] }[] }[];
    expect(written).toHaveLength(original.length);
    written.forEach((task, i) => {
      // The image's URL as the file gave it (the old writer made it a local-files URL: data lost on the way back).
      expect(task.data.image).toBe(original[i]!.data.image);
      const before = original[i]!.annotations[0]!.result;
      const after = task.annotations[0]!.result;
      expect(after).toHaveLength(before.length);
      after.forEach((r, k) => {
        expect(r.original_width).toBe(2800);
        expect(r.value.rectanglelabels).toEqual(before[k]!.value.rectanglelabels);
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs((r.value[key] as number) - (before[k]!.value[key] as number))).toBeLessThan(1e-6);
      });
    });
    // And read back: the same tasks, image names and pixel boxes.
    const again = await readLabelStudio(out, { configPath: config });
    expect(again.tasks.map((t) => [t.task.id, t.task.data.image])).toEqual(set.tasks.map((t) => [t.task.id, t.task.data.image]));
    again.tasks.forEach((t, i) => {
      const a = boxesOf(t.annotations[0]!.answer);
      const b = boxesOf(set.tasks[i]!.annotations[0]!.answer);
      expect(a.map((x) => [x.id, x.label])).toEqual(b.map((x) => [x.id, x.label]));
      a.forEach((box, k) => expect(box.x).toBeCloseTo(b[k]!.x, 6));
    });
  });

  it('YOLO → Loupe → YOLO: the same classes.txt, label lines (1e-6) and image file names', async () => {
    const set = await readYolo(YOLO);
    const out = join(scratch(), 'yolo-out');
    const outcome = await writeYolo(exportOf(set), out);
    expect(outcome.rows).toBe(7);
    // The fixture was written on Windows (CRLF); Loupe writes LF, which every YOLO reader takes.
    const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(lines(readFileSync(join(out, 'classes.txt'), 'utf8'))).toEqual(lines(readFileSync(join(YOLO, 'classes.txt'), 'utf8')));
    expect(readdirSync(join(out, 'images')).sort()).toEqual(readdirSync(join(YOLO, 'images')).sort());
    expect(readdirSync(join(out, 'labels')).sort()).toEqual(readdirSync(join(YOLO, 'labels')).sort());
    for (const name of readdirSync(join(YOLO, 'labels'))) {
      const before = lines(readFileSync(join(YOLO, 'labels', name), 'utf8')).map((l) => l.trim().split(/\s+/).map(Number));
      const after = lines(readFileSync(join(out, 'labels', name), 'utf8')).map((l) => l.split(' ').map(Number));
      expect(after.map((l) => l[0])).toEqual(before.map((l) => l[0]));
      after.forEach((l, i) => l.forEach((v, k) => expect(Math.abs(v - before[i]![k]!)).toBeLessThan(1e-6)));
    }
    expect(readFileSync(join(out, 'images', 'img_2.png')).equals(readFileSync(join(YOLO, 'images', 'img_2.png')))).toBe(true);
  });

  it('Label Studio rectangles → COCO: categories from 1 in config order, file_name the image own name, bbox in pixels', async () => {
    const set = await readLabelStudio(join(LS, 'rectangles.json'), { configPath: join(LS, 'rectangles.label_config.xml'), imagesDir: rectangleImages() });
    const out = join(scratch(), 'coco.json');
    expect((await writeCoco(exportOf(set), out)).rows).toBe(2);
    const coco = parseJson(out) as { images: { id: number; file_name: string; width: number }[]; categories: { id: number; name: string }[]; annotations: { image_id: number; category_id: number; bbox: number[]; area: number; iscrowd: number }[] };
    expect(coco.categories.map((c) => [c.id, c.name])).toEqual([
      [1, 'parasites'],
      [2, 'white'],
    ]);
    expect(coco.images.map((i) => [i.id, i.file_name, i.width])).toEqual([
      [1, 'image1', 2800],
      [2, 'image2', 2800],
    ]);
    expect(coco.annotations).toHaveLength(4);
    const first = coco.annotations[0]!;
    expect(first).toMatchObject({ image_id: 1, category_id: 1, iscrowd: 0 });
    expect(first.bbox[0]).toBeCloseTo((37.15846994535519 * 2800) / 100, 6);
    expect(first.bbox[2]).toBeCloseTo((4.189435336976321 * 2800) / 100, 6);
    expect(first.area).toBeCloseTo(first.bbox[2]! * first.bbox[3]!, 6);
    expect(coco.annotations[1]).toMatchObject({ category_id: 2 });
  });

  it('COCO → Loupe → COCO gives the same file', async () => {
    const images = rectangleImages();
    const set = await readLabelStudio(join(LS, 'rectangles.json'), { configPath: join(LS, 'rectangles.label_config.xml'), imagesDir: images });
    const first = join(scratch(), 'first.json');
    await writeCoco(exportOf(set), first);
    const read = await readCoco(first, { imagesDir: images });
    expect(read.format).toBe('coco');
    expect(read.warnings).toEqual([]);
    expect(read.tasks.map((t) => t.task.data.image)).toEqual(['assets/image1', 'assets/image2']);
    const second = join(scratch(), 'second.json');
    await writeCoco(exportOf(read), second);
    expect(parseJson(second)).toEqual(parseJson(first));
  });

  it('Label Studio polygons → YOLO segmentation lines → back: the same polygon', async () => {
    const set = await readLabelStudio(join(LS, 'polygons.json'), { configPath: join(LS, 'polygons.label_config.xml') });
    // The fixture names its image "/image2", with no extension; a YOLO set holds image files, so
    // the project's copy of the image is a 640×426 PNG under that name.
    const png = writePng(join(scratch(), 'image2.png'), 640, 426);
    const tasks = set.tasks.map((t) => ({ ...t, task: { ...t.task, data: { image: 'assets/image2.png' } } }));
    const out = join(scratch(), 'yolo-seg');
    await writeYolo(exportOf({ ...set, tasks }, new Map([['assets/image2.png', png]])), out);
    expect(readFileSync(join(out, 'classes.txt'), 'utf8')).toBe('Airplane\nCar\n');
    const line = readFileSync(join(out, 'labels', 'image2.txt'), 'utf8').trim().split(' ');
    expect(line[0]).toBe('0');
    expect(line).toHaveLength(1 + 37 * 2);
    expect(Number(line[1])).toBeCloseTo(0.6, 7); // 60 % of the width

    const back = await readYolo(out);
    expect(back.labelConfig.controls.map((c) => c.kind)).toEqual(['polygons']);
    const [before] = polygonsOf(set.tasks[0]!.annotations[0]!.answer);
    const [after] = polygonsOf(back.tasks[0]!.annotations[0]!.answer);
    expect(after!.label).toBe('Airplane');
    expect(after!.points).toHaveLength(before!.points.length);
    after!.points.forEach(([x, y], i) => {
      expect(Math.abs(x - before!.points[i]![0])).toBeLessThan(1e-4);
      expect(Math.abs(y - before!.points[i]![1])).toBeLessThan(1e-4);
    });
  });

  it('writes a Label Studio labeling config that reads back as the same questions', async () => {
    const set = await readLabelStudio(join(LS, 'rectangles.json'), { configPath: join(LS, 'rectangles.label_config.xml') });
    const xmlPath = join(scratch(), 'config.xml');
    writeFileSync(xmlPath, labelStudioConfigXml(set.labelConfig));
    const again = await readLabelStudio(join(LS, 'rectangles.json'), { configPath: xmlPath });
    expect(again.labelConfig).toEqual(set.labelConfig);
  });
});

/** An image-task export of hand-made boxes over one 100×80 PNG. */
function boxExport(boxes: { x: number; y: number; width: number; height: number; label: string }[], polygons: { points: [number, number][]; label: string }[] = []): ExportInput {
  const png = writePng(join(scratch(), 'cat.png'), 100, 80);
  const set: Pick<SourceSet, 'labelConfig' | 'tasks' | 'images'> = {
    labelConfig: {
      version: 1,
      data: 'image',
      controls: [
        { id: 'boxes', kind: 'boxes', required: false, minPredictionScore: 0, labels: [{ id: 'cat', name: 'Cat', color: '#e03131' }, { id: 'dog', name: 'Dog', color: '#1971c2' }] },
        { id: 'outlines', kind: 'polygons', required: false, minPredictionScore: 0, labels: [{ id: 'cat', name: 'Cat', color: '#e03131' }] },
      ],
    },
    tasks: [
      {
        task: { id: 'cat', data: { image: 'assets/cat.png' } },
        annotations: [
          {
            annotator: 'ann',
            kind: 'annotation',
            answer: [
              { kind: 'boxes', controlId: 'boxes', boxes: boxes.map((b, i) => ({ id: `b${i + 1}`, ...b })) },
              ...(polygons.length ? [{ kind: 'polygons' as const, controlId: 'outlines', polygons: polygons.map((p, i) => ({ id: `p${i + 1}`, ...p })) }] : []),
            ],
          },
        ],
      },
    ],
    images: new Map([['assets/cat.png', png]]),
  };
  return exportOf(set);
}

describe('Pascal VOC', () => {
  it('writes 1-based whole-pixel boxes and reads them back as the same boxes', async () => {
    const out = join(scratch(), 'voc');
    const boxes = [
      { x: 0, y: 0, width: 100, height: 80, label: 'dog' }, // the whole image
      { x: 10, y: 20, width: 30, height: 15, label: 'cat' },
    ];
    const outcome = await writeVoc(boxExport(boxes), out);
    expect(outcome.rows).toBe(1);
    const xml = readFileSync(join(out, 'Annotations', 'cat.xml'), 'utf8');
    expect(xml).toContain('<filename>cat.png</filename>');
    expect(xml).toMatch(/<width>100<\/width>\s*<height>80<\/height>\s*<depth>3<\/depth>/);
    // The whole 100×80 image: xmin 1 … xmax 100 (VOC counts pixels from 1, inclusive).
    expect(xml).toMatch(/<name>Dog<\/name>[\s\S]*?<xmin>1<\/xmin>\s*<ymin>1<\/ymin>\s*<xmax>100<\/xmax>\s*<ymax>80<\/ymax>/);
    expect(xml).toMatch(/<name>Cat<\/name>[\s\S]*?<xmin>11<\/xmin>\s*<ymin>21<\/ymin>\s*<xmax>40<\/xmax>\s*<ymax>35<\/ymax>/);
    expect(readdirSync(join(out, 'JPEGImages'))).toEqual(['cat.png']);
    expect(readFileSync(join(out, 'ImageSets', 'Main', 'default.txt'), 'utf8')).toBe('cat\n');

    const back = await readVoc(out);
    expect(back.format).toBe('voc');
    expect(back.images.get('assets/cat.png')).toBe(join(out, 'JPEGImages', 'cat.png'));
    expect(boxesOf(back.tasks[0]!.annotations[0]!.answer).map(({ x, y, width, height, label }) => ({ x, y, width, height, label }))).toEqual([
      { x: 0, y: 0, width: 100, height: 80, label: 'Dog' },
      { x: 10, y: 20, width: 30, height: 15, label: 'Cat' },
    ]);
  });

  it('keeps fractional boxes (to 1/1000 px) and writes a polygon as the box around it, with a warning', async () => {
    const out = join(scratch(), 'voc-round');
    const outcome = await writeVoc(boxExport([{ x: 10.4, y: 5.6, width: 20.2, height: 0.3, label: 'cat' }], [{ points: [[1, 2], [30, 4], [12, 40]], label: 'cat' }]), out);
    expect(outcome.warnings.join('\n')).toContain('polygons are written as the boxes around them');
    const back = await readVoc(out);
    expect(boxesOf(back.tasks[0]!.annotations[0]!.answer).map(({ x, y, width, height }) => ({ x, y, width, height }))).toEqual([
      { x: 10.4, y: 5.6, width: 20.2, height: 1 }, // xmin 11.4, xmax 30.6; a sliver is written one pixel tall
      { x: 1, y: 2, width: 29, height: 38 },
    ]);
  });

  it('finds the images in the folder a lead names (--images) when they are not beside the XML', async () => {
    const out = join(scratch(), 'voc-moved');
    await writeVoc(boxExport([{ x: 10, y: 20, width: 30, height: 15, label: 'cat' }]), out);
    const elsewhere = join(scratch(), 'pictures');
    renameSync(join(out, 'JPEGImages'), elsewhere);
    const { source } = await readProjectSource('voc', out, { imagesDir: elsewhere });
    expect(source.images.get('assets/cat.png')).toBe(join(elsewhere, 'cat.png'));
  });

  it('refuses an output folder that already holds files, and leaves it as it was', async () => {
    const out = scratch();
    writeFileSync(join(out, 'old.txt'), 'keep');
    const error = await refusal(writeVoc(boxExport([]), out));
    expect(error.message).toContain('not empty');
    expect(readdirSync(out)).toEqual(['old.txt']);
  });
});

describe('refusals name the file, and the line or field', () => {
  it('malformed JSON (Label Studio and COCO)', async () => {
    const path = join(scratch(), 'broken.json');
    writeFileSync(path, '[\n  {"id": 1,\n   "data": }\n]\n');
    const error = await refusal(readLabelStudio(path));
    expect(error.where?.file).toBe('broken.json');
    expect(error.message).toContain('not valid JSON');
    const coco = await refusal(readCoco(path));
    expect(coco.where?.file).toBe('broken.json');
  });

  it('a YOLO class index out of range, with its label file and line', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'classes.txt'), 'cat\ndog\n');
    writePng(join(dir, 'images', 'a.png'), 10, 10);
    writeFileSync(join(dir, 'labels', 'a.txt'), '0 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.1 0.1\n');
    const error = await refusal(readYolo(dir));
    expect(error.where).toMatchObject({ file: 'labels/a.txt', line: 2 });
    expect(error.message).toContain('class index 2 is out of range');
  });

  it('YOLO coordinates in pixels rather than fractions', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'classes.txt'), 'cat\n');
    writePng(join(dir, 'images', 'a.png'), 10, 10);
    writeFileSync(join(dir, 'labels', 'a.txt'), '0 5 5 2 2\n');
    const error = await refusal(readYolo(dir));
    expect(error.where).toMatchObject({ file: 'labels/a.txt', line: 1 });
  });

  // A rotated rectangle used to refuse the whole file; Label Studio writes them, so it is now kept
  // as given (not shown, warned) and written back with its annotation.
  it('a rotated Label Studio rectangle is kept as given, naming the task and the result', async () => {
    const path = join(scratch(), 'rotated.json');
    const rotated = { id: 'r1', type: 'rectanglelabels', from_name: 'label', to_name: 'image', original_width: 100, original_height: 100, value: { x: 1, y: 1, width: 5, height: 5, rotation: 30, rectanglelabels: ['cat'] } };
    const straight = { ...rotated, id: 'r2', value: { ...rotated.value, rotation: 0 } };
    writeFileSync(path, JSON.stringify([{ id: 7, data: { image: '/data/upload/1/a.jpg' }, annotations: [{ completed_by: 1, result: [rotated, straight] }] }]));
    const set = await readLabelStudio(path);
    expect(set.warnings.join('\n')).toMatch(/rotated rectangles are kept as given.*task 7, result "r1"/);
    const answer = set.tasks[0]!.annotations[0]!.answer;
    const boxes = answer.find((r) => r.kind === 'boxes');
    expect(boxes && 'boxes' in boxes ? boxes.boxes.length : 0).toBe(1);
    // Edited in Loupe (the straight box deleted), the rotated one stays.
    const edited: Answer = answer.map((r) => (r.kind === 'boxes' ? { ...r, boxes: [], none: true as const } : r));
    const out = join(scratch(), 'out.json');
    await writeLabelStudio(exportOf({ ...set, tasks: [{ ...set.tasks[0]!, annotations: [{ ...set.tasks[0]!.annotations[0]!, answer: edited }] }] }), out);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { annotations: { result: unknown[] }[] }[])[0]!.annotations[0]!.result).toEqual([rotated]);
  });

  // A mask used to refuse the whole file; it now reads as its box (conformance/coco.test.ts).
  // Only a mask with neither a bbox nor readable counts is refused.
  it('a COCO run-length-encoded mask with no bbox and counts that cannot be read', async () => {
    const path = join(scratch(), 'rle.json');
    const coco = {
      images: [{ id: 1, file_name: 'a.jpg', width: 10, height: 10 }],
      categories: [{ id: 1, name: 'cat' }],
      annotations: [{ id: 5, image_id: 1, category_id: 1, iscrowd: 1, segmentation: { counts: [0, -16], size: [10, 10] } }],
    };
    writeFileSync(path, JSON.stringify(coco));
    const error = await refusal(readCoco(path));
    expect(error.where).toMatchObject({ file: 'rle.json', field: 'annotations[0].segmentation' });
    expect(error.message).toContain('annotation 5: a mask (RLE) without a bbox');
  });

  it('a VOC file that is not well-formed XML, with its line', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'Annotations'));
    writeFileSync(join(dir, 'Annotations', 'a.xml'), '<annotation>\n  <filename>a.jpg</filename>\n  <object><name>cat</object>\n</annotation>\n');
    const error = await refusal(readVoc(dir));
    expect(error.where).toMatchObject({ file: 'Annotations/a.xml', line: 3 });
  });

  it('a Label Studio result whose question is not in the XML config', async () => {
    const dir = scratch();
    const xml = join(dir, 'config.xml');
    writeFileSync(xml, '<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="cat"/></RectangleLabels></View>');
    const path = join(dir, 'tasks.json');
    const result = { id: 'r1', type: 'rectanglelabels', from_name: 'other', to_name: 'image', original_width: 10, original_height: 10, value: { x: 1, y: 1, width: 5, height: 5, rectanglelabels: ['cat'] } };
    writeFileSync(path, JSON.stringify([{ id: 1, data: { image: 'a.jpg' }, annotations: [{ result: [result] }] }]));
    const error = await refusal(readLabelStudio(path, { configPath: xml }));
    expect(error.where).toMatchObject({ file: 'tasks.json', field: '[0].annotations[0].result[0].from_name' });
  });
});
