/**
 * Container safety rules: names, links, duplicates, encryption, counts and real byte limits, for
 * zips (built by hand with rawZip) and pack folders.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readPack } from '../../../electron/core/packs';
import { Meter } from '../../../electron/core/packs/container';
import { resolveLimits } from '../../../electron/core/packs/limits';
import { LoupeError } from '../../../shared/errors';
import { cleanupTempDirs, handPack, makePng, tempDir, writeFolder, writeZip } from './helpers';
import type { RawEntry } from './rawZip';

afterAll(cleanupTempDirs);

/** A valid pack's entries (some tweaked) plus the given extra ones, as a raw zip on disk. */
async function zipWith(extra: RawEntry[], base = handPack(), tweak: Record<string, Partial<RawEntry>> = {}): Promise<string> {
  const entries: RawEntry[] = [...base].map(([name, data]) => ({ name, data, ...tweak[name] }));
  return writeZip(join(await tempDir(), 'evil.loupe'), [...entries, ...extra]);
}

const text = (s: string) => Buffer.from(s);

describe('zip entry names and kinds', () => {
  it('accepts a valid hand-made zip', async () => {
    const loaded = await readPack(await zipWith([]));
    expect(loaded.rows).toHaveLength(2);
  });

  it('accepts folder entries, as zip tools write them', async () => {
    const loaded = await readPack(await zipWith([{ name: 'assets/', method: 0, externalAttributes: (0o40755 << 16) >>> 0 }]));
    expect(loaded.rows).toHaveLength(2);
    await expect(readPack(await zipWith([{ name: '../', method: 0 }]))).rejects.toThrow(/entry \.\.\/: has a "\.\." segment/);
  });

  it.each([
    ['../evil.txt', /evil\.loupe, entry \.\.\/evil\.txt: has a "\.\." segment/],
    ['assets/../../evil.txt', /entry assets\/\.\.\/\.\.\/evil\.txt: has a "\.\." segment/],
    ['/etc/passwd', /entry \/etc\/passwd: is an absolute path/],
    ['C:/Windows/evil.txt', /entry C:\/Windows\/evil\.txt: is an absolute path/],
    ['assets\\evil.png', /entry assets\\evil\.png: uses a backslash/],
    ['assets//a.png', /entry assets\/\/a\.png: has an empty or "\." path segment/],
    ['./tasks.jsonl', /entry \.\/tasks\.jsonl: has an empty or "\." path segment/],
  ])('refuses the entry name %s', async (name, message) => {
    const err = await readPack(await zipWith([{ name, data: text('x') }])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect((err as LoupeError).code).toBe('pack-refused');
    expect((err as LoupeError).where).toMatchObject({ file: 'evil.loupe', entry: name });
    expect(String((err as Error).message)).toMatch(message);
  });

  it('refuses a symbolic link', async () => {
    const link = { name: 'assets/link.png', data: text('/etc/passwd'), method: 0 as const, externalAttributes: (0o120777 << 16) >>> 0 };
    await expect(readPack(await zipWith([link]))).rejects.toThrow(/entry assets\/link\.png: is a symbolic link/);
  });

  it('refuses duplicate names', async () => {
    await expect(readPack(await zipWith([{ name: 'tasks.jsonl', data: text('{}') }]))).rejects.toThrow(/entry tasks\.jsonl: appears twice/);
  });

  it('refuses names that differ only in letter case', async () => {
    const png = makePng(1, 1);
    const base = handPack({ assets: { 'assets/A.png': png } });
    await expect(readPack(await zipWith([{ name: 'assets/a.png', data: png }], base))).rejects.toThrow(
      /entry assets\/a\.png: clashes with assets\/A\.png: names may not differ only in letter case/,
    );
  });

  it('refuses encrypted entries', async () => {
    await expect(readPack(await zipWith([{ name: 'assets/secret.png', data: makePng(1, 1), flags: 1 }]))).rejects.toThrow(
      /entry assets\/secret\.png: is encrypted/,
    );
  });

  it('refuses more entries than the limit, before reading them', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `assets/${i}.png`, data: makePng(1, 1) }));
    await expect(readPack(await zipWith(many), { limits: { maxEntries: 4 } })).rejects.toThrow(/evil\.loupe: holds 7 entries, more than the limit of 4/);
  });

  it('refuses a file that is not a zip', async () => {
    const path = join(await tempDir(), 'notzip.loupe');
    await writeFile(path, 'hello, I am not a zip file at all');
    await expect(readPack(path)).rejects.toThrow(/notzip\.loupe: is not a readable zip file/);
  });

  it('reports a missing pack as not found', async () => {
    await expect(readPack(join(await tempDir(), 'nope.loupe'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('zip sizes: declared and real', () => {
  it('refuses an entry whose real size is larger than it declares (lying header)', async () => {
    // Listed in the manifest with its true checksum and size; only the zip header lies.
    const base = handPack({ guidelines: 'g'.repeat(200_000) });
    await expect(readPack(await zipWith([], base, { 'guidelines.md': { declaredSize: 100 } }))).rejects.toThrow(
      /entry guidelines\.md: holds a different number of bytes than the zip declares/,
    );
    // ...and one that claims more than it holds.
    await expect(readPack(await zipWith([], base, { 'guidelines.md': { declaredSize: 300_000 } }))).rejects.toThrow(
      /entry guidelines\.md: holds a different number of bytes than the zip declares.*not enough bytes/,
    );
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const bomb = { name: 'assets/bomb.png', data: Buffer.alloc(4 * 1024 * 1024) };
    await expect(readPack(await zipWith([bomb]))).rejects.toThrow(/entry assets\/bomb\.png: inflates more than 200:1/);
  });

  it('does not apply the ratio to small entries', async () => {
    // 2000 identical rows compress far beyond 200:1 but stay under 1 MiB.
    const rows = Array.from({ length: 2000 }, () => ({ id: 'x', data: { text: 'same' } }));
    const err = await readPack(await zipWith([], handPack({ rows }))).catch((e: Error) => e);
    expect(String(err)).toMatch(/duplicate task id "x"/); // got past the container to the row checks
  });

  it('refuses an entry over the per-entry limit', async () => {
    const big = { name: 'assets/big.png', data: Buffer.alloc(3000, 1), method: 0 as const };
    await expect(readPack(await zipWith([big]), { limits: { maxEntryBytes: 2048 } })).rejects.toThrow(
      /entry assets\/big\.png: declares 2\.9 KiB, more than the 2 KiB limit for one entry/,
    );
  });

  it('refuses a pack over the total limit', async () => {
    const parts = [1, 2, 3].map((i) => ({ name: `assets/${i}.png`, data: Buffer.alloc(1000, i), method: 0 as const }));
    await expect(readPack(await zipWith(parts), { limits: { maxTotalBytes: 2500 } })).rejects.toThrow(
      /takes the pack over the 2\.4 KiB limit for all entries together/,
    );
  });
});

describe('pack folders', () => {
  it('accepts a folder and skips .DS_Store and Thumbs.db', async () => {
    const dir = await writeFolder(join(await tempDir(), 'folder-pack'), handPack());
    await writeFile(join(dir, '.DS_Store'), 'junk');
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets', 'Thumbs.db'), 'junk');
    const loaded = await readPack(dir);
    expect(loaded.sourceName).toBe('folder-pack');
    expect(loaded.rows).toHaveLength(2);
  });

  it('refuses a symbolic link, even to a file inside the pack', async () => {
    const dir = await writeFolder(join(await tempDir(), 'linked'), handPack());
    await mkdir(join(dir, 'assets'));
    await symlink(join(dir, 'tasks.jsonl'), join(dir, 'assets', 'sneaky.png'));
    await expect(readPack(dir)).rejects.toThrow(/linked, entry assets\/sneaky\.png: is a symbolic link/);
  });

  it('refuses a linked folder', async () => {
    const outside = await tempDir();
    const dir = await writeFolder(join(await tempDir(), 'linked-dir'), handPack());
    await symlink(outside, join(dir, 'assets'));
    await expect(readPack(dir)).rejects.toThrow(/entry assets: is a symbolic link/);
  });

  it('refuses names that differ only in case (on case-sensitive file systems)', async () => {
    const dir = await writeFolder(join(await tempDir(), 'cased'), handPack());
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets', 'A.png'), makePng(1, 1));
    await writeFile(join(dir, 'assets', 'a.png'), makePng(1, 1));
    const err = await readPack(dir).catch((e: Error) => e);
    // On a case-insensitive disk the second write replaced the first: then the rule cannot apply.
    if (String(err).includes('clashes')) expect(String(err)).toMatch(/entry assets\/a\.png: clashes with assets\/A\.png/);
  });

  it('refuses a backslash in a file name', async () => {
    if (process.platform === 'win32') return;
    const dir = await writeFolder(join(await tempDir(), 'slashed'), handPack());
    await writeFile(join(dir, 'evil\\name.png'), 'x');
    await expect(readPack(dir)).rejects.toThrow(/entry evil\\name\.png: uses a backslash/);
  });

  it('refuses more entries than the limit', async () => {
    const dir = await writeFolder(join(await tempDir(), 'crowded'), handPack());
    await expect(readPack(dir, { limits: { maxEntries: 1 } })).rejects.toThrow(/crowded: holds more than the limit of 1 entries/);
  });

  it('counts real bytes while streaming: per entry and in total', async () => {
    const dir = await writeFolder(join(await tempDir(), 'heavy'), handPack({ guidelines: 'g'.repeat(5000) }));
    await expect(readPack(dir, { limits: { maxEntryBytes: 4096 } })).rejects.toThrow(
      /heavy, entry guidelines\.md: is larger than the 4 KiB limit for one entry/,
    );
    await expect(readPack(dir, { limits: { maxTotalBytes: 5000 } })).rejects.toThrow(/entry guidelines\.md: takes the pack over the 4\.9 KiB limit/);
  });
});

describe('Meter (real byte counting)', () => {
  const run = (chunks: Buffer[], limits: Parameters<typeof resolveLimits>[0], compressed: number | null, budget = { total: 0 }) =>
    pipeline(
      Readable.from(chunks),
      new Meter((m) => new LoupeError('pack-refused', m, { file: 'p.loupe', entry: 'x.bin' }), resolveLimits(limits), budget, compressed),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) void chunk;
      },
    );

  it('passes data within limits', async () => {
    await expect(run([Buffer.alloc(10), Buffer.alloc(10)], {}, 20)).resolves.toBeUndefined();
  });

  it('stops when the real ratio exceeds the limit, whatever was declared', async () => {
    const chunks = Array.from({ length: 3 }, () => Buffer.alloc(1024 * 1024));
    await expect(run(chunks, {}, 1000)).rejects.toThrow(/entry x\.bin: inflates more than 200:1/);
  });

  it('stops at the per-entry and shared total limits', async () => {
    await expect(run([Buffer.alloc(600), Buffer.alloc(600)], { maxEntryBytes: 1000 }, null)).rejects.toThrow(/larger than the 1000 bytes limit/);
    const budget = { total: 900 };
    await expect(run([Buffer.alloc(200)], { maxTotalBytes: 1000 }, null, budget)).rejects.toThrow(/over the 1000 bytes limit for all entries/);
  });
});
