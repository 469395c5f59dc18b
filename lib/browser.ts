import { existsSync } from 'node:fs';

/** Flags that keep Chromium quiet on a machine without a network beyond the package registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * How to launch Chromium through Playwright: OAR_CHROMIUM or Debian's
 * /usr/bin/chromium when present, else Playwright's own browser (a developer
 * laptop after `npx playwright install`).
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const candidates = [process.env['OAR_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const executablePath = candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
  return executablePath ? { executablePath, args: CHROMIUM_ARGS } : { args: CHROMIUM_ARGS };
}

let launchable: Promise<boolean> | undefined;

/** Whether a headless Chromium starts here, checked once per process by launching and closing it. */
export function canLaunchChromium(): Promise<boolean> {
  launchable ??= import('playwright')
    .then(({ chromium }) => chromium.launch(chromiumLaunchOptions()))
    .then(async (browser) => {
      await browser.close();
      return true;
    })
    .catch(() => false);
  return launchable;
}
