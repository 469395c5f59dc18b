import type { Advisory, AdvisoryHandling } from '../../schema/architecture.ts';
import type { ForkState } from '../../lib/resolve/upstream.ts';
import type { ForkPair } from './fork-point.ts';
import type { ParentChanges } from './parent-changes.ts';

/** One parent release after the fork point, as `oar upstream` shows it. */
export interface NewerRelease {
  readonly version: string;
  readonly date: string | null;
  readonly notes: readonly string[];
}

/** `oar upstream --json`: one document whose shape is pinned by a snapshot. */
export interface UpstreamReport {
  readonly fork: string;
  readonly forkVersion: string;
  readonly parent: string;
  /** The parent version the fork is based on. */
  readonly base: string;
  readonly commit: string | null;
  readonly parentVersion: string;
  readonly state: ForkState;
  /** Newest first. */
  readonly newer: readonly NewerRelease[];
  /** Worst first; handling is null while the fork has not said how it handled the advisory. */
  readonly advisories: readonly { readonly advisory: Advisory; readonly handling: AdvisoryHandling | null }[];
  readonly open: number;
  readonly changes:
    | { readonly files: readonly { status: string; path: string }[]; readonly diff: string }
    | { readonly unknown: string };
}

/** The report from the catalogue's view of the fork and what git says of the parent's folder. */
export function upstreamReport(pair: ForkPair, changes: ParentChanges): UpstreamReport {
  const { fork, upstream } = pair;
  return {
    fork: fork.id,
    forkVersion: fork.meta.version,
    parent: upstream.parent,
    base: upstream.base,
    commit: upstream.commit ?? null,
    parentVersion: upstream.parentVersion,
    state: upstream.state,
    newer: upstream.newer.map((r) => ({ version: r.version, date: r.date ?? null, notes: r.notes })),
    advisories: upstream.advisories.map((a) => ({ advisory: a.advisory, handling: a.handling ?? null })),
    open: upstream.open.length,
    changes: 'unknown' in changes ? { unknown: changes.unknown } : { files: changes.files, diff: changes.diff },
  };
}
