import type { Finding, FindingSource } from '../cdk/validation-report.ts';
import type { CheckReport, EntryCheck } from './check-entries.ts';

const SOURCES: readonly { source: FindingSource; label: string }[] = [
  { source: 'cdk-nag', label: 'cdk-nag AwsSolutions' },
  { source: 'cfn-validate', label: 'CloudFormation validation' },
  { source: 'cfn-lint', label: 'cfn-lint' },
  { source: 'services', label: 'declared services vs template' },
  { source: 'diagram', label: 'diagrams vs template' },
];

/** The human report of an `oar check` run: one block per entry, then a summary line. */
export function formatCheckReport(report: CheckReport): string {
  const blocks = report.entries.map((e) => formatEntry(e, report.cfnLint !== null));
  const failed = report.entries.filter((e) => e.status === 'failed').length;
  const summary =
    `${report.entries.length} entr${report.entries.length === 1 ? 'y' : 'ies'} checked in ` +
    `${(report.ms / 1000).toFixed(1)} s with ${report.jobs} worker${report.jobs === 1 ? '' : 's'} ` +
    `and ${report.peakWorkerRssMb} MiB peak worker memory ` +
    `(aws-cdk-lib ${report.cdkVersion}${report.cfnLint ? `, ${report.cfnLint}` : ', no cfn-lint'}): ` +
    `${report.entries.length - failed} passed, ${failed} failed`;
  return [...blocks, summary].join('\n\n');
}

/** One entry's block. */
export function formatEntry(e: EntryCheck, lintRan: boolean): string {
  const lines = [`${e.id} ${e.version}: ${e.status.toUpperCase()}${e.ms ? ` (${(e.ms / 1000).toFixed(1)} s)` : ''}`];
  if (e.error) {
    lines.push(`  synth failed [${e.error.code}]: ${e.error.message.replace(/\n/gu, '\n    ')}`);
    return lines.join('\n');
  }
  const total = e.resources.reduce((n, [, c]) => n + c, 0);
  lines.push(`  template: ${e.templateFile ?? '?'} (${total} resources)`);
  lines.push(`  resources: ${e.resources.map(([t, c]) => `${c} ${t}`).join(', ')}`);
  for (const { source, label } of SOURCES) {
    if (source === 'cfn-lint' && !lintRan) {
      lines.push(`  ${label}: not run (cfn-lint is not installed)`);
      continue;
    }
    const found = e.findings.filter((f) => f.source === source);
    lines.push(`  ${label}: ${count(found)}`);
    lines.push(...found.map((f) => `    ${f.severity} ${f.rule} at ${f.where}: ${f.message}`));
    if (source === 'cdk-nag') {
      const acks = e.acknowledged.filter((a) => a.rule.startsWith('AwsSolutions-'));
      lines.push(...acks.map((a) => `    acknowledged ${a.rule} at ${a.where}: ${a.reason}`));
    }
  }
  return lines.join('\n');
}

function count(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return 'ok';
  return [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
