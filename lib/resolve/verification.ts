import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { locationOf } from '../report/format-diagnostics.ts';
import {
  EMULATOR_REPORT_FILE,
  parseEmulatorReport,
  runProblems,
  type EmulatorReport,
} from '../report/emulator-report.ts';
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
 * What the reports say of an entry: verified (it passed every check of `oar check`, and the
 * emulator suite deployed it whole, read it back, redeployed it as a no-op and destroyed it
 * leaving nothing), synth-only (it passed every check, but has not been verified on the
 * emulator, with why), failing (with why), or unchecked (no report, or one for another version).
 */
export interface Verification {
  readonly status: 'verified' | 'synth-only' | 'failing' | 'unchecked';
  readonly checkedAt?: string;
  readonly cdkVersion?: string;
  /** When the emulator suite verified it, and on which moto. */
  readonly deployedAt?: string;
  readonly moto?: string;
  readonly detail?: string;
}

/** The reports an entry's status is read from: `oar check`'s and the emulator suite's. */
export interface VerificationReports {
  readonly check: CheckReportData | undefined;
  readonly emulator: EmulatorReport | undefined;
}

function readStrict<T>(
  file: string,
  parse: (text: string) => { ok: T } | { problems: readonly string[] },
): T | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = parse(readFileSync(file, 'utf8'));
  return 'ok' in parsed ? parsed.ok : undefined;
}

/**
 * The report at OAR_CHECK_REPORT, else cdk.out/check-report.json under `root`;
 * undefined when there is none, or when it fails the strict check every reader of a
 * report applies (lib/report/report-shapes.ts), so a hand-made or foreign file
 * cannot mark entries verified with fields the site does not expect.
 */
export function readCheckReport(root: string): CheckReportData | undefined {
  return readStrict(process.env['OAR_CHECK_REPORT'] ?? join(root, CHECK_REPORT_FILE), parseCheckReport);
}

/** The emulator suite's report at OAR_EMULATOR_REPORT, else cdk.out/emulator-report.json, read as strictly. */
export function readEmulatorReport(root: string): EmulatorReport | undefined {
  return readStrict(process.env['OAR_EMULATOR_REPORT'] ?? join(root, EMULATOR_REPORT_FILE), parseEmulatorReport);
}

/** Both reports under `root`. */
export function readVerificationReports(root: string): VerificationReports {
  return { check: readCheckReport(root), emulator: readEmulatorReport(root) };
}

/** An entry's verification from the reports. */
export function verificationOf(id: string, version: string, reports: VerificationReports): Verification {
  const report = reports.check;
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
  const run = reports.emulator?.entries.find((x) => x.id === id && x.version === version);
  if (!run) {
    const unemulated = e.unemulated ?? [];
    return {
      status: 'synth-only',
      ...when,
      detail:
        unemulated.length > 0
          ? `the emulator cannot create ${unemulated.join(', ')}`
          : `the emulator suite has not deployed version ${version}`,
    };
  }
  const deployed = { deployedAt: run.deployedAt.slice(0, 10), moto: reports.emulator?.moto ?? '?' };
  if (run.status === 'verified') return { status: 'verified', ...when, ...deployed };
  const why = (runProblems(run)[0] ?? 'see the emulator suite').split('\n')[0] ?? '';
  return run.status === 'unemulated'
    ? { status: 'synth-only', ...when, ...deployed, detail: why }
    : { status: 'failing', ...when, ...deployed, detail: `on the emulator, ${why}` };
}
