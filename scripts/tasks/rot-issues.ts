import type { Rest } from '../../generators/contribute/github-rest.ts';
import { parseCheckReport, type CheckedReport } from '../../lib/report/report-shapes.ts';
import { runIssueTask, syncLabelledIssues, type IssueTask } from './report/labelled-issues.ts';
import { planRotIssues, ROT_LABEL } from './report/rot-issues.ts';

/**
 * `node scripts/tasks/rot-issues.ts <check-report.json> <owner/repo>`: run by the
 * scheduled workflow's issues job on the report its check job uploaded. That job ran
 * the newest CDK libraries, whatever they contain, so the report is read as strictly
 * as a PR's. It makes the open issues labelled entry-check match the entries that
 * fail, and prints what it did.
 */
const rotIssues: IssueTask<CheckedReport> = {
  report: 'the check report',
  label: ROT_LABEL,
  parse: parseCheckReport,
  plan: planRotIssues,
  summary: (report) => {
    const failing = report.entries.filter((e) => e.status === 'failed').length;
    return `${report.entries.length} entries checked, ${failing} failing`;
  },
};

/** Plans and makes the issue changes; the exit code: 0 done, 1 the report was refused. */
export function syncRotIssues(rest: Rest, reportFile: string, repository: string, runUrl: string): Promise<number> {
  return syncLabelledIssues(rotIssues, rest, reportFile, repository, runUrl);
}

if (import.meta.main) await runIssueTask(rotIssues, 'scripts/tasks/rot-issues.ts');
