import type { ListOptions } from '../commands/list.ts';
import { openForReading } from '../catalogue-access.ts';
import type { CommandContext } from '../context.ts';
import { summaryOf } from '../entry-summary.ts';
import { table } from '../table.ts';
import { evidenceFigures, type EvidenceFigures } from '../../../lib/resolve/evidence.ts';
import type { ResolvedEntry } from '../../../lib/resolve/resolve-catalogue.ts';

/**
 * Per entry: its promises (failure modes, fork changes, evidenced constraints),
 * how many are proven by claims, left to a runbook, or neither; then the totals.
 */
function claimsTable(entries: readonly ResolvedEntry[]): string {
  const row = (id: string, status: string, claims: number, f: EvidenceFigures) => [
    id,
    status,
    String(claims),
    String(f.promises),
    String(f.checked),
    String(f.operational),
    String(f.none),
  ];
  const all = evidenceFigures(entries.flatMap((e) => e.evidence));
  const claims = entries.reduce((n, e) => n + e.claims.length, 0);
  return table(
    ['ID', 'STATUS', 'CLAIMS', 'PROMISES', 'CHECKED', 'OPERATIONAL', 'NEITHER'],
    [
      ...entries.map((e) => row(e.id, e.meta.status, e.claims.length, evidenceFigures(e.evidence))),
      row(`${entries.length} entries`, '', claims, all),
    ],
  );
}

/** `oar list`: one line per entry, optionally filtered. */
export async function list(opts: ListOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const entries = catalogue.entries.filter(
    (e) =>
      (opts.category === undefined || (e.meta.categories as string[]).includes(opts.category)) &&
      (opts.service === undefined || (e.meta.services as string[]).includes(opts.service)) &&
      (opts.status === undefined || e.meta.status === opts.status),
  );
  if (opts.json) {
    ctx.io.out(JSON.stringify(entries.map(summaryOf), null, 2));
    return 0;
  }
  if (entries.length === 0) {
    ctx.io.out('no entries match');
    return 0;
  }
  if (opts.claims) {
    ctx.io.out(claimsTable(entries));
    return 0;
  }
  ctx.io.out(
    table(
      ['ID', 'VERSION', 'STATUS', 'TITLE'],
      entries.map((e) => [e.id, e.meta.version, e.meta.status, e.meta.title]),
    ),
  );
  return 0;
}
