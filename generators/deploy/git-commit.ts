import { tryGit } from '../../lib/git.ts';

/** The commit the catalogue is at, with `-dirty` when it has uncommitted changes; "unknown" outside git. */
export function gitCommit(root: string): string {
  const head = tryGit(root, ['rev-parse', '--short=12', 'HEAD']);
  if (head === undefined) return 'unknown';
  const dirty = tryGit(root, ['status', '--porcelain', '--', 'architectures']);
  return `${head}${dirty ? '-dirty' : ''}`;
}
