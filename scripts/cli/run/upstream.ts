import { OarError } from '../../../lib/diagnostics.ts';
import { formatUpstream } from '../../../generators/upstream/format-upstream.ts';
import { requireFork } from '../../../generators/upstream/fork-point.ts';
import { parentChanges } from '../../../generators/upstream/parent-changes.ts';
import { upstreamReport } from '../../../generators/upstream/upstream-report.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { UpstreamOptions } from '../commands/upstream.ts';
import type { CommandContext } from '../context.ts';

/** `oar upstream <fork> [--json]`: the parent's releases, advisories and folder diff since the fork point. */
export async function upstream(id: string, opts: UpstreamOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const pair = requireFork(catalogue, requireEntry(catalogue, id));
  const changes = parentChanges(ctx.root, pair);
  const report = upstreamReport(pair, changes);
  ctx.io.out(opts.json ? JSON.stringify(report, null, 2) : formatUpstream(report));
  // The catalogue parts print before OAR339: they need no history, and the advisories are what a maintainer
  // in a shallow CI clone most needs to see. The error still fails the run, so a script knows the diff is missing.
  if ('missing' in changes && changes.missing) throw new OarError('OAR339', changes.unknown);
  return 0;
}
