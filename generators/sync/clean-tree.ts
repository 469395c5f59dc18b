import { OarError } from '../../lib/diagnostics.ts';
import { git } from '../../lib/git.ts';

const SHOWN = 10;

/**
 * OAR337 unless the fork's and the parent's folders have no uncommitted change (untracked files
 * included) and nothing is staged anywhere. The scope is what sync reads and writes: it merges the
 * parent as committed at HEAD into the fork's working files, so a change in either folder would be
 * mixed into the merge or lost in it, and only a clean fork folder can be put back with git checkout;
 * staged files elsewhere would slip into the commit that records the sync. Other unstaged work is no
 * concern of sync's and does not stop it.
 */
export function requireCleanTree(root: string, dirs: readonly string[]): void {
  const status = git(
    root,
    ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...dirs.map((d) => `${d}/`)],
    {
      raw: true,
    },
  );
  const staged = git(root, ['diff', '--cached', '--name-only', '-z', '--no-renames'], { raw: true });
  const files = new Set<string>();
  const entries = status.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry === '') continue;
    files.add(entry.slice(3));
    // A rename or copy is followed by the path it came from.
    if (entry[0] === 'R' || entry[0] === 'C') files.add(entries[++i] ?? '');
  }
  for (const path of staged.split('\0')) if (path !== '') files.add(path);
  if (files.size === 0) return;
  const list = [...files].sort();
  const shown =
    list.slice(0, SHOWN).join(', ') + (list.length > SHOWN ? ` and ${String(list.length - SHOWN)} more` : '');
  throw new OarError(
    'OAR337',
    `oar sync merges into a clean tree, and these files have uncommitted changes: ${shown}; commit or stash them (git stash --include-untracked), then run oar sync again`,
  );
}
