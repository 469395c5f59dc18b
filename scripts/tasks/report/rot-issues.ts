import type { CheckedReport } from '../../../lib/report/report-shapes.ts';
import { checkedIn, issueMarker, planIssues, type IssueAction, type OpenIssue } from './issue-plan.ts';
import { checkMarkdown } from './markdown.ts';

/** The label on issues the scheduled check opens; one open issue per failing entry. */
export const ROT_LABEL = 'entry-check';

function issueBody(report: CheckedReport, e: CheckedReport['entries'][number], runUrl: string): string {
  return [
    issueMarker('oar-entry', e.id),
    `\`oar check\` fails for **${e.id}** ${e.version} with the newest CDK libraries (aws-cdk-lib ${report.cdkVersion}), ${checkedIn(report.checkedAt, runUrl)}`,
    '',
    checkMarkdown({ ...report, entries: [e] }),
    '',
    'Fix the stack (or acknowledge a new cdk-nag rule with a reason), run `npx oar check ' +
      e.id +
      '`, and open a PR. This issue closes itself when the entry passes again.',
  ].join('\n');
}

/**
 * Plans the issue changes for one scheduled run: open an issue for each newly
 * failing entry, refresh the issue of one that still fails (only when its
 * report changed), and close the issue of one that passes again.
 */
export function planRotIssues(report: CheckedReport, open: readonly OpenIssue[], runUrl: string): IssueAction[] {
  const subjects = report.entries.map((e) =>
    e.status === 'failed'
      ? { id: e.id, issue: { title: `Entry ${e.id} fails oar check`, body: issueBody(report, e, runUrl) } }
      : {
          id: e.id,
          resolved: `${e.id} ${e.version} passes \`oar check\` again with aws-cdk-lib ${report.cdkVersion} (${runUrl}). Closing.`,
        },
  );
  return planIssues(subjects, open, { kind: 'oar-entry' });
}
