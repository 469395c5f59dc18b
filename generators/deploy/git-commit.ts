import { spawnSync } from 'node:child_process';

/** The commit the catalogue is at, with `-dirty` when it has uncommitted changes; "unknown" outside git. */
export function gitCommit(root: string): string {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'architectures'], { cwd: root, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? '-dirty' : ''}`;
}
