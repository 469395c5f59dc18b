import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import { htmlToHast } from 'satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTypeOfFile } from '../../lib/load/image-type.ts';
import { rasterTypeOf, unsafeUrl } from '../../lib/notes/policy.ts';
import { writeCanaryCatalogue } from '../hostile/canary.ts';

// The renderer canary: one catalogue holding every notes, image, diagram and changelog payload of the hostile
// corpus, built with validation ignored, so that the renderer and sanitizer alone must keep the site harmless.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'oar-canary-'));
const marker = join(work, 'marker');
const root = join(work, 'catalogue');
const out = join(work, 'dist');
let ids: string[] = [];
let build: { code: number | null; output: string };
let before: string[];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f));
}

beforeAll(() => {
  mkdirSync(marker);
  mkdirSync(root);
  ids = writeCanaryCatalogue(root, marker);
  before = filesUnder(work).filter((f) => !f.startsWith(out));
  const r = spawnSync(process.execPath, [join(repo, 'scripts/site/build.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, OAR_ROOT: root, OAR_SITE_OUT: out, OAR_UNSAFE_IGNORE_VALIDATION: '1' },
  });
  build = { code: r.status, output: `${r.stdout}\n${r.stderr}` };
}, 300_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/**
 * Schema.org data: a script element of type application/ld+json, with no src and JSON for text (entry pages,
 * site/components/ShareMeta.astro). A browser never runs a data block, and the CSP does not govern one.
 */
function isStructuredData(el: Element): boolean {
  if (el.properties['type'] !== 'application/ld+json' || el.properties['src'] !== undefined) return false;
  const text = el.children.map((c) => (c.type === 'text' ? c.value : '<not text>')).join('');
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function* elements(tree: Root): Generator<Element> {
  const stack: (Root | Element)[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'element') yield node;
    for (const child of node.children) if (child.type === 'element') stack.push(child);
  }
}

describe('a site built from every hostile payload, validation ignored', () => {
  it('builds, says it ignored validation, and holds a page for every payload', () => {
    expect(build.output).toContain('OAR_UNSAFE_IGNORE_VALIDATION');
    expect(build.code, build.output).toBe(0);
    expect(ids.length).toBeGreaterThan(80);
    for (const id of ids) expect(existsSync(join(out, 'architectures', id, 'index.html')), id).toBe(true);
  });

  it('has no script but the site’s own bundles (and schema.org data), no event handler and no script URL on any page', () => {
    const pages = filesUnder(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(ids.length);
    const problems: string[] = [];
    for (const page of pages) {
      const tree = htmlToHast(readFileSync(page, 'utf8')) as Root;
      // The page's own schema.org data, one block at most, in its head: never one an entry's text put in the body.
      const head = [...elements(tree)].find((el) => el.tagName === 'head');
      const data = new Set(head?.children.filter((c) => c.type === 'element' && isStructuredData(c)));
      if (data.size > 1) problems.push(`${relative(out, page)} more than one block of schema.org data`);
      for (const el of elements(tree)) {
        const where = `${relative(out, page)} <${el.tagName}>`;
        if (el.tagName === 'script' && !data.has(el)) {
          const src = el.properties['src'];
          if (typeof src !== 'string' || !/^\/_astro\/[\w.-]+\.js$/u.test(src) || el.children.length > 0)
            problems.push(`${where} a script that is not one of the site's bundles`);
        }
        if (['iframe', 'object', 'embed', 'frame', 'base'].includes(el.tagName))
          problems.push(`${where} an element that loads or runs something`);
        if (el.tagName === 'meta' && /refresh/iu.test(String(el.properties['httpEquiv'])))
          problems.push(`${where} a refresh that navigates away`);
        for (const [key, value] of Object.entries(el.properties)) {
          if (/^on/iu.test(key)) problems.push(`${where} an event handler ${key}`);
          const url = Array.isArray(value) ? value.join(' ') : String(value);
          if (/^(href|src|srcSet|action|formAction|xLinkHref|data|poster|background)$/u.test(key) && unsafeUrl(url))
            problems.push(`${where} ${key}=${url.slice(0, 60)}`);
          if (/^(href|src|xLinkHref)$/u.test(key) && /^(https?:)?\/\//iu.test(url) && el.tagName !== 'a')
            problems.push(`${where} loads ${url.slice(0, 60)} from another site`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('copies no HTML, SVG or other active file from an entry, only raster images whose bytes match their name', () => {
    const copied = filesUnder(join(out, 'architectures')).filter(
      (f) => /\/architectures\/[^/]+\/media\//u.test(f) && statSync(f).isFile(),
    );
    expect(copied.length, 'the canary shows some images').toBeGreaterThan(3);
    for (const f of copied) expect(imageTypeOfFile(f), relative(out, f)).toBe(rasterTypeOf(f) ?? 'not a raster name');
  });

  it('ran nothing: no file appeared outside the output folder', () => {
    expect(readdirSync(marker)).toEqual([]);
    const after = filesUnder(work).filter((f) => !f.startsWith(out) && !f.includes('.astro-cache'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
    expect(existsSync(join(repo, 'PWNED'))).toBe(false);
  });
});
