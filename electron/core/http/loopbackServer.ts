/**
 * The contract bound over loopback HTTP, so end-to-end tests can drive the real renderer in a
 * plain browser against the real core. It is a thin loop over the same `dispatch` the Electron IPC
 * binding uses: POST /rpc/<channel> with the per-run token, and Server-Sent Events for events.
 * It listens on 127.0.0.1 only and also serves the built renderer and pack images (with path containment).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { ASSET_SCHEME, parseAssetUrl } from '../../../shared/assetUrl';
import type { Core } from '../service/types';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface LoopbackServer {
  /** The page to open: the renderer with the token in its query string. */
  url: string;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

export async function startLoopbackServer(core: Core, options: { rendererDir: string; port?: number }): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('hex');
  const root = resolve(options.rendererDir);
  const streams = new Set<ServerResponse>();
  const unsubscribe = core.onEvent((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    streams.forEach((res) => res.write(frame));
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return send(res, 405, '{"error":"POST only"}');
        if (!sameToken(req.headers['x-loupe-token'] as string | undefined, token)) return send(res, 403, '{"error":"bad token"}');
        let input: unknown;
        try {
          input = await readBody(req);
        } catch (error) {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: String(error) } }));
        }
        const reply = await core.dispatch(decodeURIComponent(url.pathname.slice('/rpc/'.length)), input);
        return send(res, 200, JSON.stringify(reply));
      }
      if (url.pathname.startsWith('/asset/')) {
        // Pack images, by the same containment rules as the desktop app's loupe-asset: protocol.
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 403, '{"error":"bad token"}');
        const ref = parseAssetUrl(`${ASSET_SCHEME}://pack/${url.pathname.slice('/asset/'.length)}`);
        const asset = ref ? await core.readAsset(ref.packId, ref.assetPath) : null;
        if (!asset) return send(res, 404, 'not found', 'text/plain');
        res.writeHead(200, { 'content-type': asset.mime, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        res.end(asset.bytes);
        return;
      }
      if (url.pathname === '/events') {
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 403, '{"error":"bad token"}');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'GET') return send(res, 405, '');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = resolve(root, relative);
      if (!file.startsWith(root + sep)) return send(res, 404, 'not found', 'text/plain');
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        send(res, 404, 'not found', 'text/plain');
      }
    })().catch((error: unknown) => send(res, 500, JSON.stringify({ error: String(error) })));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?loupeToken=${token}`,
    token,
    async close() {
      unsubscribe();
      streams.forEach((res) => res.end());
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
