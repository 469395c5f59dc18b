import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A finished `npm run build`: where the site went, how it exited and what it printed. */
export interface SiteBuild {
  readonly dir: string;
  readonly code: number | null;
  readonly output: string;
}

/**
 * `npm run build` of the catalogue at `root` into `out`, as CI builds it, with `env` added (e.g.
 * OAR_REPO_URL, GISCUS_*). Diagrams are left to the browser unless `env` says otherwise: a test of
 * pages needs no Chromium, and a two-entry catalogue then builds in about three seconds.
 */
export function buildSite(root: string, out: string, env: NodeJS.ProcessEnv = {}): SiteBuild {
  // Vitest puts Vite's BASE_URL in the environment, and Astro would take it over the base path (SITE_BASE).
  const { BASE_URL: _vitest, ...inherited } = process.env;
  const r = spawnSync(process.execPath, [join(repo, 'scripts/site/build.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...inherited, OAR_DIAGRAMS: 'client', ...env, OAR_ROOT: root, OAR_SITE_OUT: out },
  });
  return { dir: out, code: r.status, output: `${r.stdout}\n${r.stderr}` };
}
