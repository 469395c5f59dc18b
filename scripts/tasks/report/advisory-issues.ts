import {
  SEVERITY_ORDER,
  type ForkAdvisories,
  type ForkAdvisoryReport,
} from '../../../lib/report/fork-advisory-report.ts';
import { checkedIn, issueMarker, planIssues, type IssueAction, type OpenIssue } from './issue-plan.ts';
import { plural } from '../../../lib/plural.ts';
import { codeSpan } from './markdown.ts';

/** The label on issues the weekly workflow opens; one open issue per fork with an unhandled parent advisory. */
export const ADVISORY_LABEL = 'fork-advisory';

// Entry text (titles, ranges, sentences) goes into code spans, where GitHub renders no HTML,
// link, mention or reference; ids, versions, severities and dates, which the report's strict
// check holds to a pattern or a list, appear bare. 20 advisories of the longest text the
// schema allows (140 + 120 + 3 × 600 characters) keep a body well under GitHub's 65,536.
const MAX_SHOWN = 20;

type Open = ForkAdvisories['open'][number];

function advisoryBlock(a: Open): string {
  return [
    `### ${a.severity}: ${a.id}`,
    '',
    codeSpan(a.title, 140),
    '',
    `- Published ${a.date}; affects ${codeSpan(a.affected, 120)}; ${a.fixedIn === undefined ? 'no release fixes it yet' : `fixed in ${a.fixedIn}`}.`,
    `- What goes wrong: ${codeSpan(a.impact, 600)}`,
    ...(a.upgrade === undefined ? [] : [`- Upgrading: ${codeSpan(a.upgrade, 600)}`]),
    ...(a.mitigation === undefined ? [] : [`- On a running stack: ${codeSpan(a.mitigation, 600)}`]),
  ].join('\n');
}

function issueBody(f: ForkAdvisories, checkedAt: string, runUrl: string): string {
  const shown = f.open.slice(0, MAX_SHOWN).map(advisoryBlock);
  const cut = f.open.length - shown.length;
  return [
    issueMarker('oar-fork', f.id),
    `**${f.id}** ${f.version} (${f.status}) is forked from **${f.parent}** ${f.base}, and does not say how it handled ` +
      `${plural(f.open.length, 'advisory', 'advisories')} of ${f.parent} affecting ${f.base}. ` +
      `${f.parent} is now at ${f.parentVersion}; ${checkedIn(checkedAt, runUrl)}`,
    '',
    ...shown.flatMap((block) => [block, '']),
    ...(cut > 0
      ? [`…and ${plural(cut, 'more advisory', 'more advisories')}; \`npx oar upstream ${f.id}\` lists them all.`, '']
      : []),
    "### What the fork's maintainers do",
    '',
    `1. Run \`npx oar upstream ${f.id}\` to see what ${f.parent} changed since ${f.base}: its changelog, its advisories and a diff of its folder.`,
    f.parentVersion === f.base
      ? `2. ${f.parent} has no newer release to merge yet; follow each advisory's mitigation.`
      : `2. Take the fixes with \`npx oar sync ${f.id}\` (try \`--dry-run\` first), which merges ${f.parent} ${f.parentVersion} into the fork.`,
    `3. Or say how the fork handled each one under \`forkedFrom.advisories\` in \`architectures/${f.id}/architecture.yaml\`: ` +
      '`fixed`, `not-affected` with a `reason`, or `accepted` with a `reason`.',
    '',
    `Then run \`npx oar validate\` and open a PR. This issue closes itself when no advisory of ${f.parent} is open for the fork.`,
  ].join('\n');
}

// The worst severity leads the title (the report lists them worst first, but order is not a safety matter).
const worst = (open: readonly Open[]) =>
  SEVERITY_ORDER[Math.max(...open.map((a) => SEVERITY_ORDER.indexOf(a.severity)))];
const issueTitle = (f: ForkAdvisories) =>
  `Fork ${f.id}: ${plural(f.open.length, 'open advisory', 'open advisories')} of ${f.parent} (worst: ${worst(f.open) ?? 'none'})`;

/**
 * Plans the issue changes for one weekly run: open an issue for each fork with an
 * unhandled parent advisory, refresh it only when what is open changed, and close it
 * when the fork has handled them all (or synced past them) or is no longer a fork.
 */
export function planAdvisoryIssues(
  report: ForkAdvisoryReport,
  open: readonly OpenIssue[],
  runUrl: string,
): IssueAction[] {
  const subjects = report.forks.map((f) =>
    f.open.length > 0
      ? { id: f.id, issue: { title: issueTitle(f), body: issueBody(f, report.checkedAt, runUrl) } }
      : {
          id: f.id,
          resolved: `${f.id} ${f.version} has no open advisory of ${f.parent} any more: each one that applies to its base ${f.base} is handled under forkedFrom.advisories, or the fork moved past it (${runUrl}). Closing.`,
        },
  );
  return planIssues(subjects, open, {
    kind: 'oar-fork',
    gone: (id) => `${id} is no longer a fork in the catalogue (${runUrl}). Closing.`,
  });
}
