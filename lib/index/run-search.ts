import type lunr from 'lunr';
import { facetCounts, matchesFilter, type FacetName } from './facets.ts';
import type { SearchDoc } from './search-payload.ts';
import { searchIndex } from './search-index.ts';
import type { SearchState } from './url-state.ts';

/** One result: the document and the index terms that matched it, for highlighting. */
export interface SearchResult {
  readonly doc: SearchDoc;
  readonly terms: readonly string[];
}

/** A result list with the facet counts that go with it. */
export interface SearchOutcome {
  readonly results: readonly SearchResult[];
  readonly counts: Record<FacetName, Map<string, number>>;
}

/**
 * Query, then filter, then count: the one search the site and the tests share.
 * With no words, every entry matches, sorted by title.
 */
export function runSearch(index: lunr.Index, docs: readonly SearchDoc[], state: SearchState): SearchOutcome {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const matched: SearchResult[] =
    state.q.trim() === ''
      ? [...docs].sort((a, b) => a.title.localeCompare(b.title)).map((doc) => ({ doc, terms: [] }))
      : searchIndex(index, state.q).flatMap((hit) => {
          const doc = byId.get(hit.id);
          return doc ? [{ doc, terms: hit.terms }] : [];
        });
  return {
    results: matched.filter((r) => matchesFilter(r.doc.facets, state.filter)),
    counts: facetCounts(
      matched.map((r) => r.doc.facets),
      state.filter,
    ),
  };
}
