import { bool, list, num, object, oneOf, parseShaped, quoted, text, type Infer } from './json-shape.ts';
import type { Parsed } from './report-shapes.ts';

/**
 * The emulator suite's report (test/integration/deploy-moto.test.ts): for each entry it
 * deployed, whether it was verified, meaning it deployed whole on the local emulator, its
 * read-back checks passed, a redeploy changed nothing and its destroy left only what it
 * declares retained. The site calls an entry verified only on this report's word.
 */

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.+-]{1,40})?$/u;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/u;
const LINE = 2_000;

const entryRun = object({
  id: text(64, ENTRY_ID),
  version: text(64, VERSION),
  /** verified; failed (a step failed: see problems); unemulated (some type has no emulator model, so not deployed). */
  status: oneOf('verified', 'failed', 'unemulated'),
  deployedAt: text(40, ISO_TIME),
  ms: num(0, 1e9),
  /** Resources the stack holds once deployed. */
  resources: num(0, 100_000),
  readBacks: num(0, 10_000),
  redeployNoOp: bool,
  leftovers: list(text(LINE), 10_000),
  unemulated: list(text(300), 10_000),
  problems: list(text(LINE * 5), 1_000),
});

export const emulatorReportShape = object({
  /** The moto version the emulator ran on, and aws-cdk-lib's. */
  moto: text(40, VERSION),
  cdkVersion: text(40, VERSION),
  entries: list(entryRun, 10_000),
});

export type EmulatorReport = Infer<typeof emulatorReportShape>;
export type EmulatorRun = Infer<typeof entryRun>;

/** Where the emulator suite leaves its report, beside oar check's. */
export const EMULATOR_REPORT_FILE = 'cdk.out/emulator-report.json';

/** What makes a run verified: every step passed. The status must agree, so a report cannot claim more. */
export function runProblems(run: EmulatorRun): string[] {
  const why: string[] = [];
  if (run.unemulated.length > 0) why.push(`the emulator cannot create ${run.unemulated.join(', ')}`);
  if (run.problems.length > 0) why.push(...run.problems);
  if (run.leftovers.length > 0) why.push(`destroy left ${run.leftovers.join('; ')}`);
  if (run.status !== 'unemulated' && run.problems.length === 0) {
    if (!run.redeployNoOp) why.push('a redeploy with no changes changed the stack');
    if (run.readBacks === 0) why.push('no property was read back');
  }
  return why;
}

/** Reads the report strictly: its shape, one run per entry, and each status agreeing with its steps. */
export function parseEmulatorReport(source: string): Parsed<EmulatorReport> {
  const parsed = parseShaped(source, emulatorReportShape, 8_000_000);
  if (!('ok' in parsed)) return parsed;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, run] of parsed.ok.entries.entries()) {
    if (seen.has(run.id)) problems.push(`entries[${i}] repeats the entry ${quoted(run.id)}`);
    seen.add(run.id);
    const failed = runProblems(run).length > 0;
    const expected = run.unemulated.length > 0 ? 'unemulated' : failed ? 'failed' : 'verified';
    if (run.status !== expected) problems.push(`entries[${i}].status is ${run.status}, but its steps say ${expected}`);
  }
  return problems.length > 0 ? { problems: problems.slice(0, 20) } : parsed;
}

/** The report with `runs` replacing earlier runs of the same entries (another shard or a rerun keeps the rest). */
export function mergeEmulatorReport(
  earlier: EmulatorReport | undefined,
  runs: readonly EmulatorRun[],
  versions: { moto: string; cdkVersion: string },
): EmulatorReport {
  const kept = (earlier?.entries ?? []).filter(
    (e) => !runs.some((r) => r.id === e.id) && earlier?.moto === versions.moto,
  );
  return {
    ...versions,
    entries: [...kept, ...runs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
