/**
 * Pascal VOC conformance: every real data set in ../shared/fixtures/interop/voc imported as a
 * lead would, exported to VOC, read back and compared: the same boxes, every xml written back
 * with the very text the source gave (its declaration, indent, comments, <source>, <owner>,
 * flags, float coordinates, bndbox children's order), the image sets and labelmap.txt kept, and
 * the warnings that say what was not kept. A reference reader in the shape of mmdetection's and
 * torchvision's (xml.etree, int(float(...))) loads every export.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { comparableSet, describeInterop, fixture, itWithReference, roundTrip, runPython, type RoundTrip } from './kit';

const voc = (...parts: string[]) => fixture('voc', ...parts);
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
const files = (dir: string, ext: string) => walk(dir).filter((p) => p.endsWith(ext)).map((p) => relative(dir, p)).sort();
const text = (path: string) => readFileSync(path, 'utf8').replace(/\s+$/, '');

/** What VOC loaders do with a data set: open every xml an image set lists (or every xml), read each object's name and bndbox. */
const REFERENCE = String.raw`
import json, os, sys
import xml.etree.ElementTree as ET
root = sys.argv[1]
out = {'images': 0, 'objects': 0, 'names': []}
xmls = []
for d, _, names in os.walk(root):
    xmls += [os.path.join(d, n) for n in names if n.endswith('.xml')]
sets = os.path.join(root, 'ImageSets', 'Main')
if os.path.isdir(sets):
    for s in os.listdir(sets):
        for line in open(os.path.join(sets, s)):
            if line.strip():
                assert os.path.exists(os.path.join(root, 'Annotations', line.split()[0] + '.xml')), line
for path in sorted(xmls):
    tree = ET.parse(path).getroot()
    assert tree.find('filename') is not None
    out['images'] += 1
    for obj in tree.findall('object'):
        b = obj.find('bndbox')
        box = [int(float(b.find(k).text)) for k in ('xmin', 'ymin', 'xmax', 'ymax')]
        assert box[2] >= box[0] and box[3] >= box[1]
        out['objects'] += 1
        out['names'].append(obj.find('name').text)
print(json.dumps(out))
`;

function expectSameBoxes(rt: RoundTrip): void {
  expect(comparableSet(rt.reread.source)).toEqual(comparableSet(rt.read.source));
}

/** Every xml of the source written back with the same text (the lead changed nothing). */
function expectXmlsKept(source: string, exported: string, xmls: string[]): void {
  expect(files(exported, '.xml')).toEqual(xmls);
  for (const xml of xmls) expect(text(join(exported, xml)), xml).toBe(text(join(source, xml)));
}

const warnings = (rt: RoundTrip) => ({ read: rt.read.source.warnings ?? [], exported: rt.exported.warnings ?? [] });

describeInterop('Pascal VOC: real data sets through a lead’s import and export', () => {
  it('datumaro_voc_standard: <pose>, truncated, segmented and the declaration kept; a comment in an image set warned', async () => {
    const rt = await roundTrip('voc', voc('datumaro_voc_standard'));
    expect(rt.read.source.tasks).toHaveLength(1);
    expect(rt.read.source.missingImages ?? []).toEqual([]);
    expectSameBoxes(rt);
    expectXmlsKept(voc('datumaro_voc_standard'), rt.exported.path, ['Annotations/2007_000001.xml']);
    expect(text(join(rt.exported.path, 'ImageSets/Main/train.txt'))).toBe('2007_000001');
    expect(files(rt.exported.path, '.jpg')).toEqual(['JPEGImages/2007_000001.jpg']);
    expect(warnings(rt)).toEqual({ read: ['comment lines of image set files are not kept (ImageSets/Main/train.txt)'], exported: [] });
  });

  it('datumaro_voc_flags_float: float coordinates and flags as given, the empty @.xml answered-empty, every set file and the labelmap kept', async () => {
    const src = voc('datumaro_voc_flags_float');
    const rt = await roundTrip('voc', src);
    const { tasks } = rt.read.source;
    expect(tasks.map((t) => t.task.data.image)).toEqual(['assets/@.jpg', 'assets/a.jpg', 'assets/b.jpg', 'assets/c.jpg', 'assets/d.jpg']);
    // @.xml has no object: a person looked and found nothing.
    expect(tasks[0]!.annotations[0]!.answer).toEqual([{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }]);
    expect(rt.reread.source.tasks[0]!.annotations[0]!.answer).toEqual([{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }]);
    expectSameBoxes(rt);
    expectXmlsKept(src, rt.exported.path, files(src, '.xml'));
    // Every set file, the empty per-class ones too, with the same lines.
    expect(files(rt.exported.path, '.txt')).toEqual(files(src, '.txt'));
    for (const set of files(src, '.txt').filter((f) => f.startsWith('ImageSets'))) expect(text(join(rt.exported.path, set)), set).toBe(text(join(src, set)));
    // labelmap.txt: every label, in order, with its color, even the ones no box uses.
    const labelLines = (path: string) => text(path).split('\n').filter((l) => !l.startsWith('#'));
    expect(labelLines(join(rt.exported.path, 'labelmap.txt'))).toEqual(labelLines(join(src, 'labelmap.txt')));
    expect(rt.read.source.missingImages).toEqual(['assets/@.jpg', 'assets/a.jpg', 'assets/b.jpg', 'assets/c.jpg', 'assets/d.jpg']);
    const { read, exported } = warnings(rt);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatch(/^images not found; their tasks are kept \(5 times: Annotations\/@\.xml names @\.jpg/);
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatch(/^images not available are not copied .*\(5 times/);
  });

  it('roboflow_flat: split folders, <path>, xmin,xmax,ymin,ymax order kept, written flat again', async () => {
    const src = voc('roboflow_flat');
    const rt = await roundTrip('voc', src);
    expect(rt.read.source.tasks).toHaveLength(3);
    expectSameBoxes(rt);
    expectXmlsKept(src, rt.exported.path, ['train/train_001.xml', 'train/train_002.xml', 'val/val_001.xml']);
    expect(files(rt.exported.path, '.jpg')).toEqual(files(src, '.jpg'));
    expect(warnings(rt)).toEqual({ read: [], exported: [] });
  });

  it('mmdet_voc2007_single: one tab-indented xml naming another image, kept with its <size> though the image is absent', async () => {
    const src = voc('mmdet_voc2007_single', '000001.xml');
    const rt = await roundTrip('voc', src);
    const [task] = rt.read.source.tasks;
    expect(task!.task.data.image).toBe('assets/000002.jpg');
    expect(task!.task.meta?.imageSize).toEqual({ width: 335, height: 500 });
    expect(rt.read.source.missingImages).toEqual(['assets/000002.jpg']);
    expectSameBoxes(rt);
    // Written as it was read: 000001.xml, beside where its image would be.
    expect(text(join(rt.exported.path, '000001.xml'))).toBe(text(src));
    const { read, exported } = warnings(rt);
    expect(read).toEqual(['images not found; their tasks are kept with the <size> their xml gives (000001.xml names 000002.jpg)']);
    expect(exported).toEqual(['images not available are not copied (their xml uses the size the source recorded) (task 000001: 000002.jpg)']);
  });

  it('imported as answers (annotationsAs: answers), the boxes and the empty @.xml come back the same', async () => {
    const src = voc('datumaro_voc_flags_float');
    const rt = await roundTrip('voc', src, { annotationsAs: 'answers' });
    expectSameBoxes(rt);
    expectXmlsKept(src, rt.exported.path, files(src, '.xml'));
  });

  itWithReference('a VOC loader (xml.etree, as mmdetection and torchvision read) loads every export', async (python) => {
    const expected: Record<string, { images: number; objects: number }> = {
      datumaro_voc_standard: { images: 1, objects: 1 },
      datumaro_voc_flags_float: { images: 5, objects: 4 },
      roboflow_flat: { images: 3, objects: 4 },
      'mmdet_voc2007_single/000001.xml': { images: 1, objects: 1 },
    };
    for (const [name, counts] of Object.entries(expected)) {
      const rt = await roundTrip('voc', voc(name));
      const out = runPython<{ images: number; objects: number }>(python, REFERENCE, [rt.exported.path]);
      expect({ images: out.images, objects: out.objects }, name).toEqual(counts);
    }
  });
});
