/**
 * The pieces under the image formats: image names from URLs and paths, UTF-16 / code-point
 * offsets, label colors; and Label Studio text spans and choices, image lookup by upload name,
 * COCO polygons — cases the third-party fixtures do not cover.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '../../../shared/pack/task';
import { readCoco, writeCoco } from '../../../electron/core/formats/interop/coco';
import { readLabelStudio, writeLabelStudio } from '../../../electron/core/formats/interop/labelStudio';
import { IdScope, idFrom, imageNameFrom } from '../../../electron/core/formats/interop/naming';
import { cssColorToHex } from '../../../electron/core/formats/interop/palette';
import { TextOffsets } from '../../../electron/core/formats/interop/utf16Offsets';
import { tempDir } from '../helpers/fixtures';
import { exportOf, writePng } from './imageTestKit';

const dirs: string[] = [];
const scratch = () => {
  const dir = tempDir('loupe-image-interop-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('names', () => {
  it.each([
    ['/data/upload/1/8f3a2c1d-cat.jpg', '8f3a2c1d-cat.jpg'],
    ['http://host:8080/media/x.jpg?d=other/y.jpg', 'x.jpg'],
    ['/data/local-files/?d=images%2Fsub%2Fcat%20one.png', 'cat one.png'],
    ['s3://bucket/dir/z.webp', 'z.webp'],
    ['train/000001.jpg', '000001.jpg'],
    ['C:\\data\\img.png', 'img.png'],
    ['https://example.org/a%20b.jpg', 'a b.jpg'],
    ['data:image/png;base64,AAAA', null],
    ['', null],
  ])('the image name of %j is %j', (ref, name) => {
    expect(imageNameFrom(ref)).toBe(name);
  });

  it('makes valid ids from any name, unique within a scope', () => {
    expect(idFrom('traffic light')).toBe('traffic-light');
    expect(idFrom('Café')).toBe('Cafe');
    expect(idFrom('_bg')).toBe('bg');
    expect(idFrom('人名')).toBeNull();
    const scope = new IdScope('b');
    expect([scope.take('car'), scope.take('car'), scope.take('人名'), scope.next(), scope.take('b3')]).toEqual(['car', 'car-2', 'b1', 'b2', 'b3']);
    expect(scope.next()).toBe('b4');
  });
});

describe('text offsets', () => {
  const text = 'a😀b😀😀c';
  const offsets = new TextOffsets(text);

  it('counts code points before a UTF-16 offset, refusing one inside a character', () => {
    expect([0, 1, 3, 4, 6, 8, 9].map((u) => offsets.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(offsets.toCodePoint(2)).toBeNull(); // between the halves of 😀
    expect(offsets.toCodePoint(10)).toBeNull();
    expect(offsets.codePoints).toBe([...text].length);
  });

  it('goes back from code points to UTF-16', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => offsets.toUtf16(p))).toEqual([0, 1, 3, 4, 6, 8, 9]);
    expect(offsets.toUtf16(7)).toBeNull();
    expect(new TextOffsets('plain').toUtf16(3)).toBe(3);
  });
});

describe('colors', () => {
  it.each([
    ['rgba(218, 1, 238, 1)', '#da01ee'],
    ['rgb(0 255 0 / 50%)', '#00ff00'],
    ['#ABC', '#aabbcc'],
    ['#11223344', '#112233'],
    ['Red', '#ff0000'],
    ['not a color', null],
    ['rgb(1, 2)', null],
  ])('%j is %j', (css, hex) => {
    expect(cssColorToHex(css)).toBe(hex);
  });
});

describe('Label Studio text tasks', () => {
  const text = '😀 Bob met Alice in Zürich';
  // Label Studio counts UTF-16 units: the emoji is 2, so "Bob" is 3–6 (code points 2–5).
  const results = [
    { id: 'n1', type: 'labels', from_name: 'ner', to_name: 'text', value: { start: 3, end: 6, text: 'Bob', labels: ['Person'] } },
    { id: 'n2', type: 'labels', from_name: 'ner', to_name: 'text', value: { start: 11, end: 16, text: 'Alice', labels: ['Person'] } },
    { id: 'n3', type: 'labels', from_name: 'ner', to_name: 'text', value: { start: 20, end: 26, text: 'Zürich', labels: ['Place'] } },
    { id: 'c1', type: 'choices', from_name: 'topic', to_name: 'text', value: { choices: ['News', 'Travel'] } },
    { id: 't1', type: 'textarea', from_name: 'note', to_name: 'text', value: { text: ['free text'] } },
  ];

  it('reads spans as code points, multi-label choices, and writes UTF-16 offsets back', async () => {
    const dir = scratch();
    const path = join(dir, 'text.json');
    writeFileSync(path, JSON.stringify([{ id: 3, data: { text, source: 'wire' }, annotations: [{ completed_by: { id: 4, email: 'a@example.org' }, result: results }] }]));
    const set = await readLabelStudio(path);
    expect(set.labelConfig.data).toBe('text');
    expect(set.labelConfig.controls.map((c) => [c.id, c.kind])).toEqual([
      ['ner', 'spans'],
      ['topic', 'choices'],
    ]);
    expect(set.labelConfig.controls[1]).toMatchObject({ multiple: true });
    const [task] = set.tasks;
    expect(task!.task).toMatchObject({ id: '3', data: { text }, meta: { labelStudio: { id: 3, data: { source: 'wire' } } } });
    const answer = task!.annotations[0]!.answer;
    const spans = (answer[0] as Extract<ControlResult, { kind: 'spans' }>).spans;
    expect(spans.map((s) => [s.id, s.start, s.end, s.label])).toEqual([
      ['n1', 2, 5, 'Person'],
      ['n2', 10, 15, 'Person'],
      ['n3', 19, 25, 'Place'],
    ]);
    expect(answer[1]).toEqual({ kind: 'choices', controlId: 'topic', labels: ['News', 'Travel'] });
    expect(set.warnings.join('\n')).toContain('results of type "textarea" were skipped');

    const out = join(dir, 'out.json');
    await writeLabelStudio(exportOf(set), out);
    const [written] = JSON.parse(readFileSync(out, 'utf8')) as { data: { text: string }; meta: Record<string, string>; annotations: { result: { value: Record<string, unknown> }[] }[] }[];
    expect(written!.data.text).toBe(text);
    expect(written!.meta).toEqual({ loupe_task_id: '3', loupe_annotator: 'a@example.org' });
    expect(written!.annotations[0]!.result.map((r) => r.value)).toEqual([
      { start: 3, end: 6, text: 'Bob', labels: ['Person'] },
      { start: 11, end: 16, text: 'Alice', labels: ['Person'] },
      { start: 20, end: 26, text: 'Zürich', labels: ['Place'] },
      { choices: ['News', 'Travel'] },
    ]);
    const again = await readLabelStudio(out);
    expect(again.tasks[0]!.annotations[0]).toMatchObject({ annotator: 'a@example.org', answer });
  });

  it('refuses a second label on a single-choice question of the XML config', async () => {
    const dir = scratch();
    const xml = join(dir, 'config.xml');
    writeFileSync(xml, '<View><Text name="text" value="$body"/><Choices name="topic" toName="text" choice="single"><Choice value="News"/><Choice value="Travel"/></Choices></View>');
    const path = join(dir, 'tasks.json');
    writeFileSync(path, JSON.stringify([{ id: 1, data: { body: text }, annotations: [{ result: [results[3]] }] }]));
    await expect(readLabelStudio(path, { configPath: xml })).rejects.toMatchObject({ where: { file: 'tasks.json', field: '[0].annotations[0].result' } });
  });
});

describe('Label Studio images', () => {
  it('finds an uploaded image by its name without the upload prefix, and warns about one not found', async () => {
    const dir = scratch();
    const images = join(dir, 'images');
    mkdirSync(images);
    writePng(join(images, 'cat.png'), 200, 100);
    const box = { id: 'r', type: 'rectanglelabels', from_name: 'label', to_name: 'image', value: { x: 10, y: 50, width: 25, height: 20, rectanglelabels: ['Cat'] } };
    const path = join(dir, 'tasks.json');
    writeFileSync(
      path,
      JSON.stringify([
        { id: 1, data: { image: '/data/upload/3/8f3a2c1d-cat.png' }, annotations: [{ result: [box] }] },
        { id: 2, data: { image: '/data/upload/3/0badcafe-dog.png' }, annotations: [], predictions: [] },
      ]),
    );
    const set = await readLabelStudio(path, { imagesDir: images });
    expect(set.tasks.map((t) => t.task.data.image)).toEqual(['assets/cat.png', 'assets/0badcafe-dog.png']);
    expect(set.images.get('assets/cat.png')).toBe(join(images, 'cat.png'));
    expect(set.images.has('assets/0badcafe-dog.png')).toBe(false);
    expect(set.warnings.join('\n')).toMatch(/images not found in .*0badcafe-dog\.png/);
    // No original_width in the result: the image file's size (200×100) converts the percent.
    const [b] = (set.tasks[0]!.annotations[0]!.answer[0] as Extract<ControlResult, { kind: 'boxes' }>).boxes;
    expect([b!.x, b!.y, b!.width, b!.height]).toEqual([20, 50, 50, 20]);
  });
});

describe('COCO polygons', () => {
  it('writes a polygon as a flat segmentation with its bbox and area, and reads it back as a polygon', async () => {
    const dir = scratch();
    const png = writePng(join(dir, 'shape.png'), 50, 40);
    const labels = [{ id: 'roof', name: 'Roof', color: '#e03131' }];
    const input = exportOf({
      labelConfig: { version: 1, data: 'image', controls: [{ id: 'polygons', kind: 'polygons', required: false, minPredictionScore: 0, labels }] },
      tasks: [{ task: { id: 'shape', data: { image: 'assets/shape.png' } }, annotations: [{ annotator: null, kind: 'annotation', answer: [{ kind: 'polygons', controlId: 'polygons', polygons: [{ id: 'p1', label: 'roof', points: [[10, 10], [30, 10], [30, 20], [10, 20]] }] }] }] }],
      images: new Map([['assets/shape.png', png]]),
    });
    const out = join(dir, 'coco.json');
    await writeCoco(input, out);
    const coco = JSON.parse(readFileSync(out, 'utf8')) as { annotations: Record<string, unknown>[] };
    expect(coco.annotations).toEqual([{ id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 10], area: 200, iscrowd: 0, segmentation: [[10, 10, 30, 10, 30, 20, 10, 20]] }]);
    const back = await readCoco(out);
    expect(back.labelConfig.controls.map((c) => c.kind)).toEqual(['polygons']);
    // The annotation's own fields now ride along in extras.coco (written back by the COCO writer).
    expect(back.tasks[0]!.annotations[0]!.answer).toMatchObject([{ kind: 'polygons', controlId: 'polygons', polygons: [{ id: '1', label: 'Roof', points: [[10, 10], [30, 10], [30, 20], [10, 20]] }] }]);
  });
});
