import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../helpers/static-server.ts';
import { writeCanaryCatalogue } from '../hostile/canary.ts';

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
  // Its own git history, with a known author and date, so entry pages show history the tests can predict.
  const when = '2026-01-01T12:00:00+00:00';
  const git = (...args: string[]) =>
    spawnSync('git', args, {
      cwd: join(work, 'catalogue'),
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  const commit = git('-c', 'user.name=OAR e2e', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'catalogue');
  if (commit.status !== 0) throw new Error(`git commit of the e2e catalogue failed:\n${commit.stderr}`);
  const out = join(work, 'dist');
  // The statuses come from the repository's last full oar check (npm test runs it before these tests); the
  // tests compare the pages with that same file, and an entry it does not cover shows as not checked.
  const build = spawnSync(process.execPath, [join(repo, 'scripts/site/build.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      OAR_ROOT: join(work, 'catalogue'),
      OAR_SITE_OUT: out,
      OAR_CHECK_REPORT: join(repo, 'cdk.out/check-report.json'),
    },
  });
  if (build.status !== 0) throw new Error(`site build for e2e failed:\n${build.stdout}\n${build.stderr}`);
  const { url, server } = await serveStatic(out);
  process.env['E2E_BASE_URL'] = url;
  const canary = await buildCanary(work);
  process.env['E2E_CANARY_URL'] = canary.url;
  process.env['E2E_CANARY_IDS'] = JSON.stringify(canary.ids);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => canary.server.close(resolve));
  };
}

/**
 * The renderer canary (test/e2e/canary.spec.ts): a site built, validation ignored, from every notes, image,
 * diagram and changelog payload of the hostile corpus, served on its own port.
 */
async function buildCanary(work: string) {
  const root = join(work, 'canary');
  const marker = join(work, 'canary-marker');
  mkdirSync(root, { recursive: true });
  mkdirSync(marker, { recursive: true });
  const ids = writeCanaryCatalogue(root, marker);
  const out = join(work, 'canary-dist');
  const build = spawnSync(process.execPath, [join(repo, 'scripts/site/build.mjs')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, OAR_ROOT: root, OAR_SITE_OUT: out, OAR_UNSAFE_IGNORE_VALIDATION: '1' },
  });
  if (build.status !== 0) throw new Error(`canary site build failed:\n${build.stdout}\n${build.stderr}`);
  return { ids, ...(await serveStatic(out)) };
}
