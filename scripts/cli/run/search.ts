import { OarError } from '../../../lib/diagnostics.ts';
import { buildSearchFiles } from '../../../lib/index/shards/build-shards.ts';
import { openInMemory } from '../../../lib/index/shards/engine.ts';
import { queryWords } from '../../../lib/index/terms.ts';
import { shown } from '../../../lib/report/shown.ts';
import { openForReading } from '../catalogue-access.ts';
import type { SearchOptions } from '../commands/search.ts';
import type { CommandContext } from '../context.ts';
import { summaryOf } from '../entry-summary.ts';
import { table } from '../table.ts';

/** `oar search <words>`: ranked results from the site's search engine, over its index files built in memory. */
export async function search(words: readonly string[], opts: SearchOptions, ctx: CommandContext): Promise<number> {
  const query = words.join(' ');
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
  const engine = await openInMemory(buildSearchFiles(catalogue.entries));
  const outcome = await engine.search({ q: query, filter: {} });
  const matches = outcome.matches.slice(0, limit);
  const docs = await engine.docs(matches.map((m) => m.doc));
  const rows = matches.flatMap((hit, i) => {
    const entry = catalogue.byId.get(docs[i]?.id ?? '');
    return entry ? [{ hit, entry }] : [];
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
    ctx.io.out(
      `no entries match ${shown(query)}; try fewer or other words, or propose an entry (CONTRIBUTING.md, "Add an entry")`,
    );
    return 0;
  }
  ctx.io.out(
    table(
      ['#', 'ID', 'SCORE', 'TITLE'],
      rows.map(({ hit, entry }, i) => [String(i + 1), entry.id, round(hit.score).toFixed(2), entry.meta.title]),
    ),
  );
  if (outcome.uncovered.length > 0) {
    ctx.io.out(
      `\nno entry mentions ${outcome.uncovered.map((w) => shown(w)).join(', ')}: these are the closest. If none fits, there is no entry for this yet: propose one (npx oar new <id>, or the "Propose an architecture" issue form; see CONTRIBUTING.md, "Add an entry")`,
    );
  }
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
