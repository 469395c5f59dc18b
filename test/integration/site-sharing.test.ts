import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { htmlToHast } from 'satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBrowser } from '../helpers/browser.ts';
import { buildSite, type SiteBuild } from '../helpers/build-site.ts';
import { gitCatalogue } from '../helpers/git-catalogue.ts';
import { tempCatalogue } from '../helpers/temp-catalogue.ts';

// What a shared link or a search engine reads of each page: the canonical address, Open Graph and Twitter tags,
// and an entry's schema.org data. Three builds of the two-entry `valid` catalogue (about three seconds each):
// published under a base path with everything configured, with nothing configured, and with hostile metadata.
const cat = gitCatalogue('valid');
const hostile = tempCatalogue('valid');
const work = mkdtempSync(join(tmpdir(), 'oar-site-sharing-'));
const NOTHING = { SITE_URL: '', SITE_BASE: '', OAR_REPO_URL: '', GISCUS_REPO: '' };
const PUBLISHED = {
  ...NOTHING,
  SITE_URL: 'https://example.org',
  SITE_BASE: '/registry/',
  OAR_REPO_URL: 'https://github.com/example/registry',
};
// The nastiest metadata the schema lets through: quotes, ampersands, angle brackets, a backslash. (It refuses
// anything that starts a tag, so `</script>` itself is tried on the serializer, test/unit/site-sharing.test.ts.)
const TITLE = `Tiny "web" <3 & 'tier' > \\ co`;
const SUMMARY = 'A "quoted" summary: 1 < 2 && 3 > 2, a backslash \\ and an ampersand &amp; written out.';
let drawn = false;
const builds: Record<'published' | 'nothing' | 'hostile', SiteBuild | undefined> = {
  published: undefined,
  nothing: undefined,
  hostile: undefined,
};

beforeAll(async () => {
  // og:image names the main diagram's PNG, which only a build that draws diagrams publishes.
  drawn = await requireBrowser('og:image names the main diagram drawn at build time');
  builds.published = buildSite(cat.root, join(work, 'published'), { ...PUBLISHED, ...(drawn && { OAR_DIAGRAMS: '' }) });
  builds.nothing = buildSite(cat.root, join(work, 'nothing'), NOTHING);
  const yaml = join(hostile.root, 'architectures/tiny-web/architecture.yaml');
  const meta = readFileSync(yaml, 'utf8')
    .replace(/^title: .*$/mu, `title: ${JSON.stringify(TITLE)}`)
    .replace(/^summary: .*$/mu, `summary: ${JSON.stringify(SUMMARY)}`)
    .replace(/^ {2}- name: Fixture Author$/mu, `  - name: ${JSON.stringify(TITLE)}`);
  writeFileSync(yaml, meta);
  builds.hostile = buildSite(hostile.root, join(work, 'hostile'), PUBLISHED);
}, 180_000);
afterAll(() => {
  cat.dispose();
  hostile.dispose();
  rmSync(work, { recursive: true, force: true });
});

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    yield child;
    yield* elements(child);
  }
}

/** What a page's head tells whoever shares or indexes it, read by an HTML parser as a crawler reads it. */
function shared(site: string, page: string) {
  const tree = htmlToHast(readFileSync(join(work, site, page), 'utf8')) as Root;
  const all = [...elements(tree)];
  const head = all.find((el) => el.tagName === 'head');
  const tags: Record<string, string> = {};
  const data: unknown[] = [];
  let canonical: unknown;
  for (const el of head ? elements(head) : []) {
    const { property, name, content, rel, href, type } = el.properties;
    if (el.tagName === 'meta' && typeof content === 'string') {
      const key = typeof property === 'string' ? property : name;
      if (typeof key === 'string' && /^(og|twitter):/u.test(key)) tags[key] = content;
    }
    if (el.tagName === 'link' && Array.isArray(rel) && rel.includes('canonical')) canonical = href;
    if (el.tagName === 'script' && type === 'application/ld+json')
      data.push(JSON.parse(el.children.map((c) => (c.type === 'text' ? c.value : '')).join('')));
  }
  const scripts = all.filter((el) => el.tagName === 'script');
  return { canonical, tags, data, scripts };
}

const entryIds = (site: string) =>
  readdirSync(join(work, site, 'architectures'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
const TITLES: Record<string, string> = { 'tiny-web': 'Tiny web tier', 'tiny-web-fork': 'Tiny web tier without EBS' };
const SUMMARY_OF_FIXTURE = 'A small load-balanced web tier used as a test fixture for the registry.';

describe('entry pages as a shared link and a search result show them', () => {
  it('builds all three sites', () => {
    for (const b of Object.values(builds)) expect(b?.code, b?.output).toBe(0);
    expect(entryIds('published')).toEqual(['tiny-web', 'tiny-web-fork']);
  });

  it('with SITE_URL and a base path: every entry page names its address, its main diagram and a TechArticle', ({
    skip,
  }) => {
    if (!drawn) skip();
    for (const id of entryIds('published')) {
      const url = `https://example.org/registry/architectures/${id}/`;
      const image = `${url}diagrams/main.png`;
      const page = shared('published', `architectures/${id}/index.html`);
      // The picture it names is there: the build published it under the same path.
      expect(existsSync(join(work, 'published', `architectures/${id}/diagrams/main.png`)), id).toBe(true);
      expect(page.canonical, id).toBe(url);
      expect(page.tags, id).toEqual({
        'og:type': 'article',
        'og:site_name': 'Open Architecture Registry',
        'og:title': TITLES[id],
        'og:description': SUMMARY_OF_FIXTURE,
        'og:url': url,
        'og:image': image,
        'og:image:type': 'image/png',
        'og:image:alt': `Overview: ${TITLES[id]}`,
        'twitter:card': 'summary_large_image',
      });
      expect(page.data, id).toHaveLength(1);
      expect(page.data[0], id).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'TechArticle',
        headline: TITLES[id],
        description: SUMMARY_OF_FIXTURE,
        url,
        image,
        dateModified: '2026-11-25',
        author: [{ '@type': 'Person', name: 'Fixture Author', url: 'https://github.com/fixture-author' }],
        license: 'https://spdx.org/licenses/Apache-2.0.html',
        about: {
          '@type': 'SoftwareSourceCode',
          programmingLanguage: 'TypeScript',
          runtimePlatform: 'AWS CDK',
          codeRepository: `https://github.com/example/registry/tree/HEAD/architectures/${id}`,
        },
      });
    }
    expect(shared('published', 'architectures/tiny-web/index.html').data[0]).toMatchObject({
      datePublished: '2026-10-01',
      version: '1.2.0',
      keywords: ['java', 'fixture', 'Amazon EC2', 'Amazon EBS', 'Elastic Load Balancing', 'Amazon EC2 Auto Scaling'],
    });
  });

  it('other pages name their address and the site, with no structured data; the 404 page names no address', () => {
    const pages = {
      'index.html': 'https://example.org/registry/',
      'architectures/index.html': 'https://example.org/registry/architectures/',
      'architectures/tiny-web/source/index.html': 'https://example.org/registry/architectures/tiny-web/source/',
      'compare/tiny-web/tiny-web-fork/index.html': 'https://example.org/registry/compare/tiny-web/tiny-web-fork/',
      'about/index.html': 'https://example.org/registry/about/',
    };
    for (const [page, url] of Object.entries(pages)) {
      const s = shared('published', page);
      expect(s.canonical, page).toBe(url);
      expect(s.tags, page).toMatchObject({ 'og:type': 'website', 'og:url': url, 'twitter:card': 'summary' });
      expect(s.tags['og:title'], page).toBeTruthy();
      expect(s.tags['og:description'], page).toBeTruthy();
      expect(s.data, page).toEqual([]);
    }
    const notFound = shared('published', '404.html');
    expect(notFound.canonical).toBeUndefined();
    expect(notFound.tags).toEqual({
      'og:type': 'website',
      'og:site_name': 'Open Architecture Registry',
      'og:title': 'Page not found',
      'og:description': 'This page does not exist.',
      'twitter:card': 'summary',
    });
  });

  it('without SITE_URL: no canonical, og:url, og:image or address in the data, which must be absolute; the small card', () => {
    for (const id of entryIds('nothing')) {
      const page = shared('nothing', `architectures/${id}/index.html`);
      expect(page.canonical, id).toBeUndefined();
      expect(page.tags, id).toEqual({
        'og:type': 'article',
        'og:site_name': 'Open Architecture Registry',
        'og:title': TITLES[id],
        'og:description': SUMMARY_OF_FIXTURE,
        'twitter:card': 'summary',
      });
      expect(page.data[0], id).toMatchObject({ '@type': 'TechArticle', headline: TITLES[id] });
      for (const field of ['url', 'image', 'mainEntityOfPage', 'about.codeRepository'])
        expect(page.data[0], `${id} ${field}`).not.toHaveProperty(field);
    }
    for (const page of ['index.html', 'about/index.html'])
      expect(shared('nothing', page).canonical, page).toBeUndefined();
  });

  it('keeps an entry’s awkward title and summary as text: the same in the tags and the JSON-LD, never markup', () => {
    const page = shared('hostile', 'architectures/tiny-web/index.html');
    expect(page.tags).toMatchObject({ 'og:title': TITLE, 'og:description': SUMMARY });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      headline: TITLE,
      description: SUMMARY,
      author: [{ '@type': 'Person', name: TITLE }],
    });
    // The only scripts are the JSON-LD and the site's own bundle (this build draws diagrams in the browser).
    expect(page.scripts.map((s) => [s.properties['type'], s.properties['src']])).toEqual([
      ['application/ld+json', undefined],
      ['module', expect.stringMatching(/^\/registry\/_astro\/[\w.-]+\.js$/u)],
    ]);
    // Inside the script, what HTML would read as markup is a JSON escape.
    const html = readFileSync(join(work, 'hostile', 'architectures/tiny-web/index.html'), 'utf8');
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/u.exec(html)?.[1] ?? '';
    expect(json).toContain('"headline":"Tiny \\"web\\" \\u003c3 \\u0026 \'tier\' \\u003e \\\\ co"');
    // Built without a browser, there is no PNG to name, even with SITE_URL set.
    expect(page.tags).not.toHaveProperty('og:image');
    expect(page.tags['twitter:card']).toBe('summary');
  });
});
