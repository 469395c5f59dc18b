import { readFileSync } from 'node:fs';
import type { CheckReport } from '../../generators/check/check-entries.ts';
import { githubClient, tokenFromEnv } from '../../generators/contribute/github-client.ts';
import { planRotIssues, ROT_LABEL } from '../../generators/contribute/rot-issues.ts';

/**
 * `node scripts/tasks/rot-issues.ts <check-report.json> <owner/repo>`: run by the
 * scheduled workflow after `oar check --report`, it makes the open issues
 * labelled entry-check match the entries that fail, and prints what it did.
 */
const [reportFile, repository] = process.argv.slice(2);
if (!reportFile || !repository?.includes('/')) {
  console.error('usage: node scripts/tasks/rot-issues.ts <check-report.json> <owner/repo>');
  process.exit(2);
}
const [owner = '', repo = ''] = repository.split('/');
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as CheckReport;
const github = githubClient(tokenFromEnv());
const open = await github.paginate(github.rest.issues.listForRepo, { owner, repo, state: 'open', labels: ROT_LABEL });
// The issues endpoint also lists pull requests; only issues count.
const issues = open
  .filter((i) => i.pull_request === undefined)
  .map((i) => ({ number: i.number, body: i.body ?? null }));
const actions = planRotIssues(report, issues, process.env['RUN_URL'] ?? 'the scheduled run');
for (const a of actions) {
  if (a.kind === 'create') {
    const { data } = await github.rest.issues.create({
      owner,
      repo,
      title: a.title,
      body: a.body,
      labels: [ROT_LABEL],
    });
    console.log(`opened #${data.number} for ${a.id}`);
  } else if (a.kind === 'update') {
    await github.rest.issues.update({ owner, repo, issue_number: a.number, body: a.body });
    console.log(`updated #${a.number} for ${a.id}`);
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number: a.number, body: a.comment });
    await github.rest.issues.update({
      owner,
      repo,
      issue_number: a.number,
      state: 'closed',
      state_reason: 'completed',
    });
    console.log(`closed #${a.number}: ${a.id} passes again`);
  }
}
const failing = report.entries.filter((e) => e.status === 'failed').length;
console.log(`${report.entries.length} entries checked, ${failing} failing; ${actions.length} issue change(s)`);
