import { expect, test } from './fixtures.ts';
import { CANARY_AREAS } from '../hostile/canary.ts';

// Every page of the renderer canary (global-setup.ts): the hostile corpus's notes, images, diagrams, changelogs and claims,
// built with validation ignored. Loading one must open no dialog, log no error (a Content-Security-Policy violation
// is one), and ask no other host for anything (a tracking pixel, a script). One test per area, each page in turn.
const ids = JSON.parse(process.env['E2E_CANARY_IDS'] ?? '[]') as string[];

for (const area of CANARY_AREAS) {
  test(`canary pages of ${area} payloads run nothing and load nothing from elsewhere`, async ({ strictPage: page }) => {
    // About 75 pages in turn for the notes: more than the default 30 s on a busy 2-core machine.
    test.setTimeout(180_000);
    const base = process.env['E2E_CANARY_URL'] ?? '';
    const pages = ids.filter((id) => id.startsWith(`canary-${area}-`));
    expect(pages.length, `the canary holds ${area} payloads`).toBeGreaterThan(
      area === 'changelog' || area === 'claims' ? 0 : 5,
    );
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    for (const id of pages) {
      await page.goto(`${base}/architectures/${id}/`, { waitUntil: 'load' });
      await expect(page.locator('h1'), id).toBeVisible();
    }
    expect(elsewhere).toEqual([]);
  });
}
