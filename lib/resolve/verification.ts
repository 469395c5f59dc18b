import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { locationOf } from '../report/format-diagnostics.ts';
import { parseCheckReport } from '../report/report-shapes.ts';

/** Where `oar check` leaves the report of its last run, for the site to read. */
export const CHECK_REPORT_FILE = 'cdk.out/check-report.json';

/** The parts of an `oar check` report (generators/check/check-entries.ts) that the site reads. */
export interface CheckReportData {
  readonly checkedAt: string;
  readonly cdkVersion: string;
  readonly entries: readonly {
    readonly id: string;
    readonly version: string;
    readonly status: 'passed' | 'failed';
    readonly unemulated?: readonly string[];
    readonly diagnostics: readonly Pick<Diagnostic, 'severity' | 'file' | 'line' | 'col' | 'message'>[];
  }[];
}

/**
 * What the last check says of an entry: verified (synthesized, passed every
 * check, and deployable whole to the emulator the deploy tests use), synth-only
 * (passed, but some resources cannot be deployed there), failing (with why),
 * or unchecked (no report, or one for another version).
 */
export interface Verification {
  readonly status: 'verified' | 'synth-only' | 'failing' | 'unchecked';
  readonly checkedAt?: string;
  readonly cdkVersion?: string;
  readonly detail?: string;
}

/**
 * The report at OAR_CHECK_REPORT, else cdk.out/check-report.json under `root`;
 * undefined when there is none, or when it fails the strict check every reader of a
 * report applies (lib/report/report-shapes.ts), so a hand-made or foreign file
 * cannot mark entries verified with fields the site does not expect.
 */
export function readCheckReport(root: string): CheckReportData | undefined {
  const file = process.env['OAR_CHECK_REPORT'] ?? join(root, CHECK_REPORT_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = parseCheckReport(readFileSync(file, 'utf8'));
  return 'ok' in parsed ? parsed.ok : undefined;
}

/** An entry's verification from the report. */
export function verificationOf(id: string, version: string, report: CheckReportData | undefined): Verification {
  const e = report?.entries.find((x) => x.id === id);
  if (!report || !e) return { status: 'unchecked', detail: 'no oar check report covers this entry yet' };
  const when = { checkedAt: report.checkedAt.slice(0, 10), cdkVersion: report.cdkVersion };
  if (e.version !== version) {
    return { status: 'unchecked', detail: `the last check ran on version ${e.version}, not ${version}` };
  }
  if (e.status === 'failed') {
    const first = e.diagnostics.find((d) => d.severity === 'error');
    const why = first ? `${locationOf(first)}: ${first.message}` : 'see oar check';
    return { status: 'failing', ...when, detail: why.split('\n')[0] ?? why };
  }
  const unemulated = e.unemulated ?? [];
  return unemulated.length > 0
    ? { status: 'synth-only', ...when, detail: `the emulator cannot create ${unemulated.join(', ')}` }
    : { status: 'verified', ...when };
}
