import { plural } from '../../../lib/plural.ts';
import type { CheckedReport, ValidateJson } from '../../../lib/report/report-shapes.ts';

export type { CheckedReport, ValidateJson } from '../../../lib/report/report-shapes.ts';

/** One entry of a check report. */
type CheckedEntry = CheckedReport['entries'][number];
/** One problem of either report, in the shape both share. */
type ReportedDiagnostic = ValidateJson['diagnostics'][number];

// Every string of a report may come from a contributor (file names, messages quoting
// their YAML, their stack's construct paths), so each one goes into a code span, where
// GitHub renders no HTML, link, image, mention, issue reference or emoji. Only ids and
// versions, which the report's strict check holds to a pattern, and numbers appear bare.
// The limits keep the biggest report a comment can hold under GitHub's 65,536 characters.
const MAX_PROBLEMS = 30;
const MAX_ROWS = 100;
const MAX_FAILED = 10;
const MAX_ERRORS = 5;

// Control characters (line breaks are spaces by then), and invisible or direction-changing ones.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Untrusted text as a one-line inline code span of at most `max` characters:
 * backticks become quotes, control and invisible characters a replacement character.
 */
export function codeSpan(value: string, max: number): string {
  // By code point, so that a cut never splits a surrogate pair.
  const chars = Array.from(
    value
      .toWellFormed()
      .replace(/\r\n|[\r\n\t]/gu, ' ')
      .replace(INVISIBLE, '\ufffd')
      .replaceAll('`', "'"),
  );
  const shown = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
  // An empty span would be two literal backticks.
  return `\`${shown === '' ? ' ' : shown}\``;
}

const more = (n: number, one: string, many = `${one}s`) => `…and ${n} more ${n === 1 ? one : many}.`;

/** One problem as a list item: its code, then where and what in code spans. */
function diagnosticRow(d: ReportedDiagnostic): string {
  const where = `${d.file}${d.line === undefined ? '' : `:${d.line}${d.col === undefined ? '' : `:${d.col}`}`}`;
  return `- ${d.severity === 'error' ? '❌' : '⚠️'} ${d.code} ${codeSpan(where, 150)}: ${codeSpan(d.message, 250)}`;
}

/** The validation result as Markdown: a summary line, then each problem with its code, file and line. */
export function validateMarkdown(v: ValidateJson): string {
  const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = v.diagnostics.length - errors;
  const head = `**oar validate**: ${errors === 0 ? '✅' : '❌'} ${plural(v.entries, 'entry', 'entries')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  if (v.diagnostics.length === 0) return head;
  const rows = v.diagnostics.slice(0, MAX_PROBLEMS).map(diagnosticRow);
  const cut = v.diagnostics.length > MAX_PROBLEMS ? [`- ${more(v.diagnostics.length - MAX_PROBLEMS, 'problem')}`] : [];
  return [head, '', ...rows, ...cut].join('\n');
}

/** The check result as Markdown: one row per entry, then the errors of each failed entry. */
export function checkMarkdown(report: CheckedReport): string {
  const failed = report.entries.filter((e) => e.status === 'failed');
  const lint = report.cfnLint === null ? 'no cfn-lint' : codeSpan(report.cfnLint, 60);
  const head =
    `**oar check**: ${failed.length === 0 ? '✅' : '❌'} ${report.entries.length - failed.length} passed, ` +
    `${failed.length} failed (aws-cdk-lib ${report.cdkVersion}, ${lint})`;
  // Failed entries first, so a cut list never hides one.
  const ordered = [...failed, ...report.entries.filter((e) => e.status === 'passed')];
  const rows = ordered.slice(0, MAX_ROWS).map((e) => {
    const count = (s: 'error' | 'warning') => e.diagnostics.filter((d) => d.severity === s).length;
    const resources = e.resources.reduce((n, [, c]) => n + c, 0);
    return `| ${e.id} ${e.version} | ${e.status === 'passed' ? '✅ passed' : '❌ failed'} | ${resources} | ${count('error')} | ${count('warning')} | ${e.acknowledged.length} |`;
  });
  const cut = ordered.length > MAX_ROWS ? ['', more(ordered.length - MAX_ROWS, 'entry', 'entries')] : [];
  const details = failed.slice(0, MAX_FAILED).map(failedDetails);
  const moreFailed =
    failed.length > MAX_FAILED ? ['', more(failed.length - MAX_FAILED, 'failed entry', 'failed entries')] : [];
  return [
    head,
    '',
    '| entry | result | resources | errors | warnings | acknowledged |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...cut,
    ...details,
    ...moreFailed,
  ].join('\n');
}

function failedDetails(e: CheckedEntry): string {
  const errors = e.diagnostics.filter((d) => d.severity === 'error');
  const lines = [
    ...errors.slice(0, MAX_ERRORS).map(diagnosticRow),
    ...(errors.length > MAX_ERRORS ? [`- ${more(errors.length - MAX_ERRORS, 'error')}`] : []),
  ];
  return ['', `<details><summary>${e.id}: why it failed</summary>`, '', ...lines, '', '</details>'].join('\n');
}

/** The whole PR report: both results, or a line for each that did not run, and how to see them locally. */
export function prReportMarkdown(validate: ValidateJson | undefined, check: CheckedReport | undefined): string {
  return [
    '### Open Architecture Registry report',
    validate ? validateMarkdown(validate) : '**oar validate** did not run; see the workflow log.',
    check ? checkMarkdown(check) : '**oar check** did not run (an earlier step failed); see the workflow log.',
    'Run `npx oar validate` and `npx oar check <id>` locally to see the same reports (CONTRIBUTING.md explains every code).',
  ].join('\n\n');
}
