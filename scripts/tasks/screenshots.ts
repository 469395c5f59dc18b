import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../lib/browser.ts';
import { pairPath } from '../../lib/diff/compare-pairs.ts';
import { serveStatic } from '../../test/helpers/static-server.ts';

/**
 * `node scripts/tasks/screenshots.ts [dist]`: the screenshots CONTRIBUTING.md shows,
 * taken from a built site (default dist/, so run `npm run build` first) at a laptop size.
 */
const dist = resolve(process.argv[2] ?? 'dist');
const out = resolve('docs/screenshots');
mkdirSync(out, { recursive: true });
const { url, server } = await serveStatic(dist);
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1100, height: 760 }, colorScheme: 'light' });
try {
  await page.goto(`${url}/architectures/?q=java+hosting+without+ebs`);
  // The page lists every entry until the lazily loaded search has run the query from the URL.
  await page.locator('#results > li:first-child[data-id="java-web-tier-instance-store"]').waitFor();
  await page.screenshot({ path: join(out, 'search.png') });

  // A main diagram with its icons, as wide as the column, with its files and caption.
  await page.goto(`${url}/architectures/serverless-rest-api/`);
  await page
    .locator('figure.diagram')
    .first()
    .screenshot({ path: join(out, 'diagram.png') });

  await page.goto(`${url}/architectures/java-web-tier-instance-store/`);
  await page.getByRole('heading', { name: 'Use it' }).evaluate((h) => {
    h.scrollIntoView({ block: 'start' });
  });
  await page.screenshot({ path: join(out, 'use-it.png') });

  await page.goto(`${url}/${pairPath('java-web-tier-ebs', 'java-web-tier-instance-store')}`);
  await page.screenshot({ path: join(out, 'compare.png') });
  console.log(`wrote search.png, diagram.png, use-it.png and compare.png to ${out}`);
} finally {
  await browser.close();
  server.close();
}
