import semver from 'semver';
import type { Advisory, AdvisoryHandling, Architecture, Severity } from '../../schema/architecture.ts';

/** Severities from the mildest to the worst. */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

// A draft or prerelease entry (0.1.0-rc.1) publishes prerelease versions; a range must be able to name them.
const RANGE_OPTIONS = { includePrerelease: true } as const;

/** How bad a severity is: 0 for low up to 3 for critical. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True for a severity name, e.g. from a command-line flag. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** The catalogue-wide id of an advisory, `<entry-id>/<advisory-id>`, as the CLI and the feed name it. */
export function globalAdvisoryId(entryId: string, advisoryId: string): string {
  return `${entryId}/${advisoryId}`;
}

/** True when `range` is a semver range npm's rules can read. */
export function isRange(range: string): boolean {
  return semver.validRange(range, RANGE_OPTIONS) !== null;
}

/** True when `version` is in `range`; an unreadable range holds nothing (validation reports it). */
export function inRange(version: string, range: string): boolean {
  return isRange(range) && semver.satisfies(version, range, RANGE_OPTIONS);
}

/** True when the advisory applies to `version`. */
export function affects(advisory: Advisory, version: string): boolean {
  return inRange(version, advisory.affected);
}

/** Worst first, then newest, then by id, so every list of advisories reads the same way. */
export function compareAdvisories(a: Advisory, b: Advisory): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) || b.date.localeCompare(a.date) || a.id.localeCompare(b.id)
  );
}

/** The entry's advisories that apply to `version`, worst first. */
export function advisoriesAffecting(meta: Pick<Architecture, 'advisories'>, version: string): Advisory[] {
  return (meta.advisories ?? []).filter((a) => affects(a, version)).sort(compareAdvisories);
}

/** One parent advisory that applies to a fork's base version, with how the fork handled it. */
export interface ForkAdvisory {
  readonly advisory: Advisory;
  readonly handling?: AdvisoryHandling;
}

/** The parent's advisories that apply to the fork's base version, each with the fork's handling when it has one. */
export function forkAdvisories(
  parent: Pick<Architecture, 'advisories'>,
  forkedFrom: NonNullable<Architecture['forkedFrom']>,
): ForkAdvisory[] {
  const handled = new Map((forkedFrom.advisories ?? []).map((h) => [h.id, h]));
  return advisoriesAffecting(parent, forkedFrom.version).map((advisory) => {
    const handling = handled.get(advisory.id);
    return handling ? { advisory, handling } : { advisory };
  });
}

/** True when an unhandled advisory at this severity stops a fork at this status from validating. */
export function blocksFork(severity: Severity, status: Architecture['status']): boolean {
  return status === 'stable' && severityRank(severity) >= severityRank('high');
}
