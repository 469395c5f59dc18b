import { renameSync, writeFileSync } from 'node:fs';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ForkAdvisoryReport } from '../../lib/report/fork-advisory-report.ts';
import { globalAdvisoryId } from '../../lib/resolve/advisories.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';

/**
 * `node scripts/tasks/fork-advisories.ts <out.json>`: run by the scheduled workflow's
 * advisories job (read-only, after npm ci) in the catalogue root. It writes every fork
 * with the parent advisories that apply to its base and that it has not handled, for
 * the issues job (scripts/tasks/advisory-issues.ts) to open, update and close one
 * issue per fork from.
 */

/** The report, or why none was written. */
export type Built = { readonly report: ForkAdvisoryReport } | { readonly refused: string };

/** One fork and what is open for it; the text is the entry's, as validated. */
function forkItem(e: ResolvedEntry & { upstream: NonNullable<ResolvedEntry['upstream']> }) {
  const u = e.upstream;
  return {
    id: e.id,
    version: e.meta.version,
    status: e.meta.status,
    parent: u.parent,
    base: u.base,
    parentVersion: u.parentVersion,
    open: u.open.map(({ advisory: a }) => ({
      id: globalAdvisoryId(u.parent, a.id),
      date: a.date,
      severity: a.severity,
      title: a.title,
      affected: a.affected,
      ...(a.fixedIn !== undefined && { fixedIn: a.fixedIn }),
      impact: a.impact,
      ...(a.upgrade !== undefined && { upgrade: a.upgrade }),
      ...(a.mitigation !== undefined && { mitigation: a.mitigation }),
    })),
  };
}

/**
 * The report of the catalogue at `root`. A catalogue with errors gets none: an entry
 * left out of it (unreadable, or refused by the schema) would look like a fork that is
 * gone, and its issue would be closed. Main always validates, so this is the odd week.
 */
export function forkAdvisoryReport(root: string, now: Date): Built {
  const catalogue = openCatalogue(root);
  const errors = catalogue.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0)
    return { refused: `the catalogue has ${errors} error${errors === 1 ? '' : 's'}; run oar validate and fix them` };
  const forks = catalogue.entries.flatMap((e) => (e.upstream ? [forkItem({ ...e, upstream: e.upstream })] : []));
  return { report: { checkedAt: now.toISOString(), forks } };
}

if (import.meta.main) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/tasks/fork-advisories.ts <out.json>');
    process.exit(2);
  }
  const built = forkAdvisoryReport(process.cwd(), new Date());
  if ('refused' in built) {
    console.error(`no fork-advisory report was written: ${built.refused}`);
    process.exit(1);
  }
  // Whole or not at all: the issues job must never read half a report.
  writeFileSync(`${out}.tmp`, `${JSON.stringify(built.report, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
  const open = built.report.forks.filter((f) => f.open.length > 0).length;
  console.log(`${built.report.forks.length} forks, ${open} with open advisories: ${out}`);
}
