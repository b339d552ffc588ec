/**
 * Which page URLs count as "our renderer" (pure; no electron import, so it is unit-tested under
 * Node). The IPC handler and the event forwarder only talk to a main frame showing one of these:
 * the dev server's origin while developing, or the exact built index.html file otherwise. Anything
 * else (a navigated-away page, an iframe, a data: or other file: URL) gets nothing.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** The electron-vite dev server URL (ELECTRON_RENDERER_URL); undefined in builds and packaged apps. */
  devUrl?: string | undefined;
  /** Absolute path of out/renderer/index.html. */
  rendererFile: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Decoded pathname, so that Chromium's and Node's percent-encoding choices cannot differ. */
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

export function isTrustedRendererUrl(url: string, location: RendererLocation): boolean {
  const candidate = parse(url);
  if (!candidate) return false;

  if (location.devUrl) {
    const dev = parse(location.devUrl);
    // The dev server serves nothing but our renderer, so any path on its origin is ours (HMR may
    // reload at a different path). Only http(s) origins: an opaque origin ("null") never matches.
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && candidate.origin === dev.origin) {
      return true;
    }
  }

  if (candidate.protocol !== 'file:') return false;
  const expected = pathToFileURL(resolve(location.rendererFile));
  if (candidate.host !== expected.host) return false;
  const got = decodedPath(candidate);
  const want = decodedPath(expected);
  if (got === null || want === null) return false;
  // Windows paths are case-insensitive and Chromium may change the drive letter's case.
  const windowsPath = /^\/[A-Za-z]:\//.test(want);
  return windowsPath ? got.toLowerCase() === want.toLowerCase() : got === want;
}

/** Links the renderer may hand to the system browser: web pages only, never file:, smb: and such. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}
