/**
 * labelme JSON: every real file in ../shared/fixtures/interop/labelme imported as a lead would,
 * exported to labelme, read back and compared; each exported JSON is also compared with its
 * source key by key (what Loupe does not edit must come back as it was).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { expect, it } from 'vitest';
import { TOP_KEYS } from '../../../../electron/core/formats/interop/labelme';
import { comparableSet, describeInterop, fixture, roundTrip, type RoundTrip } from './kit';

type Obj = Record<string, unknown>;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Obj;
const sorted = (set: unknown[]) => set.map((t) => JSON.stringify(t)).sort();

interface Case {
  /** Under fixtures/labelme: a json file or a folder of them. */
  path: string;
  tasks: number;
  /** Warnings the import must give (each matched by one warning), and no others. */
  importWarnings: RegExp[];
  exportWarnings: RegExp[];
  /** Source json (relative to `path`'s folder or the folder itself) → whether its image is found. */
  found: Record<string, boolean>;
}

const KEPT = (n: number) => new RegExp(`^${n} shapes? Loupe cannot edit .* are kept and written back unchanged`);
const MISSING = /^images not found .*their tasks are kept without an image file/;
const NOT_COPIED = /^images not available are not copied; imagePath keeps the path the source file gave/;

const CASES: Case[] = [
  { path: 'labelme_rs_mandrill/Mandrill.json', tasks: 1, importWarnings: [KEPT(12)], exportWarnings: [], found: { 'Mandrill.json': true } },
  { path: 'sahi_terrain1.json', tasks: 1, importWarnings: [MISSING], exportWarnings: [NOT_COPIED], found: { 'sahi_terrain1.json': false } },
  { path: 'labelme_rs_points_lines/sort.json', tasks: 1, importWarnings: [MISSING, KEPT(6)], exportWarnings: [NOT_COPIED], found: { 'sort.json': false } },
  { path: 'labelme_rs_points_lines/test.json', tasks: 1, importWarnings: [MISSING, KEPT(4)], exportWarnings: [NOT_COPIED], found: { 'test.json': false } },
  { path: 'labelme_rs_points_lines/backslash.json', tasks: 1, importWarnings: [MISSING, KEPT(1)], exportWarnings: [NOT_COPIED], found: { 'backslash.json': false } },
  {
    path: 'labelme_rs_points_lines', tasks: 3, importWarnings: [MISSING, /^images with the same name as another image .* renamed/, KEPT(11)], exportWarnings: [NOT_COPIED],
    found: { 'backslash.json': false, 'sort.json': false, 'test.json': false },
  },
  { path: 'paddlelabel_points/Annotations/1.json', tasks: 1, importWarnings: [KEPT(6)], exportWarnings: [], found: { '1.json': true } },
  { path: 'paddlelabel_points/Annotations/2.json', tasks: 1, importWarnings: [KEPT(12)], exportWarnings: [], found: { '2.json': true } },
  { path: 'paddlelabel_points', tasks: 2, importWarnings: [KEPT(18)], exportWarnings: [], found: { 'Annotations/1.json': true, 'Annotations/2.json': true } },
];

function expectWarnings(warnings: string[], expected: RegExp[]): void {
  expect(warnings, warnings.join('\n')).toHaveLength(expected.length);
  for (const pattern of expected) expect(warnings.some((w) => pattern.test(w)), `${pattern} in\n${warnings.join('\n')}`).toBe(true);
}

/** The source json of each task and the json the export wrote for it. */
function pairs(rt: RoundTrip, sourceRoot: string): { file: string; source: Obj; exported: Obj; asset: string }[] {
  return rt.read.source.tasks.map(({ task }) => {
    const file = (task.meta!.labelme as { file: string }).file;
    const name = basename(task.data.image!);
    return { file, source: readJson(join(sourceRoot, file)), exported: readJson(join(rt.exported.path, `${basename(name, extname(name))}.json`)), asset: name };
  });
}

describeInterop('labelme conformance: real files in, real files out', () => {
  for (const c of CASES) {
    it(`${c.path}: imports, round-trips, keeps what it does not edit`, async () => {
      const path = fixture('labelme', c.path);
      const sourceRoot = c.path.endsWith('.json') ? join(path, '..') : path;
      const rt = await roundTrip('labelme', path, { annotationsAs: 'gold' });

      expect(rt.read.source.tasks).toHaveLength(c.tasks);
      expect(rt.created.gold).toBe(c.tasks);
      expectWarnings(rt.read.warnings, c.importWarnings);
      expectWarnings(rt.exported.warnings, c.exportWarnings);
      expect(rt.exported.rows).toBe(c.tasks);

      // Semantically the same: labels, regions to 0.5 px, "nothing here", flags.
      expect(sorted(comparableSet(rt.reread.source))).toEqual(sorted(comparableSet(rt.read.source)));

      const missing = new Set(rt.read.source.missingImages ?? []);
      for (const { file, source, exported, asset } of pairs(rt, sourceRoot)) {
        const found = c.found[file];
        expect(found, `case lists ${file}`).not.toBeUndefined();
        expect(missing.has(`assets/${asset}`)).toBe(!found);
        // Every key labelme writes, in its order, then the source's own (none here).
        expect(Object.keys(exported)).toEqual([...TOP_KEYS, ...Object.keys(source).filter((k) => !(TOP_KEYS as readonly string[]).includes(k))]);
        expect(exported.version).toBe(source.version);
        expect(exported.flags).toEqual(source.flags);
        // Shapes: the same, in the same order, every key and number (key order is labelme's).
        expect(exported.shapes).toEqual(source.shapes);
        (exported.shapes as Obj[]).forEach((s) => expect(Object.keys(s).slice(0, 2)).toEqual(['label', 'points']));
        expect(exported.imageData).toBeNull();
        expect(exported.imageHeight).toBe(source.imageHeight);
        expect(exported.imageWidth).toBe(source.imageWidth);
        // Found: copied beside under its name on disk; not found: the path as the source gave it.
        expect(exported.imagePath).toBe(found ? asset : source.imagePath);
        if (found) expect(readdirSync(rt.exported.path)).toContain(asset);
      }
    });
  }

  it('labelme_rs_points_lines/test.json: image flags are a multi-choice question, the true ones chosen', async () => {
    const rt = await roundTrip('labelme', fixture('labelme', 'labelme_rs_points_lines', 'test.json'), { annotationsAs: 'gold' });
    const flags = rt.read.source.labelConfig.controls.find((q) => q.id === 'flags');
    expect(flags).toMatchObject({ kind: 'choices', multiple: true, labels: [{ name: 'f1' }, { name: 'f2' }] });
    const answer = rt.read.source.tasks[0]!.annotations[0]!.answer;
    expect(answer).toContainEqual({ kind: 'choices', controlId: 'flags', labels: ['f1'] });
    expect(answer).toContainEqual({ kind: 'boxes', controlId: 'boxes', boxes: [], none: true });
  });

  it('paddlelabel_points/Annotations/2.json: an imagePath in other letter case finds the image, named as on disk', async () => {
    const rt = await roundTrip('labelme', fixture('labelme', 'paddlelabel_points', 'Annotations', '2.json'), { annotationsAs: 'gold' });
    expect([...rt.read.source.images.keys()]).toEqual(['assets/2.jpeg']);
    expect(readJson(join(rt.exported.path, '2.json')).imagePath).toBe('2.jpeg');
  });

  it('Mandrill.json: the rectangle is a box, the polygons polygons, with their labelme fields kept', async () => {
    const rt = await roundTrip('labelme', fixture('labelme', 'labelme_rs_mandrill', 'Mandrill.json'), { annotationsAs: 'gold' });
    const answer = rt.read.source.tasks[0]!.annotations[0]!.answer;
    const boxes = answer.find((r) => r.kind === 'boxes');
    const polygons = answer.find((r) => r.kind === 'polygons');
    expect(boxes?.kind === 'boxes' && boxes.boxes.map((b) => [b.label, Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)])).toEqual([['Nose', 82, 170, 78, 54]]);
    expect(polygons?.kind === 'polygons' && polygons.polygons.map((p) => [p.label, p.points.length, (p.extras?.labelme as { order: number }).order])).toEqual([['Eye', 6, 0], ['Eye', 6, 1]]);
  });
});
