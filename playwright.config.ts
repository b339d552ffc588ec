/**
 * One end-to-end suite, two launchers:
 *  - "chromium": the built renderer in Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH)
 *    against the real core bound over loopback HTTP. Runs everywhere, including CI.
 *  - "electron": the real desktop app through Playwright's _electron. Runs where the Electron
 *    binary is installed; elsewhere its tests skip and say why.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/globalSetup.ts',
  outputDir: 'tests/output/e2e-results',
  // A long flow photographs a dozen screens, each audited by axe in both themes (a few seconds each).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', metadata: { launcher: 'chromium' } },
    { name: 'electron', metadata: { launcher: 'electron' } },
  ],
});
