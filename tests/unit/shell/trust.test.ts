import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isExternalWebUrl, isTrustedRendererUrl } from '../../../electron/shell/trust';

const rendererFile = '/opt/Loupe/resources/app.asar/out/renderer/index.html';
const fileUrl = pathToFileURL(rendererFile).href;

describe('isTrustedRendererUrl', () => {
  it('trusts the built index.html, with or without a hash or query', () => {
    const location = { rendererFile };
    expect(isTrustedRendererUrl(fileUrl, location)).toBe(true);
    expect(isTrustedRendererUrl(`${fileUrl}#/annotate/p1`, location)).toBe(true);
    expect(isTrustedRendererUrl(`${fileUrl}?x=1`, location)).toBe(true);
  });

  it('trusts a path whose characters Chromium and Node encode differently', () => {
    const spaced = '/home/a b/Loupé/out/renderer/index.html';
    expect(isTrustedRendererUrl('file:///home/a%20b/Loup%C3%A9/out/renderer/index.html', { rendererFile: spaced })).toBe(true);
  });

  it('refuses any other file, folder or host', () => {
    const location = { rendererFile };
    expect(isTrustedRendererUrl('file:///opt/Loupe/resources/app.asar/out/renderer/other.html', location)).toBe(false);
    expect(isTrustedRendererUrl('file:///etc/passwd', location)).toBe(false);
    expect(isTrustedRendererUrl('file://evil/opt/Loupe/resources/app.asar/out/renderer/index.html', location)).toBe(false);
    expect(isTrustedRendererUrl('file:///opt/Loupe/resources/app.asar/out/renderer/index.html/../x.html', location)).toBe(false);
  });

  it('does not let a file:// page pass as the dev server or the other way round', () => {
    expect(isTrustedRendererUrl(fileUrl, { rendererFile: '/elsewhere/index.html', devUrl: 'http://localhost:5173' })).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { rendererFile })).toBe(false);
  });

  it('trusts the dev server origin only, on any path', () => {
    const location = { rendererFile, devUrl: 'http://localhost:5173/' };
    expect(isTrustedRendererUrl('http://localhost:5173/', location)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html#/x', location)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', location)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', location)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', location)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173.evil.com/', location)).toBe(false);
    // The production file stays trusted in dev (electron-vite preview loads it).
    expect(isTrustedRendererUrl(fileUrl, location)).toBe(true);
  });

  it('never trusts opaque or odd URLs, even with a strange dev URL', () => {
    const location = { rendererFile, devUrl: 'data:text/html,hi' };
    for (const url of ['data:text/html,hi', 'about:blank', 'javascript:alert(1)', 'not a url', '', 'loupe-asset://pack/p/assets/a.png']) {
      expect(isTrustedRendererUrl(url, location)).toBe(false);
    }
  });

  it('compares Windows paths without regard to case', () => {
    const location = { rendererFile: '/C:/Program Files/Loupe/out/renderer/index.html' };
    expect(isTrustedRendererUrl('file:///c:/program%20files/loupe/out/renderer/index.html', location)).toBe(true);
  });
});

describe('isExternalWebUrl', () => {
  it('allows web links only', () => {
    expect(isExternalWebUrl('https://example.com/guide')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'mailto:a@b.c', 'ms-settings:', 'nonsense']) {
      expect(isExternalWebUrl(url)).toBe(false);
    }
  });
});
