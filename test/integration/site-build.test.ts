import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBrowser } from '../helpers/browser.ts';
import { fixture, tempCatalogue } from '../helpers/temp-catalogue.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'oar-site-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** `npm run build` against another catalogue, into another folder. */
function build(root: string, out: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(repo, 'scripts/site/build.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, OAR_ROOT: root, OAR_SITE_OUT: out, ...env },
  });
  return { code: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('site build', () => {
  const out = join(work, 'dist');

  it('builds entry pages, the JSON API, the schema and a 404 page from a catalogue', () => {
    const r = build(fixture('valid'), out);
    expect(r.output).toContain('site built into');
    expect(r.code).toBe(0);
    const page = readFileSync(join(out, 'architectures/tiny-web-fork/index.html'), 'utf8');
    expect(page).toContain('<h1>Tiny web tier without EBS</h1>');
    expect(page).toContain('Forked from <a href="/architectures/tiny-web/">tiny-web</a>');
    expect(page).toContain('<h2 id="how-it-works">How it works</h2>');
    const api = JSON.parse(readFileSync(join(out, 'api/architectures.json'), 'utf8')) as {
      count: number;
      entries: { id: string }[];
    };
    expect(api.count).toBe(2);
    expect(api.entries.map((e) => e.id).sort()).toEqual(['tiny-web', 'tiny-web-fork']);
    const one = JSON.parse(readFileSync(join(out, 'api/architectures/tiny-web.json'), 'utf8')) as {
      lineage: { forks: string[] };
    };
    expect(one.lineage.forks).toEqual(['tiny-web-fork']);
    expect(JSON.parse(readFileSync(join(out, 'schema/architecture.schema.json'), 'utf8'))).toHaveProperty(
      'definitions.service',
    );
    expect(existsSync(join(out, '404.html'))).toBe(true);
  });

  it('shows how each promise is kept: claims in plain words, runbook steps linked to the notes, proven fork changes', () => {
    // Reads the site the first test built.
    const text = (file: string) =>
      readFileSync(join(out, file), 'utf8')
        .replace(/<[^>]+>/gu, ' ')
        .replace(/\s+/gu, ' ');
    const fork = readFileSync(join(out, 'architectures/tiny-web-fork/index.html'), 'utf8');
    expect(fork).toContain('<a href="#when-ebs-degrades">Runbook steps</a>');
    expect(fork).toContain('<h3 id="when-ebs-degrades">When EBS degrades</h3>');
    expect(text('architectures/tiny-web-fork/index.html')).toContain(
      '3 promises (failure modes, fork changes and compliance constraints): 1 checked in the template by oar check , 2 operational, 0 not checked.',
    );
    expect(text('architectures/tiny-web/index.html')).toContain(
      'Instances in the other zone keep serving. Checked in the template: The instances run in two zones two-zones',
    );
    expect(text('compare/tiny-web/tiny-web-fork/index.html')).toContain(
      '1 Instance store instead of EBS. Proven difference: The instances keep nothing on EBS volumes no-ebs-volumes',
    );
    // The address earlier versions gave the comparison links readers to the pair's page.
    expect(readFileSync(join(out, 'compare/tiny-web-fork/index.html'), 'utf8')).toContain(
      '<a href="/compare/tiny-web/tiny-web-fork/">tiny-web-fork compared with tiny-web</a>',
    );
    const api = JSON.parse(readFileSync(join(out, 'api/architectures/tiny-web-fork.json'), 'utf8')) as {
      evidence: { kind: string; state: string; operational?: { runbook: string } }[];
    };
    expect(api.evidence.map((e) => [e.kind, e.state, e.operational?.runbook])).toEqual([
      ['failure-mode', 'operational', 'when-a-zone-fails'],
      ['failure-mode', 'operational', 'when-ebs-degrades'],
      ['fork-change', 'checked', undefined],
    ]);
  });

  it('writes an RSS feed and sitemaps that a strict XML 1.0 parser reads without error', () => {
    // Reads the site the first test built: one build for both.
    const xml = ['rss.xml', ...readdirSync(out).filter((f) => /^sitemap.*\.xml$/u.test(f))];
    expect(xml.filter((f) => f.startsWith('sitemap')).length).toBeGreaterThanOrEqual(2);
    for (const file of xml) {
      const errors: string[] = [];
      const tags = new Set<string>();
      const parser = new SaxesParser({ xmlns: true });
      parser.on('error', (e) => errors.push(e.message));
      parser.on('opentag', (t) => tags.add(t.local));
      parser.write(readFileSync(join(out, file), 'utf8')).close();
      expect(errors, file).toEqual([]);
      expect([...tags], file).toContain(file === 'rss.xml' ? 'item' : 'loc');
    }
  });

  it('says so in words when the catalogue has no advisories, and the feed and API are empty but valid', () => {
    // Reads the site the first test built: the valid fixture publishes no advisories.
    const html = (file: string) => readFileSync(join(out, file), 'utf8');
    expect(html('advisories/index.html')).toMatch(/<p class="no-entry"[^>]*>No advisories have been published\.<\/p>/u);
    expect(html('advisories/high/index.html')).toContain('No high advisories have been published.');
    expect(html('architectures/tiny-web/index.html')).not.toContain('Advisories</h2>');
    expect(JSON.parse(html('api/advisories.json'))).toEqual({ count: 0, advisories: [] });
    expect(JSON.parse(html('api/architectures/tiny-web.json'))).toHaveProperty('advisories', []);
    const errors: string[] = [];
    const tags = new Set<string>();
    const parser = new SaxesParser();
    parser.on('error', (e) => errors.push(e.message));
    parser.on('opentag', (t) => tags.add(t.name));
    parser.write(html('advisories.xml')).close();
    expect(errors).toEqual([]);
    expect(tags).toContain('channel');
    expect(tags).not.toContain('item');
  });

  it('refuses an invalid catalogue with the oar validate report, no stack trace, and leaves the last site alone', () => {
    const marker = join(out, 'index.html');
    writeFileSync(marker, 'previous build');
    const r = build(fixture('invalid/bad-date'), out);
    expect(r.code).toBe(1);
    expect(r.output).toContain(
      'architectures/tiny-web/architecture.yaml:46:9  OAR105  `cost.asOf` value "25/11/2026" has the wrong format',
    );
    expect(r.output).toContain('The site was not built');
    expect(r.output).not.toMatch(/\n\s+at /);
    expect(readFileSync(marker, 'utf8')).toBe('previous build');
    expect(readdirSync(work).filter((f) => f.includes('staging') || f.includes('parts'))).toEqual([]);
  });

  it('takes the same path when Astro builds the site directly: the catalogue checked, the search index and mermaid written', () => {
    // The site is an Astro integration (site/integration.ts): npm run build only adds the swap of dist/.
    const env = { ...process.env, OAR_ROOT: fixture('valid'), OAR_DIAGRAMS: 'client' };
    const direct = join(work, 'direct');
    const astro = join(repo, 'node_modules/astro/bin/astro.mjs');
    const r = spawnSync(process.execPath, [astro, 'build', '--outDir', direct], { cwd: repo, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const search = readdirSync(join(direct, 'search'), { recursive: true, encoding: 'utf8' });
    expect(search).toContain('manifest.json');
    expect(search.filter((f) => f.endsWith('.json')).length).toBeGreaterThan(3);
    expect(existsSync(join(direct, 'vendor/mermaid/mermaid.esm.min.js'))).toBe(true);
    const bad = spawnSync(process.execPath, [astro, 'build', '--outDir', join(work, 'direct-bad')], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...env, OAR_ROOT: fixture('invalid/bad-date') },
    });
    expect(bad.status).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toContain('OAR105');
  });

  it('draws diagrams as inline SVG at build time, so entry pages need no script', async ({ skip }) => {
    if (!(await requireBrowser('site build with diagrams'))) skip();
    const svgOut = join(work, 'svg');
    expect(build(fixture('valid'), svgOut).code).toBe(0);
    const page = readFileSync(join(svgOut, 'architectures/tiny-web/index.html'), 'utf8');
    expect(page).toMatch(/<div class="diagram-svg" role="img" aria-label="Overview"[^>]*><svg/);
    // Its one script element is schema.org data (application/ld+json), which a browser never runs.
    const data = page.match(/<script type="application\/ld\+json">[^<]*<\/script>/gu) ?? [];
    expect(data).toHaveLength(1);
    expect(page.replace(data[0] ?? '', '')).not.toContain('<script');
    // Published full size beside the page, linked from it, and shown small on the cards.
    for (const file of [
      'diagrams/main.svg',
      'diagrams/main.png',
      'diagrams/main.thumb.png',
      'diagrams/main.thumb-dark.png',
    ])
      expect(existsSync(join(svgOut, 'architectures/tiny-web', file)), file).toBe(true);
    expect(page).toContain('<a href="/architectures/tiny-web/diagrams/main.svg">SVG</a>');
    expect(page).toContain('<a href="/architectures/tiny-web/diagrams/main.png">PNG</a>');
    expect(page).toMatch(/style="--legible-width: \d+px"/u);
    const browse = readFileSync(join(svgOut, 'architectures/index.html'), 'utf8');
    expect(browse).toMatch(
      /<img src="\/architectures\/tiny-web\/diagrams\/main\.thumb\.png" alt="" width="320" height="160" loading="lazy"/u,
    );
  });

  it('without a browser, still builds and lets the page draw the diagram itself', () => {
    const clientOut = join(work, 'client');
    const r = build(fixture('valid'), clientOut, { OAR_DIAGRAMS: 'client' });
    expect(r.output).toContain('pages will draw them in the browser');
    expect(r.code).toBe(0);
    const page = readFileSync(join(clientOut, 'architectures/tiny-web/index.html'), 'utf8');
    expect(page).toMatch(
      /<pre class="mermaid" role="img" aria-label="Overview" data-mermaid-src="\/vendor\/mermaid\/mermaid\.esm\.min\.js">flowchart LR/,
    );
    expect(page).toMatch(/<script type="module"/);
    // mermaid's own browser build is copied, not bundled, and loads its chunks relative to itself.
    // Renamed to .js, which every static host serves as JavaScript; no source maps.
    expect(existsSync(join(clientOut, 'vendor/mermaid/mermaid.esm.min.js'))).toBe(true);
    const chunks = readdirSync(join(clientOut, 'vendor/mermaid/chunks/mermaid.esm.min'));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.filter((f) => !f.endsWith('.js'))).toEqual([]);
  });

  it('renders the notes with their components, and copies the images they show beside the entry page', () => {
    const { root, dispose } = tempCatalogue('valid');
    try {
      const dir = join(root, 'architectures/tiny-web');
      mkdirSync(join(dir, 'images'));
      // A PNG signature and header: the site checks an image's first bytes against its name.
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
      writeFileSync(join(dir, 'images/plan one.png'), png);
      const readme = readFileSync(join(dir, 'README.mdx'), 'utf8');
      writeFileSync(
        join(dir, 'README.mdx'),
        `import { Callout } from '@oar/components';\n\n${readme}\n\n![The plan](./images/plan%20one.png)\n\n<Callout title="Mind the gap">\nSome **bold** advice.\n</Callout>\n`,
      );
      const mediaOut = join(work, 'media');
      const r = build(root, mediaOut, { OAR_DIAGRAMS: 'client' });
      expect(r.output).toContain('site built into');
      const page = readFileSync(join(mediaOut, 'architectures/tiny-web/index.html'), 'utf8');
      expect(page).toContain('<img src="media/images/plan%20one.png" alt="The plan" loading="lazy" decoding="async">');
      expect(page).toContain(
        '<aside class="callout" role="note"><strong>Mind the gap</strong><p>Some <strong>bold</strong> advice.</p></aside>',
      );
      expect(readFileSync(join(mediaOut, 'architectures/tiny-web/media/images/plan one.png'))).toEqual(png);
    } finally {
      dispose();
    }
  });
});
