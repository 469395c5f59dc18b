import type { ResolvedEntry } from '../../../lib/resolve/resolve-catalogue.ts';
import { openForReading } from '../catalogue-access.ts';
import type { CommandContext } from '../context.ts';
import { table } from '../table.ts';

interface ListOptions {
  category?: string;
  service?: string;
  status?: 'draft' | 'stable' | 'deprecated';
  json?: true;
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
  ctx.io.out(
    table(
      ['ID', 'VERSION', 'STATUS', 'TITLE'],
      entries.map((e) => [e.id, e.meta.version, e.meta.status, e.meta.title]),
    ),
  );
  return 0;
}

/** The fields a listing shows, shared by `list --json` and `search --json`. */
export function summaryOf(e: ResolvedEntry) {
  return {
    id: e.id,
    title: e.meta.title,
    summary: e.meta.summary,
    version: e.meta.version,
    status: e.meta.status,
    categories: e.meta.categories,
    services: e.meta.services,
    ...(e.meta.forkedFrom && { forkedFrom: e.meta.forkedFrom.id }),
  };
}
