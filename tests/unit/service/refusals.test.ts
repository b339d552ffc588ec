/**
 * Every pack refusal, seen from the app: opening a bad pack answers a typed error whose message
 * names the entry, line and field, and the database is exactly as it was before.
 */
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawEntry } from '../packs/rawZip';
import { cleanupTempDirs, handPack, makePng, pngHeader, SVG, IMAGE_CONFIG, tempDir, writeFolder, writeZip } from '../packs/helpers';
import { startCore, type Harness } from './coreHarness';

afterAll(cleanupTempDirs);

const text = (s: string) => Buffer.from(s);
const entries = (files: Map<string, Buffer>): RawEntry[] => [...files].map(([name, data]) => ({ name, data }));

async function zip(files: Map<string, Buffer> | RawEntry[], name = 'bad.loupe'): Promise<string> {
  return writeZip(join(await tempDir(), name), files);
}

const imagePack = (assets: Record<string, Buffer>, image: string) =>
  handPack({ manifest: { labelConfig: IMAGE_CONFIG }, rows: [{ id: 'i1', data: { image } }], assets });

const cases: Array<[string, () => Promise<string>, RegExp]> = [
  ['an absolute path', () => zip([...entries(handPack()), { name: '/etc/passwd', data: text('x') }]), /entry \/etc\/passwd: is an absolute path/],
  ['a ".." segment', () => zip([...entries(handPack()), { name: '../evil.txt', data: text('x') }]), /entry \.\.\/evil\.txt: has a "\.\." segment/],
  ['a backslash', () => zip([...entries(handPack()), { name: 'assets\\x.png', data: text('x') }]), /entry assets\\x\.png: uses a backslash/],
  ['a symbolic link in a zip', () => zip([...entries(handPack()), { name: 'assets/l.png', data: text('/etc'), method: 0, externalAttributes: (0o120777 << 16) >>> 0 }]), /entry assets\/l\.png: is a symbolic link/],
  ['a symbolic link in a folder', async () => {
    const dir = await writeFolder(await tempDir(), handPack());
    await symlink('/etc/hostname', join(dir, 'guidelines.md'));
    return dir;
  }, /guidelines\.md.*symbolic link/],
  ['duplicate names', () => zip([...entries(handPack()), { name: 'tasks.jsonl', data: text('{}') }]), /entry tasks\.jsonl: .*(twice|duplicate)/i],
  ['names that clash by case', () => zip([...entries(handPack()), { name: 'TASKS.jsonl', data: text('{}') }]), /entry TASKS\.jsonl: .*case/i],
  ['sizes that lie', () => zip(entries(handPack()).map((e) => (e.name === 'tasks.jsonl' ? { ...e, declaredSize: 3 } : e))), /entry tasks\.jsonl: /],
  ['a zip bomb ratio', () => zip([...entries(handPack()), { name: 'assets/bomb.png', data: Buffer.alloc(30 * 1024 * 1024) }]), /entry assets\/bomb\.png: inflates more than 200:1.*zip bomb/],
  ['a bad JSON line', () => zip(handPack({ rows: '{"id":"t1","data":{"text":"a"}}\n{"id": oops}\n', manifest: { taskCount: 2 } })), /^pack bad\.loupe, tasks\.jsonl, line 2: .*JSON/],
  ['a bad field', () => zip(handPack({ rows: [{ id: 't1', data: { text: 'a' } }, { id: 't2', data: { text: 42 } }] })), /tasks\.jsonl, line 2, field data\.text: /],
  ['duplicate task ids', () => zip(handPack({ rows: [{ id: 't1', data: { text: 'a' } }, { id: 't1', data: { text: 'b' } }] })), /tasks\.jsonl, line 2, field id: .*line 1/],
  ['gold in an annotator pack', () => zip(handPack({ rows: [{ id: 't1', data: { text: 'a' }, meta: { gold: 'pos' } }] })), /tasks\.jsonl, line 1, field meta\.gold/],
  ['a checksum mismatch', () => zip(handPack({ editFiles: (f) => void (f['tasks.jsonl']!.sha256 = 'a'.repeat(64)) })), /tasks\.jsonl.*(checksum|SHA-256)/i],
  ['an unlisted entry', () => zip(handPack({ unlisted: { 'assets/extra.png': makePng(2, 2) } })), /entry assets\/extra\.png: .*not listed/],
  ['a missing image', () => zip(handPack({ manifest: { labelConfig: IMAGE_CONFIG }, rows: [{ id: 'i1', data: { image: 'assets/nope.png' } }] })), /tasks\.jsonl, line 1, field data\.image: /],
  ['too many pixels', () => zip(imagePack({ 'assets/huge.png': pngHeader(20_000, 20_000) }, 'assets/huge.png')), /entry assets\/huge\.png: .*20000.*20000/],
  ['an SVG image', () => zip(imagePack({ 'assets/x.svg': SVG }, 'assets/x.svg')), /entry assets\/x\.svg: .*SVG/i],
  ['an image whose content does not match its extension', () => zip(imagePack({ 'assets/x.jpg': makePng(4, 4) }, 'assets/x.jpg')), /entry assets\/x\.jpg: /],
  ['a newer format version', () => zip(handPack({ manifest: { formatVersion: 2 } })), /manifest\.json, field formatVersion: .*version 1/],
  ['a hotkey clash', () => zip(handPack({ manifest: { labelConfig: { version: 1, data: 'text', controls: [{ id: 'c', kind: 'choices', labels: [{ id: 'a', name: 'A', color: '#000000', hotkey: 'Enter' }] }] } } })), /manifest\.json, field labelConfig\.controls\.0\.labels\.0\.hotkey: .*clashes with the app's "Submit and next" key/],
  ['not a zip at all', async () => {
    const dir = await tempDir();
    const path = join(dir, 'junk.loupe');
    await (await import('node:fs/promises')).writeFile(path, 'hello');
    return path;
  }, /junk\.loupe/],
];

describe('opening a bad pack from the app', () => {
  let h: Harness;
  let before: string;
  beforeAll(async () => {
    h = await startCore();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    await h.call('packs:openSample', { sampleId: 'reviews' });
    before = h.snapshot();
  });
  afterAll(() => h.core.close());

  it.each(cases)('refuses %s with a located message and writes nothing', async (_name, make, message) => {
    const path = await make();
    const reply = await h.core.dispatch('packs:openPath', { path });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(['pack-refused', 'invalid-input']).toContain(reply.error.code);
    expect(reply.error.message).toMatch(message);
    expect(h.snapshot()).toBe(before);
  });

  it('refuses packs past the size and count limits (real bytes counted), writing nothing', async () => {
    const tight = await startCore({ packLimits: { maxEntries: 4, maxTotalBytes: 64 * 1024, maxEntryBytes: 32 * 1024, maxLineBytes: 1024 } });
    await tight.call('profile:save', { name: 'Ada', role: 'annotator' });
    const empty = tight.snapshot();
    const open = async (path: string) => {
      const reply = await tight.core.dispatch('packs:openPath', { path });
      return reply.ok ? '' : reply.error.message;
    };
    const many = handPack({ unlisted: Object.fromEntries([1, 2, 3, 4].map((n) => [`assets/${n}.png`, makePng(1, 1)])) });
    expect(await open(await zip(many))).toMatch(/bad\.loupe: holds 6 entries, more than the limit of 4/);
    const long = handPack({ rows: [{ id: 't1', data: { text: 'x'.repeat(2000) } }] });
    expect(await open(await zip(long))).toMatch(/tasks\.jsonl, line 1: is longer than the 1 KiB limit for one line/);
    const big = handPack({ rows: Array.from({ length: 400 }, (_, i) => ({ id: `t${i}`, data: { text: `task ${i} `.repeat(10) } })) });
    expect(await open(await zip(big))).toMatch(/entry tasks\.jsonl: .*32 KiB/);
    expect(tight.snapshot()).toBe(empty);
    await tight.core.close();
  });

  it('refuses a results pack for a task pack it does not have, writing nothing', async () => {
    const results = handPack({
      manifest: { kind: 'results', packId: 'res-1', answers: { packId: 'pack-unknown' }, labelConfig: undefined },
      rowsFile: 'results.jsonl',
      rows: [],
    });
    const reply = await h.core.dispatch('packs:openPath', { path: await zip(results) });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/answers task pack "pack-unknown", which is not in this workspace/);
    expect(h.snapshot()).toBe(before);
  });

  it('refuses malformed requests at the boundary', async () => {
    const reply = await h.core.dispatch('task:submit', { packId: 'x', taskId: '../../etc', answer: 'yes' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await h.core.dispatch('no:such', {})).ok).toBe(false);
    expect(h.snapshot()).toBe(before);
  });
});
