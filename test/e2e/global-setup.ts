import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../helpers/static-server.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the site once from the real catalogue plus the e2e-only entries (an XSS
 * probe), serves it on a free port, and hands the URL to the tests.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const work = join(repo, '.tmp', 'e2e');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'catalogue'), { recursive: true });
  cpSync(join(repo, 'architectures'), join(work, 'catalogue/architectures'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/e2e/architectures'), join(work, 'catalogue/architectures'), { recursive: true });
  const out = join(work, 'dist');
  const build = spawnSync(process.execPath, [join(repo, 'scripts/site/build.ts')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, OAR_ROOT: join(work, 'catalogue'), OAR_SITE_OUT: out },
  });
  if (build.status !== 0) throw new Error(`site build for e2e failed:\n${build.stdout}\n${build.stderr}`);
  const { url, server } = await serveStatic(out);
  process.env['E2E_BASE_URL'] = url;
  return async () => {
    await new Promise((resolve) => server.close(resolve));
  };
}
