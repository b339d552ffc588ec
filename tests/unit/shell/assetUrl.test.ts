import { describe, expect, it } from 'vitest';
import { parseAssetUrl, toAssetUrl } from '../../../shared/assetUrl';

describe('parseAssetUrl', () => {
  it('reads the pack id and the asset path', () => {
    expect(parseAssetUrl('loupe-asset://pack/p1/assets/cats/001.png')).toEqual({ packId: 'p1', assetPath: 'assets/cats/001.png' });
  });

  it('decodes each segment once, and ignores a query or fragment', () => {
    expect(parseAssetUrl('loupe-asset://pack/team%3Av2.pack/assets/a%20b/%C3%A9t%C3%A9.jpg?v=2#x')).toEqual({
      packId: 'team:v2.pack',
      assetPath: 'assets/a b/été.jpg',
    });
  });

  it('round-trips with toAssetUrl', () => {
    for (const [packId, assetPath] of [
      ['p1', 'assets/x.png'],
      ['a:b.c-d_e', 'assets/dir with space/#hash?.png'],
      ['p', 'assets/ünï/çødé%.webp'],
    ] as const) {
      expect(parseAssetUrl(toAssetUrl(packId, assetPath))).toEqual({ packId, assetPath });
    }
  });

  it('refuses anything outside assets/', () => {
    for (const url of [
      'loupe-asset://pack/p1/manifest.json',
      'loupe-asset://pack/p1/tasks.jsonl',
      'loupe-asset://pack/p1/assets',
      'loupe-asset://pack/p1/assets/',
      'loupe-asset://pack/p1/Assets/a.png',
      'loupe-asset://pack/p1',
      'loupe-asset://pack/',
    ]) {
      expect(parseAssetUrl(url), url).toBeNull();
    }
  });

  it('refuses dot segments, encoded or not, and any `..` in a name', () => {
    for (const url of [
      'loupe-asset://pack/p1/assets/../manifest.json',
      'loupe-asset://pack/p1/assets/%2e%2e/manifest.json',
      'loupe-asset://pack/p1/assets/%2E%2E/%2E%2E/etc/passwd',
      'loupe-asset://pack/p1/assets/./a.png',
      'loupe-asset://pack/p1/assets/a/../../b.png',
      'loupe-asset://pack/p1/assets/.../a.png',
      'loupe-asset://pack/p1/assets/a..png',
      'loupe-asset://pack/../p2/assets/a.png',
    ]) {
      expect(parseAssetUrl(url), url).toBeNull();
    }
  });

  it('refuses backslashes, encoded slashes, empty segments, drive letters and control characters', () => {
    for (const url of [
      'loupe-asset://pack/p1/assets\\..\\manifest.json',
      'loupe-asset://pack/p1/assets/a%5Cb.png',
      'loupe-asset://pack/p1/assets/a%2Fb.png',
      'loupe-asset://pack/p1/assets//a.png',
      'loupe-asset://pack/p1//assets/a.png',
      'loupe-asset://pack/p1/assets/C:/a.png',
      'loupe-asset://pack/p1/assets/a.png:stream',
      'loupe-asset://pack/p1/assets/a%00.png',
      'loupe-asset://pack/p1/assets/a%0A.png',
      'loupe-asset://pack/p1/assets/%E0%A4%A.png', // malformed percent-encoding
    ]) {
      expect(parseAssetUrl(url), url).toBeNull();
    }
  });

  it('refuses other schemes, hosts, user info, ports and bad pack ids', () => {
    for (const url of [
      'file:///p1/assets/a.png',
      'https://pack/p1/assets/a.png',
      'loupe-asset://other/p1/assets/a.png',
      'loupe-asset://user@pack/p1/assets/a.png',
      'loupe-asset://pack:80/p1/assets/a.png',
      'loupe-asset:pack/p1/assets/a.png',
      'loupe-asset://pack/.hidden/assets/a.png',
      'loupe-asset://pack/p%2F1/assets/a.png',
      `loupe-asset://pack/${'p'.repeat(129)}/assets/a.png`,
      `loupe-asset://pack/p1/assets/${'a'.repeat(9000)}.png`,
    ]) {
      expect(parseAssetUrl(url), url.slice(0, 80)).toBeNull();
    }
  });
});
