import { canLaunchChromium } from '../../lib/browser.ts';

/**
 * For tests that need a browser: true to run. Without one they are skipped with a
 * loud message, and CI (OAR_REQUIRE_BROWSER=1) fails instead of skipping.
 */
export async function requireBrowser(what: string): Promise<boolean> {
  if (await canLaunchChromium()) return true;
  const message = `No headless Chromium here, so "${what}" cannot run. Install chromium (apt-get install chromium) or set OAR_CHROMIUM.`;
  if (process.env['OAR_REQUIRE_BROWSER'] === '1') throw new Error(`${message} OAR_REQUIRE_BROWSER=1 forbids skipping.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}
