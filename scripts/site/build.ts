import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBuildError } from './build-error.ts';

/**
 * `npm run build`: `astro build` (the site is an Astro integration, site/integration.ts) into a
 * staging folder, swapped into dist/ only when the build succeeded, so dist/ is never
 * half-written. An invalid catalogue stops it with the same report as `oar validate`.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const root = process.env['OAR_ROOT'] ?? repo;
// OAR_SITE_OUT lets tests and benchmarks build elsewhere without touching the real dist/.
const dist = process.env['OAR_SITE_OUT'] ?? join(repo, 'dist');
const staging = `${dist}.staging-${process.pid}`;

// Astro runs in this process (below), so its CLI flags do not apply; only --verbose, as for the oar CLI.
const args = process.argv.slice(2);
if (args.some((a) => a !== '--verbose')) {
  console.error('npm run build takes only --verbose; for Astro’s own flags run npx astro build directly.');
  process.exit(1);
}

// The catalogue starts opening in its worker now, before Astro loads (about a second); the integration that
// astro.config.mjs adds finds it in site/build/state.ts, which Node loads once for both.
const { stopBuild, useCatalogue } = await import('../../site/build/state.ts');
useCatalogue(root, true);
const { build } = await import('astro');
// Astro writes its prerender chunks inside outDir when outDir is below the working folder, else into
// ./.astro/.prerender, where two builds into folders elsewhere (tests, benchmarks) would overwrite each
// other's. Such a build gets a working folder of its own, inside the repository so the chunks find its packages.
const ownCwd = staging.startsWith(`${process.cwd()}/`)
  ? undefined
  : join(repo, `node_modules/.cache/oar-build-${process.pid}`);
if (ownCwd) {
  mkdirSync(ownCwd, { recursive: true });
  process.chdir(ownCwd);
}
try {
  await build({ root: repo, outDir: staging });
} catch (error) {
  // Stop whatever still writes before cleaning up, so that nothing is written after.
  await stopBuild();
  rmSync(staging, { recursive: true, force: true });
  if (ownCwd) rmSync(ownCwd, { recursive: true, force: true });
  console.error(formatBuildError(error, args.includes('--verbose')));
  console.error(`The site was not built; ${dist} was left as it was.`);
  process.exit(1);
}
if (ownCwd) rmSync(ownCwd, { recursive: true, force: true });
const previous = `${dist}.previous-${process.pid}`;
if (existsSync(dist)) renameSync(dist, previous);
renameSync(staging, dist);
rmSync(previous, { recursive: true, force: true });
console.log(`site built into ${dist}`);
