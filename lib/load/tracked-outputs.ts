import { diag, type Diagnostic } from '../diagnostics.ts';
import { tryGit } from '../git.ts';
import type { LoadResult } from './read-catalogue.ts';

/** Where `oar synth` and `oar check` write, under the catalogue root; never part of the catalogue. */
export const BUILD_OUTPUT_DIR = 'cdk.out';

/**
 * The files under cdk.out/ that git tracks in the repository holding `root`: one
 * `git ls-files` per run. Empty outside a git repository, or without git.
 */
export function trackedBuildOutputs(root: string): string[] {
  const listed = tryGit(root, ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--', BUILD_OUTPUT_DIR], {
    raw: true,
    timeoutMs: 30_000,
  });
  return (listed ?? '').split('\0').filter((f) => f !== '');
}

/**
 * OAR231 when build output is committed: a check report in it would show its
 * entries as verified on the site. The names are not quoted, as a committed file
 * name could hold terminal escapes; `git ls-files cdk.out` lists them.
 */
export function trackedOutputDiagnostics(files: readonly string[]): Diagnostic[] {
  if (files.length === 0) return [];
  return [
    diag(
      'OAR231',
      BUILD_OUTPUT_DIR,
      `build output is committed: ${BUILD_OUTPUT_DIR}/ is tracked in git (${files.length} file${files.length === 1 ? '' : 's'}); it is written by oar synth and oar check on each machine, and a committed check report would mark entries verified. Untrack it with \`git rm -r --cached ${BUILD_OUTPUT_DIR}\` and commit`,
    ),
  ];
}

/** The load result with OAR231 added when the catalogue's repository tracks cdk.out/. */
export function withTrackedOutputs(loaded: LoadResult): LoadResult {
  const found = trackedOutputDiagnostics(trackedBuildOutputs(loaded.root));
  return found.length === 0 ? loaded : { ...loaded, diagnostics: [...loaded.diagnostics, ...found] };
}
