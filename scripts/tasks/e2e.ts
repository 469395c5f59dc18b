import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { canLaunchChromium } from '../../lib/browser.ts';

/**
 * `npm run test:e2e`: the Playwright tests, when a Chromium can start. Without
 * one they are skipped with a loud message; CI (OAR_REQUIRE_BROWSER=1) fails instead.
 */
const ok = await canLaunchChromium();

if (!ok) {
  const message =
    'No headless Chromium could start, so the browser tests did not run. Install one (apt-get install chromium, or npx playwright install chromium) or set OAR_CHROMIUM.';
  if (process.env['OAR_REQUIRE_BROWSER'] === '1') {
    console.error(`${message} OAR_REQUIRE_BROWSER=1 forbids skipping.`);
    process.exit(1);
  }
  console.warn(`\nSKIPPED: ${message}\n`);
  process.exit(0);
}

const run = spawnSync(
  process.execPath,
  [fileURLToPath(import.meta.resolve('@playwright/test/cli')), 'test', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
