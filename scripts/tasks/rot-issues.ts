import { readArtifactFile } from './report/artifact-file.ts';
import { restClient, type Rest } from '../../generators/contribute/github-rest.ts';
import { planRotIssues, ROT_LABEL, type OpenIssue } from './report/rot-issues.ts';
import { parseCheckReport } from '../../lib/report/report-shapes.ts';

/**
 * `node scripts/tasks/rot-issues.ts <check-report.json> <owner/repo>`: run by the
 * scheduled workflow's issues job, from a clean checkout without node_modules, on the
 * report its check job uploaded. That job ran the newest CDK libraries, whatever they
 * contain, so the report is read as strictly as a PR's. It makes the open issues
 * labelled entry-check match the entries that fail, and prints what it did.
 */

interface ListedIssue {
  readonly number: number;
  readonly body?: string | null;
  readonly user?: { readonly login: string } | null;
  readonly pull_request?: unknown;
}

/** Plans and makes the issue changes; the exit code: 0 done, 1 the report was refused. */
export async function syncRotIssues(
  rest: Rest,
  reportFile: string,
  repository: string,
  runUrl: string,
): Promise<number> {
  const source = readArtifactFile(reportFile);
  if (typeof source !== 'string') {
    console.error(`the check report was not read: ${source?.unreadable ?? 'there is no such file'}`);
    return 1;
  }
  const parsed = parseCheckReport(source);
  if (!('ok' in parsed)) {
    console.error(`the check report was refused: ${parsed.problems.join('; ')}`);
    return 1;
  }
  const report = parsed.ok;
  const repo = `/repos/${repository}`;
  const listed = (await rest.paginate(`${repo}/issues?state=open&labels=${ROT_LABEL}`, 20)) as ListedIssue[];
  // The issues endpoint also lists pull requests; only issues count.
  const issues: OpenIssue[] = listed
    .filter((i) => i.pull_request === undefined)
    .map((i) => ({ number: i.number, body: i.body ?? null, author: i.user?.login }));
  const actions = planRotIssues(report, issues, runUrl);
  for (const a of actions) {
    if (a.kind === 'create') {
      const data = (await rest.request('POST', `${repo}/issues`, {
        title: a.title,
        body: a.body,
        labels: [ROT_LABEL],
      })) as {
        number: number;
      };
      console.log(`opened #${data.number} for ${a.id}`);
    } else if (a.kind === 'update') {
      await rest.request('PATCH', `${repo}/issues/${a.number}`, { body: a.body });
      console.log(`updated #${a.number} for ${a.id}`);
    } else {
      await rest.request('POST', `${repo}/issues/${a.number}/comments`, { body: a.comment });
      await rest.request('PATCH', `${repo}/issues/${a.number}`, { state: 'closed', state_reason: 'completed' });
      console.log(`closed #${a.number}: ${a.id} passes again`);
    }
  }
  const failing = report.entries.filter((e) => e.status === 'failed').length;
  console.log(`${report.entries.length} entries checked, ${failing} failing; ${actions.length} issue change(s)`);
  return 0;
}

if (import.meta.main) {
  const [reportFile, repository] = process.argv.slice(2);
  const token = process.env['GITHUB_TOKEN'];
  if (!reportFile || !repository || !/^[\w.-]+\/[\w.-]+$/u.test(repository) || !token) {
    console.error('usage: GITHUB_TOKEN=… node scripts/tasks/rot-issues.ts <check-report.json> <owner/repo>');
    process.exit(2);
  }
  const rest = restClient(token, process.env['GITHUB_API_URL'] ? { baseUrl: process.env['GITHUB_API_URL'] } : {});
  process.exitCode = await syncRotIssues(rest, reportFile, repository, process.env['RUN_URL'] ?? 'the scheduled run');
}
