import { facetTable, type FacetCounts, type FacetTable } from '../facet-table.ts';
import { FACETS, type FacetValues } from '../facets.ts';
import { queryClauses, queryWords } from '../terms.ts';
import type { SearchState } from '../url-state.ts';
import {
  chunkPath,
  shardKey,
  shardPath,
  SEARCH_DIR,
  type DisplayDoc,
  type FacetLists,
  type Manifest,
  type Shard,
} from './layout.ts';
import { uncoveredWords } from './coverage.ts';
import { score, type Match } from './score.ts';

export type { Match } from './score.ts';

/** Reads one file of the index: fetch in the browser, the built map in `oar search` and tests. */
export type ReadJson = (path: string) => Promise<unknown>;

/** A result list: matches in order, with facet counts over all matches. */
export interface Outcome {
  readonly matches: readonly Match[];
  readonly counts: FacetCounts;
  /** Words of the query the best match does not hold (uncoveredWords): the catalogue has no entry for them yet. */
  readonly uncovered: readonly string[];
}

/** The search engine over the sharded index; files are read on demand and kept. */
export interface Engine {
  search(state: SearchState): Promise<Outcome>;
  /** Display data for document numbers, in the same order. */
  docs(numbers: readonly number[]): Promise<DisplayDoc[]>;
  readonly docCount: number;
}

/** Opens the index: reads the manifest and starts on the facet lists; shards and documents come by query. */
export async function openEngine(read: ReadJson): Promise<Engine> {
  const manifest = (await read(`${SEARCH_DIR}/manifest.json`)) as Manifest;
  const known = new Set(manifest.shards);
  const cache = new Map<string, Promise<unknown>>();
  const get = (path: string) => {
    let file = cache.get(path);
    if (!file) {
      file = read(path);
      cache.set(path, file);
    }
    return file;
  };
  let table: Promise<FacetTable> | undefined;
  const facets = () =>
    (table ??= get(`${SEARCH_DIR}/facets.json`).then((lists) =>
      facetTable(invertFacets(lists as FacetLists, manifest.docCount)),
    ));
  // Every search needs the facet lists: fetch them now, alongside the first query's shards, not after them.
  facets().catch(() => undefined);

  const search = async (state: SearchState): Promise<Outcome> => {
    const words = queryWords(state.q);
    const parts = queryClauses(state.q);
    const filtered = FACETS.some((f) => (state.filter[f]?.length ?? 0) > 0);
    let matches: Match[];
    // No words lists every entry (`oar search` refuses such a query); words that make no clause ("a", "the") match nothing.
    if (words.length === 0) {
      matches = Array.from({ length: manifest.docCount }, (_, doc) => ({ doc, score: 0, terms: [] }));
    } else {
      const keys = [...new Set(parts.map((c) => shardKey(c.term)))].filter((k) => known.has(k));
      const shards = new Map(
        await Promise.all(keys.map(async (k) => [k, (await get(shardPath(k))) as Shard] as const)),
      );
      matches = score(parts, shards, manifest.docCount);
    }
    const facetsOf = await facets();
    const passes = filtered ? facetsOf.passing(state.filter) : undefined;
    const shown = passes ? matches.filter((m) => passes(m.doc)) : matches;
    return {
      matches: shown,
      uncovered: uncoveredWords(words, parts, shown[0]?.terms ?? []),
      counts: facetsOf.count(
        matches.map((m) => m.doc),
        state.filter,
      ),
    };
  };

  const docs = async (numbers: readonly number[]) => {
    const chunks = [...new Set(numbers.map((n) => Math.floor(n / manifest.chunk)))];
    const loaded = new Map(
      await Promise.all(chunks.map(async (c) => [c, (await get(chunkPath(c))) as DisplayDoc[]] as const)),
    );
    return numbers.flatMap((n) => {
      const doc = loaded.get(Math.floor(n / manifest.chunk))?.[n % manifest.chunk];
      return doc ? [doc] : [];
    });
  };

  return { search, docs, docCount: manifest.docCount };
}

/** The engine over index files held in memory, as `buildSearchFiles` returns them: no disk or network round trip. */
export function openInMemory(files: ReadonlyMap<string, unknown>): Promise<Engine> {
  return openEngine(async (path) => {
    if (!files.has(path)) throw new Error(`the search index has no file ${path}`);
    return files.get(path);
  });
}

function emptyValues(): FacetValues {
  return Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as FacetValues;
}

function invertFacets(lists: FacetLists, docCount: number): FacetValues[] {
  const values = Array.from({ length: docCount }, emptyValues);
  for (const facet of FACETS) {
    for (const [value, deltas] of Object.entries(lists[facet] ?? {})) {
      let doc = 0;
      for (const delta of deltas) {
        doc += delta;
        values[doc]?.[facet].push(value);
      }
    }
  }
  return values;
}
