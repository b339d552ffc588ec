/**
 * A fake `electron` module for running the BUILT main process (out/main/index.js) under plain
 * Node, where the Electron binary cannot run. register.mjs maps the bare specifier 'electron' to
 * this file; driver.mjs then imports the bundle, drives app events and inspects what the shell did.
 *
 * It fakes only what electron/shell/*.ts imports (app, BrowserWindow, dialog, ipcMain, Menu,
 * protocol, session, shell), and only as far as the shell uses it. Everything the shell hands to
 * Electron (window options, handlers, templates) is kept on `globalThis.__fakeElectron` so the
 * driver can look at it and call it. Nothing here decides whether the shell is right: the test does.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const fake = {
  /** Set by the driver before importing the bundle. */
  singleInstanceLock: true,
  singleInstanceData: [],
  privilegedSchemes: [], // [{ schemes, beforeReady }]
  protocolHandlers: new Map(), // scheme -> handler(Request) => Response
  ipcHandlers: new Map(), // channel -> handler(event, ...args)
  removedIpcHandlers: [],
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  applicationMenu: null, // { template }
  windows: [],
  openedExternally: [],
  errorBoxes: [],
  dialogs: [],
  quitCalls: 0,
  exitCodes: [],
  markReady: null,
};
globalThis.__fakeElectron = fake;

let ready = false;
const readyPromise = new Promise((resolve) => {
  fake.markReady = () => {
    ready = true;
    app.emit('ready');
    resolve();
  };
});

const paths = new Map();

class FakeApp extends EventEmitter {
  isPackaged = false;
  getVersion = () => '0.0.0-fake';
  isReady = () => ready;
  whenReady = () => readyPromise;
  setPath = (name, path) => void paths.set(name, path);
  getPath = (name) => {
    if (!paths.has(name)) throw new Error(`fake electron: no path '${name}' set`);
    return paths.get(name);
  };
  requestSingleInstanceLock = (additionalData) => {
    fake.singleInstanceData.push(additionalData);
    return fake.singleInstanceLock;
  };
  quit = () => void fake.quitCalls++;
  exit = (code = 0) => void fake.exitCodes.push(code);
}
export const app = new FakeApp();

let nextId = 1;

class FakeWebContents extends EventEmitter {
  id = nextId++;
  sent = []; // [channel, ...args]
  windowOpenHandler = null;
  destroyed = false;
  /** Like WebFrameMain: a fresh object per read, the same frameTreeNodeId. */
  get mainFrame() {
    return { frameTreeNodeId: this.id * 100, url: this.url, parent: null, detached: false };
  }
  url = '';
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler = (handler) => void (this.windowOpenHandler = handler);
  send = (channel, ...args) => void this.sent.push([channel, ...args]);
  undo = () => void this.sent.push(['native:undo']);
  redo = () => void this.sent.push(['native:redo']);
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => fake.windows.filter((w) => !w.destroyed);
  static getFocusedWindow = () => fake.windows.find((w) => w.focused && !w.destroyed) ?? null;
  static fromWebContents = (contents) => fake.windows.find((w) => w.webContents === contents) ?? null;

  loads = []; // [{ file } | { url }]
  focused = false;
  destroyed = false;
  webContents = new FakeWebContents();

  constructor(options) {
    super();
    this.options = options;
    fake.windows.push(this);
  }

  // The page "loads" at once: its URL becomes the file URL, as Chromium reports it.
  loadFile = async (file) => this.#load({ file }, pathToFileURL(file).href);
  loadURL = async (url) => this.#load({ url }, url);
  #load(record, url) {
    this.loads.push(record);
    this.webContents.url = url;
    setImmediate(() => this.webContents.emit('did-finish-load'));
  }

  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  restore = () => {};
  show = () => {};
  focus = () => void (this.focused = true);
}

export const ipcMain = {
  handle: (channel, handler) => {
    if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
  },
  removeHandler: (channel) => {
    fake.ipcHandlers.delete(channel);
    fake.removedIpcHandlers.push(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => void fake.privilegedSchemes.push({ schemes, beforeReady: !ready }),
  handle: (scheme, handler) => void fake.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => void (fake.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler) => void (fake.permissionCheckHandler = handler),
  },
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => void (fake.applicationMenu = menu),
};

const cancelled = (kind) => async (...args) => {
  fake.dialogs.push({ kind, args });
  return { canceled: true, filePaths: [], filePath: '' };
};

export const dialog = {
  showOpenDialog: cancelled('open'),
  showSaveDialog: cancelled('save'),
  showErrorBox: (title, content) => void fake.errorBoxes.push({ title, content }),
};

export const shell = {
  openExternal: async (url) => void fake.openedExternally.push(url),
};

export default { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell };
