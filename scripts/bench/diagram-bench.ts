import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import { diagramSources, renderDiagrams, type DiagramSource } from '../../lib/render/diagrams.ts';
import { asBuiltSources } from '../../site/data/as-built.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What drawing the site's diagrams costs a build with a cold cache: the real catalogue's first `n` entries
 * (by id), each entry's own diagrams and its as-built one, drawn as a site build draws them (icons, then
 * the SVG, PNG and thumbnails in the same browser), and drawn only (what `oar validate --diagrams` does).
 * One browser per run, as in a build; each run has a cache of its own, so nothing is reused.
 */
export async function benchDiagrams(sizes: readonly number[] = [20, 45]): Promise<void> {
  const catalogue = openCatalogue(REPO);
  const all = [...catalogue.entries].sort((a, b) => a.id.localeCompare(b.id));
  console.log('diagrams: cold cache, the real catalogue, one browser per run');
  console.log('entries  diagrams  drawn only s  drawn and photographed s  s/entry (photographed)');
  for (const n of sizes) {
    const entries = all.slice(0, n);
    const sources = [...diagramSources(entries), ...asBuiltSources({ ...catalogue, entries }).values()];
    const drawOnly = await timed(sources, false);
    const photographed = await timed(sources, true);
    console.log(
      `${String(entries.length).padStart(7)}  ${String(sources.length).padStart(8)}  ${drawOnly.toFixed(1).padStart(12)}  ${photographed.toFixed(1).padStart(24)}  ${(photographed / entries.length).toFixed(2).padStart(23)}`,
    );
  }
}

async function timed(sources: readonly DiagramSource[], pictures: boolean): Promise<number> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'oar-diagram-bench-'));
  try {
    const t0 = performance.now();
    const renders = await renderDiagrams(sources, { cacheDir, pictures });
    if (!renders.browser) throw new Error('no browser to draw with: set OAR_CHROMIUM or install chromium');
    if (renders.svg.size !== sources.length)
      throw new Error(`drew ${String(renders.svg.size)} of ${String(sources.length)}`);
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
