import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type SiteBuild } from '../helpers/build-site.ts';
import { gitCatalogue } from '../helpers/git-catalogue.ts';
import { markupProblems, siteValidator } from '../helpers/markup.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

// Every page of two small sites, built as CI builds them, through html-validate with the site's rules
// (test/helpers/markup.ts). `valid`, in git, gives entry, source, upstream and compare pages, built here with
// SITE_URL, a base path, a repository and giscus comments, so every optional tag is there to be checked;
// `fork-advisories` gives published advisories, built with nothing configured. About three seconds each.
const valid = gitCatalogue('valid');
const advisories = tempCatalogue('fork-advisories');
const work = mkdtempSync(join(tmpdir(), 'oar-html-valid-'));
const NOTHING = {
  SITE_URL: '',
  SITE_BASE: '',
  OAR_REPO_URL: '',
  GISCUS_REPO: '',
  GISCUS_REPO_ID: '',
  GISCUS_CATEGORY: '',
  GISCUS_CATEGORY_ID: '',
};
const EVERYTHING = {
  SITE_URL: 'https://example.org',
  SITE_BASE: '/registry/',
  OAR_REPO_URL: 'https://github.com/example/registry',
  GISCUS_REPO: 'example/registry',
  GISCUS_REPO_ID: 'R_kgDOAbc',
  GISCUS_CATEGORY: 'Entries',
  GISCUS_CATEGORY_ID: 'DIC_kwDOAbc',
};
let builds: SiteBuild[] = [];

beforeAll(() => {
  builds = [
    buildSite(valid.root, join(work, 'valid'), EVERYTHING),
    buildSite(advisories.root, join(work, 'advisories'), NOTHING),
  ];
}, 120_000);
afterAll(() => {
  valid.dispose();
  advisories.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The built pages of a site, by path inside it. */
const pagesOf = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();

/** One page of each kind the site has, and the site that holds it. */
const PAGE_TYPES = {
  home: 'valid/index.html',
  browse: 'valid/architectures/index.html',
  entry: 'valid/architectures/tiny-web-fork/index.html',
  'entry with advisories': 'advisories/architectures/tiny-web/index.html',
  'entry source': 'valid/architectures/tiny-web/source/index.html',
  upstream: 'valid/architectures/tiny-web-fork/upstream/index.html',
  'compare pair': 'valid/compare/tiny-web/tiny-web-fork/index.html',
  'compare index': 'valid/compare/index.html',
  'old compare address': 'valid/compare/tiny-web-fork/index.html',
  advisories: 'advisories/advisories/index.html',
  'advisories of one severity': 'advisories/advisories/high/index.html',
  '404': 'valid/404.html',
  about: 'valid/about/index.html',
  contribute: 'valid/contribute/index.html',
  'how to read an entry': 'valid/how-to-read-an-entry/index.html',
};

describe('the built pages are valid HTML', () => {
  it('builds both sites, with a page of every type', () => {
    for (const b of builds) expect(b.code, b.output).toBe(0);
    const built = ['valid', 'advisories'].flatMap((site) => pagesOf(join(work, site)).map((p) => `${site}/${p}`));
    expect(Object.values(PAGE_TYPES).filter((p) => !built.includes(p))).toEqual([]);
    expect(readFileSync(join(work, PAGE_TYPES['entry with advisories']), 'utf8')).toContain('id="section/advisories"');
  });

  it('finds nothing wrong on any page of either site', async () => {
    const validator = siteValidator();
    const problems: string[] = [];
    let checked = 0;
    for (const site of ['valid', 'advisories']) {
      for (const page of pagesOf(join(work, site))) {
        problems.push(
          ...(await markupProblems(validator, readFileSync(join(work, site, page), 'utf8'), `${site}/${page}`)),
        );
        checked += 1;
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('would catch the mistakes the pages once had', async () => {
    // Each was in the built site before the validator ran over it; the rules above must still see them.
    const page = (body: string) =>
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page</title></head><body><main>${body}</main></body></html>`;
    const once = {
      // A figure's caption must come first or last; the diagram's source followed it.
      'element-permitted-order':
        '<figure><p>drawing</p><figcaption>Overview</figcaption><details><summary>Source</summary></details></figure>',
      // A form's action, when given, must be a URL; the browse form gave an empty one.
      'attribute-allowed-values': '<form method="get" action=""><button type="submit">Search</button></form>',
      // Landmarks need names of their own; a README's callouts were unnamed asides, several to a page.
      'unique-landmark': '<aside class="callout"><p>One.</p></aside><aside class="callout"><p>Two.</p></aside>',
      // A <pre> has no role that takes a name; the diagram drawn in the browser was named on one.
      'aria-label-misuse': '<pre class="mermaid" aria-label="Overview">flowchart LR</pre>',
    };
    const validator = siteValidator();
    for (const [rule, body] of Object.entries(once)) {
      const found = await markupProblems(validator, page(body), rule);
      expect(new Set(found.map((p) => p.split(' ')[1])), rule).toEqual(new Set([rule]));
    }
  });
});
