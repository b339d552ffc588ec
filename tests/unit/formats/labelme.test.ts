/**
 * labelme JSON on made-up files: export → import → export is byte-identical (fast-check), edits
 * are written as labelme would (a moved rectangle keeps its corner order, a new shape gets the
 * version's keys, a cleared flag is false), embedded images are embedded again, bad input is
 * refused naming file and field, and the CLI creates and exports a labelme project.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/core/cli/main';
import { readLabelme } from '../../../electron/core/formats/interop/labelme';
import { writeLabelme } from '../../../electron/core/formats/interop/labelmeWriter';
import type { FinalRow, SourceSet } from '../../../electron/core/formats/interop/types';
import type { Answer } from '../../../shared/pack/task';
import { tempDir } from '../helpers/fixtures';
import { exportOf, writePng } from './imageTestKit';

type Obj = Record<string, unknown>;
const W = 40;
const H = 30;

/** An export of a read set whose embedded images are written to files (as a project holds them). */
function exportOfRead(read: { source: SourceSet; inlineImages: Map<string, Uint8Array> }, dir: string) {
  const images = new Map(read.source.images);
  mkdirSync(join(dir, 'inline'), { recursive: true });
  for (const [asset, bytes] of read.inlineImages) {
    const file = join(dir, 'inline', asset.replace(/^assets\//, ''));
    writeFileSync(file, bytes);
    images.set(asset, file);
  }
  return exportOf(read.source, images);
}

const folderBytes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));

const coord = fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double({ min: -5, max: 600, noNaN: true, noDefaultInfinity: true }));
const point = fc.tuple(coord, coord);
const shape = fc.record(
  {
    label: fc.constantFrom('Eye', 'nose', ' spaced ', 'ear'),
    type: fc.constantFrom('polygon', 'rectangle', 'point', 'circle', 'line', 'linestrip', 'points', 'mask', 'bare-polygon'),
    points: fc.array(point, { minLength: 1, maxLength: 6 }),
    group_id: fc.option(fc.nat(5)),
    description: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    flags: fc.dictionary(fc.constantFrom('occluded', 'truncated'), fc.boolean()),
    extra: fc.option(fc.constantFrom('x', 3, [1, 2]), { nil: undefined }),
  },
  { requiredKeys: ['label', 'type', 'points', 'group_id', 'flags'] },
).map(({ type, points, extra, description, ...rest }) => {
  const pts = type === 'rectangle' || type === 'circle' || type === 'line' || type === 'mask' ? [points[0]!, points[1] ?? points[0]!] : type === 'point' ? [points[0]!] : points;
  return {
    label: rest.label,
    points: pts,
    group_id: rest.group_id,
    ...(description !== undefined ? { description } : {}),
    ...(type === 'bare-polygon' ? {} : { shape_type: type }),
    flags: rest.flags,
    ...(type === 'mask' ? { mask: 'iVBORw0KGgo=' } : {}),
    ...(extra !== undefined ? { other_tool: extra } : {}),
  };
});
const doc = fc.record({
  version: fc.option(fc.constantFrom('5.0.1', '4.4.0', '5.3.1'), { nil: undefined }),
  flags: fc.option(fc.dictionary(fc.constantFrom('f1', 'f2', 'blurry'), fc.boolean()), { nil: undefined }),
  shapes: fc.array(shape, { maxLength: 5 }),
  image: fc.constantFrom('beside', 'sub', 'missing', 'embedded', 'absent-data'),
  extraTop: fc.boolean(),
});

async function writeSource(dir: string, docs: Array<{ image: string; extraTop: boolean; version?: string | undefined; flags?: Obj | undefined; shapes: unknown[] }>): Promise<void> {
  mkdirSync(join(dir, 'ann'), { recursive: true });
  mkdirSync(join(dir, 'images'), { recursive: true });
  docs.forEach((d, i) => {
    const name = `img${i}.png`;
    const png = writePng(join(d.image === 'sub' ? join(dir, 'images') : join(dir, 'ann'), name), W, H);
    const json: Obj = {
      ...(d.version !== undefined ? { version: d.version } : {}),
      ...(d.flags !== undefined ? { flags: d.flags } : {}),
      shapes: d.shapes,
      imagePath: d.image === 'sub' ? `..\\images\\${name}` : d.image === 'missing' ? `gone/${name}` : name,
      ...(d.image === 'absent-data' ? {} : { imageData: d.image === 'embedded' ? readFileSync(png).toString('base64') : null }),
      imageHeight: H,
      imageWidth: W,
      ...(d.extraTop ? { lineColor: [0, 255, 0, 128] } : {}),
    };
    // A missing image is not on disk at all; an embedded one's file beside is not an image (the data is).
    if (d.image === 'missing') rmSync(png);
    if (d.image === 'embedded') writeFileSync(png, '');
    writeFileSync(join(dir, 'ann', `file${i}.json`), JSON.stringify(json));
  });
}

describe('labelme round trip on made-up files', () => {
  it('export → import → export is byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 3 }), async (docs) => {
        // A data set needs a label: one shape or flag somewhere.
        fc.pre(docs.some((d) => d.shapes.length > 0 || Object.keys(d.flags ?? {}).length > 0));
        const dir = tempDir('loupe-labelme-prop-');
        await writeSource(join(dir, 'src'), docs);
        const first = await readLabelme(join(dir, 'src'));
        await writeLabelme(exportOfRead(first, join(dir, 'a')), join(dir, 'out1'));
        const second = await readLabelme(join(dir, 'out1'));
        await writeLabelme(exportOfRead(second, join(dir, 'b')), join(dir, 'out2'));
        expect(folderBytes(join(dir, 'out2'))).toEqual(folderBytes(join(dir, 'out1')));
        expect(second.source.tasks).toHaveLength(first.source.tasks.length);
      }),
      { numRuns: 40 },
    );
  });
});

/** One labelme file beside its image, read. */
async function readOne(json: Obj) {
  const dir = tempDir('loupe-labelme-');
  writePng(join(dir, 'a.png'), W, H);
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ version: '5.0.1', flags: {}, imagePath: 'a.png', imageData: null, imageHeight: H, imageWidth: W, ...json }));
  return { dir, read: await readLabelme(join(dir, 'a.json')) };
}

async function exportWith(read: Awaited<ReturnType<typeof readLabelme>>, dir: string, edit: (answer: Answer) => Answer) {
  const input = exportOfRead(read, join(dir, 'x'));
  const rows: FinalRow[] = [];
  for await (const batch of input.rows()) rows.push(...batch.map((r) => ({ ...r, answer: r.answer && edit(structuredClone(r.answer)) })));
  const out = join(dir, 'out');
  const outcome = await writeLabelme({ ...input, rows: async function* () { yield rows; } }, out);
  return { outcome, json: JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')) as Obj & { shapes: Obj[] } };
}

const rect = { label: 'car', points: [[30, 20], [10, 5]], group_id: 2, shape_type: 'rectangle', flags: { occluded: true }, score: 0.9 };
const dot = { label: 'car', points: [[1, 2]], group_id: null, shape_type: 'point', flags: {} };

describe('labelme edits and refusals', () => {

  it('a moved rectangle keeps its corner order and fields; a set flag is true, a cleared one false', async () => {
    const { dir, read } = await readOne({ version: '5.2.1', flags: { f1: false, f2: true }, shapes: [rect, dot] });
    const { json } = await exportWith(read, dir, (answer) => {
      const boxes = answer.find((r) => r.kind === 'boxes')!;
      if (boxes.kind === 'boxes') boxes.boxes[0]!.x = 11.1;
      const flags = answer.find((r) => r.kind === 'choices')!;
      if (flags.kind === 'choices') flags.labels = ['f1'];
      return answer;
    });
    expect(json.shapes).toEqual([{ label: 'car', points: [[31.1, 20], [11.1, 5]], group_id: 2, shape_type: 'rectangle', flags: { occluded: true }, score: 0.9 }, dot]);
    expect(json.flags).toEqual({ f1: true, f2: false });
  });

  it('a new polygon is written after the file\'s shapes with the keys labelme 5.2 writes', async () => {
    const poly = { label: 'car', points: [[0, 0], [4, 0], [4, 4]], group_id: null, shape_type: 'polygon', flags: {} };
    const { dir, read } = await readOne({ version: '5.2.1', shapes: [poly, dot] });
    const { json, outcome } = await exportWith(read, dir, (answer) => {
      const polygons = answer.find((r) => r.kind === 'polygons')!;
      if (polygons.kind === 'polygons') polygons.polygons.push({ id: 'n1', label: 'car', points: [[9, 9], [10, 9], [10, 10]] });
      return answer;
    });
    expect(json.shapes).toEqual([poly, dot, { label: 'car', points: [[9, 9], [10, 9], [10, 10]], group_id: null, description: '', shape_type: 'polygon', flags: {} }]);
    expect(outcome.warnings).toEqual([]);
  });

  it('an embedded image is the task\'s image and is embedded again', async () => {
    const dir = tempDir('loupe-labelme-');
    const png = readFileSync(writePng(join(dir, 'src.png'), W, H)).toString('base64');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ version: '5.0.1', flags: {}, shapes: [dot], imagePath: 'nowhere/a.png', imageData: png, imageHeight: H, imageWidth: W }));
    const read = await readLabelme(join(dir, 'a.json'));
    expect([...read.inlineImages.keys()]).toEqual(['assets/a.png']);
    expect(read.source.missingImages).toBeUndefined();
    const { json } = await exportWith(read, dir, (a) => a);
    expect(json.imageData).toBe(png);
    expect(json.imagePath).toBe('a.png');
  });

  it('a task without a final answer is not written, with a warning', async () => {
    const { dir, read } = await readOne({ shapes: [rect] });
    const input = exportOfRead(read, join(dir, 'x'));
    const outcome = await writeLabelme({ ...input, rows: async function* () { yield read.source.tasks.map(({ task }) => ({ task, answer: null, annotator: null })); } }, join(dir, 'out'));
    expect(outcome.rows).toBe(0);
    expect(outcome.warnings).toEqual([expect.stringMatching(/^tasks without a final answer are not written/)]);
  });

  it('refuses a shape without a label, naming file and field; skips a non-labelme JSON in a folder', async () => {
    await expect(readOne({ shapes: [{ points: [[1, 2]], shape_type: 'point' }] })).rejects.toMatchObject({ code: 'invalid-input', where: { file: 'a.json', field: 'shapes[0].label' } });
    const dir = tempDir('loupe-labelme-');
    writePng(join(dir, 'a.png'), W, H);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ shapes: [dot], imagePath: 'a.png', imageHeight: H, imageWidth: W }));
    writeFileSync(join(dir, 'classes.json'), JSON.stringify({ names: ['car'] }));
    const read = await readLabelme(dir);
    expect(read.source.tasks).toHaveLength(1);
    expect(read.source.warnings).toContainEqual(expect.stringMatching(/^JSON files that are not labelme annotations .*classes\.json/));
    await expect(readLabelme(join(dir, 'classes.json'))).rejects.toMatchObject({ code: 'invalid-input', where: { field: 'shapes' } });
  });
});

describe('loupe project create / export --format labelme', () => {
  afterEach(() => vi.restoreAllMocks());

  it('creates a project from a labelme folder and exports it as one', async () => {
    const dir = tempDir('loupe-labelme-cli-');
    mkdirSync(join(dir, 'src'));
    writePng(join(dir, 'src', 'a.png'), W, H);
    writeFileSync(join(dir, 'src', 'a.json'), JSON.stringify({ version: '5.0.1', flags: {}, shapes: [rect, dot], imagePath: 'a.png', imageData: null, imageHeight: H, imageWidth: W }));
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const db = join(dir, 'lead.db');
    expect(await runCli(['--json', 'project', 'create', '--db', db, '--name', 'Cars', '--from', join(dir, 'src'), '--format', 'labelme', '--annotations', 'gold', '--lead', 'Lea'])).toBe(0);
    const created = JSON.parse(stdout) as { projectId: string; gold: number; warnings: string[] };
    expect(created).toMatchObject({ gold: 1 });
    expect(created.warnings).toEqual([expect.stringMatching(/^1 shape Loupe cannot edit \(point ×1\)/)]);
    stdout = '';
    expect(await runCli(['--json', 'export', '--db', db, '--project', created.projectId, '--format', 'labelme', '--final', 'majority', '--out', join(dir, 'out')])).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'a.png']);
    expect((JSON.parse(readFileSync(join(dir, 'out', 'a.json'), 'utf8')) as Obj).shapes).toEqual([rect, dot]);
  });
});
