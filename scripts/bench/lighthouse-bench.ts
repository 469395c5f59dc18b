import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumLaunchOptions } from '../../lib/browser.ts';
import { serveStatic } from '../../test/helpers/static-server.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Lighthouse, fetched by npx when the bench runs: only benchmarks use it, so npm ci does not install it. */
const LIGHTHOUSE = 'lighthouse@12.2.3';

/**
 * Lighthouse scores (performance, accessibility, best practices, SEO) of the
 * home, browse and one entry page of the real catalogue, mobile preset, in
 * headless Chromium (CHROME_PATH, else Debian's, else the one Lighthouse finds).
 */
export async function benchLighthouse(
  paths: readonly string[] = ['/', '/architectures/', '/architectures/java-web-tier-instance-store/'],
): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'oar-lighthouse-'));
  const build = spawnSync(process.execPath, [join(REPO, 'scripts/site/build.mjs')], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, OAR_SITE_OUT: join(out, 'dist') },
  });
  if (build.status !== 0) throw new Error(`site build failed:\n${build.stderr}`);
  const { url, server } = await serveStatic(join(out, 'dist'));
  const chromePath = process.env['CHROME_PATH'] ?? chromiumLaunchOptions().executablePath;
  try {
    console.log('lighthouse (mobile preset, loopback, no CPU slowdown beyond the preset): scores 0..1');
    console.log('page                                              performance  accessibility  best-practices  seo');
    for (const path of paths) {
      // Asynchronously: the static server answering Lighthouse runs in this process's event loop.
      const run = await promisify(execFile)(
        'npx',
        [
          '--yes',
          LIGHTHOUSE,
          `${url}${path}`,
          '--output=json',
          '--quiet',
          '--only-categories=performance,accessibility,best-practices,seo',
          `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
        ],
        {
          cwd: out,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, ...(chromePath !== undefined && { CHROME_PATH: chromePath }) },
        },
      ).catch((error: unknown) => {
        throw new Error(`lighthouse failed on ${path}:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
      });
      const c = (JSON.parse(run.stdout) as { categories?: Record<string, { score?: number | null }> }).categories;
      const score = (k: string) => (c?.[k]?.score ?? NaN).toFixed(2).padStart(k.length);
      console.log(
        `${path.padEnd(50)}${score('performance').padStart(11)}  ${score('accessibility').padStart(13)}  ${score('best-practices').padStart(14)}  ${score('seo').padStart(3)}`,
      );
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(out, { recursive: true, force: true });
  }
}
