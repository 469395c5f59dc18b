import semver from 'semver';
import { compareCodePoints } from '../../lib/code-point-order.ts';
import { OarError } from '../../lib/diagnostics.ts';
import {
  advisoriesAffecting,
  globalAdvisoryId,
  isSeverity,
  SEVERITIES,
  severityRank,
} from '../../lib/resolve/advisories.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import type { Advisory, Severity } from '../../schema/architecture.ts';
import { STACK_TAG } from '../deploy/stack-tags.ts';

/** A stack as CloudFormation lists it. */
export interface ListedStack {
  readonly name: string;
  /** CloudFormation's status, e.g. UPDATE_COMPLETE. */
  readonly status: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * affected: an advisory applies to the deployed version; behind: a newer version is out;
 * unknown: the catalogue cannot say (no such entry, or no readable version tag).
 */
export type StackState = 'affected' | 'behind' | 'unknown' | 'up-to-date';

/** What `oar status` knows of one deployed stack. */
export interface StackStatus {
  readonly stackName: string;
  readonly stackStatus: string;
  readonly entry: string;
  /** The environment `oar deploy --env` named, when the stack has the tag. */
  readonly env?: string;
  /** The version tag as the stack carries it ('' when it has none). */
  readonly deployedVersion: string;
  /** The catalogue's version of the entry, when the catalogue has the entry. */
  readonly newestVersion?: string;
  readonly state: StackState;
  /** Why the state is unknown. */
  readonly why?: string;
  /** The entry's advisories that apply to the deployed version, worst first. */
  readonly advisories: readonly Advisory[];
}

/** The order stacks are listed in after the worst advisory: what needs doing first. */
const STATE_ORDER: readonly StackState[] = ['affected', 'behind', 'unknown', 'up-to-date'];

/** The status of one stack tagged with an entry, against the catalogue's entries. */
function statusOf(stack: ListedStack, entryId: string, byId: ReadonlyMap<string, ResolvedEntry>): StackStatus {
  const version = stack.tags[STACK_TAG.version] ?? '';
  const env = stack.tags[STACK_TAG.env];
  const base = { stackName: stack.name, stackStatus: stack.status, entry: entryId, deployedVersion: version };
  const withEnv = env === undefined ? base : { ...base, env };
  const entry = byId.get(entryId);
  if (!entry) {
    const why = `the catalogue has no valid entry ${JSON.stringify(entryId)}: it was renamed or removed, this catalogue is older than the one that deployed the stack, or the entry is invalid (run oar validate)`;
    return { ...withEnv, state: 'unknown', why, advisories: [] };
  }
  const known = { ...withEnv, newestVersion: entry.meta.version };
  if (semver.valid(version) === null) {
    const why = `its ${STACK_TAG.version} tag is ${JSON.stringify(version)}, not a version, so which advisories apply cannot be told; redeploy it with oar deploy`;
    return { ...known, state: 'unknown', why, advisories: [] };
  }
  const advisories = advisoriesAffecting(entry.meta, version);
  const state = advisories.length > 0 ? 'affected' : semver.lt(version, entry.meta.version) ? 'behind' : 'up-to-date';
  return { ...known, state, advisories };
}

/** The worst severity among a stack's advisories, or undefined when none applies. */
export function worstOf(status: StackStatus): Severity | undefined {
  return status.advisories[0]?.severity;
}

/** Stacks with the worst advisory first, then behind, unknown, up to date; by name within each. */
function compareStatuses(a: StackStatus, b: StackStatus): number {
  const rank = (s: StackStatus) => {
    const worst = worstOf(s);
    return worst === undefined ? -1 : severityRank(worst);
  };
  return (
    rank(b) - rank(a) ||
    STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
    compareCodePoints(a.stackName, b.stackName)
  );
}

/**
 * Every listed stack whose tags name a catalogue entry, with its deployed and newest versions and
 * the advisories that apply, ordered by what needs doing first; stacks of entries the catalogue
 * does not have are kept, as unknown. Stacks without the entry tag were not deployed by oar.
 */
export function stackStatuses(stacks: readonly ListedStack[], byId: ReadonlyMap<string, ResolvedEntry>): StackStatus[] {
  return stacks
    .flatMap((stack) => {
      const entryId = stack.tags[STACK_TAG.entry];
      return entryId ? [statusOf(stack, entryId, byId)] : [];
    })
    .sort(compareStatuses);
}

/** `--fail-on <severity>` as a severity, or OAR303 with the list. */
export function parseFailOn(value: string | undefined): Severity | undefined {
  if (value === undefined || isSeverity(value)) return value;
  throw new OarError(
    'OAR303',
    `--fail-on ${JSON.stringify(value)} is not a severity; write one of ${SEVERITIES.join(', ')}, e.g. --fail-on high`,
  );
}

/** Each stack and advisory at or above `failOn`, worst first. */
export function advisoriesAtOrAbove(
  statuses: readonly StackStatus[],
  failOn: Severity,
): { stack: StackStatus; advisory: Advisory }[] {
  return statuses.flatMap((stack) =>
    stack.advisories
      .filter((a) => severityRank(a.severity) >= severityRank(failOn))
      .map((advisory) => ({ stack, advisory })),
  );
}

/** OAR341 when an advisory at or above `failOn` applies to a deployed stack, naming each. */
export function requireNoneAtOrAbove(statuses: readonly StackStatus[], failOn: Severity): void {
  const found = advisoriesAtOrAbove(statuses, failOn);
  if (found.length === 0) return;
  const each = found.map(
    ({ stack, advisory }) =>
      `  ${stack.stackName}: ${globalAdvisoryId(stack.entry, advisory.id)} (${advisory.severity})`,
  );
  throw new OarError(
    'OAR341',
    `${String(found.length)} advisor${found.length === 1 ? 'y' : 'ies'} at or above ${failOn} appl${found.length === 1 ? 'ies' : 'y'} to deployed stacks:\n${each.join('\n')}\nUpgrade each stack to the advisory's fixed version, or apply its mitigation, as oar status lists them`,
  );
}
