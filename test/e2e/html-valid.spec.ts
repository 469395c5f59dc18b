import { markupProblems, siteValidator } from '../helpers/markup.ts';
import { expect, test } from './fixtures.ts';

// The real catalogue's site (global-setup.ts), diagrams drawn at build time: every page its sitemap lists, and the
// 404 page, through html-validate with the site's rules (test/helpers/markup.ts). The fixture sites' test
// (test/integration/html-valid.test.ts) covers the page types; this one covers what 45 real entries put in them.
test('every page of the real site is valid HTML', async ({ request }) => {
  // About 300 pages, the entries’ with their inline SVGs: 80 s on a busy 2-core machine, past the default 30 s.
  test.setTimeout(300_000);
  const index = await (await request.get('/sitemap-0.xml')).text();
  const paths = [...index.matchAll(/<loc>([^<]+)<\/loc>/gu)].map((m) => new URL(m[1] ?? '').pathname);
  expect(paths.length, 'the sitemap lists the entries and the site pages').toBeGreaterThan(100);
  const validator = siteValidator();
  const problems: string[] = [];
  for (const path of [...paths, '/404.html']) {
    const page = await request.get(path);
    expect(page.ok(), path).toBe(true);
    problems.push(...(await markupProblems(validator, await page.text(), path)));
  }
  expect(problems).toEqual([]);
});
