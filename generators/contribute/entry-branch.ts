import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../../lib/git.ts';

/** Uncommitted changes outside the entry's folder, which a proposal of that entry would silently leave out. */
export function changesOutside(root: string, dir: string): string[] {
  // -z: NUL-separated and unquoted; each record is "XY path" (renames add the old path as its own record).
  return git(root, ['status', '--porcelain', '-z', '--untracked-files=all'], { raw: true })
    .split('\0')
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3))
    .filter((path) => !path.startsWith(`${dir}/`) && !path.startsWith('cdk.out/'));
}

/** The name of the branch a proposal of `id` lives on. */
export const branchFor = (id: string): string => `entry/${id}`;

/**
 * Builds, without touching the working tree or the index, one commit on top of
 * `base` whose only change is the entry folder as it is on disk. Returns its id.
 */
export function entryCommit(root: string, dir: string, base: string, message: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'oar-propose-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    git(root, ['read-tree', base], { env });
    git(root, ['rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '--', dir], { env });
    git(root, ['add', '--', dir], { env });
    const tree = git(root, ['write-tree'], { env });
    return git(root, ['commit-tree', tree, '-p', base, '-m', message]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Paths that differ between two commits. */
export function changedPaths(root: string, from: string, to: string): string[] {
  const out = git(root, ['diff', '--name-only', from, to]);
  return out === '' ? [] : out.split('\n');
}

/** Fetches `ref` from `url` and returns the commit it points at, or undefined when the remote has no such ref. */
export function fetchRef(root: string, url: string, ref: string): string | undefined {
  const listed = git(root, ['ls-remote', url, ref]);
  if (listed === '') return undefined;
  git(root, ['fetch', '--quiet', '--no-tags', url, ref]);
  return git(root, ['rev-parse', 'FETCH_HEAD']);
}
