/**
 * The two ways the suite starts Loupe. Both give a Page showing the real renderer backed by the
 * real core, a data folder that survives `restart()` (close the app, open it again), and a folder
 * where the "save" dialog puts exported packs.
 */
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { startLoopbackServer, type LoopbackServer } from '../../electron/core/http/loopbackServer';

export const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const SAMPLES_DIR = join(ROOT, 'resources/samples');

export interface LaunchedApp {
  page: Page;
  dataDir: string;
  exportDir: string;
  /** Which pack path the next "open" dialog returns. */
  setNextOpenPath(path: string): Promise<void>;
  /** Close the whole app (backend included) and start it again on the same data. */
  restart(): Promise<Page>;
  close(): Promise<void>;
}

function freshDirs(): { dataDir: string; exportDir: string } {
  const base = mkdtempSync(join(tmpdir(), 'loupe-e2e-'));
  const dirs = { dataDir: join(base, 'data'), exportDir: join(base, 'exports') };
  mkdirSync(dirs.exportDir, { recursive: true });
  return dirs;
}

/**
 * The browser for the Chromium launcher: CHROMIUM_PATH, else a system Chromium or Chrome, else a
 * browser Playwright installed itself (`npx playwright install chromium`); null when there is none.
 */
export function chromiumExecutable(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    chromium.executablePath(),
  ];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!)) ?? null;
}

/** The renderer in Chromium, speaking the contract over loopback HTTP to a core in this process. */
export async function launchInChromium(): Promise<LaunchedApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the app first: npm run build (out/renderer is missing).');
  const { dataDir, exportDir } = freshDirs();
  let nextOpen: string | null = null;
  let saveCount = 0;
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error('No Chromium found: install one (apt install chromium) or set CHROMIUM_PATH.');
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  let core: Core;
  let server: LoopbackServer;
  let page: Page;
  const start = async () => {
    core = await openCore({
      dataDir,
      samplesDir: SAMPLES_DIR,
      appVersion: 'e2e',
      dialogs: {
        chooseOpenPack: async () => nextOpen,
        chooseOpenPaths: async () => (nextOpen ? nextOpen.split('\n') : null),
        chooseFolder: async (title) => join(exportDir, `${++saveCount}-${title.replace(/\W+/g, '-')}`),
        chooseSaveFile: async (name) => join(exportDir, `${++saveCount}-${name}`),
      },
    });
    server = await startLoopbackServer(core, { rendererDir: RENDERER_DIR });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[renderer] ${error.message}`));
    await page.goto(server.url);
    return page;
  };
  const stop = async () => {
    await page.context().close();
    await server.close();
    await core.close();
  };
  await start();
  return {
    get page() {
      return page;
    },
    dataDir,
    exportDir,
    setNextOpenPath: async (path) => {
      nextOpen = path;
    },
    restart: async () => {
      await stop();
      return start();
    },
    close: async () => {
      await stop();
      await browser.close();
    },
  };
}

/** Where the Electron binary is, or why it is not there. */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary is not installed here (node_modules/electron/path.txt is missing; it downloads on first `npm start`)' };
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} is missing` };
}

/** The real desktop app. Dialogs are stubbed inside the main process, as a user's clicks would answer them. */
export async function launchInElectron(): Promise<LaunchedApp> {
  const binary = electronBinary();
  if ('missing' in binary) throw new Error(binary.missing);
  const { dataDir, exportDir } = freshDirs();
  let app: ElectronApplication;
  let page: Page;
  let nextOpen: string | null = null;
  const start = async () => {
    app = await _electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'out/main/index.js')],
      env: { ...process.env, LOUPE_DATA_DIR: dataDir },
    });
    await app.evaluate(({ dialog }, dir) => {
      let n = 0;
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        const options = args[args.length - 1] as { defaultPath?: string };
        const name = (options.defaultPath ?? 'results.loupe').split(/[\\/]/).pop();
        return { canceled: false, filePath: `${dir}/${++n}-${name}` };
      }) as typeof dialog.showSaveDialog;
    }, exportDir);
    await applyOpenStub();
    page = await app.firstWindow();
    return page;
  };
  // Open dialogs answer like the Chromium launcher's ports: a folder to write into is a fresh one
  // in the export folder; anything else is the path (or newline-separated paths) the test set.
  const applyOpenStub = () =>
    app.evaluate(({ dialog }, [path, dir]) => {
      let n = 0;
      dialog.showOpenDialog = (async (...args: unknown[]) => {
        const options = args[args.length - 1] as { properties?: string[]; title?: string };
        if (options.properties?.includes('createDirectory')) return { canceled: false, filePaths: [`${dir}/folder-${++n}-${(options.title ?? '').replace(/\W+/g, '-')}`] };
        return { canceled: path === null, filePaths: path ? path.split('\n') : [] };
      }) as typeof dialog.showOpenDialog;
    }, [nextOpen, exportDir] as const);
  await start();
  return {
    get page() {
      return page;
    },
    dataDir,
    exportDir,
    setNextOpenPath: async (path) => {
      nextOpen = path;
      await applyOpenStub();
    },
    restart: async () => {
      await app.close();
      return start();
    },
    close: async () => {
      await app.close();
    },
  };
}
