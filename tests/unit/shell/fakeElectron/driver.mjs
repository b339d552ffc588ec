/**
 * Runs the built main process (out/main/index.js) as a packaged app against the fake electron
 * (started as `node --import ./register.mjs driver.mjs`, see mainBundle.test.ts), pokes at what
 * the shell set up, and prints what it saw as one JSON line after REPORT_PREFIX. It only observes;
 * the test decides what is right.
 *
 * Environment (all set by the test):
 *   LOUPE_SMOKE_BUNDLE     out/main/index.js
 *   LOUPE_SMOKE_RESOURCES  stands for process.resourcesPath: better_sqlite3.node and samples/
 *   LOUPE_SMOKE_USER_DATA  app.getPath('userData')
 *   LOUPE_SMOKE_PACK       an image pack folder to hand over as a second instance would
 *   LOUPE_SMOKE_ASSET      the asset path inside that pack to fetch through loupe-asset:
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { app } from 'electron'; // the fake, through register.mjs

export const REPORT_PREFIX = 'LOUPE_SMOKE_REPORT ';
const IPC_INVOKE = 'loupe:invoke';
const IPC_EVENT = 'loupe:event';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`driver: ${name} is not set`);
  return value;
};
const bundle = env('LOUPE_SMOKE_BUNDLE');
const resources = env('LOUPE_SMOKE_RESOURCES');
const userData = env('LOUPE_SMOKE_USER_DATA');
const packPath = env('LOUPE_SMOKE_PACK');
const assetPath = env('LOUPE_SMOKE_ASSET');

const fake = globalThis.__fakeElectron;
const report = {};
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (fake.errorBoxes.length > 0) throw new Error(`the app reported an error while waiting for ${what}: ${JSON.stringify(fake.errorBoxes)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

function electronEvent(fields = {}) {
  return { ...fields, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

/** Everything the app sent to the window on the event channel, as { event, payload }. */
const sentEvents = (window) => window.webContents.sent.filter(([channel]) => channel === IPC_EVENT).map(([, message]) => message);

async function main() {
  // --- a packaged app, as the installer lays it out
  app.isPackaged = true;
  process.resourcesPath = resources;
  app.setPath('userData', userData);

  await import(pathToFileURL(bundle).href);
  report.beforeReady = {
    privilegedSchemes: fake.privilegedSchemes,
    singleInstanceData: fake.singleInstanceData,
    windows: fake.windows.length,
    ipcChannels: [...fake.ipcHandlers.keys()],
  };

  fake.markReady();
  await until(() => fake.windows.length > 0 && fake.ipcHandlers.has(IPC_INVOKE), 'the window and the IPC handler');
  const window = fake.windows[0];
  const contents = window.webContents;
  const trustedUrl = pathToFileURL(join(dirname(bundle), '../renderer/index.html')).href;
  await tick(); // did-finish-load

  // --- (a) the window
  report.window = {
    count: fake.windows.length,
    options: window.options,
    loads: window.loads,
    url: contents.getURL(),
    trustedUrl,
  };

  // --- (b) navigation fences
  const navigationTargets = ['https://example.com/', 'file:///etc/passwd', 'http://localhost:5173/', 'data:text/html,hi', trustedUrl];
  report.navigation = navigationTargets.map((url) => {
    const event = electronEvent({ url });
    contents.emit('will-navigate', event);
    return { url, prevented: event.defaultPrevented };
  });
  report.windowOpen = ['https://example.com/popup', 'file:///etc/passwd'].map((url) => ({ url, result: contents.windowOpenHandler?.({ url }) ?? null }));
  const webview = electronEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  report.webviewPrevented = webview.defaultPrevented;
  await tick();
  report.openedExternally = [...fake.openedExternally];

  // --- (c) permissions
  const granted = [];
  fake.permissionRequestHandler?.(contents, 'media', (...args) => granted.push(args), {});
  report.permissions = {
    requestHandlerInstalled: fake.permissionRequestHandler !== null,
    requestCallbacks: granted,
    checkHandlerInstalled: fake.permissionCheckHandler !== null,
    check: fake.permissionCheckHandler?.(contents, 'notifications', 'file://', {}) ?? null,
  };

  // --- (e) IPC, from our page and from pages that are not ours
  const invokeHandler = fake.ipcHandlers.get(IPC_INVOKE);
  const invoke = async (handler, sender, frame, channel, input) => {
    try {
      return { resolved: await handler({ sender, senderFrame: frame }, channel, input) };
    } catch (error) {
      return { rejected: error instanceof Error ? error.message : String(error) };
    }
  };
  const mainFrame = (url) => ({ ...contents.mainFrame, url });
  report.ipc = {
    channels: [...fake.ipcHandlers.keys()],
    profileSave: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 'profile:save', { name: 'Ada', role: 'annotator' }),
    profileGet: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 'profile:get', {}),
    appInfo: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 'app:info', {}),
    samples: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 'packs:samples', {}),
    badChannel: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 42, {}),
    untrusted: {
      otherSite: await invoke(invokeHandler, contents, mainFrame('https://evil.example/'), 'profile:get', {}),
      devServer: await invoke(invokeHandler, contents, mainFrame('http://localhost:5173/'), 'profile:get', {}),
      otherFile: await invoke(invokeHandler, contents, mainFrame(pathToFileURL(join(userData, 'index.html')).href), 'profile:get', {}),
      iframe: await invoke(invokeHandler, contents, { ...mainFrame(trustedUrl), frameTreeNodeId: -1, parent: mainFrame(trustedUrl) }, 'profile:get', {}),
      detachedFrame: await invoke(invokeHandler, contents, { ...mainFrame(trustedUrl), detached: true }, 'profile:get', {}),
      notOurWindow: await invoke(invokeHandler, { mainFrame: mainFrame(trustedUrl) }, mainFrame(trustedUrl), 'profile:get', {}),
      noFrame: await invoke(invokeHandler, contents, null, 'profile:get', {}),
    },
  };

  // --- a pack handed over by a second launch reaches the page as pack:opened
  app.emit('second-instance', electronEvent(), ['loupe', packPath], dirname(packPath), { packPath });
  await until(() => sentEvents(window).some((m) => m.event === 'pack:opened' || m.event === 'app:error'), 'pack:opened');
  report.eventsAfterSecondInstance = sentEvents(window);
  const packId = report.eventsAfterSecondInstance.find((m) => m.event === 'pack:opened')?.payload.packId;

  // --- (d) the asset protocol
  const assetHandler = fake.protocolHandlers.get('loupe-asset');
  const fetchAsset = async (url, method = 'GET') => {
    const response = await assetHandler(new Request(url, { method }));
    const body = Buffer.from(await response.arrayBuffer());
    return {
      url,
      method,
      status: response.status,
      contentType: response.headers.get('content-type'),
      nosniff: response.headers.get('x-content-type-options'),
      sha256: createHash('sha256').update(body).digest('hex'),
    };
  };
  const assetUrl = `loupe-asset://pack/${encodeURIComponent(packId ?? 'none')}/${assetPath.split('/').map(encodeURIComponent).join('/')}`;
  report.protocol = {
    handledSchemes: [...fake.protocolHandlers.keys()],
    responses: assetHandler
      ? [
          await fetchAsset(assetUrl),
          await fetchAsset(assetUrl, 'POST'),
          await fetchAsset('loupe-asset://pack/x/../../etc/passwd'),
          await fetchAsset(`loupe-asset://pack/${packId}/assets/..%2f..%2fmanifest.json`),
          await fetchAsset(`loupe-asset://pack/${packId}/manifest.json`),
          await fetchAsset(`loupe-asset://pack/${packId}/assets/missing.png`),
        ]
      : [],
  };

  // --- (f) the application menu, and one of its commands reaching the page
  const template = fake.applicationMenu?.template ?? [];
  report.menu = template.map((top) => ({
    label: top.label ?? null,
    role: top.role ?? null,
    items: (top.submenu ?? []).map((item) => ({
      label: item.label ?? null,
      role: item.role ?? null,
      type: item.type ?? null,
      accelerator: item.accelerator ?? null,
      registerAccelerator: item.registerAccelerator ?? null,
    })),
  }));
  const openItem = template.flatMap((top) => top.submenu ?? []).find((item) => item.label === 'Open pack…');
  const before = sentEvents(window).length;
  openItem?.click?.(openItem, window, { triggeredByAccelerator: false });
  report.menuClickEvents = sentEvents(window).slice(before);

  // --- quitting closes the database first
  const willQuit = electronEvent();
  app.emit('will-quit', willQuit);
  await until(() => fake.quitCalls > 0, 'app.quit() after closing the core');
  const again = electronEvent();
  app.emit('will-quit', again);
  const db = new Database(join(userData, 'loupe.db'), { nativeBinding: join(resources, 'better_sqlite3.node') });
  report.quit = {
    firstWillQuitHeld: willQuit.defaultPrevented,
    secondWillQuitHeld: again.defaultPrevented,
    quitCalls: fake.quitCalls,
    removedIpcHandlers: fake.removedIpcHandlers,
    ipcChannelsLeft: [...fake.ipcHandlers.keys()],
    // The handler the page had: with the core closed it can only answer an error now.
    lateRequest: await invoke(invokeHandler, contents, mainFrame(trustedUrl), 'profile:get', {}),
    walLeftBehind: existsSync(join(userData, 'loupe.db-wal')),
    integrity: db.pragma('integrity_check', { simple: true }),
    profileRows: db.prepare('SELECT name, role FROM profiles WHERE is_local = 1').all(),
  };
  db.close();

  report.errorBoxes = fake.errorBoxes;
  report.exitCodes = fake.exitCodes;
}

main().then(
  () => {
    process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (error) => {
    console.error('driver failed:', error);
    process.stdout.write(`${REPORT_PREFIX}${JSON.stringify({ ...report, driverError: String(error?.stack ?? error) })}\n`);
    process.exit(1);
  },
);
