import { FACETS, type FacetFilter, type FacetName, type FacetValues } from './facets.ts';

/** Counts per facet value, by facet. */
export type FacetCounts = Record<FacetName, Map<string, number>>;

/**
 * Every document's facet values, numbered: the browse page counts them over every
 * match on every keystroke, and with 5,000 entries string maps made that the
 * slowest part of a query.
 */
export interface FacetTable {
  /**
   * Counts per facet value over `docs`. Each facet's counts apply every other
   * selected facet, so a count says how many results ticking it would add.
   */
  count(docs: Iterable<number>, filter: FacetFilter): FacetCounts;
  /** A test for documents that pass every selected facet (values within a facet are alternatives). */
  passing(filter: FacetFilter): (doc: number) => boolean;
}

/** Numbers the facet values of documents 0…n-1. */
export function facetTable(values: readonly FacetValues[]): FacetTable {
  const ids = new Map<string, number>();
  const facetOf: number[] = [];
  const valueOf: string[] = [];
  const flat: number[] = [];
  const start = new Int32Array(values.length + 1);
  for (const [doc, v] of values.entries()) {
    start[doc] = flat.length;
    for (const [f, facet] of FACETS.entries()) {
      for (const value of v[facet]) {
        const key = `${String(f)}:${value}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = valueOf.length;
          ids.set(key, id);
          facetOf.push(f);
          valueOf.push(value);
        }
        flat.push(id);
      }
    }
  }
  start[values.length] = flat.length;
  const codes = Int32Array.from(flat);
  const facetIndex = Uint8Array.from(facetOf);

  // The selected values as a mask over ids, and the facets that have any selected.
  const selection = (filter: FacetFilter) => {
    const mask = new Uint8Array(valueOf.length);
    const facets: number[] = [];
    for (const [f, facet] of FACETS.entries()) {
      const wanted = filter[facet] ?? [];
      if (wanted.length === 0) continue;
      facets.push(f);
      for (const w of wanted) {
        const id = ids.get(`${String(f)}:${w}`);
        if (id !== undefined) mask[id] = 1;
      }
    }
    return { mask, facets };
  };

  // The one selected facet `doc` fails, -1 for none, -2 for more than one.
  const failedFacet = (doc: number, mask: Uint8Array, facets: readonly number[], passed: Int32Array): number => {
    for (let k = start[doc] ?? 0; k < (start[doc + 1] ?? 0); k++) {
      const id = codes[k] ?? 0;
      if (mask[id] === 1) passed[facetIndex[id] ?? 0] = doc;
    }
    let failed = -1;
    for (const f of facets) {
      if (passed[f] === doc) continue;
      if (failed !== -1) return -2;
      failed = f;
    }
    return failed;
  };

  return {
    count(docs, filter) {
      const { mask, facets } = selection(filter);
      const tally = new Int32Array(valueOf.length);
      const passed = new Int32Array(FACETS.length).fill(-1);
      for (const doc of docs) {
        const failed = facets.length === 0 ? -1 : failedFacet(doc, mask, facets, passed);
        if (failed === -2) continue;
        // Failing none, a document counts everywhere; failing one, only in that facet (what ticking more there would add).
        for (let k = start[doc] ?? 0; k < (start[doc + 1] ?? 0); k++) {
          const id = codes[k] ?? 0;
          if (failed === -1 || facetIndex[id] === failed) tally[id] = (tally[id] ?? 0) + 1;
        }
      }
      const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as FacetCounts;
      for (const [id, n] of tally.entries()) {
        const facet = FACETS[facetIndex[id] ?? 0];
        if (n > 0 && facet) counts[facet].set(valueOf[id] ?? '', n);
      }
      return counts;
    },
    passing(filter) {
      const { mask, facets } = selection(filter);
      const passed = new Int32Array(FACETS.length).fill(-1);
      return (doc) => facets.length === 0 || failedFacet(doc, mask, facets, passed) === -1;
    },
  };
}

/** Counts per facet value over the given entries (see FacetTable.count). */
export function facetCounts(items: readonly FacetValues[], filter: FacetFilter): FacetCounts {
  return facetTable(items).count(items.keys(), filter);
}
