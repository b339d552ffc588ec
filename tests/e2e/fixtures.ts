/**
 * Playwright fixtures: `app` is Loupe started by this project's launcher (Chromium + loopback, or
 * Electron), and `loupe` is the page object that drives it. Tests wait on events the app emits.
 */
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumExecutable, electronBinary, launchInChromium, launchInElectron, ROOT, type LaunchedApp } from './launchers';
import { LoupeUi } from './pages';

export const SCREENSHOT_DIR = join(ROOT, 'tests/output/screenshots');

export const test = base.extend<{ app: LaunchedApp; loupe: LoupeUi }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  app: async ({}, use, testInfo) => {
    const launcher = testInfo.project.metadata.launcher as 'chromium' | 'electron';
    if (launcher === 'electron') {
      const binary = electronBinary();
      testInfo.skip('missing' in binary, `Electron launcher skipped: ${'missing' in binary ? binary.missing : ''}`);
    } else {
      testInfo.skip(!chromiumExecutable() && !process.env.CI, 'Chromium launcher skipped: no Chromium found (apt install chromium, or set CHROMIUM_PATH)');
    }
    const app = launcher === 'electron' ? await launchInElectron() : await launchInChromium();
    await use(app);
    await app.close();
  },
  loupe: async ({ app }, use, testInfo) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const ui = new LoupeUi(() => app.page, (name) => join(SCREENSHOT_DIR, `${testInfo.project.name}-${name}.png`));
    await use(ui);
  },
});

export { expect };
