import { FACETS, type FacetFilter, type FacetName } from './facets.ts';

/** What a results page shows: the query and the selected facet values. */
export interface SearchState {
  readonly q: string;
  readonly filter: FacetFilter;
}

const MAX_QUERY = 200;

/** Reads search state from a URL query string; unknown keys and empty values are ignored. */
export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filter: Partial<Record<FacetName, string[]>> = {};
  for (const facet of FACETS) {
    const values = params
      .getAll(facet)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => /^[a-z0-9-]{1,64}$/.test(v));
    if (values.length > 0) filter[facet] = [...new Set(values)];
  }
  return { q: (params.get('q') ?? '').slice(0, MAX_QUERY), filter };
}

/** Writes search state as a query string (with leading ?), stable in order so equal states give equal URLs. */
export function formatSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q !== '') params.set('q', q);
  for (const facet of FACETS) {
    const values = state.filter[facet];
    if (values && values.length > 0) params.set(facet, [...values].sort().join(','));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
