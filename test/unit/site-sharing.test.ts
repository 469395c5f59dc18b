import type { Element, Root } from 'hast';
import { htmlToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { diagramPaths, mainDiagramPng } from '../../site/data/diagram-files.ts';
import { shareTags, type SharePage } from '../../site/data/share-meta.ts';
import { publicSiteUrl } from '../../site/data/site-config.ts';
import { jsonLdText, techArticle } from '../../site/data/structured-data.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const SITE = new URL('https://example.org');
const ENTRY: SharePage = {
  title: 'Tiny web tier',
  description: 'A small web tier.',
  path: '/registry/architectures/tiny-web/',
  type: 'article',
  image: { path: '/registry/architectures/tiny-web/diagrams/main.png', alt: 'Overview: Tiny web tier' },
};
const OPEN_GRAPH = [
  { property: 'og:type', content: 'article' },
  { property: 'og:site_name', content: 'Open Architecture Registry' },
  { property: 'og:title', content: 'Tiny web tier' },
  { property: 'og:description', content: 'A small web tier.' },
];

describe('publicSiteUrl', () => {
  it.each([
    [{}, undefined],
    [{ SITE_URL: '' }, undefined],
    [{ SITE_URL: 'example.org' }, undefined],
    [{ SITE_URL: 'ftp://example.org' }, undefined],
    [{ SITE_URL: 'https://example.org' }, 'https://example.org/'],
    [{ SITE_URL: 'http://localhost:4321' }, 'http://localhost:4321/'],
  ])('%j gives %s', (env, url) => {
    expect(publicSiteUrl(env)?.href).toBe(url);
  });
});

describe('shareTags', () => {
  it('with SITE_URL: canonical address, og:url and og:image absolute, base path kept, and the large card', () => {
    expect(shareTags(ENTRY, SITE)).toEqual({
      canonical: 'https://example.org/registry/architectures/tiny-web/',
      image: 'https://example.org/registry/architectures/tiny-web/diagrams/main.png',
      tags: [
        ...OPEN_GRAPH,
        { property: 'og:url', content: 'https://example.org/registry/architectures/tiny-web/' },
        { property: 'og:image', content: 'https://example.org/registry/architectures/tiny-web/diagrams/main.png' },
        { property: 'og:image:type', content: 'image/png' },
        { property: 'og:image:alt', content: 'Overview: Tiny web tier' },
        { name: 'twitter:card', content: 'summary_large_image' },
      ],
    });
  });

  it('without SITE_URL: no canonical, og:url or og:image (they must be absolute), and the small card', () => {
    expect(shareTags(ENTRY, undefined)).toEqual({
      tags: [...OPEN_GRAPH, { name: 'twitter:card', content: 'summary' }],
    });
  });

  it('a page without an address of its own (404) names none; one without a picture gets the small card', () => {
    const { path: _path, image: _image, ...notFound } = ENTRY;
    expect(shareTags({ ...notFound, type: 'website' }, SITE)).toEqual({
      tags: [
        { ...OPEN_GRAPH[0], content: 'website' },
        ...OPEN_GRAPH.slice(1),
        { name: 'twitter:card', content: 'summary' },
      ],
    });
  });
});

describe('diagram files', () => {
  it('shares the first diagram only when the build published its PNG, under the base', () => {
    const [first] = openCatalogue(fixture('valid')).entries.find((e) => e.id === 'tiny-web')?.diagrams ?? [];
    if (!first) throw new Error('tiny-web has no diagram in the fixture');
    const diagram = { ...first, mermaidFrom: 'site' } as const;
    const shown = { paths: diagramPaths('tiny-web', first.file), width: 800, legibleWidth: 600 };
    const drawn = { diagrams: [{ ...diagram, svg: '<svg/>', shown, drawInBrowser: false }] };
    expect(mainDiagramPng('/', drawn)).toEqual({
      path: '/architectures/tiny-web/diagrams/main.png',
      title: 'Overview',
    });
    expect(mainDiagramPng('/registry/', drawn)?.path).toBe('/registry/architectures/tiny-web/diagrams/main.png');
    // Drawn, but with no pictures taken (validation's drawing): no PNG was published, so none is named.
    expect(mainDiagramPng('/', { diagrams: [{ ...diagram, svg: '<svg/>', drawInBrowser: false }] })).toBeUndefined();
    expect(mainDiagramPng('/', { diagrams: [{ ...diagram, drawInBrowser: true }] })).toBeUndefined();
    expect(mainDiagramPng('/', { diagrams: [] })).toBeUndefined();
  });
});

describe('techArticle', () => {
  const entries = openCatalogue(fixture('valid')).entries;
  const entry = (id: string) => {
    const found = entries.find((e) => e.id === id);
    if (!found) throw new Error(`no ${id} in the fixture`);
    return found;
  };

  it('describes the entry from its metadata and CHANGELOG, with every address the build knows', () => {
    const links = {
      url: 'https://example.org/architectures/tiny-web/',
      image: 'https://example.org/architectures/tiny-web/diagrams/main.png',
      repository: 'https://github.com/example/registry',
    };
    expect(techArticle(entry('tiny-web'), links)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'TechArticle',
      headline: 'Tiny web tier',
      description: 'A small load-balanced web tier used as a test fixture for the registry.',
      url: links.url,
      mainEntityOfPage: links.url,
      image: links.image,
      datePublished: '2026-10-01',
      dateModified: '2026-11-25',
      author: [{ '@type': 'Person', name: 'Fixture Author', url: 'https://github.com/fixture-author' }],
      keywords: ['java', 'fixture', 'Amazon EC2', 'Amazon EBS', 'Elastic Load Balancing', 'Amazon EC2 Auto Scaling'],
      license: 'https://spdx.org/licenses/Apache-2.0.html',
      version: '1.2.0',
      inLanguage: 'en',
      about: {
        '@type': 'SoftwareSourceCode',
        name: 'Tiny web tier (AWS CDK stack)',
        programmingLanguage: 'TypeScript',
        runtimePlatform: 'AWS CDK',
        version: '1.2.0',
        license: 'https://spdx.org/licenses/Apache-2.0.html',
        codeRepository: 'https://github.com/example/registry/tree/HEAD/architectures/tiny-web',
      },
    });
  });

  it('leaves out what is not configured, and keeps a licence expression as text', () => {
    const fork = entry('tiny-web-fork');
    const article = techArticle({ ...fork, meta: { ...fork.meta, license: 'MIT OR Apache-2.0' } }, {});
    expect(article).not.toHaveProperty('url');
    expect(article).not.toHaveProperty('image');
    expect(article).not.toHaveProperty('about.codeRepository');
    expect(article).toMatchObject({
      datePublished: '2026-11-25',
      dateModified: '2026-11-25',
      license: 'MIT OR Apache-2.0',
      about: { license: 'MIT OR Apache-2.0' },
    });
  });
});

/** The text of every script element under `node`. */
function scriptTexts(node: Root | Element): string[] {
  return node.children.flatMap((c) => {
    if (c.type !== 'element') return [];
    if (c.tagName !== 'script') return scriptTexts(c);
    return [c.children.map((t) => (t.type === 'text' ? t.value : '')).join('')];
  });
}

describe('jsonLdText', () => {
  const HOSTILE = '</script><script>alert(1)</script><!-- & </SCRIPT >';

  it('writes JSON that no text can end the script with, and that reads back the same', () => {
    const hostile = { headline: HOSTILE, description: 'line\u2028separator\u2029and "quotes" and \\ backslash' };
    const text = jsonLdText(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/u);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it('keeps a hostile title inside its script element, as an HTML parser reads the page', () => {
    // The schema refuses tags in a title; this is the serializer's own guard, should one ever get through.
    const fork = openCatalogue(fixture('valid')).entries.find((e) => e.id === 'tiny-web-fork');
    if (!fork) throw new Error('no tiny-web-fork in the fixture');
    const data = techArticle({ ...fork, meta: { ...fork.meta, title: HOSTILE } }, {});
    const tree = htmlToHast(`<head><script type="application/ld+json">${jsonLdText(data)}</script></head><p>after</p>`);
    const scripts = scriptTexts(tree as Root);
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0] ?? '')).toMatchObject({ headline: HOSTILE });
  });
});
