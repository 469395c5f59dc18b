import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../lib/browser.ts';

let available: Promise<boolean> | undefined;

/** Whether a headless Chromium starts here (Debian's, OAR_CHROMIUM, or Playwright's own). */
export function browserAvailable(): Promise<boolean> {
  available ??= chromium
    .launch(chromiumLaunchOptions())
    .then(async (b) => {
      await b.close();
      return true;
    })
    .catch(() => false);
  return available;
}

/**
 * For tests that need a browser: true to run. Without one they are skipped with a
 * loud message, and CI (OAR_REQUIRE_BROWSER=1) fails instead of skipping.
 */
export async function requireBrowser(what: string): Promise<boolean> {
  if (await browserAvailable()) return true;
  const message = `No headless Chromium here, so "${what}" cannot run. Install chromium (apt-get install chromium) or set OAR_CHROMIUM.`;
  if (process.env['OAR_REQUIRE_BROWSER'] === '1') throw new Error(`${message} OAR_REQUIRE_BROWSER=1 forbids skipping.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}
