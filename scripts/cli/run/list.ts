import type { ListOptions } from '../commands/list.ts';
import { openForReading } from '../catalogue-access.ts';
import type { CommandContext } from '../context.ts';
import { summaryOf } from '../entry-summary.ts';
import { table } from '../table.ts';

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
  ctx.io.out(
    table(
      ['ID', 'VERSION', 'STATUS', 'TITLE'],
      entries.map((e) => [e.id, e.meta.version, e.meta.status, e.meta.title]),
    ),
  );
  return 0;
}
