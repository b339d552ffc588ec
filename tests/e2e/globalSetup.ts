/**
 * Says up front which launchers run. Where the Electron binary exists, makes sure the SQLite module
 * built for Electron exists too (npm start does the same), since the app cannot open its store without it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromiumExecutable, electronBinary, ROOT } from './launchers';

export default function globalSetup(): void {
  const browser = chromiumExecutable();
  console.log(browser ? `e2e: Chromium launcher: runs ${browser}` : 'e2e: Chromium launcher: SKIPPED, no Chromium found (apt install chromium, or set CHROMIUM_PATH)');
  const binary = electronBinary();
  if ('missing' in binary) {
    console.log(`e2e: Electron launcher: SKIPPED, ${binary.missing}. Run \`npm start\` once to download it.`);
    return;
  }
  console.log(`e2e: Electron launcher: runs ${binary.path}`);
  execFileSync(process.execPath, [join(ROOT, 'scripts/electron-sqlite.mjs')], { stdio: 'inherit' });
}
