import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/browser.ts';

// The site is built once (global setup) and served on a free loopback port; tests read its URL from E2E_BASE_URL.
export default defineConfig({
  testDir: './test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list']],
  timeout: 30_000,
  use: {
    ...devices['Desktop Chrome'],
    // Debian's Chromium where it exists (CI, these machines); Playwright's own browser on a laptop.
    launchOptions: chromiumLaunchOptions(),
  },
});
