import type { ResolvedEntry } from '../../resolve/resolve-catalogue.ts';
import { FACETS, facetValues } from '../facets.ts';
import { FIELD_BOOSTS, toSearchDocument } from '../search-documents.ts';
import {
  chunkPath,
  DOC_CHUNK,
  SEARCH_DIR,
  shardKey,
  shardPath,
  type DisplayDoc,
  type FacetLists,
  type Manifest,
} from './layout.ts';
import { termPostings } from './postings.ts';

/**
 * Every file of the sharded search index, by path: the site serves them and
 * `oar search` reads them from memory, through the same engine (engine.ts).
 * Documents are numbered in title order, which is the order of an empty query.
 */
export function buildSearchFiles(
  entries: readonly ResolvedEntry[],
  verificationOf: (e: ResolvedEntry) => string = () => 'unchecked',
): Map<string, unknown> {
  const sorted = [...entries].sort((a, b) => a.meta.title.localeCompare(b.meta.title) || a.id.localeCompare(b.id));
  const fields = Object.keys(FIELD_BOOSTS);
  const postings = termPostings(sorted.map(toSearchDocument));

  const files = new Map<string, unknown>();
  const shards = new Map<string, [string, number[]][]>();
  for (const [term, list] of [...postings].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const key = shardKey(term);
    const shard = shards.get(key) ?? [];
    shard.push([term, list]);
    shards.set(key, shard);
  }
  // fromEntries defines each term as an own key: assigning to a plain object, "__proto__" set its prototype instead.
  for (const [key, terms] of shards) files.set(shardPath(key), { terms: Object.fromEntries(terms) });

  for (let n = 0; n * DOC_CHUNK < sorted.length; n++) {
    const docs = sorted.slice(n * DOC_CHUNK, (n + 1) * DOC_CHUNK).map((e): DisplayDoc => ({
      id: e.id,
      title: e.meta.title,
      summary: e.meta.summary,
      version: e.meta.version,
      status: e.meta.status,
      ...(e.meta.forkedFrom && { parent: e.meta.forkedFrom.id }),
    }));
    files.set(chunkPath(n), docs);
  }

  const facets = new Map<string, Map<string, number[]>>(FACETS.map((f) => [f, new Map()]));
  for (const [i, e] of sorted.entries()) {
    const values = facetValues(e.meta, verificationOf(e), e.evidence);
    for (const facet of FACETS) {
      const lists = facets.get(facet) ?? new Map<string, number[]>();
      for (const v of values[facet]) {
        const docs = lists.get(v);
        if (docs) docs.push(i);
        else lists.set(v, [i]);
      }
    }
  }
  const deltas: FacetLists = Object.fromEntries(
    [...facets].map(([facet, lists]) => [
      facet,
      Object.fromEntries(
        [...lists].map(([v, docs]) => [v, docs.map((d, i) => d - (i === 0 ? 0 : (docs[i - 1] ?? 0)))]),
      ),
    ]),
  );
  files.set(`${SEARCH_DIR}/facets.json`, deltas);

  const manifest: Manifest = {
    version: 2,
    fields,
    shards: [...shards.keys()].sort(),
    docCount: sorted.length,
    chunk: DOC_CHUNK,
  };
  files.set(`${SEARCH_DIR}/manifest.json`, manifest);
  return files;
}
