import { markupProblems, siteValidator } from '../helpers/markup.ts';
import { expect, test } from './fixtures.ts';

// The real catalogue's site (global-setup.ts), diagrams drawn at build time, through html-validate with the site's
// rules (test/helpers/markup.ts): every entry page, since each puts a different entry's notes, diagrams and
// advisories on the page, and the first page of every other kind. The other kinds are drawn from one template each,
// which the fixture sites' test (test/integration/html-valid.test.ts) covers whole; validating all ~300 pages took
// 80 s of a suite with a 15-minute budget.
const ENTRY_PAGE = /^\/architectures\/[^/]+\/$/u;
/** A page's kind: its path with each id-like segment (past the first) as `*`. */
const kindOf = (path: string) =>
  path
    .split('/')
    .map((segment, i) => (i > 1 && segment !== '' ? '*' : segment))
    .join('/');

test('every entry page, and one page of every other kind, of the real site is valid HTML', async ({ request }) => {
  test.setTimeout(180_000);
  const index = await (await request.get('/sitemap-0.xml')).text();
  const paths = [...index.matchAll(/<loc>([^<]+)<\/loc>/gu)].map((m) => new URL(m[1] ?? '').pathname);
  expect(paths.length, 'the sitemap lists the entries and the site pages').toBeGreaterThan(100);
  const kinds = new Set<string>();
  const chosen = [...paths, '/404.html'].filter((path) => {
    if (ENTRY_PAGE.test(path)) return true;
    const kind = kindOf(path);
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
  expect(chosen.filter((p) => ENTRY_PAGE.test(p)).length, 'every entry page').toBeGreaterThanOrEqual(45);
  const validator = siteValidator();
  const problems: string[] = [];
  for (const path of chosen) {
    const page = await request.get(path);
    expect(page.ok(), path).toBe(true);
    problems.push(...(await markupProblems(validator, await page.text(), path)));
  }
  expect(problems).toEqual([]);
});
