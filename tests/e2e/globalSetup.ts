/**
 * Says up front which launchers run. Where the Electron binary exists, makes sure the SQLite module
 * built for Electron exists too (npm start does the same), since the app cannot open its store without it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, ROOT } from './launchers';

export default function globalSetup(): void {
  const binary = electronBinary();
  if ('missing' in binary) {
    console.log(`e2e: Electron launcher: SKIPPED, ${binary.missing}. The Chromium launcher runs the same suite.`);
    return;
  }
  console.log(`e2e: Electron launcher: runs ${binary.path}`);
  execFileSync(process.execPath, [join(ROOT, 'scripts/electron-sqlite.mjs')], { stdio: 'inherit' });
}
