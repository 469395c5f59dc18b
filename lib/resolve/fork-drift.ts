import { tryGit } from '../git.ts';

/** A file of the parent's folder that changed since the fork point, as git names the change. */
export interface ChangedFile {
  /** A added, M modified, D deleted (renames count as a deletion and an addition). */
  readonly status: 'A' | 'M' | 'D';
  /** Relative to the catalogue root. */
  readonly path: string;
}

/** The files of `dir` that differ between the fork commit and the working tree, or why git cannot say. */
export type Drift = { readonly files: readonly ChangedFile[] } | { readonly unknown: string };

/**
 * What changed in the parent's folder since the fork point. A fork without a
 * recorded commit, or a commit this clone lacks (shallow), has no answer, and
 * the reason says how to get one.
 */
export function driftSince(root: string, commit: string | undefined, dir: string): Drift {
  if (commit === undefined) return { unknown: 'the fork did not record forkedFrom.commit' };
  if (tryGit(root, ['cat-file', '-e', `${commit}^{commit}`]) === undefined) {
    return {
      unknown: `commit ${commit.slice(0, 12)} is not in this clone; run git fetch --unshallow, or fetch the catalogue's history`,
    };
  }
  const out = tryGit(root, ['diff', '--no-renames', '--relative', '--name-status', commit, '--', `${dir}/`], {
    raw: true,
  });
  if (out === undefined) return { unknown: 'git diff failed' };
  const files = out
    .split('\n')
    .filter((l) => l !== '')
    .map((l): ChangedFile => {
      const [status = 'M', path = ''] = l.split('\t');
      return { status: status === 'A' || status === 'D' ? status : 'M', path };
    });
  return { files };
}
