import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asBuiltFromSnapshot } from '../../lib/asbuilt/as-built.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
import { renderDiagrams, type DiagramSource } from '../../lib/render/diagrams.ts';
import { requireBrowser } from '../helpers/browser.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
// A cache of its own: every drawing is drawn now, by the renderer the site uses, not read back from a build.
const cache = mkdtempSync(join(tmpdir(), 'oar-as-built-'));
afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
});

describe('as-built diagrams in the site renderer', () => {
  it('draws every entry of the catalogue, and a hostile template, with nothing refused or sanitized away', async ({
    skip,
  }) => {
    if (!(await requireBrowser('drawing every as-built diagram'))) skip();
    const ids = readdirSync(join(root, 'architectures')).sort();
    expect(ids.length).toBeGreaterThanOrEqual(45);
    const items: DiagramSource[] = ids.map((id) => {
      const dir = `architectures/${id}`;
      const drawn = asBuiltFromSnapshot(readTemplateSnapshot(root, dir) ?? '', dir, id);
      // With the icons of its boxes' services, as the site draws it.
      return { file: dir, source: drawn.source, icons: drawn.boxServices };
    });
    const hostile = readFileSync(fixture('asbuilt/hostile.template.json'), 'utf8');
    items.push({ file: 'hostile', source: asBuiltFromSnapshot(hostile, 'architectures/x', 'x').source });
    const renders = await renderDiagrams(items, { cacheDir: cache });
    expect(renders.browser).toBe(true);
    // A syntax error would be OAR209; a refused drawing or anything the sanitizer removed, OAR229.
    expect(renders.diagnostics).toEqual([]);
    expect([...renders.svg.keys()].sort()).toEqual(items.map((i) => i.file).sort());
    const svg = renders.svg.get('hostile') ?? '';
    // The hostile ids and tags are drawn as text: no link, script, image or handler came out of them.
    expect(svg).toContain('javascript:alert(1)');
    expect(svg).toContain('Pub&#x3C;/div>&#x3C;script>alert(1)');
    expect(svg).not.toMatch(/<a[\s>]|<script|<img|\shref=|\son[a-z]+=/iu);
  }, 300_000);
});
