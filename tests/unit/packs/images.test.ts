/**
 * Image header checks, alone and through readPack: type allow-list, SVG refused by extension and
 * by content, extension/content mismatch, and the pixel limit.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImage, DEFAULT_LIMITS, readPack } from '../../../electron/core/packs';
import { cleanupTempDirs, gifHeader, handPack, IMAGE_CONFIG, jpegHeader, makePng, pngHeader, SVG, tempDir, writeFolder, writeZip } from './helpers';

afterAll(cleanupTempDirs);

const limits = DEFAULT_LIMITS;

describe('checkImage', () => {
  it('reads size and type from the header', () => {
    expect(checkImage('assets/a.png', makePng(7, 3), limits)).toEqual({ width: 7, height: 3, mime: 'image/png' });
    expect(checkImage('assets/b.JPG', jpegHeader(640, 480), limits)).toEqual({ width: 640, height: 480, mime: 'image/jpeg' });
    expect(checkImage('assets/c.jpeg', jpegHeader(1, 2), limits).mime).toBe('image/jpeg');
    expect(checkImage('assets/d.gif', gifHeader(4, 4), limits)).toEqual({ width: 4, height: 4, mime: 'image/gif' });
  });

  it('refuses more pixels than the limit, naming entry and dimensions', () => {
    expect(() => checkImage('assets/huge.png', pngHeader(20000, 20000), limits, 'p.loupe')).toThrow(
      /p\.loupe, entry assets\/huge\.png: is 20000x20000 \(400,000,000 pixels\), more than the 100,000,000 pixel limit/,
    );
    expect(() => checkImage('assets/ok.png', pngHeader(10000, 10000), limits)).not.toThrow();
    expect(() => checkImage('assets/empty.png', pngHeader(0, 0), limits)).toThrow(/has an invalid size in its header \(0x0\)/);
  });

  it('refuses SVG by extension, and by content behind another extension', () => {
    expect(() => checkImage('assets/logo.svg', SVG, limits)).toThrow(/entry assets\/logo\.svg: is an SVG image; SVG is not allowed/);
    expect(() => checkImage('assets/logo.SVG', makePng(1, 1), limits)).toThrow(/is an SVG image/);
    expect(() => checkImage('assets/logo.png', SVG, limits)).toThrow(/entry assets\/logo\.png: holds SVG or other markup/);
    const xml = Buffer.from(`\uFEFF  <?xml version="1.0"?>\n${SVG.toString()}`);
    expect(() => checkImage('assets/logo.gif', xml, limits)).toThrow(/holds SVG or other markup/);
  });

  it('refuses an extension that does not match the content', () => {
    expect(() => checkImage('assets/photo.png', jpegHeader(10, 10), limits)).toThrow(
      /entry assets\/photo\.png: has extension \.png but holds a JPEG image; the extension must match the content/,
    );
    expect(() => checkImage('assets/anim.jpg', gifHeader(10, 10), limits)).toThrow(/has extension \.jpg but holds a GIF image/);
  });

  it('refuses other types and unreadable bytes', () => {
    expect(() => checkImage('assets/a.bmp', Buffer.from('BM....'), limits)).toThrow(/has extension "\.bmp"; assets must be PNG, JPEG, GIF or WebP/);
    expect(() => checkImage('assets/noext', makePng(1, 1), limits)).toThrow(/has extension "\(none\)"/);
    expect(() => checkImage('assets/a.png', Buffer.from('not an image at all'), limits)).toThrow(/is not a readable PNG image/);
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(4, 18);
    bmp.writeInt32LE(4, 22);
    expect(() => checkImage('assets/a.png', bmp, limits)).toThrow(/holds a bmp image; assets must be PNG, JPEG, GIF or WebP/);
  });
});

describe('images in packs', () => {
  const pack = (assets: Record<string, Buffer>) =>
    handPack({
      manifest: { labelConfig: IMAGE_CONFIG },
      rows: Object.keys(assets).map((image, i) => ({ id: `i${i}`, data: { image } })),
      assets,
    });

  it('refuses an image claiming 20000x20000 pixels', async () => {
    const dir = await writeFolder(join(await tempDir(), 'pixels'), pack({ 'assets/ok.png': makePng(2, 2), 'assets/huge.png': pngHeader(20000, 20000) }));
    await expect(readPack(dir)).rejects.toThrow(/pixels, entry assets\/huge\.png: is 20000x20000/);
    // A lower limit applies through readPack's options.
    const small = await writeFolder(join(await tempDir(), 'small'), pack({ 'assets/ok.png': makePng(20, 20) }));
    await expect(readPack(small, { limits: { maxImagePixels: 100 } })).rejects.toThrow(/is 20x20 \(400 pixels\), more than the 100 pixel limit/);
  });

  it('refuses an SVG asset in a zip', async () => {
    const path = await writeZip(join(await tempDir(), 'svg.loupe'), pack({ 'assets/logo.svg': SVG }));
    await expect(readPack(path)).rejects.toThrow(/svg\.loupe, entry assets\/logo\.svg: is an SVG image/);
  });

  it('refuses a .png that holds a JPEG', async () => {
    const path = await writeZip(join(await tempDir(), 'mismatch.loupe'), pack({ 'assets/photo.png': jpegHeader(8, 8) }));
    await expect(readPack(path)).rejects.toThrow(/entry assets\/photo\.png: has extension \.png but holds a JPEG image/);
  });
});
