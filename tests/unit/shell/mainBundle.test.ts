/**
 * Smoke test of the BUILT main process: out/main/index.js runs under plain Node as a packaged app,
 * with `electron` replaced by a fake (fakeElectron/: electron.mjs, register.mjs, driver.mjs), since
 * the Electron binary cannot run here. It checks the shell's real wiring end to end: the window's
 * security settings and fences, permissions, the asset protocol, IPC trust, the real core and
 * SQLite behind IPC, packs from a second launch, the menu, and closing the database on quit.
 *
 * The bundle is (re)built first when it is missing or older than the sources, so the test never
 * runs against a stale bundle or silently skips (`npm test` runs unit tests before any build).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, handPack, IMAGE_CONFIG, makePng, tempDir, writeFolder } from '../packs/helpers';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const bundle = join(root, 'out/main/index.js');
const fakeDir = join(import.meta.dirname, 'fakeElectron');
const REPORT_PREFIX = 'LOUPE_SMOKE_REPORT ';
const NOT_OURS = 'Loupe refused a request from a page that is not its own.';

/** Newest modification time of anything the main bundle is built from. */
function newestSource(): number {
  const newest = (path: string): number => {
    const stats = statSync(path);
    if (!stats.isDirectory()) return stats.mtimeMs;
    return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  return Math.max(...['electron', 'shared', 'electron.vite.config.ts', 'package.json'].map((p) => newest(join(root, p))));
}

async function ensureBuilt(): Promise<void> {
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) return;
  // A failing build fails the test (with the build's output), rather than skipping it.
  await run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, timeout: 120_000 });
  if (!existsSync(bundle)) throw new Error(`electron-vite build finished but ${bundle} is missing`);
}

type Invoked = { resolved?: unknown; rejected?: string };
type Sent = { event: string; payload: Record<string, unknown> };
interface AssetResponse { url: string; method: string; status: number; contentType: string | null; nosniff: string | null; sha256: string }
interface MenuItem { label: string | null; role: string | null; type: string | null; accelerator: string | null; registerAccelerator: boolean | null }

/** What driver.mjs prints (see there). */
interface Report {
  driverError?: string;
  beforeReady: {
    privilegedSchemes: Array<{ schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>; beforeReady: boolean }>;
    singleInstanceData: unknown[];
    windows: number;
    ipcChannels: string[];
  };
  window: { count: number; options: { show: boolean; webPreferences: Record<string, unknown> }; loads: Array<{ file?: string; url?: string }>; url: string; trustedUrl: string };
  navigation: Array<{ url: string; prevented: boolean }>;
  windowOpen: Array<{ url: string; result: unknown }>;
  webviewPrevented: boolean;
  openedExternally: string[];
  permissions: { requestHandlerInstalled: boolean; requestCallbacks: unknown[][]; checkHandlerInstalled: boolean; check: unknown };
  ipc: {
    channels: string[];
    profileSave: Invoked;
    profileGet: Invoked;
    appInfo: Invoked;
    samples: Invoked;
    badChannel: Invoked;
    untrusted: Record<string, Invoked>;
  };
  eventsAfterSecondInstance: Sent[];
  protocol: { handledSchemes: string[]; responses: AssetResponse[] };
  menu: Array<{ label: string | null; role: string | null; items: MenuItem[] }>;
  menuClickEvents: Sent[];
  quit: {
    firstWillQuitHeld: boolean;
    secondWillQuitHeld: boolean;
    quitCalls: number;
    removedIpcHandlers: string[];
    ipcChannelsLeft: string[];
    lateRequest: Invoked;
    walLeftBehind: boolean;
    integrity: string;
    profileRows: unknown[];
  };
  errorBoxes: unknown[];
  exitCodes: number[];
}

const PACK_ID = 'smoke-images';
const ASSET = 'assets/dot.png';
const png = makePng(3, 2);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let report: Report;
let userData: string;
let resources: string;
let decoyDataDir: string;

beforeAll(async () => {
  await ensureBuilt();

  // A packaged layout: process.resourcesPath holds the SQLite binary (here the Node build, since
  // this is Node) and the samples, as electron-builder.yml ships them.
  resources = await tempDir();
  copyFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(resources, 'better_sqlite3.node'));
  cpSync(join(root, 'resources/samples'), join(resources, 'samples'), { recursive: true });
  userData = await tempDir();
  decoyDataDir = join(await tempDir(), 'must-stay-unused');
  const pack = await writeFolder(
    await tempDir(),
    handPack({ manifest: { packId: PACK_ID, labelConfig: IMAGE_CONFIG }, rows: [{ id: 'i1', data: { image: ASSET } }], assets: { [ASSET]: png } }),
  );

  const result = await run(process.execPath, ['--import', pathToFileURL(join(fakeDir, 'register.mjs')).href, join(fakeDir, 'driver.mjs')], {
    cwd: root,
    timeout: 60_000,
    env: {
      ...process.env,
      LOUPE_SMOKE_BUNDLE: bundle,
      LOUPE_SMOKE_RESOURCES: resources,
      LOUPE_SMOKE_USER_DATA: userData,
      LOUPE_SMOKE_PACK: pack,
      LOUPE_SMOKE_ASSET: ASSET,
      // Development-only switches a packaged app must ignore.
      ELECTRON_RENDERER_URL: 'http://localhost:5173/',
      LOUPE_DATA_DIR: decoyDataDir,
    },
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
    // A driver that failed part way still prints what it saw, with driverError: the tests below
    // then fail one by one on what is wrong or missing.
    stdout: error.stdout ?? '',
    stderr: `${error.message}\n${error.stderr ?? ''}`,
  }));
  const line = result.stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
  if (!line) throw new Error(`the driver printed no report\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  report = JSON.parse(line.slice(REPORT_PREFIX.length)) as Report;
}, 180_000);

afterAll(cleanupTempDirs);

describe('the built main process, packaged, under a fake electron', () => {
  it('starts without errors', () => {
    expect(report.driverError).toBeUndefined();
    expect(report.errorBoxes).toEqual([]);
    expect(report.exitCodes).toEqual([]);
  });

  it('registers the privileged asset scheme before ready, and opens nothing before ready', () => {
    expect(report.beforeReady.privilegedSchemes).toEqual([
      { beforeReady: true, schemes: [{ scheme: 'loupe-asset', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }] },
    ]);
    expect(report.beforeReady.singleInstanceData).toEqual([{ packPath: null }]);
    expect(report.beforeReady.windows).toBe(0);
    expect(report.beforeReady.ipcChannels).toEqual([]);
  });

  it('opens one sandboxed, context-isolated window on the built renderer file', () => {
    const { window } = report;
    expect(window.count).toBe(1);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.options.webPreferences).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(window.options.webPreferences).not.toHaveProperty('webviewTag', true);
    const preload = String(window.options.webPreferences['preload']);
    expect(preload.replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(existsSync(preload)).toBe(true);
    // Packaged: the file, never the dev server that ELECTRON_RENDERER_URL names.
    expect(window.loads).toEqual([{ file: join(root, 'out/renderer/index.html') }]);
    expect(window.url).toBe(window.trustedUrl);
  });

  it('keeps the window on our page: navigation elsewhere, new windows and webviews are refused', () => {
    expect(report.navigation).toEqual([
      { url: 'https://example.com/', prevented: true },
      { url: 'file:///etc/passwd', prevented: true },
      { url: 'http://localhost:5173/', prevented: true },
      { url: 'data:text/html,hi', prevented: true },
      { url: report.window.trustedUrl, prevented: false },
    ]);
    expect(report.windowOpen.map((w) => w.result)).toEqual([{ action: 'deny' }, { action: 'deny' }]);
    expect(report.webviewPrevented).toBe(true);
    // Web links go to the system browser; file: and data: URLs go nowhere.
    expect(report.openedExternally).toEqual(['https://example.com/', 'http://localhost:5173/', 'https://example.com/popup']);
  });

  it('denies every permission request and check', () => {
    expect(report.permissions).toEqual({ requestHandlerInstalled: true, requestCallbacks: [[false]], checkHandlerInstalled: true, check: false });
  });

  it('answers our page through the real core and SQLite, in the user data folder', () => {
    const profile = { id: expect.any(String), name: 'Ada', role: 'annotator' };
    expect(report.ipc.channels).toEqual(['loupe:invoke']);
    expect(report.ipc.profileSave).toEqual({ resolved: { ok: true, value: profile } });
    expect(report.ipc.profileGet).toEqual(report.ipc.profileSave);
    expect(report.ipc.appInfo).toEqual({ resolved: { ok: true, value: { version: '0.0.0-fake', platform: process.platform, dataDir: userData } } });
    expect(existsSync(decoyDataDir)).toBe(false); // LOUPE_DATA_DIR is ignored when packaged
    expect(report.ipc.badChannel).toEqual({ resolved: { ok: false, error: { code: 'invalid-input', message: expect.any(String) } } });
  });

  it('lists the samples from process.resourcesPath/samples', () => {
    const shipped = readdirSync(join(resources, 'samples')).filter((name) => existsSync(join(resources, 'samples', name, 'manifest.json')));
    expect(shipped.length).toBeGreaterThan(0);
    const reply = report.ipc.samples.resolved as { ok: boolean; value: Array<{ id: string }> };
    expect(reply.ok).toBe(true);
    expect(reply.value.map((s) => s.id).sort()).toEqual(shipped.sort());
  });

  it('refuses IPC from anything but the main frame of our window showing our page', () => {
    const { untrusted } = report.ipc;
    expect(Object.keys(untrusted).sort()).toEqual(['detachedFrame', 'devServer', 'iframe', 'noFrame', 'notOurWindow', 'otherFile', 'otherSite']);
    for (const [name, outcome] of Object.entries(untrusted)) expect(outcome, name).toEqual({ rejected: NOT_OURS });
  });

  it('opens a pack handed over by a second launch and tells the page', () => {
    expect(report.eventsAfterSecondInstance).toEqual([{ event: 'pack:opened', payload: { packId: PACK_ID } }]);
  });

  it('serves pack assets over loupe-asset: and nothing outside them', () => {
    expect(report.protocol.handledSchemes).toEqual(['loupe-asset']);
    const [asset, post, ...refused] = report.protocol.responses;
    expect(asset).toMatchObject({ method: 'GET', status: 200, contentType: 'image/png', nosniff: 'nosniff', sha256: sha256(png) });
    expect(post).toMatchObject({ method: 'POST', status: 404 });
    expect(refused.map((r) => r.url)).toEqual([
      'loupe-asset://pack/x/../../etc/passwd',
      `loupe-asset://pack/${PACK_ID}/assets/..%2f..%2fmanifest.json`,
      `loupe-asset://pack/${PACK_ID}/manifest.json`,
      `loupe-asset://pack/${PACK_ID}/assets/missing.png`,
    ]);
    for (const response of refused) {
      expect(response.status, response.url).toBeGreaterThanOrEqual(400);
      expect(response.status, response.url).toBeLessThan(500);
    }
  });

  it('installs the menu with our commands; a packaged app has no reload or devtools', () => {
    const top = report.menu.map((m) => m.label ?? m.role);
    expect(top).toEqual(expect.arrayContaining(['File', 'Edit', 'Task', 'View', 'help']));
    const labels = (name: string) => report.menu.find((m) => (m.label ?? m.role) === name)?.items.map((i) => i.label).filter(Boolean);
    expect(labels('File')).toEqual(expect.arrayContaining(['Open pack…', 'Export results pack…', 'Close pack']));
    expect(labels('Edit')).toEqual(expect.arrayContaining(['Undo', 'Redo']));
    expect(labels('Task')).toEqual(expect.arrayContaining(['Submit and next', 'Skip with reason…']));
    expect(labels('help')).toEqual(['Keyboard shortcuts']);
    const roles = report.menu.flatMap((m) => m.items.map((i) => i.role));
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    // A plain key never becomes a real accelerator (it would fire while typing in a text box).
    const submit = report.menu.flatMap((m) => m.items).find((i) => i.label === 'Submit and next');
    expect(submit?.registerAccelerator).toBe(false);
    // Clicking an item sends the command to the page.
    expect(report.menuClickEvents).toEqual([{ event: 'command:run', payload: { commandId: 'file:open' } }]);
  });

  it('closes the database before letting the app quit', () => {
    const { quit } = report;
    expect(quit.firstWillQuitHeld).toBe(true);
    expect(quit.quitCalls).toBe(1);
    expect(quit.secondWillQuitHeld).toBe(false);
    expect(quit.removedIpcHandlers).toEqual(['loupe:invoke']);
    expect(quit.ipcChannelsLeft).toEqual([]);
    expect(quit.lateRequest).toMatchObject({ resolved: { ok: false } });
    expect(quit.walLeftBehind).toBe(false); // checkpointed and closed
    expect(quit.integrity).toBe('ok');
    expect(quit.profileRows).toEqual([{ name: 'Ada', role: 'annotator' }]);
  });
});
