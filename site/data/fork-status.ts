import semver from 'semver';
import type { AdvisoryHandling } from '../../schema/architecture.ts';
import type { ForkState, UpstreamStatus } from '../../lib/resolve/upstream.ts';

/** The words of each fork state, so a badge never says it by colour alone. */
export const FORK_STATE_LABELS: Readonly<Record<ForkState, string>> = {
  'up-to-date': 'up to date',
  behind: 'behind',
  affected: 'affected',
};

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

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

/** How the fork handled one parent advisory, in words: "fixed", "not affected: <reason>", or "open". */
export function handlingText(handling: AdvisoryHandling | undefined): string {
  if (handling === undefined) return 'open';
  const status = handling.status === 'not-affected' ? 'not affected' : handling.status;
  return handling.reason ? `${status}: ${handling.reason}` : status;
}
