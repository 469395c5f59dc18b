/**
 * The sharded search index the site ships. A visitor downloads only the shards
 * of the words they type and the documents they see, so the first query stays
 * small however large the catalogue grows.
 *
 *   search/manifest.json   fields, shard keys, document count, chunk size
 *   search/facets.json     facet value → document numbers (delta-encoded)
 *   search/t/<key>.json    terms starting with <key> → postings
 *   search/d/<n>.json      documents n*chunk .. (n+1)*chunk-1, for display
 */
export const SEARCH_DIR = 'search';

/** How many documents share one display chunk. */
export const DOC_CHUNK = 8;

/** Index terms are grouped by their first two characters. */
export const SHARD_PREFIX = 2;

export interface Manifest {
  readonly version: 2;
  readonly fields: readonly string[];
  readonly shards: readonly string[];
  readonly docCount: number;
  readonly chunk: number;
}

/**
 * A shard: for each term, flat postings [doc, field, weight, doc, field, weight, ...]
 * where weight is the term's BM25 weight in that field, boosted, times 1000 (lib/index/shards/postings.ts).
 */
export interface Shard {
  readonly terms: Record<string, readonly number[]>;
}

/** What a result shows of an entry. */
export interface DisplayDoc {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly version: string;
  readonly status: string;
  readonly parent?: string;
}

/** Facet value → document numbers, as deltas from the previous number. */
export type FacetLists = Record<string, Record<string, readonly number[]>>;

/** The shard that holds `term`: its first two characters, hex-encoded unless plain a–z/0–9. */
export function shardKey(term: string): string {
  // Code points, not UTF-16 units, so a key never splits a character; index terms hold no emoji.
  const head = Array.from(term).slice(0, SHARD_PREFIX).join('');
  return /^[a-z0-9]+$/.test(head)
    ? head
    : `x${[...new TextEncoder().encode(head)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Path of a shard file, relative to the site root. */
export function shardPath(key: string): string {
  return `${SEARCH_DIR}/t/${key}.json`;
}

/** Path of a document chunk file, relative to the site root. */
export function chunkPath(n: number): string {
  return `${SEARCH_DIR}/d/${n}.json`;
}
