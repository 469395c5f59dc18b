import { OarError } from '../../../lib/diagnostics.ts';
import { buildSearchIndex, queryWords, searchIndex } from '../../../lib/index/search-index.ts';
import { shown } from '../../../lib/report/shown.ts';
import { openForReading } from '../catalogue-access.ts';
import type { CommandContext } from '../context.ts';
import { table } from '../table.ts';
import { summaryOf } from './list.ts';

/** `oar search <words>`: ranked results from the same lunr index the site uses. */
export async function search(
  query: string,
  opts: { limit: string; json?: true },
  ctx: CommandContext,
): Promise<number> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new OarError('OAR303', `--limit must be a whole number of 1 or more, got ${JSON.stringify(opts.limit)}`);
  }
  if (queryWords(query).length === 0) {
    throw new OarError(
      'OAR303',
      `the query ${shown(query)} has no words to search for; try e.g. oar search java web tier`,
    );
  }
  const catalogue = openForReading(ctx);
  const hits = searchIndex(buildSearchIndex(catalogue.entries), query).slice(0, limit);
  const rows = hits.flatMap((h) => {
    const entry = catalogue.byId.get(h.id);
    return entry ? [{ hit: h, entry }] : [];
  });
  if (opts.json) {
    ctx.io.out(
      JSON.stringify(
        rows.map(({ hit, entry }) => ({ ...summaryOf(entry), score: round(hit.score), matched: hit.terms })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    ctx.io.out(`no entries match ${shown(query)}; try fewer or other words`);
    return 0;
  }
  ctx.io.out(
    table(
      ['#', 'ID', 'SCORE', 'TITLE'],
      rows.map(({ hit, entry }, i) => [String(i + 1), entry.id, round(hit.score).toFixed(2), entry.meta.title]),
    ),
  );
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
