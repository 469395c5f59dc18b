import { describe, expect, it } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openInMemory } from '../../lib/index/shards/engine.ts';
import { AZ_QUERY, loadMissing, loadRealistic, survivesAzOutage } from '../../scripts/bench/search-ranking.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

// The real catalogue, searched with the engine the browser runs, so these are the results users see.
const catalogue = openCatalogue(REPO_ROOT);
const engine = await openInMemory(buildSearchFiles(catalogue.entries));

/** The ids of the first `n` results for a query with no filters, best first. */
async function top(query: string, n: number): Promise<string[]> {
  const { matches } = await engine.search({ q: query, filter: {} });
  const docs = await engine.docs(matches.slice(0, n).map((m) => m.doc));
  return docs.map((d) => d.id);
}

/**
 * Queries phrased the way people type them (test/fixtures/search/realistic.json),
 * with the entry each must find in its first three results. When a query fails,
 * the message shows what ranked instead, so a change of wording or boosts can be
 * judged entry by entry.
 */
const QUERIES = Object.entries(loadRealistic());

/** How many of the realistic queries, the AZ query included, rank their entry first today: it must not drop. */
const FIRST_FLOOR = 80;

/**
 * At most this many realistic queries may say "no entry mentions" a word of theirs: it must not grow. Today the
 * words are cheap (twice), throw, cutover, multiple, autoscaling, line, collect and shut; the entry is still first.
 */
const UNCOVERED_CEILING = 9;

describe('search quality on the real catalogue', () => {
  it('searches a catalogue of at least 45 valid entries', () => {
    expect(catalogue.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(45);
  });

  it.each(QUERIES)('"%s" finds %s in the top 3', async (query, id) => {
    const ids = await top(query, 5);
    expect(ids.slice(0, 3), `top 5: ${ids.join(', ')}`).toContain(id);
  });

  // Many entries mention zones; the first three must be ones that keep serving (unaffected or degraded) when one fails.
  it(`"${AZ_QUERY}" ranks first only entries that keep serving through one`, async () => {
    const ids = await top(AZ_QUERY, 3);
    expect(ids.length).toBe(3);
    expect(
      ids.filter((id) => !survivesAzOutage(catalogue, id)),
      `top 3: ${ids.join(', ')}`,
    ).toEqual([]);
  });

  it(`ranks the entry first for at least ${String(FIRST_FLOOR)} of the ${String(QUERIES.length + 1)} queries`, async () => {
    const missed: string[] = [];
    for (const [query, id] of QUERIES) {
      const ids = await top(query, 3);
      if (ids[0] !== id) missed.push(`"${query}": ${ids.join(', ')} (wants ${id})`);
    }
    if (!survivesAzOutage(catalogue, (await top(AZ_QUERY, 1))[0] ?? '')) missed.push(AZ_QUERY);
    expect(QUERIES.length + 1 - missed.length, missed.join('\n')).toBeGreaterThanOrEqual(FIRST_FLOOR);
  });

  it.each(loadMissing())(
    '"%s", a topic with no entry yet, lists the closest entries and says what none mentions',
    async (q) => {
      const { matches, uncovered } = await engine.search({ q, filter: {} });
      expect(matches.length).toBeGreaterThan(0);
      expect(uncovered.length).toBeGreaterThan(0);
    },
  );

  it(`says "no entry mentions" for at most ${String(UNCOVERED_CEILING)} of the realistic queries`, async () => {
    const flagged: string[] = [];
    for (const [q] of QUERIES) {
      const { uncovered } = await engine.search({ q, filter: {} });
      if (uncovered.length > 0) flagged.push(`"${q}": ${uncovered.join(', ')}`);
    }
    expect(flagged.length, flagged.join('\n')).toBeLessThanOrEqual(UNCOVERED_CEILING);
  });
});
