/**
 * Entry of the main process (built to out/main/index.js, an ES module). It owns the app's
 * lifecycle: one instance per user, opening the core on the user's data folder, the window, the
 * menu, the IPC binding, packs arriving from the OS (file association, second instance, macOS
 * open-file), and closing the database before the process ends.
 */
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { openCore, type Core, type Dialogs } from '../core';
import { bindIpc } from './ipc';
import { openDialogShape, packPathFromArgv, packPathFromDialog, withPackExtension } from './launch';
import { followKeymap, installMenu } from './menu';
import { handleAssetProtocol, registerAssetScheme } from './protocol';
import { sqliteNativeBinding } from './sqliteBinding';
import { createMainWindow, hardenSession, rendererLocation } from './window';

const isMac = process.platform === 'darwin';
const CLOSE_TIMEOUT_MS = 5000;
// The project folder when unpackaged: this file is always out/main/index.js. Not app.getAppPath(),
// which is the script's own folder when Electron is started with a .js file (as Playwright does).
const projectRoot = resolve(import.meta.dirname, '../..');

// Privileged schemes must be registered before `ready`.
registerAssetScheme();

// LOUPE_DATA_DIR (unpackaged only; the end-to-end tests set it) moves all per-user state: the
// database and Chromium's profile, and with them the single-instance lock below, so parallel test
// apps neither share a database nor shut each other out.
const dataDirOverride = app.isPackaged ? undefined : process.env['LOUPE_DATA_DIR'];
if (dataDirOverride) app.setPath('userData', resolve(dataDirOverride));

// Windows/Linux file association: the OS starts the app with the pack path on the command line.
const launchPack = packPathFromArgv(process.argv, process.cwd());

// One instance per user: two processes writing one SQLite database would contend for it. A second
// launch hands its pack to the first (as additionalData, since Chromium may rewrite argv) and quits.
if (!app.requestSingleInstanceLock({ packPath: launchPack })) {
  app.quit();
} else {
  start();
}

function start(): void {
  let core: Core | null = null;
  let unbindIpc: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;
  let pageLoaded = false;
  // Packs asked for before the core and page are ready. They wait for the page so its
  // `pack:opened` event has a listener (the preload also holds early events for late listeners).
  const waiting: string[] = launchPack ? [launchPack] : [];

  const flushWaiting = () => {
    if (!core || !pageLoaded) return;
    for (const path of waiting.splice(0)) {
      // openFromOutside reports its own failures to the page as `app:error`.
      core.openFromOutside(path).catch((error: unknown) => console.error('Loupe: opening a pack failed', error));
    }
  };

  const showWindow = () => {
    if (!core) return;
    if (!mainWindow) {
      const window = createMainWindow(rendererLocation());
      mainWindow = window;
      pageLoaded = false;
      window.webContents.on('did-finish-load', () => {
        pageLoaded = true;
        flushWaiting();
      });
      window.on('closed', () => {
        if (mainWindow === window) {
          mainWindow = null;
          pageLoaded = false;
        }
      });
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  const openPack = (path: string) => {
    waiting.push(path);
    if (app.isReady()) showWindow(); // macOS may have no window open; the pack needs one
    flushWaiting();
  };

  const dialogs: Dialogs = {
    async chooseOpenPack() {
      const options: OpenDialogOptions = { title: 'Open a Loupe pack', ...openDialogShape(process.platform) };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : packPathFromDialog(result.filePaths);
    },
    async chooseOpenPaths(kind) {
      const options: OpenDialogOptions = {
        title: kind.title,
        filters: kind.folder ? [] : kind.filters,
        properties: [kind.folder ? 'openDirectory' : 'openFile', ...(kind.multiple ? (['multiSelections'] as const) : [])],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async chooseFolder(title) {
      const options: OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSaveFile(defaultFileName, kind) {
      const options: SaveDialogOptions = {
        title: kind.title,
        defaultPath: join(app.getPath('documents'), defaultFileName),
        filters: [{ name: kind.filterName, extensions: [kind.extension] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return kind.extension === 'loupe' ? withPackExtension(result.filePath) : result.filePath;
    },
  };

  // macOS delivers packs (Finder double-click, drop on the Dock icon) as open-file, possibly before
  // `ready` when the app is launched by it; Windows and Linux use argv instead.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPack(path);
  });

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const data = additionalData as { packPath?: unknown } | null;
    const path = typeof data?.packPath === 'string' ? data.packPath : packPathFromArgv(argv, workingDirectory);
    if (path) openPack(path);
    else showWindow();
  });

  app.on('window-all-closed', () => {
    if (!isMac) app.quit(); // macOS apps stay in the Dock with no window
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });

  // Close the database before exiting: the first will-quit is held until core.close() settles (or
  // times out), then quitting resumes and this handler lets it through.
  let closeState: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (!core || closeState === 'closed') return;
    event.preventDefault();
    if (closeState === 'closing') return;
    closeState = 'closing';
    unbindIpc?.(); // no request may reach a closing database
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    Promise.race([core.close(), timeout])
      .catch((error: unknown) => console.error('Loupe: closing the database failed', error))
      .finally(() => {
        closeState = 'closed';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession();
      const opened = await openCore({
        dataDir: app.getPath('userData'),
        samplesDir: app.isPackaged ? join(process.resourcesPath, 'samples') : join(projectRoot, 'resources', 'samples'),
        dialogs,
        appVersion: app.getVersion(),
        sqliteNativeBinding: sqliteNativeBinding({ isPackaged: app.isPackaged, appRoot: projectRoot, resourcesPath: process.resourcesPath }),
      });
      core = opened;
      handleAssetProtocol(opened);
      unbindIpc = bindIpc(opened, rendererLocation());
      installMenu({ isMac, isPackaged: app.isPackaged });
      followKeymap(opened, { isMac, isPackaged: app.isPackaged }); // lives as long as the core
      showWindow();
    })
    .catch((error: unknown) => {
      // E.g. a database written by a newer Loupe, or a missing native module: say so and stop.
      const message = error instanceof Error ? error.message : String(error);
      console.error('Loupe could not start', error);
      dialog.showErrorBox('Loupe could not start', message);
      app.exit(1);
    });
}
