/**
 * YOLO data sets as other tools write them (the label-studio-converter test set, datumaro's
 * Ultralytics and Roboflow exports, Yolo_mark's darknet folder) imported as a lead would, exported
 * again, read back: the same tasks, classes and regions, and every file written back byte for byte
 * at its own place (an unchanged region keeps its tokens). What cannot be carried (an image the
 * list names that is not there) is reported. Then a property: export → import → export is
 * byte-identical on generated data sets.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYolo, writeYolo } from '../../../../electron/core/formats/interop/yolo';
import type { ExportInput, FinalRow, SourceSet } from '../../../../electron/core/formats/interop/types';
import { tempDir } from '../../helpers/fixtures';
import { writePng } from '../imageTestKit';
import { comparableSet, describeInterop, fixture, roundTrip } from './kit';

/** Every file under a folder, relative, forward slashes, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map(String)
    .filter((rel) => {
      try {
        readFileSync(join(dir, rel));
        return true;
      } catch {
        return false;
      }
    })
    .map((rel) => rel.split('\\').join('/'))
    .sort();
}

interface Case {
  path: string[];
  /** The folder the export mirrors (the data set's root). */
  root: string[];
  tasks: number;
  answered: number;
  missing?: string[];
  readWarns?: RegExp[];
  exportWarns?: RegExp[];
  /** Source files that are not part of what the data set names (left out of the comparison). */
  notInSet?: string[];
}

const CASES: Case[] = [
  { path: ['yolo'], root: ['yolo'], tasks: 7, answered: 7 },
  {
    path: ['yolo-darknet', 'yolo_mark'], root: ['yolo-darknet', 'yolo_mark'], tasks: 11, answered: 7,
    missing: ['air6.jpg', 'air7.jpg', 'bird2.jpg', 'bird4.jpg'].map((n) => `assets/${n}`),
    readWarns: [/images that train\.txt lists were not found; their tasks are kept without the image \(4 times: data\/img\/air6\.jpg/],
    exportWarns: [/images not available were not copied.*\(4 times: data\/img\/air6\.jpg/],
  },
  { path: ['yolo-darknet', 'yolo_mark', 'data', 'obj.data'], root: ['yolo-darknet', 'yolo_mark'], tasks: 11, answered: 7, missing: ['air6.jpg', 'air7.jpg', 'bird2.jpg', 'bird4.jpg'].map((n) => `assets/${n}`), readWarns: [/train\.txt lists were not found/], exportWarns: [/not copied/] },
  { path: ['yolo-ultralytics', 'detection_names_dict'], root: ['yolo-ultralytics', 'detection_names_dict'], tasks: 1, answered: 1 },
  { path: ['yolo-ultralytics', 'detection_names_list'], root: ['yolo-ultralytics', 'detection_names_list'], tasks: 1, answered: 1 },
  { path: ['yolo-ultralytics', 'detection_subset_txt', 'data.yaml'], root: ['yolo-ultralytics', 'detection_subset_txt'], tasks: 1, answered: 1 },
  { path: ['yolo-ultralytics', 'segmentation_polygons'], root: ['yolo-ultralytics', 'segmentation_polygons'], tasks: 1, answered: 1 },
  {
    path: ['yolo-ultralytics', 'roboflow_export'], root: ['yolo-ultralytics', 'roboflow_export'], tasks: 3, answered: 3,
    readWarns: [/data\.yaml names split folders that are elsewhere; they were read from the folder found \(2 times: train: \.\.\/train\/images → train\/images, val: \.\.\/valid\/images → val\/images\)/],
  },
];

describeInterop('YOLO: real data sets', () => {
  for (const c of CASES) {
    it(`${c.path.join('/')}: imports as it stands and every file comes back byte for byte`, async () => {
      const source = fixture(...c.path);
      const trip = await roundTrip('yolo', source);
      expect(trip.created.tasks).toBe(c.tasks);
      expect(trip.read.source.tasks.filter((t) => t.annotations.length > 0)).toHaveLength(c.answered);
      expect(trip.read.source.missingImages ?? []).toEqual(c.missing ?? []);
      const readWarnings = trip.read.warnings.join('\n');
      for (const w of c.readWarns ?? []) expect(readWarnings).toMatch(w);
      if (!c.readWarns) expect(trip.read.warnings).toEqual([]);
      const exportWarnings = (trip.exported.warnings ?? []).join('\n');
      for (const w of c.exportWarns ?? []) expect(exportWarnings).toMatch(w);
      if (!c.exportWarns) expect(trip.exported.warnings ?? []).toEqual([]);

      // Semantically the same: tasks, images, labels, coordinates (0.5 px), answered or not.
      expect(comparableSet(trip.reread.source)).toEqual(comparableSet(trip.read.source));
      expect(trip.reread.source.missingImages ?? []).toEqual(c.missing ?? []);

      // And in the files themselves: every file the export wrote is the source's file at that place.
      const root = fixture(...c.root);
      const out = trip.exported.path;
      const written = tree(out);
      const sourceFiles = tree(root);
      expect(written).toEqual(sourceFiles.filter((f) => !(c.notInSet ?? []).includes(f)));
      for (const rel of written) expect(readFileSync(join(out, rel)).equals(readFileSync(join(root, rel))), rel).toBe(true);
    });
  }

  it('reads an empty label file as answered "nothing here" and a missing one as not annotated', async () => {
    const dir = tempDir('loupe-yolo-');
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'classes.txt'), 'cat\ndog\n');
    writePng(join(dir, 'images', 'a.png'), 20, 10);
    writePng(join(dir, 'images', 'b.png'), 20, 10);
    writePng(join(dir, 'images', 'c.png'), 20, 10);
    writeFileSync(join(dir, 'labels', 'a.txt'), '1 0.5 0.5 0.5 0.2\n');
    writeFileSync(join(dir, 'labels', 'b.txt'), '');
    const trip = await roundTrip('yolo', dir);
    const [a, b, c] = trip.read.source.tasks;
    expect(a!.annotations[0]!.answer[0]).toMatchObject({ kind: 'boxes', boxes: [{ x: 5, y: 4, width: 10, height: 2 }] });
    expect(b!.annotations).toEqual([{ annotator: null, kind: 'annotation', answer: [{ kind: 'boxes', controlId: 'boxes', boxes: [], none: true }] }]);
    expect(c!.annotations).toEqual([]);
    expect(trip.created.gold).toBe(2);
    expect(tree(trip.exported.path)).toEqual(['classes.txt', 'images/a.png', 'images/b.png', 'images/c.png', 'labels/a.txt', 'labels/b.txt']);
    expect(readFileSync(join(trip.exported.path, 'labels', 'b.txt'), 'utf8')).toBe('');
    expect(comparableSet(trip.reread.source)).toEqual(comparableSet(trip.read.source));
  });

  it('keeps a prediction confidence, and moves only the region that changed', async () => {
    const dir = tempDir('loupe-yolo-');
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'classes.txt'), 'cat\n');
    writePng(join(dir, 'images', 'a.png'), 100, 50);
    writeFileSync(join(dir, 'labels', 'a.txt'), '0 0.500000 0.500000 0.200000 0.200000 0.91\r\n0 0.1 0.1 0.3 0.1 0.3 0.3\r\n');
    const set = await readYolo(dir);
    const answer = structuredClone(set.tasks[0]!.annotations[0]!.answer);
    const boxes = answer.find((r) => r.kind === 'boxes');
    if (boxes?.kind !== 'boxes') throw new Error('no boxes');
    boxes.boxes[0]!.x += 10;
    const out = join(tempDir('loupe-yolo-out-'), 'out');
    await writeYolo(exportOf(set, [{ task: set.tasks[0]!.task, answer, annotator: null }]), out);
    expect(readFileSync(join(out, 'labels', 'a.txt'), 'utf8')).toBe('0 0.6 0.5 0.2 0.2 0.91\r\n0 0.1 0.1 0.3 0.1 0.3 0.3\r\n');
  });

  it('refuses a class index past the class list, naming the label file and line', async () => {
    const dir = tempDir('loupe-yolo-');
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'data.yaml'), 'train: images\nnames: [cat]\n');
    writePng(join(dir, 'images', 'a.png'), 10, 10);
    writeFileSync(join(dir, 'labels', 'a.txt'), '0 0.5 0.5 0.1 0.1\n3 0.5 0.5 0.1 0.1\n');
    await expect(readYolo(dir)).rejects.toMatchObject({ code: 'invalid-input', where: { file: 'labels/a.txt', line: 2 } });
  });
});

function exportOf(set: SourceSet, rows?: FinalRow[]): ExportInput {
  const all = rows ?? set.tasks.map(({ task, annotations }) => ({ task, answer: annotations[0]?.answer ?? null, annotator: null }));
  return {
    labelConfig: set.labelConfig,
    rows: async function* () {
      yield all;
    },
    imagePath: (asset) => set.images.get(asset) ?? null,
    total: all.length,
  };
}

describe('YOLO: export → import → export is byte-identical', () => {
  it('on generated data sets (boxes, polygons, empty and unanswered images)', async () => {
    const base = tempDir('loupe-yolo-prop-');
    const imagesDir = join(base, 'src');
    mkdirSync(imagesDir);
    const png = writePng(join(imagesDir, 'img.png'), 64, 48);
    let run = 0;
    const unit = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);
    const line = fc.oneof(
      fc.tuple(fc.nat(2), unit, unit, unit, unit).map(([c, ...v]) => `${c} ${v.map(String).join(' ')}`),
      fc.tuple(fc.nat(2), fc.array(fc.tuple(unit, unit), { minLength: 3, maxLength: 6 })).map(([c, pts]) => `${c} ${pts.flat().join(' ')}`),
    );
    const image = fc.option(fc.array(line, { maxLength: 4 }), { nil: null });
    await fc.assert(
      fc.asyncProperty(fc.array(image, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), async (labels, eol) => {
        run += 1;
        const dir = join(base, `case-${run}`);
        mkdirSync(join(dir, 'images'), { recursive: true });
        mkdirSync(join(dir, 'labels'));
        writeFileSync(join(dir, 'classes.txt'), ['a', 'b', 'c'].join(eol) + eol);
        labels.forEach((lines, i) => {
          writeFileSync(join(dir, 'images', `i${i}.png`), readFileSync(png));
          if (lines !== null) writeFileSync(join(dir, 'labels', `i${i}.txt`), lines.map((l) => l + eol).join(''));
        });
        const first = await readYolo(dir);
        const out1 = join(dir, 'out1');
        await writeYolo(exportOf(first), out1);
        const second = await readYolo(out1);
        const out2 = join(dir, 'out2');
        await writeYolo(exportOf(second), out2);
        expect(tree(out2)).toEqual(tree(out1));
        for (const rel of tree(out1)) expect(readFileSync(join(out2, rel), 'utf8'), rel).toBe(readFileSync(join(out1, rel), 'utf8'));
        expect(comparableSet(second)).toEqual(comparableSet(first));
        expect(relative(dir, out1)).toBe('out1');
      }),
      { numRuns: 30 },
    );
  });
});
