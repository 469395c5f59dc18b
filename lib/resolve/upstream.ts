import semver from 'semver';
import type { Architecture } from '../../schema/architecture.ts';
import { forkAdvisories, type ForkAdvisory } from './advisories.ts';
import type { Release } from './changelog.ts';

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
