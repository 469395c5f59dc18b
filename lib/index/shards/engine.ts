import { facetTable, type FacetCounts, type FacetTable } from '../facet-table.ts';
import { FACETS, type FacetValues } from '../facets.ts';
import { queryClauses, queryWords, type QueryClause as Clause } from '../terms.ts';
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

/** Reads one file of the index: fetch in the browser, the built map in `oar search` and tests. */
export type ReadJson = (path: string) => Promise<unknown>;

/** One ranked match: document number, score and the index terms that matched. */
export interface Match {
  readonly doc: number;
  readonly score: number;
  readonly terms: readonly string[];
}

/** A result list: matches in order, with facet counts over all matches. */
export interface Outcome {
  readonly matches: readonly Match[];
  readonly counts: FacetCounts;
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
    const parts = queryClauses(state.q);
    const filtered = FACETS.some((f) => (state.filter[f]?.length ?? 0) > 0);
    let matches: Match[];
    // No words lists every entry (`oar search` refuses such a query); words that make no clause ("a", "the") match nothing.
    if (queryWords(state.q).length === 0) {
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
    return {
      matches: passes ? matches.filter((m) => passes(m.doc)) : matches,
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

// A shard's terms as a Map, made once per shard: the shard is JSON, and looking a typed word up in a plain
// object finds Object.prototype's keys too ("constructor" matched an entry that never says it).
const shardTerms = new WeakMap<Shard, ReadonlyMap<string, readonly number[]>>();
const NO_TERMS: ReadonlyMap<string, readonly number[]> = new Map();

function termsOf(shard: Shard | undefined): ReadonlyMap<string, readonly number[]> {
  if (!shard) return NO_TERMS;
  let terms = shardTerms.get(shard);
  if (!terms) {
    // Object.entries lists own keys only, in the file's order.
    terms = new Map(Object.entries(shard.terms));
    shardTerms.set(shard, terms);
  }
  return terms;
}

/** Scores over postings: Σ boost·weight per document, divided by the query vector's length (lunr's scoring). */
function score(parts: readonly Clause[], shards: ReadonlyMap<string, Shard>, docCount: number): Match[] {
  const queryVector = new Map<string, number>();
  for (const clause of parts) {
    const terms = termsOf(shards.get(shardKey(clause.term)));
    const expanded = clause.prefix
      ? [...terms.keys()].filter((t) => t.startsWith(clause.term))
      : terms.has(clause.term)
        ? [clause.term]
        : [];
    for (const term of expanded) queryVector.set(term, (queryVector.get(term) ?? 0) + clause.boost);
  }
  const magnitude = Math.sqrt([...queryVector.values()].reduce((sum, b) => sum + b * b, 0));
  const terms = [...queryVector.keys()];
  // Typed arrays by document rather than an object per match: a common word matches thousands of entries.
  const { totals, masks } = scratch(docCount);
  const matched = new TermSets(terms, docCount, masks);
  const hits: number[] = [];
  for (const [t, term] of terms.entries()) {
    const boost = queryVector.get(term) ?? 0;
    const postings = termsOf(shards.get(shardKey(term))).get(term) ?? [];
    for (let i = 0; i < postings.length; i += 3) {
      const doc = postings[i] ?? 0;
      if (!matched.has(doc)) hits.push(doc);
      matched.add(doc, t);
      totals[doc] = (totals[doc] ?? 0) + (boost * (postings[i + 2] ?? 0)) / 1000;
    }
  }
  for (const doc of hits) totals[doc] = magnitude > 0 ? (totals[doc] ?? 0) / magnitude : 0;
  hits.sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0) || a - b);
  const matches = hits.map((doc) => ({ doc, score: totals[doc] ?? 0, terms: matched.of(doc) }));
  for (const doc of hits) {
    totals[doc] = 0;
    masks[doc] = 0;
  }
  return matches;
}

// Per-document scratch kept between queries: allocated per query, it was garbage the page had to collect
// while typing. Every query leaves it zeroed, clearing only the entries it touched.
const scratches = new Map<number, { totals: Float64Array; masks: Uint32Array }>();

function scratch(docCount: number): { totals: Float64Array; masks: Uint32Array } {
  let s = scratches.get(docCount);
  if (!s) {
    s = { totals: new Float64Array(docCount), masks: new Uint32Array(docCount) };
    scratches.set(docCount, s);
  }
  return s;
}

/**
 * Which query terms matched each document, in query order. Up to 31 terms, a bit
 * mask per document, and documents with the same mask share one list.
 */
class TermSets {
  readonly #terms: readonly string[];
  readonly #masks: Uint32Array | undefined;
  readonly #lists = new Map<number, string[]>();
  readonly #perDoc: (string[] | undefined)[] | undefined;

  /** `masks` must be all zero; the caller clears what this set marked. */
  constructor(terms: readonly string[], docCount: number, masks: Uint32Array) {
    this.#terms = terms;
    if (terms.length <= 31) this.#masks = masks;
    else this.#perDoc = new Array<string[] | undefined>(docCount);
  }

  has(doc: number): boolean {
    return this.#masks ? this.#masks[doc] !== 0 : this.#perDoc?.[doc] !== undefined;
  }

  add(doc: number, term: number): void {
    if (this.#masks) this.#masks[doc] = (this.#masks[doc] ?? 0) | (1 << term);
    else if (this.#perDoc) {
      const list = (this.#perDoc[doc] ??= []);
      const name = this.#terms[term] ?? '';
      if (list[list.length - 1] !== name) list.push(name);
    }
  }

  of(doc: number): readonly string[] {
    if (!this.#masks) return this.#perDoc?.[doc] ?? [];
    const mask = this.#masks[doc] ?? 0;
    let list = this.#lists.get(mask);
    if (!list) {
      list = this.#terms.filter((_, t) => (mask & (1 << t)) !== 0);
      this.#lists.set(mask, list);
    }
    return list;
  }
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
