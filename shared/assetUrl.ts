/**
 * The `loupe-asset:` URL form and its containment rules. The renderer shows pack images through
 * `loupe-asset://pack/<packId>/assets/<path...>`, each segment percent-encoded. The Electron
 * protocol handler (electron/shell/protocol.ts) and the loopback binding's /asset/ route serve only
 * what `parseAssetUrl` accepts; everything else is a 404.
 */
import { idSchema } from './pack/labelConfig';
import { assetPathSchema } from './pack/task';

export const ASSET_SCHEME = 'loupe-asset';
const PREFIX = `${ASSET_SCHEME}://pack/`;
const MAX_URL_LENGTH = 8192;

export interface AssetRef {
  packId: string;
  /** Always `assets/...` with forward slashes, as stored in the pack. */
  assetPath: string;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// Control characters (NUL included) never belong in a file name; `/` and `\` would add levels;
// `:` would name a Windows drive or an NTFS alternate data stream.
// eslint-disable-next-line no-control-regex
const BAD_SEGMENT_CHARS = /[\u0000-\u001f\u007f/\\:]/;

/** The pack and asset a `loupe-asset:` URL names, or null when it is malformed or leaves assets/. */
export function parseAssetUrl(raw: string): AssetRef | null {
  // Split the string by hand rather than with `new URL`: a URL parser folds `..` and `%2e%2e`
  // segments and may treat `\` as `/`, and the point here is to refuse those, not to resolve them.
  // The exact prefix also refuses user info, ports and other hosts.
  if (raw.length > MAX_URL_LENGTH || !raw.startsWith(PREFIX) || raw.includes('\\')) return null;
  const path = raw.slice(PREFIX.length).split(/[?#]/, 1)[0] ?? '';

  const segments: string[] = [];
  for (const encoded of path.split('/')) {
    const segment = decode(encoded);
    if (segment === null || segment === '') return null; // `a//b` or a trailing `/`
    segments.push(segment);
  }

  const [packId, top, ...rest] = segments;
  // A pack id may contain `.` and `:` (see idSchema) but never starts with a dot or holds a slash.
  if (packId === undefined || !idSchema.safeParse(packId).success) return null;
  if (top !== 'assets' || rest.length === 0) return null;
  // One blunt rule for dots: no segment may contain `..` at all, and none may be `.`. That leaves
  // no edge case (`...`, Windows folding trailing dots) to reason about.
  if (rest.some((s) => s === '.' || s.includes('..') || BAD_SEGMENT_CHARS.test(s))) return null;

  const assetPath = ['assets', ...rest].join('/');
  if (!assetPathSchema.safeParse(assetPath).success) return null;
  return { packId, assetPath };
}

/** The URL for an asset of an imported pack. */
export function toAssetUrl(packId: string, assetPath: string): string {
  const path = assetPath.split('/').map(encodeURIComponent).join('/');
  return `${PREFIX}${encodeURIComponent(packId)}/${path}`;
}
