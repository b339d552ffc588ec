/**
 * How a pack path reaches the app from outside the window (pure; no electron import, so it is
 * unit-tested under Node): the command line (Windows/Linux file association, second instance)
 * and the platform's open and save dialogs.
 */
import { basename, dirname, resolve } from 'node:path';
import { PACK_EXTENSION } from '../../shared/pack/manifest';

const MANIFEST_FILE = 'manifest.json';

function isPackFile(arg: string): boolean {
  return arg.toLowerCase().endsWith(PACK_EXTENSION);
}

/**
 * The pack a command line asks to open, resolved against the launching shell's directory.
 * argv[0] is the executable; in development argv[1] is the app folder (`.`), which is not a pack.
 * Chromium may add or reorder switches, so switches are skipped and the last `.loupe` wins.
 * Only `.loupe` files: that is what the file association registers, and it keeps a stray argument
 * (a folder, a URL) from being treated as a pack.
 */
export function packPathFromArgv(argv: readonly string[], cwd: string): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && isPackFile(arg));
  const last = candidates[candidates.length - 1];
  return last === undefined ? null : resolve(cwd, last);
}

export interface OpenDialogShape {
  properties: Array<'openFile' | 'openDirectory'>;
  filters: Array<{ name: string; extensions: string[] }>;
}

const packFilter = { name: 'Loupe pack', extensions: [PACK_EXTENSION.slice(1)] };

/**
 * Open-dialog settings. A pack is a `.loupe` file or an unpacked pack folder. macOS lets one panel
 * pick either. On Windows and Linux a dialog asked for both shows a folder picker only (so .loupe
 * files could not be chosen): there we ask for a file and offer the folder's manifest.json as the
 * way to choose a folder; `packPathFromDialog` turns that choice into the folder.
 */
export function openDialogShape(platform: NodeJS.Platform): OpenDialogShape {
  if (platform === 'darwin') return { properties: ['openFile', 'openDirectory'], filters: [packFilter] };
  return {
    properties: ['openFile'],
    filters: [packFilter, { name: `Pack folder (choose its ${MANIFEST_FILE})`, extensions: ['json'] }],
  };
}

/** The pack path for a dialog's choice: a chosen manifest.json stands for its folder. */
export function packPathFromDialog(filePaths: readonly string[]): string | null {
  const chosen = filePaths[0];
  if (chosen === undefined || chosen === '') return null;
  return basename(chosen).toLowerCase() === MANIFEST_FILE ? dirname(chosen) : chosen;
}

/** Linux save dialogs do not add the filter's extension; results packs must end in `.loupe`. */
export function withPackExtension(path: string): string {
  return isPackFile(path) ? path : `${path}${PACK_EXTENSION}`;
}
