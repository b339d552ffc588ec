/**
 * The `loupe-asset:` protocol: how the renderer shows pack images without any file:// access.
 * URLs name an asset of an imported pack (assetUrl.ts); the bytes come from core.readAsset, so a
 * page can read nothing the core does not hand out.
 */
import { protocol } from 'electron';
import type { Core } from '../core/service/types';
import { ASSET_SCHEME, parseAssetUrl } from '../../shared/assetUrl';

/**
 * Must run before app `ready`. standard: real host/path parsing and relative URLs; secure: counts
 * as a secure context like https; supportFetchAPI: fetch() and protocol.handle work; corsEnabled:
 * an <img crossOrigin> (as canvas libraries set) or a fetch() from the page's origin can load it.
 */
export function registerAssetScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

/** Serve assets from the core; call after `ready`, once the core is open. */
export function handleAssetProtocol(core: Core): void {
  protocol.handle(ASSET_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const ref = parseAssetUrl(request.url);
    if (!ref) return notFound();
    let asset: Awaited<ReturnType<Core['readAsset']>>;
    try {
      asset = await core.readAsset(ref.packId, ref.assetPath);
    } catch (error) {
      console.error('loupe-asset: reading an asset failed', error);
      return notFound();
    }
    if (!asset) return notFound();
    // A copy into a plain ArrayBuffer-backed Buffer: Response refuses views typed ArrayBufferLike.
    const body = request.method === 'HEAD' ? null : Buffer.from(asset.bytes);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': asset.mime,
        // The core chose the type from the pack's declared image formats; never let the browser
        // reinterpret the bytes (an "image" that sniffs as HTML).
        'x-content-type-options': 'nosniff',
        // Only our own pages run in this app (navigation is blocked), and images carry no secrets
        // beyond the pack the user opened; `*` lets an opaque file:// origin (Origin: null) read them.
        'access-control-allow-origin': '*',
        'cache-control': 'no-cache',
      },
    });
  });
}
