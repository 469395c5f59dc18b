import { restClient, type Rest } from '../../../generators/contribute/github-rest.ts';
import type { Parsed } from '../../../lib/report/report-shapes.ts';
import { readArtifactFile } from './artifact-file.ts';
import type { IssueAction, OpenIssue } from './issue-plan.ts';

/**
 * The runner the scheduled workflow's issue tasks share (rot-issues.ts,
 * advisory-issues.ts). Each runs in a job with `issues: write`, from a clean checkout
 * of the default branch without node_modules, on a report a read-only job uploaded,
 * so the report is read as strictly as a PR's. It makes the open issues with one
 * label match what the report's planner asks, and prints what it did.
 */

/** One issue task: its report, how that report is read, and how issues are planned from it. */
export interface IssueTask<R> {
  /** The report's name in messages, e.g. "the check report". */
  readonly report: string;
  readonly label: string;
  readonly parse: (source: string) => Parsed<R>;
  readonly plan: (report: R, open: readonly OpenIssue[], runUrl: string) => IssueAction[];
  /** The last line printed: what the report held. */
  readonly summary: (report: R) => string;
}

interface ListedIssue {
  readonly number: number;
  readonly body?: string | null;
  readonly user?: { readonly login: string } | null;
  readonly pull_request?: unknown;
}

/** Plans and makes the issue changes; the exit code: 0 done, 1 the report was refused. */
export async function syncLabelledIssues<R>(
  task: IssueTask<R>,
  rest: Rest,
  reportFile: string,
  repository: string,
  runUrl: string,
): Promise<number> {
  const source = readArtifactFile(reportFile);
  if (typeof source !== 'string') {
    console.error(`${task.report} was not read: ${source?.unreadable ?? 'there is no such file'}`);
    return 1;
  }
  const parsed = task.parse(source);
  if (!('ok' in parsed)) {
    console.error(`${task.report} was refused: ${parsed.problems.join('; ')}`);
    return 1;
  }
  const repo = `/repos/${repository}`;
  const listed = (await rest.paginate(`${repo}/issues?state=open&labels=${task.label}`, 20)) as ListedIssue[];
  // The issues endpoint also lists pull requests; only issues count.
  const issues: OpenIssue[] = listed
    .filter((i) => i.pull_request === undefined)
    .map((i) => ({ number: i.number, body: i.body ?? null, author: i.user?.login }));
  const actions = task.plan(parsed.ok, issues, runUrl);
  for (const a of actions) {
    if (a.kind === 'create') {
      const data = (await rest.request('POST', `${repo}/issues`, {
        title: a.title,
        body: a.body,
        labels: [task.label],
      })) as { number: number };
      console.log(`opened #${data.number} for ${a.id}`);
    } else if (a.kind === 'update') {
      await rest.request('PATCH', `${repo}/issues/${a.number}`, { title: a.title, body: a.body });
      console.log(`updated #${a.number} for ${a.id}`);
    } else {
      await rest.request('POST', `${repo}/issues/${a.number}/comments`, { body: a.comment });
      await rest.request('PATCH', `${repo}/issues/${a.number}`, { state: 'closed', state_reason: 'completed' });
      console.log(`closed #${a.number} for ${a.id}`);
    }
  }
  console.log(`${task.summary(parsed.ok)}; ${actions.length} issue change(s)`);
  return 0;
}

/** The command line of an issue task: `GITHUB_TOKEN=… node <script> <report.json> <owner/repo>`; RUN_URL names the run. */
export async function runIssueTask<R>(task: IssueTask<R>, script: string): Promise<void> {
  const [reportFile, repository] = process.argv.slice(2);
  const token = process.env['GITHUB_TOKEN'];
  if (!reportFile || !repository || !/^[\w.-]+\/[\w.-]+$/u.test(repository) || !token) {
    console.error(`usage: GITHUB_TOKEN=… node ${script} <report.json> <owner/repo>`);
    process.exit(2);
  }
  const rest = restClient(token, process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {});
  process.exitCode = await syncLabelledIssues(
    task,
    rest,
    reportFile,
    repository,
    process.env['RUN_URL'] ?? 'the scheduled run',
  );
}
