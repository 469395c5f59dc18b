import semver from 'semver';
import type { Architecture } from '../../schema/architecture.ts';
import { forkAdvisories, type ForkAdvisory } from './advisories.ts';
import type { Release } from './changelog.ts';
import { plural } from '../plural.ts';

/** Where a fork stands against its parent: nothing new, newer releases, or an advisory it has not handled. */
export type ForkState = 'up-to-date' | 'behind' | 'affected';

/** What the parent did since the fork point, read from the catalogue alone (git adds the changed files). */
export interface UpstreamStatus {
  readonly parent: string;
  /** The parent version the fork is based on (forkedFrom.version). */
  readonly base: string;
  /** The catalogue commit of the fork point, when the fork recorded it. */
  readonly commit?: string;
  readonly parentVersion: string;
  /** The parent's releases after the base, newest first. */
  readonly newer: readonly Release[];
  /** The parent's advisories that apply to the base, worst first, with the fork's handling. */
  readonly advisories: readonly ForkAdvisory[];
  /** Those the fork has not handled. */
  readonly open: readonly ForkAdvisory[];
  readonly state: ForkState;
}

interface Parent {
  readonly meta: Pick<Architecture, 'id' | 'version' | 'advisories'>;
  readonly releases: readonly Release[];
}

/** Compares a fork's fork point with its parent now. */
export function upstreamStatus(forkedFrom: NonNullable<Architecture['forkedFrom']>, parent: Parent): UpstreamStatus {
  const base = forkedFrom.version;
  const newer = parent.releases.filter((r) => semver.valid(r.version) && semver.gt(r.version, base));
  const advisories = forkAdvisories(parent.meta, forkedFrom);
  const open = advisories.filter((a) => a.handling === undefined);
  const ahead = newer.length > 0 || semver.gt(parent.meta.version, base);
  return {
    parent: parent.meta.id,
    base,
    ...(forkedFrom.commit !== undefined && { commit: forkedFrom.commit }),
    parentVersion: parent.meta.version,
    newer,
    advisories,
    open,
    state: open.length > 0 ? 'affected' : ahead ? 'behind' : 'up-to-date',
  };
}

/**
 * Where a fork stands, in one sentence: "Parent p is 2 versions ahead; 1 advisory open",
 * or "Up to date with p 1.1.0". A parent whose version moved without a CHANGELOG release
 * after the base is still ahead; an open advisory is counted even when the parent has not moved.
 */
export function upstreamHeadline(u: UpstreamStatus): string {
  const ahead =
    u.newer.length > 0
      ? `Parent ${u.parent} is ${plural(u.newer.length, 'version', 'versions')} ahead`
      : semver.valid(u.parentVersion) && semver.valid(u.base) && semver.gt(u.parentVersion, u.base)
        ? `Parent ${u.parent} is at ${u.parentVersion}, ahead of ${u.base}`
        : `Up to date with ${u.parent} ${u.parentVersion}`;
  return u.state === 'up-to-date' ? ahead : `${ahead}; ${plural(u.open.length, 'advisory', 'advisories')} open`;
}
