import type { Rest } from '../../generators/contribute/github-rest.ts';
import { parseForkAdvisoryReport, type ForkAdvisoryReport } from '../../lib/report/fork-advisory-report.ts';
import { ADVISORY_LABEL, planAdvisoryIssues } from './report/advisory-issues.ts';
import { runIssueTask, syncLabelledIssues, type IssueTask } from './report/labelled-issues.ts';

/**
 * `node scripts/tasks/advisory-issues.ts <fork-advisories.json> <owner/repo>`: run by
 * the scheduled workflow's advisory-issues job on the report its advisories job
 * uploaded (scripts/tasks/fork-advisories.ts). That job ran npm ci, so the report is
 * read as strictly as a PR's. It makes the open issues labelled fork-advisory match
 * the forks with unhandled parent advisories, and prints what it did.
 */
const advisoryIssues: IssueTask<ForkAdvisoryReport> = {
  report: 'the fork-advisory report',
  label: ADVISORY_LABEL,
  parse: parseForkAdvisoryReport,
  plan: planAdvisoryIssues,
  summary: (report) => {
    const affected = report.forks.filter((f) => f.open.length > 0).length;
    return `${report.forks.length} forks, ${affected} with open advisories`;
  },
};

/** Plans and makes the issue changes; the exit code: 0 done, 1 the report was refused. */
export function syncAdvisoryIssues(
  rest: Rest,
  reportFile: string,
  repository: string,
  runUrl: string,
): Promise<number> {
  return syncLabelledIssues(advisoryIssues, rest, reportFile, repository, runUrl);
}

if (import.meta.main) await runIssueTask(advisoryIssues, 'scripts/tasks/advisory-issues.ts');
