import { list, object, oneOf, parseShaped, quoted, repeats, text, type Infer } from './json-shape.ts';
import { ENTRY_ID, ISO_TIME, MAX_REPORT_CHARS, VERSION, type Parsed } from './report-shapes.ts';

/**
 * The exact shape of the fork-advisory report (scripts/tasks/fork-advisories.ts):
 * every fork in the catalogue with the parent advisories it has not handled. The
 * weekly workflow's issues job reads it with a write token and no node_modules, so
 * it is read as strictly as a PR's report, and this file imports only relative files.
 */

/** Severities from the mildest to the worst, as the schema lists them (lib/resolve/advisories.ts imports semver). */
export const SEVERITY_ORDER = ['low', 'medium', 'high', 'critical'] as const;
const SEVERITY = oneOf(...SEVERITY_ORDER);
const STATUS = oneOf('draft', 'stable', 'deprecated');
// `<parent>/<advisory>`: each half as the schema allows an id (at most 64 characters each).
const GLOBAL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
// Above the schema's limits (140 for a title, 120 for a range, 600 for a sentence), so a
// looser schema later does not refuse every report, and far below what would slow a reader.
const LINE = 300;
const SENTENCE = 2_000;

const openAdvisory = object(
  {
    id: text(129, GLOBAL_ID),
    date: text(10, DATE),
    severity: SEVERITY,
    title: text(LINE),
    affected: text(LINE),
    impact: text(SENTENCE),
  },
  { fixedIn: text(64, VERSION), upgrade: text(SENTENCE), mitigation: text(SENTENCE) },
);

const forkAdvisories = object({
  id: text(64, ENTRY_ID),
  version: text(64, VERSION),
  status: STATUS,
  parent: text(64, ENTRY_ID),
  /** The parent version the fork is based on. */
  base: text(64, VERSION),
  parentVersion: text(64, VERSION),
  /** The parent's advisories that apply to the base and the fork has not handled, worst first. */
  open: list(openAdvisory, 1_000),
});

/** What scripts/tasks/fork-advisories.ts writes: every fork, those with nothing open too. */
export const forkAdvisoryReportShape = object({
  checkedAt: text(40, ISO_TIME),
  forks: list(forkAdvisories, 10_000),
});

/** A fork-advisory report that passed its strict check. */
export type ForkAdvisoryReport = Infer<typeof forkAdvisoryReportShape>;
/** One fork of the report. */
export type ForkAdvisories = ForkAdvisoryReport['forks'][number];

/** Reads a fork-advisory report strictly: its shape, one item per fork, and advisories that are the parent's. */
export function parseForkAdvisoryReport(source: string): Parsed<ForkAdvisoryReport> {
  const parsed = parseShaped(source, forkAdvisoryReportShape, MAX_REPORT_CHARS);
  if (!('ok' in parsed)) return parsed;
  const forks = parsed.ok.forks;
  const problems = repeats(
    forks.map((f) => f.id),
    'forks',
    'fork',
  );
  for (const [i, f] of forks.entries()) {
    if (f.parent === f.id) problems.push(`forks[${i}] names itself as its parent`);
    const notParents = f.open.flatMap((a, j) =>
      a.id.startsWith(`${f.parent}/`)
        ? []
        : [`forks[${i}].open[${j}].id ${quoted(a.id)} is not an advisory of ${quoted(f.parent)}`],
    );
    problems.push(
      ...notParents,
      ...repeats(
        f.open.map((a) => a.id),
        `forks[${i}].open`,
        'advisory',
      ),
    );
  }
  return problems.length > 0 ? { problems: problems.slice(0, 20) } : parsed;
}
