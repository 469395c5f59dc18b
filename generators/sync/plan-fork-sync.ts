import { join } from 'node:path';
import { advisoriesAffecting } from '../../lib/resolve/advisories.ts';
import type { ForkPair } from '../upstream/fork-point.ts';
import { forkFilesAt } from './fork-files-now.ts';
import { readTree } from './parent-tree.ts';
import { planSync, type SyncPlan } from './plan-sync.ts';

/**
 * The sync plan of a fork of the catalogue at `root`: the parent's folder at the fork commit
 * (base) and at `head` (theirs) from git, the fork's files from its folder (ours). Reads only.
 */
export function planForkSync(root: string, pair: ForkPair, commit: string, head: string): SyncPlan {
  const { fork, parent, forkedFrom } = pair;
  const to = parent.meta.version;
  const base = readTree(root, commit, parent.dir);
  const theirs = readTree(root, head, parent.dir);
  const ours = forkFilesAt(join(root, fork.dir), new Set([...base.keys(), ...theirs.keys()]));
  const applying = new Set(advisoriesAffecting(parent.meta, to).map((a) => a.id));
  return planSync(
    { base, theirs, ours },
    {
      parentId: parent.id,
      parentDir: parent.dir,
      forkId: fork.id,
      labels: {
        ours: `${fork.id} ${fork.meta.version} (fork)`,
        base: `${parent.id} ${forkedFrom.version} (fork point)`,
        theirs: `${parent.id} ${to} (parent now)`,
      },
      to: { version: to, commit: head, applies: (advisory) => applying.has(advisory) },
    },
  );
}
