import { describe, expect, it } from 'vitest';
import type { CheckReport, EntryCheck } from '../../generators/check/check-entries.ts';
import { checkMarkdown, validateMarkdown } from '../../generators/contribute/report-markdown.ts';
import { planRotIssues } from '../../generators/contribute/rot-issues.ts';

const entry = (id: string, failed: boolean): EntryCheck => ({
  id,
  version: '1.0.0',
  status: failed ? 'failed' : 'passed',
  ms: 1000,
  resources: [['AWS::S3::Bucket', 2]],
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
