import { OarError } from '../../lib/diagnostics.ts';
import { tryGit } from '../../lib/git.ts';
import type { Catalogue, ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import type { UpstreamStatus } from '../../lib/resolve/upstream.ts';
import type { ForkedFrom } from '../../schema/architecture.ts';

/** A fork with its parent, both valid entries of the catalogue. */
export interface ForkPair {
  readonly fork: ResolvedEntry;
  readonly parent: ResolvedEntry;
  readonly forkedFrom: ForkedFrom;
  readonly upstream: UpstreamStatus;
}

/** The fork `fork` of the catalogue and its parent; OAR338 when it is not a fork, OAR301 when the parent is not valid. */
export function requireFork(catalogue: Catalogue, fork: ResolvedEntry): ForkPair {
  const forkedFrom = fork.meta.forkedFrom;
  if (!forkedFrom) {
    const forks = catalogue.entries.filter((e) => e.meta.forkedFrom?.id === fork.id).map((e) => e.id);
    const hint =
      forks.length > 0
        ? `its forks are ${forks.join(', ')}; run it on one of them`
        : `only a fork (an entry with forkedFrom in its architecture.yaml, made by oar fork) has a parent to follow`;
    throw new OarError('OAR338', `${fork.id} is not a fork; ${hint}`);
  }
  const parent = catalogue.byId.get(forkedFrom.id);
  if (!parent || !fork.upstream) {
    throw new OarError(
      'OAR301',
      `${fork.id} is a fork of ${forkedFrom.id}, which is not a valid entry in this catalogue; run oar validate ${forkedFrom.id}`,
    );
  }
  return { fork, parent, forkedFrom, upstream: fork.upstream };
}

/** How a maintainer records a fork point that `oar fork` could not (an old fork, or a parent with uncommitted changes). */
export function howToSetCommit(pair: ForkPair): string {
  const { fork, parent, forkedFrom } = pair;
  return (
    `find the commit whose ${parent.dir}/ the fork was copied from (${parent.id} ${forkedFrom.version}), e.g. with ` +
    `git log --format='%H %ad %s' --date=short -- ${parent.dir}/, and add it as forkedFrom.commit (the full 40-character id) ` +
    `in ${fork.dir}/architecture.yaml`
  );
}

/**
 * The fork point as a commit this clone has. No recorded commit, or one the clone lacks
 * (a shallow clone, or a catalogue that is not a git repository), is OAR339 with the fix.
 */
export function requireForkCommit(root: string, pair: ForkPair): string {
  const commit = pair.forkedFrom.commit;
  if (commit === undefined) {
    throw new OarError(
      'OAR339',
      `${pair.fork.id} records no forkedFrom.commit, so its fork point is unknown; ${howToSetCommit(pair)}`,
    );
  }
  const missing = commitMissing(root, commit);
  if (missing) throw new OarError('OAR339', missing);
  return commit;
}

/** Why `commit` cannot be read here, with the fix; undefined when the clone has it. */
export function commitMissing(root: string, commit: string): string | undefined {
  if (tryGit(root, ['rev-parse', '--git-dir']) === undefined) {
    return `${root} is not a git repository, so the fork point ${commit.slice(0, 12)} cannot be read; run this in a clone of the catalogue`;
  }
  if (tryGit(root, ['cat-file', '-e', `${commit}^{commit}`]) !== undefined) return undefined;
  const shallow = tryGit(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  return shallow
    ? `the fork point ${commit.slice(0, 12)} is not in this clone, which is shallow; run git fetch --unshallow, then run this again`
    : `the fork point ${commit.slice(0, 12)} is not in this clone; fetch the catalogue's history (git fetch origin), or correct forkedFrom.commit`;
}
