import type { Code } from '../../lib/codes.ts';
import { sortDiagnostics, type Diagnostic } from '../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import type { CheckReport, EntryCheck } from './check-entries.ts';

/** The checks of an entry, each with the code its findings carry, in the order the report lists them. */
const CHECKS: readonly { codes: readonly Code[]; label: string }[] = [
  { codes: ['OAR305', 'OAR306'], label: 'variants synthesize' },
  { codes: ['OAR308'], label: 'cdk-nag AwsSolutions' },
  { codes: ['OAR309'], label: 'CloudFormation validation' },
  { codes: ['OAR327'], label: 'cfn-lint' },
  { codes: ['OAR328'], label: 'declared services vs template' },
  { codes: ['OAR329'], label: 'diagrams vs template' },
  { codes: ['OAR332', 'OAR333', 'OAR334'], label: 'claims' },
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

/**
 * One entry's block: its result, template and resources, then each check with a
 * count and its findings, one diagnostic per line as `oar validate` prints them;
 * cdk-nag's also lists the findings the stack acknowledges, with their reasons.
 */
export function formatEntry(e: EntryCheck, lintRan: boolean): string {
  const lines = [`${e.id} ${e.version}: ${e.status.toUpperCase()}${e.ms ? ` (${(e.ms / 1000).toFixed(1)} s)` : ''}`];
  const shown = (list: readonly Diagnostic[]) => sortDiagnostics(list).map((d) => `    ${formatDiagnostic(d)}`);
  if (e.templateFile === undefined) {
    lines.push('  synth failed:', ...shown(e.diagnostics));
    return lines.join('\n');
  }
  const total = e.resources.reduce((n, [, c]) => n + c, 0);
  lines.push(`  template: ${e.templateFile} (${total} resources)`);
  lines.push(`  resources: ${e.resources.map(([t, c]) => `${c} ${t}`).join(', ')}`);
  const variants = e.variants ?? ['default'];
  const claims = e.claims ?? [];
  for (const { codes, label } of CHECKS) {
    const [code] = codes;
    if (code === 'OAR305' && variants.length < 2) continue;
    // A report from before claims, or an entry with none: no claims line unless something was found.
    if (code === 'OAR332' && claims.length === 0 && !e.diagnostics.some((d) => codes.includes(d.code))) continue;
    if (code === 'OAR327' && !lintRan) {
      lines.push(`  ${label}: not run (cfn-lint is not installed)`);
      continue;
    }
    const found = e.diagnostics.filter((d) => codes.includes(d.code));
    const held = claims.filter((c) => c.passed).length;
    const extra =
      code === 'OAR305'
        ? ` (${variants.join(', ')})`
        : code === 'OAR332'
          ? ` (${held} of ${claims.length} claim runs hold over ${variants.length} configuration${variants.length === 1 ? '' : 's'})`
          : '';
    lines.push(`  ${label}: ${count(found)}${extra}`, ...shown(found));
    if (code === 'OAR308') {
      const acks = e.acknowledged.filter((a) => a.rule.startsWith('AwsSolutions-'));
      lines.push(...acks.map((a) => `    acknowledged ${a.rule} at ${a.where}: ${a.reason}`));
    }
  }
  lines.push(
    e.unemulated.length === 0
      ? '  local emulator: creates every resource type'
      : `  local emulator: cannot create ${e.unemulated.join(', ')}, so the entry stays synth-only`,
  );
  return lines.join('\n');
}

function count(found: readonly Diagnostic[]): string {
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.length - errors;
  if (found.length === 0) return 'ok';
  return [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
