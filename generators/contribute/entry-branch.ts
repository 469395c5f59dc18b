import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OarError } from '../../lib/diagnostics.ts';

/** Runs git in `cwd`; a failure is an OAR326 error with git's own message. */
export function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, raw = false): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.error || run.status !== 0) {
    const why = (run.stderr || run.error?.message || '').trim().split('\n').slice(-3).join(' ');
    throw new OarError('OAR326', `git ${subcommand(args)} failed: ${why}`);
  }
  return raw ? run.stdout : run.stdout.trim();
}

/** The git subcommand in `args`, past any leading `-c name=value` and other global options. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return '';
}

/** Uncommitted changes outside the entry's folder, which a proposal of that entry would silently leave out. */
export function changesOutside(root: string, dir: string): string[] {
  // -z: NUL-separated and unquoted; each record is "XY path" (renames add the old path as its own record).
  return git(root, ['status', '--porcelain', '-z', '--untracked-files=all'], {}, true)
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
    git(root, ['read-tree', base], env);
    git(root, ['rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '--', dir], env);
    git(root, ['add', '--', dir], env);
    const tree = git(root, ['write-tree'], env);
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
