import { worstOf, type StackStatus } from '../../generators/status/stack-status.ts';
import { escapeControls } from '../../lib/control-chars.ts';
import { SEVERITIES } from '../../lib/resolve/advisories.ts';
import type { Advisory, Severity } from '../../schema/architecture.ts';
import { table } from './table.ts';

/** What `oar status` found: the region it listed and each stack that names an entry. */
export interface StatusReport {
  readonly region: string;
  readonly failOn?: Severity | undefined;
  readonly stacks: readonly StackStatus[];
}

// The JSON's fields, in the order it prints them: a contract with the pipelines that read it.
const STACK_FIELDS = [
  'stackName',
  'stackStatus',
  'entry',
  'env',
  'deployedVersion',
  'newestVersion',
  'state',
  'why',
] as const;
const ADVISORY_FIELDS = [
  'id',
  'severity',
  'date',
  'title',
  'affected',
  'fixedIn',
  'impact',
  'upgrade',
  'mitigation',
] as const;

/** `keys` of `from` in that order, null where a value is absent, so every document has the same shape. */
function fields<T, K extends keyof T>(from: T, keys: readonly K[]): { [P in K]-?: Exclude<T[P], undefined> | null } {
  return Object.fromEntries(keys.map((k) => [k, from[k] ?? null])) as { [P in K]-?: Exclude<T[P], undefined> | null };
}

/** The JSON document `oar status --json` prints: every field always present (null when absent), in a fixed order. */
export function statusJson(report: StatusReport) {
  return {
    region: report.region,
    failOn: report.failOn ?? null,
    stacks: report.stacks.map((s) => ({
      ...fields(s, STACK_FIELDS),
      worst: worstOf(s) ?? null,
      advisories: s.advisories.map((a) => fields(a, ADVISORY_FIELDS)),
    })),
  };
}

/** "1 high, 2 low", worst first. */
function counts(advisories: readonly Advisory[]): string {
  return [...SEVERITIES]
    .reverse()
    .map((sev) => [sev, advisories.filter((a) => a.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${String(n)} ${sev}`)
    .join(', ');
}

function stateCell(s: StackStatus): string {
  if (s.state === 'affected') return `affected: ${counts(s.advisories)}`;
  if (s.state === 'behind') return 'behind, no advisory applies';
  return s.state === 'unknown' ? 'unknown' : 'up to date';
}

/** One advisory as a stack's owner reads it: what it is, what goes wrong, and what to do. */
function advisoryLines(a: Advisory): string[] {
  const lines = [
    `  ${a.severity.toUpperCase()} ${a.id}: ${a.title} (${a.date})`,
    `    affects ${a.affected}; ${a.fixedIn === undefined ? 'no release fixes it yet' : `fixed in ${a.fixedIn}`}`,
    `    what goes wrong: ${a.impact}`,
  ];
  if (a.fixedIn !== undefined)
    lines.push(`    upgrade to ${a.fixedIn}${a.upgrade === undefined ? '' : `: ${a.upgrade}`}`);
  if (a.mitigation !== undefined) lines.push(`    mitigation: ${a.mitigation}`);
  return lines;
}

/** How to upgrade a stack to the catalogue's version, when one of its advisories has a fix. */
function upgradeLine(s: StackStatus, region: string): string[] {
  if (s.newestVersion === undefined || !s.advisories.some((a) => a.fixedIn !== undefined)) return [];
  // oar deploy tags the stack with its env; one deployed otherwise (oar generate, the cdk CLI) is redeployed the same way.
  const how =
    s.env === undefined
      ? 'redeploy it the way it was deployed'
      : `oar deploy ${s.entry} --env ${s.env} --region ${region}, with the --param values it was deployed with`;
  return [`  to upgrade to ${s.newestVersion}: ${how}`];
}

/** The text `oar status` prints: a table of the stacks, then each stack's advisories or why it is unknown. */
export function statusText(report: StatusReport): string {
  const { region, stacks } = report;
  if (stacks.length === 0) {
    return `no stack in ${region} has an oar:entry tag (oar deploy tags every stack it creates)`;
  }
  const plural = stacks.length === 1 ? 'stack' : 'stacks';
  const rows = stacks.map((s) => [
    s.stackName,
    s.entry,
    s.deployedVersion || '-',
    s.newestVersion ?? '-',
    stateCell(s),
  ]);
  const out = [
    `${String(stacks.length)} ${plural} in ${region} came from catalogue entries:`,
    '',
    table(['STACK', 'ENTRY', 'DEPLOYED', 'NEWEST', 'STATE'], rows),
  ];
  for (const s of stacks) {
    if (s.advisories.length === 0 && s.why === undefined) continue;
    // Tags are anyone's text: each stack's heading stays on one line.
    const env = s.env === undefined ? '' : `, env ${s.env}`;
    out.push('', escapeControls(`${s.stackName} (${s.entry} ${s.deployedVersion || 'without a version'}${env}):`));
    if (s.why !== undefined) out.push(`  ${s.why}`);
    for (const a of s.advisories) out.push(...advisoryLines(a));
    out.push(...upgradeLine(s, region));
  }
  return out.join('\n');
}
