import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../lib/browser.ts';
import { loadCorpus } from './corpus.ts';
import { generateCatalogue } from './generate-catalogue.ts';
import { ASTRO, writeBareProject } from './site/bare-astro.ts';
import { benchSearch } from './site/browser-search.ts';
import type { SizeResult } from './site/figures.ts';
import { findPagefind, PAGEFIND_PAGE } from './site/pagefind.ts';
import { printTables } from './site/report.ts';
import { timed } from './site/timed.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Builds per side and size; OAR_BENCH_RUNS overrides. */
const BUILD_RUNS = Math.max(1, Number(process.env['OAR_BENCH_RUNS'] ?? 3) || 3);

/**
 * Site build time against a bare Astro build, and search cost in headless
 * Chromium (first-query bytes, time to first result, query latency) against
 * Pagefind when installed, for generated catalogues of each size.
 */
export async function benchSite(sizes: readonly number[] = [100, 1000, 5000]): Promise<void> {
  const corpus = loadCorpus();
  const pagefindBin = findPagefind();
  console.log(
    `site: entries built from ${corpus.source === 'corpus' ? 'the serverless-patterns corpus' : 'generated text (corpus not found)'}; sizes ${sizes.join(', ')}`,
  );
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; diagrams not drawn (OAR_DIAGRAMS=client); search over localhost, no network throttling`,
  );
  if (!pagefindBin) console.log('pagefind: npx could not fetch it — skipped');
  const results: SizeResult[] = [];
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const n of sizes) results.push(await benchSize(browser, n, corpus.patterns, pagefindBin));
  } finally {
    await browser.close();
  }
  printTables(results, pagefindBin !== undefined);
  console.log(
    `peak RSS of this Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (builds and browser not included)`,
  );
}

async function benchSize(
  browser: Browser,
  n: number,
  patterns: Parameters<typeof generateCatalogue>[1],
  pagefindBin: string | undefined,
): Promise<SizeResult> {
  const result: SizeResult = { n, builds: [], bares: [], problems: [] };
  const root = mkdtempSync(join(tmpdir(), `oar-site-bench-${n}-`));
  const outParent = mkdtempSync(join(tmpdir(), `oar-site-bench-out-${n}-`));
  const out = join(outParent, 'dist');
  // Inside the repository so the bare project resolves astro from our node_modules.
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  const bareDir = mkdtempSync(join(REPO, '.tmp', `bench-bare-${n}-`));
  try {
    progress(n, 'generating catalogue');
    generateCatalogue(root, patterns, n);

    writeBareProject(bareDir, root);
    // Single builds here vary by a third from run to run, so each side builds several times, alternately, from cold.
    let built = false;
    for (let run = 1; run <= BUILD_RUNS; run++) {
      progress(n, `building the site and the bare Astro baseline (${run} of ${BUILD_RUNS})`);
      // No content cache (astro.config.mjs keeps it beside the catalogue) and no output: a cold build.
      for (const dir of [join(root, '.astro-cache'), outParent]) rmSync(dir, { recursive: true, force: true });
      const ours = timed(process.execPath, [join(REPO, 'scripts/site/build.mjs')], REPO, {
        OAR_ROOT: root,
        OAR_SITE_OUT: out,
        OAR_DIAGRAMS: 'client',
      });
      if (!ours.ok) {
        result.problems.push(`site build failed:\n${ours.tail}`);
        break;
      }
      built = true;
      result.builds.push(ours.ms);
      for (const dir of ['dist', '.astro', 'node_modules'])
        rmSync(join(bareDir, dir), { recursive: true, force: true });
      const bare = timed(process.execPath, [ASTRO, 'build', '--root', bareDir], bareDir, {});
      if (bare.ok) result.bares.push(bare.ms);
      else result.problems.push(`bare Astro build failed:\n${bare.tail}`);
    }
    rmSync(bareDir, { recursive: true, force: true });

    if (!built) return result;
    progress(n, 'searching in Chromium');
    result.ours = await benchSearch(browser, out, '/architectures/');

    if (pagefindBin) {
      progress(n, 'indexing with Pagefind');
      const indexed = timed(process.execPath, [pagefindBin, '--site', out], REPO, {});
      if (indexed.ok) {
        writeFileSync(join(out, 'pagefind-bench.html'), PAGEFIND_PAGE);
        progress(n, 'searching with Pagefind');
        result.pagefind = { ...(await benchSearch(browser, out, '/pagefind-bench.html')), indexMs: indexed.ms };
      } else result.problems.push(`pagefind failed:\n${indexed.tail}`);
    }
  } catch (error) {
    result.problems.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    for (const dir of [root, outParent, bareDir]) rmSync(dir, { recursive: true, force: true });
    for (const p of result.problems) console.log(`  [${n}] ${p}`);
  }
  return result;
}

function progress(n: number, what: string): void {
  console.log(`  [${n}] ${what}…`);
}
