/**
 * The `loupe` CLI as a lead uses it: real processes, exit codes 0 / 1 / 2, --json output.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readPack } from '../../../electron/core/packs';
import { Store } from '../../../electron/core/store';
import { tempDir } from '../helpers/fixtures';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCES = join(ROOT, 'resources/sample-sources/reviews');
const run = promisify(execFile);

async function loupe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/loupe.mjs'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const create = (out: string, from = join(SOURCES, 'tasks.jsonl'), extra: string[] = []) =>
  loupe('--json', 'pack', 'create', '--from', from, '--config', join(SOURCES, 'config.json'), '--out', out, '--created', '2026-01-01T00:00:00Z', '--guidelines', join(SOURCES, 'guidelines.md'), ...extra);

describe('loupe CLI', () => {
  it('prints help and exits 0', async () => {
    const result = await loupe('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pack\s+create, validate and inspect packs/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await loupe('pack', 'frobnicate')).code).toBe(2);
    expect((await loupe('import')).code).toBe(2);
    const wrongExt = await loupe('pack', 'create', '--from', 'x.jsonl', '--config', 'c.json', '--out', 'x.zip');
    expect(wrongExt.code).toBe(2);
    expect(wrongExt.stderr).toMatch(/--out must end with \.loupe/);
  });

  it('creates byte-identical packs from the same input, then validates and inspects them', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const a = await create(join(dir, 'a.loupe'));
    const b = await create(join(dir, 'b.loupe'));
    expect(a.code).toBe(0);
    const made = JSON.parse(a.stdout);
    expect(made).toMatchObject({ ok: true, tasks: 24 });
    expect(JSON.parse(b.stdout).sha256).toBe(made.sha256);
    expect(readFileSync(join(dir, 'a.loupe')).equals(readFileSync(join(dir, 'b.loupe')))).toBe(true);

    const validate = await loupe('pack', 'validate', join(dir, 'a.loupe'));
    expect(validate).toMatchObject({ code: 0 });
    expect(validate.stdout).toMatch(/^ok: tasks pack .* 24 rows/);
    const inspect = JSON.parse((await loupe('--json', 'pack', 'inspect', join(dir, 'a.loupe'))).stdout);
    expect(inspect.manifest).toMatchObject({ kind: 'tasks', taskCount: 24, packId: made.packId });
    expect(inspect.controls[0].labels).toHaveLength(4);
  });

  it('creates packs from CSV and from a folder of text files', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tasks.csv'), 'id,text,source\nc1,"Hello, world",web\nc2,"Line one\nline two",mail\n');
    const csv = await create(join(dir, 'csv.loupe'), join(dir, 'tasks.csv'));
    expect(JSON.parse(csv.stdout)).toMatchObject({ ok: true, tasks: 2 });
    const texts = join(dir, 'texts');
    (await import('node:fs')).mkdirSync(texts);
    writeFileSync(join(texts, 'first note.txt'), 'The first note.');
    writeFileSync(join(texts, 'second.txt'), 'The second note.');
    const folder = await create(join(dir, 'folder.loupe'), texts);
    expect(JSON.parse(folder.stdout)).toMatchObject({ ok: true, tasks: 2 });
  });

  it('refuses bad input with exit 1, a located message, and no file written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a","text":"fine"}\n{"id":"b","text":"fine"}\n{"id":"c","txt":"typo"}\n');
    const result = await create(join(dir, 'bad.loupe'), join(dir, 'bad.jsonl'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'invalid-input', where: { file: 'bad.jsonl', line: 3 } });
    expect(existsSync(join(dir, 'bad.loupe'))).toBe(false);

    writeFileSync(join(dir, 'dupes.jsonl'), '{"id":"a","text":"x"}\n{"id":"a","text":"y"}\n');
    const dupes = await loupe('pack', 'create', '--from', join(dir, 'dupes.jsonl'), '--config', join(SOURCES, 'config.json'), '--out', join(dir, 'dupes.loupe'));
    expect(dupes.code).toBe(1);
    expect(dupes.stderr).toMatch(/line 2, field id: .*line 1/);
    expect(existsSync(join(dir, 'dupes.loupe'))).toBe(false);

    const missing = await loupe('pack', 'validate', join(dir, 'nope.loupe'));
    expect(missing.code).toBe(1);
  });

  it('imports idempotently and exports the dataset as JSONL', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const made = JSON.parse((await create(join(dir, 'p.loupe'))).stdout);
    const db = join(dir, 'lead.db');
    const first = JSON.parse((await loupe('--json', 'import', join(dir, 'p.loupe'), '--db', db)).stdout);
    expect(first).toMatchObject({ ok: true, imported: true, kind: 'tasks' });
    const second = JSON.parse((await loupe('--json', 'import', join(dir, 'p.loupe'), '--db', db)).stdout);
    expect(second).toMatchObject({ ok: true, imported: false });
    const exported = await loupe('--json', 'export', '--db', db, '--pack-id', made.packId, '--format', 'jsonl', '--out', join(dir, 'out.jsonl'));
    expect(JSON.parse(exported.stdout)).toMatchObject({ ok: true, rows: 24 });
    expect(exported.stderr).toMatch(/exported: 24 of 24/);
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatchObject({ id: 'rev-001', data: { text: expect.stringContaining('Battery') }, annotations: [] });
    expect((await loupe('export', '--db', db, '--pack-id', made.packId, '--format', 'coco', '--out', join(dir, 'x'))).code).toBe(2);
  });

  it('exports an annotator\'s results pack from a database', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const made = JSON.parse((await create(join(dir, 'p.loupe'))).stdout);
    const db = join(dir, 'ann.db');
    await loupe('import', join(dir, 'p.loupe'), '--db', db);
    const store = await Store.open(db);
    const profile = await store.saveProfile({ name: 'Ada', role: 'annotator' });
    const task = await store.taskAt(made.packId, 0);
    const answer = [{ kind: 'choices' as const, controlId: 'sentiment', labels: ['positive'] }];
    await store.addRevision({ packId: made.packId, taskId: task.task.id, profileId: profile.id }, { status: 'submitted', answer, provenance: 'manual', modelVersion: null, activeMs: 900, skipReason: null, taskHash: task.hash });
    await store.close();

    const out = join(dir, 'ada.results.loupe');
    const result = await loupe('--json', 'export', '--db', db, '--pack-id', made.packId, '--format', 'results', '--out', out);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, rows: 1, annotator: profile.id });
    const pack = await readPack(out);
    expect(pack.kind).toBe('results');
    expect(pack.rows[0]).toMatchObject({ taskId: task.task.id, taskHash: task.hash, answer });
    expect((await loupe('export', '--db', db, '--pack-id', made.packId, '--format', 'results', '--annotator', 'nobody', '--out', join(dir, 'x.loupe'))).stderr).toMatch(/no annotator "nobody"/);
  });
});
