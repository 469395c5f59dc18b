import type { Diagnostic } from '../../lib/diagnostics.ts';
import type { CheckReport, EntryCheck } from '../check/check-entries.ts';

/** What `oar validate --json` prints. */
export interface ValidateJson {
  readonly ok: boolean;
  readonly entries: number;
  readonly diagnostics: readonly Diagnostic[];
}

const MAX_ROWS = 50;

// Markdown tables break on pipes and newlines in messages; code spans break on backticks.
const cell = (text: string): string => text.replace(/\|/gu, '\\|').replace(/\r?\n/gu, ' ').replace(/`/gu, "'");

/** The validation result as Markdown: a summary line, then each problem with its file and line. */
export function validateMarkdown(v: ValidateJson): string {
  const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = v.diagnostics.length - errors;
  const head = `**oar validate**: ${errors === 0 ? '✅' : '❌'} ${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (v.diagnostics.length === 0) return head;
  const rows = v.diagnostics.slice(0, MAX_ROWS).map((d) => {
    const where = `${d.file}${d.line === undefined ? '' : `:${d.line}${d.col === undefined ? '' : `:${d.col}`}`}`;
    return `| ${d.severity} | \`${cell(where)}\` | ${d.code} | ${cell(d.message)} |`;
  });
  const more = v.diagnostics.length > MAX_ROWS ? [`\n…and ${v.diagnostics.length - MAX_ROWS} more.`] : [];
  return [head, '', '| | where | code | problem |', '|---|---|---|---|', ...rows, ...more].join('\n');
}

/** The check result as Markdown: one row per entry, then the errors of each failed entry. */
export function checkMarkdown(report: CheckReport): string {
  const failed = report.entries.filter((e) => e.status === 'failed');
  const head =
    `**oar check**: ${failed.length === 0 ? '✅' : '❌'} ${report.entries.length - failed.length} passed, ` +
    `${failed.length} failed (aws-cdk-lib ${report.cdkVersion}, ${report.cfnLint ?? 'no cfn-lint'})`;
  const rows = report.entries.map((e) => {
    const count = (s: 'error' | 'warning') => e.findings.filter((f) => f.severity === s).length;
    const resources = e.resources.reduce((n, [, c]) => n + c, 0);
    return `| ${e.id} ${e.version} | ${e.status === 'passed' ? '✅ passed' : '❌ failed'} | ${resources} | ${count('error')} | ${count('warning')} | ${e.acknowledged.length} |`;
  });
  const details = failed.map(failedDetails);
  return [
    head,
    '',
    '| entry | result | resources | errors | warnings | acknowledged |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...details,
  ].join('\n');
}

function failedDetails(e: EntryCheck): string {
  const lines = e.error
    ? [`- synth failed [${e.error.code}]: ${cell(e.error.message)}`]
    : e.findings
        .filter((f) => f.severity === 'error')
        .slice(0, MAX_ROWS)
        .map((f) => `- ${f.source} \`${cell(f.rule)}\` at \`${cell(f.where)}\`: ${cell(f.message)}`);
  return ['', `<details><summary>${e.id}: why it failed</summary>`, '', ...lines, '', '</details>'].join('\n');
}
