import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport, EntryCheck } from '../../generators/check/check-entries.ts';
import { checkMarkdown, codeSpan, prReportMarkdown, validateMarkdown } from '../../scripts/tasks/report/markdown.ts';
import { checklist, prBody, prTitle } from '../../generators/contribute/pr-body.ts';
import { BOT_LOGIN } from '../../generators/contribute/github-rest.ts';
import { planRotIssues } from '../../scripts/tasks/report/rot-issues.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

const entry = (id: string, failed: boolean): EntryCheck => ({
  id,
  version: '1.0.0',
  status: failed ? 'failed' : 'passed',
  ms: 1000,
  resources: [['AWS::S3::Bucket', 2]],
  templateFile: `cdk.out/${id}/oar-${id}.template.json`,
  unemulated: [],
  diagnostics: failed
    ? [
        {
          code: 'OAR308',
          severity: 'error',
          file: `architectures/${id}/cdk/stack.ts`,
          line: 9,
          col: 5,
          path: 'Stack/Bucket',
          message: 'AwsSolutions-S1 at Stack/Bucket: no access | logs',
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
  it('lists each validation problem with its code, file and line, the hostile parts in code spans', () => {
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
        { code: 'OAR223', severity: 'warning', file: 'architectures/a/README.mdx', message: 'no `cobol`' },
      ],
    });
    expect(md).toBe(
      [
        '**oar validate**: ❌ 3 entries, 1 error, 1 warning',
        '',
        '- ❌ OAR106 `architectures/a/architecture.yaml:3:10`: `summary | too long`',
        "- ⚠️ OAR223 `architectures/a/README.mdx`: `no 'cobol'`",
      ].join('\n'),
    );
  });

  it('gives one row per checked entry, failed first, and the errors of each failed one', () => {
    const md = checkMarkdown(report(entry('good', false), entry('bad', true)));
    expect(md).toContain('**oar check**: ❌ 1 passed, 1 failed (aws-cdk-lib 2.300.0, `cfn-lint 1.51.0`)');
    expect(md.indexOf('| bad 1.0.0 | ❌ failed | 2 | 1 | 0 | 0 |')).toBeLessThan(
      md.indexOf('| good 1.0.0 | ✅ passed | 2 | 0 | 0 | 0 |'),
    );
    expect(md).toContain('<details><summary>bad: why it failed</summary>');
    expect(md).toContain(
      '- ❌ OAR308 `architectures/bad/cdk/stack.ts:9:5`: `AwsSolutions-S1 at Stack/Bucket: no access | logs`',
    );
  });

  it('puts hostile text on one line of a code span: no backtick, control, invisible or direction character gets out', () => {
    expect(codeSpan('a`b\nc\r\nd\te\u001b[31m\u202eg\u200bh\u0085i', 100)).toBe(
      "`a'b c d e\ufffd[31m\ufffdg\ufffdh\ufffdi`",
    );
    expect(codeSpan('', 10)).toBe('` `');
    expect(codeSpan('x'.repeat(50), 10)).toBe(`\`${'x'.repeat(9)}…\``);
    // A cut never splits a surrogate pair, and a lone surrogate is replaced.
    expect(codeSpan('😀😀😀', 2)).toBe('`😀…`');
    expect(codeSpan('\ud800', 5)).toBe('`\ufffd`');
  });

  it('cuts long lists so that the biggest report fits in one GitHub comment', () => {
    const big = 'x'.repeat(20_000);
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...entry(`e${i}`, true),
      diagnostics: Array.from({ length: 50 }, () => ({
        code: 'OAR308' as const,
        severity: 'error' as const,
        file: big,
        line: 1,
        path: big,
        message: big,
      })),
    }));
    const validate = {
      ok: false,
      entries: 500,
      diagnostics: Array.from({ length: 5000 }, () => ({
        code: 'OAR106',
        severity: 'error' as const,
        file: big,
        line: 1,
        message: big,
      })),
    };
    const md = prReportMarkdown(validate, report(...many));
    expect(md.length).toBeLessThan(60_000);
    expect(md).toContain('- …and 4970 more problems.');
    expect(md).toContain('…and 490 more failed entries.');
    expect(md).toContain('- …and 45 more errors.');
    expect(md).toContain('…and 400 more entries.');
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
    expect(planRotIssues(nextWeek, [{ number: 7, body, author: BOT_LOGIN }], `${run}2`)).toEqual([]);
    const newerCdk = { ...nextWeek, cdkVersion: '2.301.0' };
    expect(planRotIssues(newerCdk, [{ number: 7, body, author: BOT_LOGIN }], run)).toMatchObject([
      { kind: 'update', number: 7 },
    ]);
    expect(planRotIssues(report(entry('bad', false)), [{ number: 7, body, author: BOT_LOGIN }], run)).toMatchObject([
      { kind: 'close', number: 7, id: 'bad' },
    ]);
  });

  it("touches only the bot's own issues, by the marker on their first line", () => {
    const first = planRotIssues(report(entry('bad', true)), [], run)[0];
    const body = first?.kind === 'create' ? first.body : '';
    // A stranger's issue with the label and the marker is neither updated nor closed.
    expect(planRotIssues(report(entry('bad', false)), [{ number: 7, body, author: 'mallory' }], run)).toEqual([]);
    // A finding that quotes another entry's marker does not make the issue that entry's.
    const quoting = `<!-- oar-entry: good -->x\n${body}`;
    expect(planRotIssues(report(entry('good', false)), [{ number: 8, body: quoting, author: BOT_LOGIN }], run)).toEqual(
      [],
    );
    expect(
      planRotIssues(
        report(entry('bad', true)),
        [{ number: 9, body: body.replaceAll('\n', '\r\n'), author: BOT_LOGIN }],
        run,
      ),
    ).toMatchObject([{ kind: 'update', number: 9 }]);
  });
});

describe('the PR body of a proposal', () => {
  const fork = openCatalogue(REPO_ROOT).byId.get('java-web-tier-instance-store');
  if (!fork) throw new Error('java-web-tier-instance-store is missing from the catalogue');
  const template = readFileSync(join(REPO_ROOT, '.github/pull_request_template.md'), 'utf8');
  const validate = { ok: true, entries: 1, diagnostics: [] };

  it('names the fork and its parent in the title, and carries the reason and the changes', () => {
    const parent = fork.meta.forkedFrom?.version ?? '?';
    expect(prTitle(fork)).toBe(
      `java-web-tier-instance-store ${fork.meta.version}: fork of java-web-tier-ebs ${parent}`,
    );
    const body = prBody(fork, { validate, check: report(entry('java-web-tier-instance-store', false)) }, template);
    expect(body).toContain(`### Forked from java-web-tier-ebs ${parent}`);
    expect(body).toContain(fork.meta.forkedFrom?.reason ?? '?');
    for (const change of fork.meta.forkedFrom?.changes ?? []) expect(body).toContain(`- ${change.change}`);
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
