import type lunr from 'lunr';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import { facetValues, type FacetValues } from './facets.ts';
import { buildSearchIndex } from './search-index.ts';

/** What a result list shows of an entry, and what it filters on. */
export interface SearchDoc {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly version: string;
  readonly status: string;
  readonly parent?: string;
  readonly facets: FacetValues;
}

/** The file the site ships for search: the serialized lunr index and the documents it points at. */
export interface SearchPayload {
  readonly version: 1;
  readonly index: object;
  readonly docs: readonly SearchDoc[];
}

/** Builds the search payload at build time, from the same index `oar search` uses. */
export function buildSearchPayload(entries: readonly ResolvedEntry[]): SearchPayload {
  const index: lunr.Index = buildSearchIndex(entries);
  const docs = entries.map((e): SearchDoc => ({
    id: e.id,
    title: e.meta.title,
    summary: e.meta.summary,
    version: e.meta.version,
    status: e.meta.status,
    ...(e.meta.forkedFrom && { parent: e.meta.forkedFrom.id }),
    facets: facetValues(e.meta),
  }));
  return { version: 1, index: index.toJSON(), docs };
}
