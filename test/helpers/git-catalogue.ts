import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempCatalogue } from './temp-catalogue.ts';

/** A throwaway fixture catalogue in a git repository of its own. */
export interface GitCatalogue {
  readonly root: string;
  /** The id of the first commit, which holds the fixture as it is. */
  readonly first: string;
  /** Rewrites a file of the catalogue (path relative to its root) with `change`. */
  edit(path: string, change: (text: string) => string): void;
  /** Commits everything as it is and returns the commit's id. */
  commit(message: string): string;
  dispose(): void;
}

/**
 * A copy of test/fixtures/<name> with its first commit made, by a fixed author at a fixed
 * date, so git history, fork commits and drift are the same on every run.
 */
export function gitCatalogue(name: string): GitCatalogue {
  const { root, dispose } = tempCatalogue(name);
  const git = (...args: string[]) => {
    const when = '2026-12-01T12:00:00+00:00';
    const r = spawnSync('git', ['-c', 'user.name=OAR test', '-c', 'user.email=test@example.com', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in the test catalogue: ${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q', '-b', 'main');
  // A site build keeps its content cache beside the catalogue (astro.config.mjs); it is not part of it.
  writeFileSync(join(root, '.gitignore'), '.astro-cache/\n');
  const first = commit('catalogue');
  return {
    root,
    first,
    edit: (path, change) => {
      const file = join(root, path);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    },
    commit,
    dispose,
  };
}

const PARENT = 'architectures/tiny-web';
const FORK = 'architectures/tiny-web-fork/architecture.yaml';

/**
 * The fork scenario on the `valid` fixture: tiny-web-fork (forked from tiny-web 1.2.0) records the
 * first commit as its fork point, then tiny-web releases `version` with one CHANGELOG line, so the
 * fork is behind. Returns the release's commit.
 */
export function parentMovesOn(cat: GitCatalogue, version: string, note: string): string {
  cat.edit(FORK, (t) => t.replace(/^ {2}version: (.+)$/mu, `  version: $1\n  commit: ${cat.first}`));
  cat.commit('tiny-web-fork records its fork commit');
  cat.edit(`${PARENT}/architecture.yaml`, (t) => t.replace(/^version: .+$/mu, `version: ${version}`));
  cat.edit(`${PARENT}/CHANGELOG.md`, (t) =>
    t.replace('# Changelog\n', `# Changelog\n\n## ${version} - 2026-12-02\n\n- ${note}\n`),
  );
  return cat.commit(`tiny-web ${version}`);
}

/** The fork takes the parent's release: forkedFrom moves to `version` at `commit`, so it is up to date. */
export function forkCatchesUp(cat: GitCatalogue, version: string, commit: string): void {
  cat.edit(FORK, (t) => t.replace(/^ {2}version: .+\n {2}commit: .+$/mu, `  version: ${version}\n  commit: ${commit}`));
  cat.commit(`tiny-web-fork takes tiny-web ${version}`);
}
