import type { CheckedReport } from '../../../lib/report/report-shapes.ts';
import { BOT_LOGIN } from '../../../generators/contribute/github-rest.ts';
import { checkMarkdown } from './markdown.ts';

/** The label on issues the scheduled check opens; one open issue per failing entry. */
export const ROT_LABEL = 'entry-check';

/** An open issue with the label, as the API lists it. */
export interface OpenIssue {
  readonly number: number;
  readonly body: string | null;
  /** Who opened it: only the bot's own issues are the scheduled check's to update or close. */
  readonly author: string | undefined;
}

/** What to do on GitHub so that open issues match the entries that fail. */
export type IssueAction =
  | { readonly kind: 'create'; readonly id: string; readonly title: string; readonly body: string }
  | { readonly kind: 'update'; readonly id: string; readonly number: number; readonly body: string }
  | { readonly kind: 'close'; readonly id: string; readonly number: number; readonly comment: string };

// The entry an issue is about is recorded on the first line of its body, so a renamed title cannot
// orphan it; only the first line counts, as a finding's message could quote a marker too.
const marker = (id: string) => `<!-- oar-entry: ${id} -->`;
const entryOf = (body: string | null) => /^<!-- oar-entry: ([a-z0-9-]+) -->\r?\n/u.exec(body ?? '')?.[1];

function issueBody(report: CheckedReport, e: CheckedReport['entries'][number], runUrl: string): string {
  return [
    marker(e.id),
    `\`oar check\` fails for **${e.id}** ${e.version} with the newest CDK libraries (aws-cdk-lib ${report.cdkVersion}), checked ${report.checkedAt.slice(0, 10)} in ${runUrl}.`,
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
  const byEntry = new Map(
    open.flatMap((i) => {
      const id = i.author === BOT_LOGIN ? entryOf(i.body) : undefined;
      return id === undefined ? [] : [[id, i] as const];
    }),
  );
  const actions: IssueAction[] = [];
  for (const e of report.entries) {
    const issue = byEntry.get(e.id);
    if (e.status === 'failed') {
      const body = issueBody(report, e, runUrl);
      if (!issue) actions.push({ kind: 'create', id: e.id, title: `Entry ${e.id} fails oar check`, body });
      else if (stripRun(issue.body ?? '') !== stripRun(body))
        actions.push({ kind: 'update', id: e.id, number: issue.number, body });
    } else if (issue) {
      actions.push({
        kind: 'close',
        id: e.id,
        number: issue.number,
        comment: `${e.id} ${e.version} passes \`oar check\` again with aws-cdk-lib ${report.cdkVersion} (${runUrl}). Closing.`,
      });
    }
  }
  return actions;
}

// The date and run link change every week; only a changed report is worth a notification.
function stripRun(body: string): string {
  return body.replace(/checked \d{4}-\d{2}-\d{2} in \S+\./u, '');
}
