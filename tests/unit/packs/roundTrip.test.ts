import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { canonicalJson } from '../../../shared/canonicalJson';
import { buildPack, readPack, sha256Hex, taskHash, writePack, writePackDirectory, type PackInput } from '../../../electron/core/packs';
import { AUTHOR, cleanupTempDirs, IMAGE_CONFIG, LABEL_CONFIG, makePng, SVG, taskManifest, tempDir, textTasks } from './helpers';

afterAll(cleanupTempDirs);

function imageInput(): PackInput {
  return {
    manifest: taskManifest({ labelConfig: IMAGE_CONFIG }),
    rows: [
      { id: 'img-2', data: { image: 'assets/b.png' }, predictions: [{ model: 'm', modelVersion: '1', result: [{ kind: 'choices', controlId: 'sentiment', labels: ['neg'] }] }] },
      { id: 'img-1', data: { image: 'assets/a.png' }, meta: { source: 'camera 3' } },
    ],
    guidelines: '# Guidelines\n\nPick the mood. Ünïcödé is fine.\n',
    assets: new Map([
      ['assets/b.png', makePng(3, 2)],
      ['assets/a.png', makePng(5, 4, [0, 0, 255])],
    ]),
  };
}

describe('writePack → readPack', () => {
  it('round-trips a task pack with images, predictions and guidelines', async () => {
    const dir = await tempDir();
    const out = join(dir, 'batch.loupe');
    const written = await writePack(out, imageInput());
    const loaded = await readPack(out);

    expect(loaded.kind).toBe('tasks');
    expect(loaded.sourceName).toBe('batch.loupe');
    expect(loaded.manifest).toEqual(written.manifest);
    expect(loaded.manifest.taskCount).toBe(2);
    expect(loaded.packHash).toBe(written.packHash);
    expect(loaded.guidelines).toBe(imageInput().guidelines);
    if (loaded.kind !== 'tasks' && loaded.kind !== 'review') throw new Error('expected tasks');
    expect(loaded.rows.map((t) => t.id)).toEqual(['img-2', 'img-1']); // row order is kept
    expect(loaded.rows[1]!.meta).toEqual({ source: 'camera 3' });
    const a = loaded.assets.get('assets/a.png')!;
    expect({ width: a.width, height: a.height, mime: a.mime }).toEqual({ width: 5, height: 4, mime: 'image/png' });
    expect(a.sha256).toBe(sha256Hex(a.bytes));
    expect(a.bytes.equals(makePng(5, 4, [0, 0, 255]))).toBe(true);
    expect(written.sha256).toBe(sha256Hex(await readFile(out)));
    expect(written.bytes).toBe((await readFile(out)).length);
  });

  it('lists every file in the manifest with its checksum and size', async () => {
    const built = buildPack(imageInput());
    expect(built.files.map((f) => f.name)).toEqual(['manifest.json', 'tasks.jsonl', 'guidelines.md', 'assets/a.png', 'assets/b.png']);
    for (const f of built.files.slice(1)) {
      expect(built.manifest.files[f.name]).toEqual({ sha256: sha256Hex(f.bytes), bytes: f.bytes.length });
    }
    expect(built.manifest.format).toBe('loupe-pack');
    expect(built.manifest.formatVersion).toBe(1);
    // Rows are canonical JSON, one per line, each ending in \n.
    const rows = built.files[1]!.bytes.toString('utf8');
    expect(rows.endsWith('\n')).toBe(true);
    expect(rows.split('\n')[1]).toBe(canonicalJson({ id: 'img-1', data: { image: 'assets/a.png' }, meta: { source: 'camera 3' } }));
  });

  it('writes byte-identical files for the same input, whatever the time zone', async () => {
    const dir = await tempDir();
    const savedTz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const first = await writePack(join(dir, 'one.loupe'), imageInput());
      process.env.TZ = 'Asia/Tokyo';
      const second = await writePack(join(dir, 'two.loupe'), imageInput());
      expect(second.sha256).toBe(first.sha256);
      expect((await readFile(join(dir, 'one.loupe'))).equals(await readFile(join(dir, 'two.loupe')))).toBe(true);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('uses fixed zip metadata and order: manifest first, mode 0644', async () => {
    const dir = await tempDir();
    const out = join(dir, 'meta.loupe');
    await writePack(out, imageInput());
    const zip = await yauzl.openPromise(out, { lazyEntries: true });
    const seen: { name: string; mode: number; date: number; time: number }[] = [];
    for await (const entry of zip.eachEntry()) {
      seen.push({ name: entry.fileName, mode: entry.externalFileAttributes >>> 16, date: entry.lastModFileDate, time: entry.lastModFileTime });
    }
    expect(seen.map((e) => e.name)).toEqual(['manifest.json', 'tasks.jsonl', 'guidelines.md', 'assets/a.png', 'assets/b.png']);
    for (const e of seen) {
      expect(e.mode).toBe(0o100644);
      expect(e.date).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
      expect(e.time).toBe(0);
    }
  });

  it('leaves no temporary file behind and replaces an existing pack', async () => {
    const dir = await tempDir();
    const out = join(dir, 'again.loupe');
    await writePack(out, imageInput());
    await writePack(out, { ...imageInput(), guidelines: 'changed' });
    expect(await readdir(dir)).toEqual(['again.loupe']);
    expect((await readPack(out)).guidelines).toBe('changed');
  });

  it('reads a pack folder written by writePackDirectory, with the same packHash', async () => {
    const dir = await tempDir();
    const zipped = await writePack(join(dir, 'p.loupe'), imageInput());
    const folder = await writePackDirectory(join(dir, 'p-folder'), imageInput());
    const loaded = await readPack(join(dir, 'p-folder'));
    expect(loaded.sourceName).toBe('p-folder');
    expect(loaded.packHash).toBe(zipped.packHash);
    expect(folder.packHash).toBe(zipped.packHash);
    expect(loaded.assets.size).toBe(2);
    await expect(writePackDirectory(join(dir, 'p-folder'), imageInput())).rejects.toThrow(/p-folder: already exists/);
  });

  it('round-trips a results pack whose taskHash matches the task', async () => {
    const dir = await tempDir();
    await writePack(join(dir, 't.loupe'), { manifest: taskManifest(), rows: textTasks(1) });
    const tasks = await readPack(join(dir, 't.loupe'));
    if (tasks.kind !== 'tasks') throw new Error('expected tasks');
    const task = tasks.rows[0]!;
    const row = {
      taskId: task.id,
      taskHash: taskHash(task),
      annotator: { id: 'ann-1', name: 'Ann' },
      status: 'submitted',
      answer: [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }],
      provenance: 'manual',
      revision: 1,
      activeMs: 1200,
      submittedAt: '2024-05-02T09:00:00+02:00',
    };
    const manifest = { packId: 'results-1', kind: 'results' as const, name: 'Ann results', createdAt: '2024-05-02T10:00:00Z', author: AUTHOR, labelConfig: LABEL_CONFIG, answers: { packId: 'pack-1' } };
    await writePack(join(dir, 'r.loupe'), { manifest, rows: [row] });
    const results = await readPack(join(dir, 'r.loupe'));
    expect(results.kind).toBe('results');
    if (results.kind !== 'results') throw new Error('expected results');
    expect(results.rows[0]!.taskHash).toBe(sha256Hex(canonicalJson(task)));
    expect(results.manifest.files['results.jsonl']).toBeDefined();
    expect(results.guidelines).toBe('');
  });

  it('gives a pack with no rows an empty rows file', async () => {
    const dir = await tempDir();
    await writePack(join(dir, 'empty.loupe'), { manifest: taskManifest(), rows: [] });
    const loaded = await readPack(join(dir, 'empty.loupe'));
    expect(loaded.rows).toEqual([]);
    expect(loaded.manifest.files['tasks.jsonl']).toEqual({ sha256: sha256Hex(''), bytes: 0 });
  });
});

describe('writePack refuses what readPack would refuse', () => {
  it('refuses a row that fails the schema, naming line and field', () => {
    expect(() => buildPack({ manifest: taskManifest(), rows: [...textTasks(1), { id: 't2', data: { text: 5 } }] })).toThrow(
      /tasks\.jsonl, line 2, field data\.text/,
    );
  });

  it('refuses an SVG asset and gold in a task pack', () => {
    const svg = new Map([['assets/x.svg', SVG]]);
    expect(() => buildPack({ manifest: taskManifest(), rows: textTasks(1), assets: svg })).toThrow(/entry assets\/x\.svg: is an SVG image/);
    expect(() => buildPack({ manifest: taskManifest(), rows: [{ id: 't1', data: { text: 'x' }, meta: { gold: 'pos' } }] })).toThrow(
      /line 1, field meta\.gold: task packs must not carry gold/,
    );
  });

  it('refuses assets outside assets/ and names that differ only in case', () => {
    const png = makePng(1, 1);
    expect(() => buildPack({ manifest: taskManifest(), rows: [], assets: new Map([['pics/a.png', png]]) })).toThrow(/assets must be under assets\//);
    expect(() => buildPack({ manifest: taskManifest(), rows: [], assets: new Map([['assets/A.png', png], ['assets/a.png', png]]) })).toThrow(
      /entry assets\/a\.png: clashes with assets\/A\.png/,
    );
  });
});
