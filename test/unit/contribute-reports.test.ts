import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport, EntryCheck } from '../../generators/check/check-entries.ts';
import { checkMarkdown, validateMarkdown } from '../../generators/contribute/report-markdown.ts';
import { checklist, prBody, prTitle } from '../../generators/contribute/pr-body.ts';
import { planRotIssues } from '../../generators/contribute/rot-issues.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

const entry = (id: string, failed: boolean): EntryCheck => ({
  id,
  version: '1.0.0',
  status: failed ? 'failed' : 'passed',
  ms: 1000,
  resources: [['AWS::S3::Bucket', 2]],
  unemulated: [],
  findings: failed
    ? [
        {
          source: 'cdk-nag',
          rule: 'AwsSolutions-S1',
          severity: 'error',
          message: 'no access | logs',
          where: 'Stack/Bucket',
        },
      ]
    : [],
  acknowledged: [],
});
const report = (...entries: EntryCheck[]): CheckReport => ({
  checkedAt: '2026-11-26T04:17:00.000Z',
  cdkVersion: '2.300.0',
  cfnLint: 'cfn-lint 1.51.0',
  jobs: 2,
  ms: 5000,
  peakWorkerRssMb: 500,
  entries,
});

describe('report Markdown for PR comments and issues', () => {
  it('lists each validation problem with its file, line and code, escaping table syntax', () => {
    const md = validateMarkdown({
      ok: false,
      entries: 3,
      diagnostics: [
        {
          code: 'OAR106',
          severity: 'error',
          file: 'architectures/a/architecture.yaml',
          line: 3,
          col: 10,
          message: 'summary | too long',
        },
      ],
    });
    expect(md).toBe(
      [
        '**oar validate**: ❌ 3 entries, 1 error, 0 warnings',
        '',
        '| | where | code | problem |',
        '|---|---|---|---|',
        '| error | `architectures/a/architecture.yaml:3:10` | OAR106 | summary \\| too long |',
      ].join('\n'),
    );
  });

  it('gives one row per checked entry and the errors of each failed one', () => {
    const md = checkMarkdown(report(entry('good', false), entry('bad', true)));
    expect(md).toContain('**oar check**: ❌ 1 passed, 1 failed (aws-cdk-lib 2.300.0, cfn-lint 1.51.0)');
    expect(md).toContain('| good 1.0.0 | ✅ passed | 2 | 0 | 0 | 0 |');
    expect(md).toContain('<details><summary>bad: why it failed</summary>');
    expect(md).toContain('- cdk-nag `AwsSolutions-S1` at `Stack/Bucket`: no access \\| logs');
  });
});

describe('scheduled-check issues', () => {
  const run = 'https://github.com/o/r/actions/runs/1';

  it('opens an issue for a newly failing entry and nothing for passing ones', () => {
    const actions = planRotIssues(report(entry('good', false), entry('bad', true)), [], run);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'create', id: 'bad', title: 'Entry bad fails oar check' });
    expect(actions[0]?.kind === 'create' && actions[0].body).toContain('<!-- oar-entry: bad -->');
  });

  it('leaves an unchanged failure alone, refreshes a changed one, and closes a fixed one', () => {
    const first = planRotIssues(report(entry('bad', true)), [], run)[0];
    const body = first?.kind === 'create' ? first.body : '';
    const nextWeek = { ...report(entry('bad', true)), checkedAt: '2026-12-03T04:17:00.000Z' };
    expect(planRotIssues(nextWeek, [{ number: 7, body }], `${run}2`)).toEqual([]);
    const newerCdk = { ...nextWeek, cdkVersion: '2.301.0' };
    expect(planRotIssues(newerCdk, [{ number: 7, body }], run)).toMatchObject([{ kind: 'update', number: 7 }]);
    expect(planRotIssues(report(entry('bad', false)), [{ number: 7, body }], run)).toMatchObject([
      { kind: 'close', number: 7, id: 'bad' },
    ]);
  });
});

describe('the PR body of a proposal', () => {
  const fork = openCatalogue(REPO_ROOT).byId.get('java-web-tier-instance-store');
  if (!fork) throw new Error('java-web-tier-instance-store is missing from the catalogue');
  const template = readFileSync(join(REPO_ROOT, '.github/pull_request_template.md'), 'utf8');
  const validate = { ok: true, entries: 1, diagnostics: [] };

  it('names the fork and its parent in the title, and carries the reason and the changes', () => {
    expect(prTitle(fork)).toBe(`java-web-tier-instance-store ${fork.meta.version}: fork of java-web-tier-ebs 1.0.0`);
    const body = prBody(fork, { validate, check: report(entry('java-web-tier-instance-store', false)) }, template);
    expect(body).toContain('### Forked from java-web-tier-ebs 1.0.0');
    expect(body).toContain(fork.meta.forkedFrom?.reason ?? '?');
    for (const change of fork.meta.forkedFrom?.changes ?? []) expect(body).toContain(`- ${change}`);
    expect(body).toContain('**oar validate**: ✅ 1 entry, 0 errors, 0 warnings');
  });

  it("ticks only the template's items that oar verified", () => {
    const ticked = (failed: boolean) =>
      checklist(template, { validate: true, check: !failed }).filter((l) => l.startsWith('- [x]'));
    expect(ticked(false)).toHaveLength(3);
    expect(ticked(true).some((l) => l.includes('oar check'))).toBe(false);
    expect(checklist(template, { validate: true, check: true }).length).toBe(
      template.split('\n').filter((l) => l.startsWith('- [ ]')).length,
    );
  });
});
