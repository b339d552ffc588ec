/**
 * The loopback HTTP binding: 127.0.0.1 only, the per-run token on every call, the same dispatch
 * as IPC, and path containment for the renderer's files and pack images.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/core/http/loopbackServer';
import { tempDir } from '../helpers/fixtures';
import { startCore, type Harness } from './coreHarness';

describe('loopback binding', () => {
  let h: Harness;
  let server: LoopbackServer;
  let origin: string;
  beforeAll(async () => {
    h = await startCore();
    const rendererDir = tempDir('loupe-renderer-');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Loupe</title>');
    server = await startLoopbackServer(h.core, { rendererDir });
    origin = new URL(server.url).origin;
    await h.call('profile:save', { name: 'Flo', role: 'annotator' });
    await h.call('packs:openSample', { sampleId: 'shapes' });
  });
  afterAll(async () => {
    await server.close();
    await h.core.close();
  });

  const rpc = (channel: string, body: unknown, token = server.token) =>
    fetch(`${origin}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-loupe-token': token }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 with a random token in the page URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?loupeToken=[0-9a-f]{48}$/);
  });

  it('answers contract calls with the token and refuses them without', async () => {
    expect(await (await rpc('profile:get', {})).json()).toMatchObject({ ok: true, value: { name: 'Flo' } });
    expect((await rpc('profile:get', {}, 'wrong')).status).toBe(403);
    expect((await fetch(`${origin}/rpc/profile:get`, { method: 'GET' })).status).toBe(405);
    expect(await (await rpc('task:get', { packId: 'sample-shape-classes', index: -1 })).json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('serves pack images by token, and nothing outside a pack\'s assets', async () => {
    const good = await fetch(`${origin}/asset/sample-shape-classes/assets/shape-01.png?token=${server.token}`);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toBe('image/png');
    expect((await good.arrayBuffer()).byteLength).toBeGreaterThan(100);
    expect((await fetch(`${origin}/asset/sample-shape-classes/assets/shape-01.png?token=nope`)).status).toBe(403);
    for (const path of ['sample-shape-classes/assets/%2e%2e/manifest.json', 'sample-shape-classes/tasks.jsonl', 'sample-shape-classes/assets/..%2F..%2Fetc%2Fpasswd', 'other/assets/shape-01.png']) {
      expect((await fetch(`${origin}/asset/${path}?token=${server.token}`)).status, path).toBe(404);
    }
  });

  it('serves the renderer and nothing above its folder', async () => {
    expect(await (await fetch(`${origin}/`)).text()).toContain('<title>Loupe</title>');
    expect((await fetch(`${origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${origin}/..%2fpackage.json`)).status).toBe(404);
  });
});
