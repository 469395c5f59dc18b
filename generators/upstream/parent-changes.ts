import { git } from '../../lib/git.ts';
import { driftSince, type ChangedFile } from '../../lib/resolve/fork-drift.ts';
import { commitMissing, howToSetCommit, type ForkPair } from './fork-point.ts';

/** What git says changed in the parent's folder since the fork point, or why it cannot say. */
export type ParentChanges =
  | { readonly files: readonly ChangedFile[]; readonly diff: string }
  | {
      readonly unknown: string;
      /** True when a recorded commit is missing from the clone (OAR339), false when none was recorded. */
      readonly missing: boolean;
    };

// Fixed options, so a user's diff settings (colour, external drivers, prefixes) never change what is printed or pinned.
const DIFF = [
  'diff',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-renames',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** The parent's folder from the fork commit to the working tree: the changed files and the patch. */
export function parentChanges(root: string, pair: ForkPair): ParentChanges {
  const commit = pair.forkedFrom.commit;
  if (commit === undefined) {
    return { unknown: `the diff needs forkedFrom.commit: ${howToSetCommit(pair)}`, missing: false };
  }
  const missing = commitMissing(root, commit);
  if (missing) return { unknown: missing, missing: true };
  const drift = driftSince(root, commit, pair.parent.dir);
  if ('unknown' in drift) return { unknown: drift.unknown, missing: true };
  const diff = git(root, [...DIFF, commit, '--', `${pair.parent.dir}/`], { raw: true });
  return { files: drift.files, diff };
}
