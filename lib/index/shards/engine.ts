import { FACETS, facetCounts, matchesFilter, type FacetName, type FacetValues } from '../facets.ts';
import { queryClauses, type QueryClause as Clause } from '../search-index.ts';
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

/** Reads one file of the index (fetch in the browser, a map or the disk in tests). */
export type ReadJson = (path: string) => Promise<unknown>;

/** One ranked match: document number, lunr score and the index terms that matched. */
export interface Match {
  readonly doc: number;
  readonly score: number;
  readonly terms: readonly string[];
}

/** A result list: matches in order, with facet counts over all matches. */
export interface Outcome {
  readonly matches: readonly Match[];
  readonly counts: Record<FacetName, Map<string, number>>;
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
  let facetsByDoc: Promise<FacetValues[]> | undefined;
  const facets = () =>
    (facetsByDoc ??= get(`${SEARCH_DIR}/facets.json`).then((lists) =>
      invertFacets(lists as FacetLists, manifest.docCount),
    ));
  // Every search needs the facet lists: fetch them now, alongside the first query's shards, not after them.
  facets().catch(() => undefined);

  const search = async (state: SearchState): Promise<Outcome> => {
    const parts = queryClauses(state.q);
    const filtered = FACETS.some((f) => (state.filter[f]?.length ?? 0) > 0);
    let matches: Match[];
    if (parts.length === 0) {
      matches = Array.from({ length: manifest.docCount }, (_, doc) => ({ doc, score: 0, terms: [] }));
    } else {
      const keys = [...new Set(parts.map((c) => shardKey(c.term)))].filter((k) => known.has(k));
      const shards = new Map(
        await Promise.all(keys.map(async (k) => [k, (await get(shardPath(k))) as Shard] as const)),
      );
      matches = score(parts, shards);
    }
    const values = await facets();
    return {
      matches: filtered ? matches.filter((m) => matchesFilter(values[m.doc] ?? emptyValues(), state.filter)) : matches,
      counts: facetCounts(
        matches.map((m) => values[m.doc] ?? emptyValues()),
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

// A shard's terms in lunr's order, listed once per shard rather than once per prefix query.
const shardTerms = new WeakMap<Shard, readonly string[]>();

function termsOf(shard: Shard | undefined): readonly string[] {
  if (!shard) return [];
  let terms = shardTerms.get(shard);
  if (!terms) {
    terms = Object.keys(shard.terms);
    shardTerms.set(shard, terms);
  }
  return terms;
}

/** lunr's scoring over postings: Σ boost·weight per document, divided by the query vector's length. */
function score(parts: readonly Clause[], shards: ReadonlyMap<string, Shard>): Match[] {
  const queryVector = new Map<string, number>();
  for (const clause of parts) {
    const shard = shards.get(shardKey(clause.term));
    const expanded = clause.prefix
      ? termsOf(shard).filter((t) => t.startsWith(clause.term))
      : shard && clause.term in shard.terms
        ? [clause.term]
        : [];
    for (const term of expanded) queryVector.set(term, (queryVector.get(term) ?? 0) + clause.boost);
  }
  const magnitude = Math.sqrt([...queryVector.values()].reduce((sum, b) => sum + b * b, 0));
  // Sums in the same order as before (term by term, posting by posting), so scores are equal to the last bit.
  const scores = new Map<number, { score: number; terms: string[] }>();
  for (const [term, boost] of queryVector) {
    const postings = shards.get(shardKey(term))?.terms[term] ?? [];
    for (let i = 0; i < postings.length; i += 3) {
      const doc = postings[i] ?? 0;
      let entry = scores.get(doc);
      if (!entry) {
        entry = { score: 0, terms: [] };
        scores.set(doc, entry);
      }
      entry.score += (boost * (postings[i + 2] ?? 0)) / 1000;
      // A document's postings of one term are adjacent (one per field), so the last term is the only repeat.
      if (entry.terms[entry.terms.length - 1] !== term) entry.terms.push(term);
    }
  }
  const matches: Match[] = [];
  for (const [doc, s] of scores) matches.push({ doc, score: magnitude > 0 ? s.score / magnitude : 0, terms: s.terms });
  return matches.sort((a, b) => b.score - a.score || a.doc - b.doc);
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
