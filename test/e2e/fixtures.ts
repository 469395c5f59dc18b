import { test as base, expect, type Page } from '@playwright/test';

/**
 * The built site's URL (from global setup), and a page that fails the test on
 * any console error, uncaught exception or dialog (a dialog means injected code ran).
 */
export const test = base.extend<{ strictPage: Page }>({
  // Playwright's fixture signature needs the (empty) dependency object first.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(process.env['E2E_BASE_URL']);
  },
  strictPage: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await use(page);
    expect(problems).toEqual([]);
  },
});

export { expect };
