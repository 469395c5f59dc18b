import { bool, list, nullable, num, object, oneOf, pair, parseShaped, quoted, text, type Infer } from './json-shape.ts';

/**
 * The exact shapes of `oar validate --json` and `oar check --report` output, for the
 * readers that must not trust them: the PR comment and rot-issue workflows (which
 * read a report a contributor's run produced) and the site's verification badge.
 * Limits are far above what a real catalogue reports, and far below what would
 * slow a reader down. Imports only relative files: see json-shape.ts.
 */

/** The largest report file read, in characters. */
export const MAX_REPORT_CHARS = 8_000_000;
const MESSAGE = 20_000;
const PATH = 1_000;
const NAME = 300;
/** An entry id, as the schema allows it. */
export const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
/** A semver version, bounded. */
export const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.+-]{1,40})?$/u;
const CODE = /^OAR\d{3}$/u;
/** A UTC time as Date.toISOString writes it. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/u;
const BIG = 1e12;

/** One problem, in the same shape in both reports. */
const diagnostic = object(
  {
    code: text(6, CODE),
    severity: oneOf('error', 'warning'),
    file: text(PATH),
    message: text(MESSAGE),
  },
  { line: num(1, BIG), col: num(1, BIG), path: text(PATH) },
);

/** What `oar validate --json` prints. */
export const validateJsonShape = object({
  ok: bool,
  entries: num(0, 100_000),
  diagnostics: list(diagnostic, 100_000),
});

const entryCheck = object(
  {
    id: text(64, ENTRY_ID),
    version: text(64, VERSION),
    status: oneOf('passed', 'failed'),
    ms: num(0, BIG),
    resources: list(pair(text(NAME), num(0, BIG)), 10_000),
    diagnostics: list(diagnostic, 50_000),
    acknowledged: list(object({ rule: text(NAME), reason: text(MESSAGE), where: text(PATH) }), 50_000),
    unemulated: list(text(NAME), 10_000),
  },
  {
    templateFile: text(PATH),
    variants: list(text(64, ENTRY_ID), 100),
    claims: list(
      object({ id: text(64, ENTRY_ID), variant: text(64, ENTRY_ID), passed: bool }, { message: text(MESSAGE) }),
      100_000,
    ),
  },
);

/** What `oar check --report` writes. */
export const checkReportShape = object({
  checkedAt: text(40, ISO_TIME),
  cdkVersion: text(64, VERSION),
  cfnLint: nullable(text(NAME)),
  jobs: num(1, 10_000),
  ms: num(0, BIG),
  peakWorkerRssMb: num(0, BIG),
  entries: list(entryCheck, 10_000),
});

/** A validate report that passed its strict check. */
export type ValidateJson = Infer<typeof validateJsonShape>;
/** A check report that passed its strict check. */
export type CheckedReport = Infer<typeof checkReportShape>;

/** The report, or why it was refused (one line each, with hostile text quoted and cut short). */
export type Parsed<T> = { readonly ok: T } | { readonly problems: readonly string[] };

/** Reads `oar validate --json` output strictly: its shape, and an `ok` that agrees with its errors. */
export function parseValidateJson(source: string): Parsed<ValidateJson> {
  const parsed = parseShaped(source, validateJsonShape, MAX_REPORT_CHARS);
  if (!('ok' in parsed)) return parsed;
  const errors = parsed.ok.diagnostics.some((d) => d.severity === 'error');
  return parsed.ok.ok === !errors
    ? parsed
    : { problems: [`ok is ${parsed.ok.ok}, but the report lists ${errors ? 'errors' : 'no error'}`] };
}

/** Reads an `oar check` report strictly: its shape, one result per entry, and each status agreeing with its errors. */
export function parseCheckReport(source: string): Parsed<CheckedReport> {
  const parsed = parseShaped(source, checkReportShape, MAX_REPORT_CHARS);
  if (!('ok' in parsed)) return parsed;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, e] of parsed.ok.entries.entries()) {
    if (seen.has(e.id)) problems.push(`entries[${i}] repeats the entry ${quoted(e.id)}`);
    seen.add(e.id);
    // As generators/check/check-entries.ts decides it: any error fails the entry, a failed synth among them.
    const failed = e.diagnostics.some((d) => d.severity === 'error');
    if ((e.status === 'failed') !== failed)
      problems.push(`entries[${i}].status is ${e.status}, but the entry has ${failed ? 'errors' : 'no error'}`);
  }
  return problems.length > 0 ? { problems: problems.slice(0, 20) } : parsed;
}
