/**
 * Which better-sqlite3 native binary the desktop app loads (no electron import; main.ts passes in
 * app.isPackaged and the app folder, so this is unit-tested under Node).
 *
 * One native module, two ABIs (docs/environment.md): plain Node (vitest, the CLI) loads
 * better-sqlite3's default build/Release binary, built for Node at npm install. Electron needs a
 * binary built for its own ABI, so:
 * - unpackaged (`npm start`): a separate copy built for Electron by scripts/electron-sqlite.mjs at
 *   node_modules/.loupe-electron/better_sqlite3.node, handed to better-sqlite3 as `nativeBinding`,
 *   leaving the Node build alone so tests keep working;
 * - packaged: the same Electron build ships as an extra resource (electron-builder.yml), at
 *   process.resourcesPath/better_sqlite3.node. One mechanism in both cases, and packaging never
 *   rebuilds the project's own node_modules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_SQLITE_DIR = join('node_modules', '.loupe-electron');
export const ELECTRON_SQLITE_FILE = 'better_sqlite3.node';

export interface SqliteBindingInput {
  isPackaged: boolean;
  /** The project folder (unpackaged runs only; holds node_modules). */
  appRoot: string;
  /** process.resourcesPath (packaged runs only). */
  resourcesPath?: string;
  exists?: (path: string) => boolean;
}

export function sqliteNativeBinding({ isPackaged, appRoot, resourcesPath = '', exists = existsSync }: SqliteBindingInput): string {
  const path = isPackaged ? join(resourcesPath, ELECTRON_SQLITE_FILE) : join(appRoot, ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE);
  // Falling back to the default binary would fail later with an opaque NODE_MODULE_VERSION error;
  // say what to do instead.
  if (!exists(path)) {
    throw new Error(
      isPackaged
        ? `This installation of Loupe is incomplete: its SQLite module (${path}) is missing. Reinstall Loupe.`
        : `The SQLite module built for Electron is missing (${path}). Run \`node scripts/electron-sqlite.mjs\` ` +
            '(npm start does this) to build it.',
    );
  }
  return path;
}
