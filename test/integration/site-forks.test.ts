import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build-site.ts';
import { forkCatchesUp, gitCatalogue, parentMovesOn } from '../helpers/git-catalogue.ts';

// Two builds of one two-entry catalogue in git (about three seconds each): the fork behind its parent with
// nothing configured, then caught up with a repository and giscus comments configured.
const cat = gitCatalogue('valid');
const work = mkdtempSync(join(tmpdir(), 'oar-site-forks-'));
afterAll(() => {
  cat.dispose();
  rmSync(work, { recursive: true, force: true });
});

const GISCUS = {
  GISCUS_REPO: 'example/registry',
  GISCUS_REPO_ID: 'R_kgDOAbc',
  GISCUS_CATEGORY: 'Entries',
  GISCUS_CATEGORY_ID: 'DIC_kwDOAbc',
};
// Whatever the machine running the tests has set, these builds start from none of it.
const NOTHING = { OAR_REPO_URL: '', GISCUS_REPO: '', GISCUS_REPO_ID: '', GISCUS_CATEGORY: '', GISCUS_CATEGORY_ID: '' };

const html = (dir: string, page: string) => readFileSync(join(dir, page, 'index.html'), 'utf8');
/** HTML as a reader sees it: tags dropped (made spaces, unless `tag` says otherwise) and spaces squeezed. */
const words = (markup: string, tag = ' ') =>
  markup
    .replace(/<[^>]+>/gu, tag)
    .replace(/\s+/gu, ' ')
    .trim();
const text = (dir: string, page: string) => words(html(dir, page));
/** Where the site shows the fork's state: its status line, its place in the parent's fork tree, and the parent's changed files. */
const forkAsShown = (dir: string) => {
  const part = (page: string, re: RegExp, tag?: string) => words(re.exec(html(dir, page))?.[0] ?? '', tag);
  return {
    // One line of text: every space between its words must be in the page itself.
    status: part('architectures/tiny-web-fork', /<p class="fork-status">.*?<\/p>/su, ''),
    tree: part('architectures/tiny-web', /<ul class="fork-tree">.*?<\/details>/su),
    files: part('architectures/tiny-web-fork/upstream', /<h2 id="files">.*?<\/(?:p|ul)>/su),
  };
};
const csp = (page: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/u.exec(page)?.[1];
const pages = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ file: f, page: readFileSync(join(dir, f), 'utf8') }));

describe('the site shows where each fork stands', () => {
  const behind = join(work, 'behind');
  const caughtUp = join(work, 'caught-up');

  it('shows the fork behind once its parent releases: badge, headline, releases, files, and the parent’s fork tree', () => {
    const release = parentMovesOn(cat, '1.3.0', 'Health checks read the instance store.');
    const r = buildSite(cat.root, behind, NOTHING);
    expect(r.output).toContain('site built into');
    expect(r.code).toBe(0);
    expect(forkAsShown(behind)).toEqual({
      status: 'behind Parent tiny-web is 1 version ahead; 0 advisories open. What changed upstream',
      tree: 'Tiny web tier without EBS tiny-web-fork 0.1.0 behind Forked from tiny-web 1.2.0: EBS outages stalled the instances. What it changed (1 change) Instance store instead of EBS.',
      files:
        'Files of tiny-web changed since the fork modified architectures/tiny-web/CHANGELOG.md modified architectures/tiny-web/architecture.yaml',
    });
    expect(html(behind, 'architectures/tiny-web-fork')).toContain(
      '<a href="/architectures/tiny-web-fork/upstream/">What changed upstream</a>',
    );
    const upstream = html(behind, 'architectures/tiny-web-fork/upstream');
    expect(words(/<h1>.*?<\/p>/su.exec(upstream)?.[0] ?? '', '')).toBe(
      `What changed upstreamTiny web tier without EBS (0.1.0) was forked from tiny-web 1.2.0 at commit ${cat.first.slice(0, 12)}; the parent is now at 1.3.0.`,
    );
    expect(words(upstream)).toContain(
      'Newer releases of tiny-web 1.3.0 · 2026-12-02 Health checks read the instance store.',
    );
    expect(text(behind, 'architectures/tiny-web')).toContain('Forks Entries forked from this one');
    // The next test builds the fork caught up.
    forkCatchesUp(cat, '1.3.0', release);
  });

  it('without a repository or giscus configured: no discussion links, and nothing loads from another origin', () => {
    expect(text(behind, 'architectures/tiny-web')).not.toContain('Discuss');
    for (const { file, page } of pages(behind)) {
      expect(page, file).not.toMatch(/giscus|<iframe|<script[^>]+src="(https?:)?\/\//u);
      expect(csp(page), file).not.toMatch(/https?:/u);
    }
  });

  it('shows the fork up to date once it takes the release, with discussion links and giscus comments when configured', () => {
    const r = buildSite(cat.root, caughtUp, {
      ...NOTHING,
      OAR_REPO_URL: 'https://github.com/example/registry',
      ...GISCUS,
    });
    expect(r.code, r.output).toBe(0);
    expect(forkAsShown(caughtUp)).toEqual({
      status: 'up to date Up to date with tiny-web 1.3.0. What changed upstream',
      tree: 'Tiny web tier without EBS tiny-web-fork 0.1.0 up to date Forked from tiny-web 1.3.0: EBS outages stalled the instances. What it changed (1 change) Instance store instead of EBS.',
      files: "Files of tiny-web changed since the fork None: the parent's folder is as it was at the fork commit.",
    });
    const entry = html(caughtUp, 'architectures/tiny-web');
    expect(entry).toContain(
      '<a href="https://github.com/example/registry/discussions?discussions_q=tiny-web">Discuss this entry</a>',
    );
    expect(entry).toContain(
      '<a href="https://github.com/example/registry/issues/new?template=entry-problem.yml&amp;title=tiny-web%3A+&amp;entry=tiny-web+1.3.0">Improve this entry</a>',
    );
    expect(entry).toMatch(
      /<script src="https:\/\/giscus\.app\/client\.js" data-repo="example\/registry" data-repo-id="R_kgDOAbc" data-category="Entries" data-category-id="DIC_kwDOAbc" data-mapping="specific" data-term="tiny-web"/u,
    );
    expect(csp(entry)).toBe(
      "default-src 'self'; script-src 'self' https://giscus.app; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-src https://giscus.app",
    );
    // Only entry pages show comments, so only they allow giscus.
    for (const { file, page } of pages(caughtUp)) {
      const isEntry = /^architectures\/[^/]+\/index\.html$/u.test(file);
      expect(page.includes('https://giscus.app/client.js'), file).toBe(isEntry);
      expect(csp(page)?.includes('giscus'), file).toBe(isEntry);
    }
  });

  it('OAR343: refuses to build with giscus half configured, and builds nothing', () => {
    const out = join(work, 'half');
    const r = buildSite(cat.root, out, { ...NOTHING, GISCUS_REPO: 'example/registry' });
    expect(r.code).toBe(1);
    expect(r.output).toContain(
      'GiscusConfigError: OAR343: giscus comments are half configured: GISCUS_REPO is set, but GISCUS_REPO_ID, GISCUS_CATEGORY and GISCUS_CATEGORY_ID are not.',
    );
    expect(r.output).not.toMatch(/\n\s+at /u);
    expect(existsSync(out)).toBe(false);
  });
});
