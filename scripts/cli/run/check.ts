import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkEntries } from '../../../generators/check/check-entries.ts';
import { formatCheckReport } from '../../../generators/check/format-check.ts';
import { defaultJobs } from '../../../generators/synth/synth-pool.ts';
import { OarError } from '../../../lib/diagnostics.ts';
import { parseShard, shardEntries } from '../../../lib/resolve/shard.ts';
import { CHECK_REPORT_FILE } from '../../../lib/resolve/verification.ts';
import { openForReading, requireEntry } from '../catalogue-access.ts';
import type { CheckOptions } from '../commands/check.ts';
import type { CommandContext } from '../context.ts';

/** `oar check [ids...]`: synth and review every entry, one report; 1 when any entry fails. */
export async function check(ids: readonly string[], opts: CheckOptions, ctx: CommandContext): Promise<number> {
  const catalogue = openForReading(ctx);
  const chosen = ids.length > 0 ? ids.map((id) => requireEntry(catalogue, id)) : catalogue.entries;
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard && 'problem' in shard) throw new OarError('OAR303', `--shard ${shard.problem}`);
  const entries = shard ? shardEntries(chosen, shard) : chosen;
  const jobs = opts.jobs === undefined ? defaultJobs(entries.length) : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new OarError(
      'OAR303',
      `--jobs ${JSON.stringify(opts.jobs)} is not a positive whole number; write e.g. --jobs 2`,
    );
  }
  ctx.io.err(
    `checking ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} with ${jobs} worker${jobs === 1 ? '' : 's'}…`,
  );
  const report = await checkEntries(
    ctx.root,
    entries,
    jobs,
    {
      onEntry: (c, done, total) => {
        const synthesized = c.templateFile === undefined ? 'synth FAILED' : 'synthesized';
        ctx.io.err(`[${done}/${total}] ${c.id}: ${synthesized} (${(c.ms / 1000).toFixed(1)} s)`);
      },
      onStage: (text) => {
        ctx.io.err(text);
      },
    },
    catalogue.byId,
  );
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.report) writeFileSync(resolve(ctx.io.cwd, opts.report), json);
  // A full run is what the site shows as each entry's verification status (lib/resolve/verification.ts).
  if (ids.length === 0 && !shard) {
    mkdirSync(join(ctx.root, 'cdk.out'), { recursive: true });
    writeFileSync(join(ctx.root, CHECK_REPORT_FILE), json);
  }
  ctx.io.out(opts.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
  return report.entries.some((e) => e.status === 'failed') ? 1 : 0;
}
