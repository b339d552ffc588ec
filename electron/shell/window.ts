/**
 * The main window and the fences around it: a sandboxed, context-isolated renderer with only the
 * preload's `window.loupe`, no navigation away from our page, no new windows, no webviews, and no
 * permissions (camera, notifications, ...) for anything.
 */
import { join } from 'node:path';
import { app, BrowserWindow, session, shell, type Session, type WebContents } from 'electron';
import { isExternalWebUrl, isTrustedRendererUrl, type RendererLocation } from './trust';

/** Where our renderer lives: the dev server while developing, out/renderer/index.html otherwise. */
export function rendererLocation(): RendererLocation {
  // ELECTRON_RENDERER_URL is set by `electron-vite dev`; a packaged app ignores it so an
  // environment variable cannot point the app (and its IPC trust) at another page.
  const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  return { devUrl: devUrl || undefined, rendererFile: join(import.meta.dirname, '../renderer/index.html') };
}

/** Deny every permission request and check, once per session (the app needs none). */
export function hardenSession(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

function openInBrowser(url: string): void {
  // Web links only (the guidelines renderer marks links to open outside the app); file:, smb: or
  // custom schemes could launch local programs, so they are dropped.
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}

function fence(contents: WebContents, location: RendererLocation): void {
  contents.on('will-navigate', (event) => {
    // A dev-server reload navigates to our own URL; anything else leaves our page (and its trust).
    if (isTrustedRendererUrl(event.url, location)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Loupe',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false, // shown on ready-to-show, so there is no blank frame
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
    },
  });
  fence(window.webContents, location);
  window.once('ready-to-show', () => window.show());

  const loading = location.devUrl ? window.loadURL(location.devUrl) : window.loadFile(location.rendererFile);
  loading.catch((error: unknown) => console.error('Loupe: the window could not load its page', error));
  return window;
}
