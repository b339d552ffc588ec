/**
 * readPack's content checks: manifest, file list, checksums, rows (syntax, schema, semantics),
 * guidelines. Packs are laid out by hand as folders (and zips where the container matters).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPack } from '../../../electron/core/packs';
import { LoupeError } from '../../../shared/errors';
import { cleanupTempDirs, handPack, IMAGE_CONFIG, LABEL_CONFIG, makePng, taskManifest, tempDir, textTasks, type HandPack, writeFolder, writeZip } from './helpers';

afterAll(cleanupTempDirs);

async function folder(spec: HandPack = {}): Promise<string> {
  return writeFolder(join(await tempDir(), 'pack'), handPack(spec));
}

async function refusal(spec: HandPack): Promise<LoupeError> {
  const err = await readPack(await folder(spec)).catch((e: unknown) => e);
  if (!(err instanceof LoupeError)) throw new Error(`expected a LoupeError, got ${String(err)}`);
  return err;
}

describe('manifest.json', () => {
  it('must exist, with a hint when the files sit inside a folder', async () => {
    const files = handPack();
    const nested = new Map([...files].map(([name, bytes]) => [`mypack/${name}`, bytes]));
    await expect(readPack(await writeZip(join(await tempDir(), 'nested.loupe'), nested))).rejects.toThrow(
      /nested\.loupe: has no manifest\.json; it is not a Loupe pack \(found mypack\/manifest\.json/,
    );
  });

  it('reports a JSON syntax error with its line', async () => {
    const err = await refusal({ manifestText: '{\n  "format": "loupe-pack",\n  "formatVersion": 1\n  "kind": "tasks"\n}' });
    expect(err.message).toMatch(/^pack \S+, manifest\.json, line 4: is not valid JSON/);
    expect(err.where).toEqual({ pack: 'pack', file: 'manifest.json', line: 4 });
  });

  it('names the failing field', async () => {
    const err = await refusal({ manifest: { author: { id: 'lead 1', name: 'Lea' } } });
    expect(err.message).toMatch(/^pack \S+, manifest\.json, field author\.id: may use letters, digits/);
  });

  it('refuses a newer format version with a clear message', async () => {
    await expect(readPack(await folder({ manifest: { formatVersion: 2 } }))).rejects.toThrow(
      /field formatVersion: this pack uses format version 2, but this version of Loupe reads version 1; update Loupe/,
    );
  });

  it('refuses taskCount that does not match the rows', async () => {
    await expect(readPack(await folder({ manifest: { taskCount: 3 } }))).rejects.toThrow(
      /manifest\.json, field taskCount: says taskCount 3, but tasks\.jsonl has 2 rows/,
    );
  });
});

describe('file list and checksums', () => {
  it('refuses a file that is not listed in the manifest', async () => {
    await expect(readPack(await folder({ unlisted: { 'assets/extra.png': makePng(1, 1) } }))).rejects.toThrow(
      /pack, entry assets\/extra\.png: is in the pack but not listed in manifest\.json files/,
    );
  });

  it('refuses a listed file that is missing', async () => {
    const spec: HandPack = { editFiles: (f) => void (f['guidelines.md'] = { sha256: 'a'.repeat(64), bytes: 3 }) };
    await expect(readPack(await folder(spec))).rejects.toThrow(/entry guidelines\.md: is listed in manifest\.json but missing from the pack/);
  });

  it('refuses a listed file outside the layout', async () => {
    const spec: HandPack = { editFiles: (f) => void (f['notes.txt'] = { sha256: 'a'.repeat(64), bytes: 3 }) };
    await expect(readPack(await folder(spec))).rejects.toThrow(/field files\.notes\.txt: lists "notes\.txt", but a tasks pack holds only/);
  });

  it('refuses a checksum mismatch, naming the entry', async () => {
    const spec: HandPack = { editFiles: (f) => void (f['tasks.jsonl']!.sha256 = 'b'.repeat(64)) };
    await expect(readPack(await folder(spec))).rejects.toThrow(/entry tasks\.jsonl: does not match its SHA-256 checksum/);
  });

  it('refuses a size mismatch, naming the entry', async () => {
    const spec: HandPack = { guidelines: 'hello', editFiles: (f) => void (f['guidelines.md']!.bytes = 4) };
    await expect(readPack(await folder(spec))).rejects.toThrow(/entry guidelines\.md: holds more than the 4 bytes manifest\.json lists/);
  });

  it('reports corruption rather than the broken JSON it caused', async () => {
    const files = handPack();
    // Flip one byte in place: the row becomes broken JSON *and* the checksum no longer matches.
    const rows = Buffer.from(files.get('tasks.jsonl')!);
    rows[rows.indexOf(':')] = 0x58;
    files.set('tasks.jsonl', rows);
    const dir = await writeFolder(join(await tempDir(), 'corrupt'), files);
    await expect(readPack(dir)).rejects.toThrow(/corrupt, entry tasks\.jsonl: does not match its SHA-256 checksum/);
  });
});

describe('rows file', () => {
  it('reports a bad JSON line with its line number', async () => {
    const err = await refusal({ rows: '{"id":"t1","data":{"text":"a"}}\n{"id":"t2","data":{"text":"b"},}\n', manifest: { taskCount: 2 } });
    expect(err.message).toMatch(/^pack \S+, tasks\.jsonl, line 2: is not valid JSON/);
    expect(err.where).toEqual({ pack: 'pack', file: 'tasks.jsonl', line: 2 });
  });

  it('reports a bad field with line and field path', async () => {
    const err = await refusal({ rows: [...textTasks(2), { id: 't3', data: { text: 42 } }] });
    expect(err.message).toMatch(/^pack \S+, tasks\.jsonl, line 3, field data\.text: /);
    expect(err.where).toEqual({ pack: 'pack', file: 'tasks.jsonl', line: 3, field: 'data.text' });
  });

  it('ignores blank lines, a trailing newline and CRLF line ends, counting lines like an editor', async () => {
    const rows = '{"id":"t1","data":{"text":"a"}}\r\n\r\n   \n{"id":"t2","data":{"text":"b"}}\n\n';
    const loaded = await readPack(await folder({ rows, manifest: { taskCount: 2 } }));
    expect(loaded.rows).toHaveLength(2);
    const bad = '{"id":"t1","data":{"text":"a"}}\n\n\n{"id":"t2"}\n';
    await expect(readPack(await folder({ rows: bad, manifest: { taskCount: 2 } }))).rejects.toThrow(/tasks\.jsonl, line 4, field data/);
  });

  it('accepts a last line without a newline', async () => {
    const loaded = await readPack(await folder({ rows: '{"id":"t1","data":{"text":"a"}}', manifest: { taskCount: 1 } }));
    expect(loaded.rows).toHaveLength(1);
  });

  it('refuses duplicate task ids, naming both lines', async () => {
    await expect(readPack(await folder({ rows: [...textTasks(3), { id: 't2', data: { text: 'again' } }] }))).rejects.toThrow(
      /tasks\.jsonl, line 4, field id: duplicate task id "t2": first on line 2, again on line 4/,
    );
  });

  it('refuses a task whose image is not in the pack', async () => {
    const rows = [{ id: 'i1', data: { image: 'assets/there.png' } }, { id: 'i2', data: { image: 'assets/missing.png' } }];
    const spec: HandPack = { manifest: { labelConfig: IMAGE_CONFIG }, rows, assets: { 'assets/there.png': makePng(2, 2) } };
    await expect(readPack(await folder(spec))).rejects.toThrow(/line 2, field data\.image: image "assets\/missing\.png" is not in the pack/);
  });

  it('refuses task data that does not fit the label config', async () => {
    const spec: HandPack = { manifest: { labelConfig: IMAGE_CONFIG }, rows: textTasks(1) };
    await expect(readPack(await folder(spec))).rejects.toThrow(/line 1, field data\.image: the label config shows image, so every task needs data\.image/);
    const convo: HandPack = { manifest: { labelConfig: { ...LABEL_CONFIG, data: 'conversation' } }, rows: textTasks(1) };
    await expect(readPack(await folder(convo))).rejects.toThrow(/field data\.prompt: the label config shows conversation/);
  });

  it('refuses predictions naming an unknown control or label', async () => {
    const predicted = (result: unknown[]) => [{ id: 't1', data: { text: 'a' }, predictions: [{ model: 'm', modelVersion: '1', result }] }];
    await expect(readPack(await folder({ rows: predicted([{ kind: 'choices', controlId: 'topic', labels: ['pos'] }]) }))).rejects.toThrow(
      /line 1, field predictions\.0\.result\.0\.controlId: control "topic" is not in the label config/,
    );
    await expect(readPack(await folder({ rows: predicted([{ kind: 'choices', controlId: 'sentiment', labels: ['pos', 'meh'] }]) }))).rejects.toThrow(
      /line 1, field predictions\.0\.result\.0\.labels\.1: label "meh" is not a label of control "sentiment"/,
    );
    await expect(readPack(await folder({ rows: predicted([{ kind: 'choices', controlId: 'sentiment', labels: ['pos', 'neg'] }]) }))).rejects.toThrow(
      /field predictions\.0\.result\.0\.labels: control "sentiment" takes one label, got 2/,
    );
    await expect(readPack(await folder({ rows: predicted([{ kind: 'textarea', controlId: 'sentiment', text: 'x' }]) }))).rejects.toThrow(
      /field predictions\.0\.result\.0\.kind: control "sentiment" is a choices control, not textarea/,
    );
  });

  it('refuses gold answers in a task pack', async () => {
    const rows = [...textTasks(1), { id: 't2', data: { text: 'b' }, meta: { gold: ['pos'] } }];
    await expect(readPack(await folder({ rows }))).rejects.toThrow(/tasks\.jsonl, line 2, field meta\.gold: task packs must not carry gold answers/);
  });

  it('refuses a line longer than the limit', async () => {
    const rows = [{ id: 't1', data: { text: 'x'.repeat(5000) } }];
    await expect(readPack(await folder({ rows }), { limits: { maxLineBytes: 4096 } })).rejects.toThrow(
      /tasks\.jsonl, line 1: is longer than the 4 KiB limit for one line/,
    );
  });

  it('refuses invalid UTF-8 in a row', async () => {
    const rows = Buffer.concat([Buffer.from('{"id":"t1","data":{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}\n')]);
    await expect(readPack(await folder({ rows }))).rejects.toThrow(/tasks\.jsonl, line 1: is not valid UTF-8/);
  });
});

describe('guidelines.md', () => {
  it('is read as text, and refused when it is not valid UTF-8', async () => {
    const loaded = await readPack(await folder({ guidelines: '# Be kind\n' }));
    expect(loaded.guidelines).toBe('# Be kind\n');
    await expect(readPack(await folder({ guidelines: Buffer.from([0x48, 0xff, 0xfe]) }))).rejects.toThrow(/guidelines\.md: is not valid UTF-8/);
  });
});

describe('other kinds', () => {
  it('reads a results pack and refuses an answer to an unknown label', async () => {
    const row = (labels: string[]) => ({
      taskId: 't1',
      taskHash: 'c'.repeat(64),
      annotator: { id: 'ann-1', name: 'Ann' },
      status: 'submitted',
      answer: [{ kind: 'choices', controlId: 'sentiment', labels }],
      provenance: 'manual',
      revision: 1,
      activeMs: 10,
      submittedAt: '2024-05-02T09:00:00Z',
    });
    const manifest = { ...taskManifest({ kind: 'results', answers: { packId: 'pack-1' } }) };
    const ok = await readPack(await folder({ manifest, rowsFile: 'results.jsonl', rows: [row(['pos'])] }));
    expect(ok.kind).toBe('results');
    await expect(readPack(await folder({ manifest, rowsFile: 'results.jsonl', rows: [row(['nope'])] }))).rejects.toThrow(
      /results\.jsonl, line 1, field answer\.0\.labels\.0: label "nope" is not a label of control "sentiment"/,
    );
  });
});
