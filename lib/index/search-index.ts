import lunr from 'lunr';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import { FIELD_BOOSTS, toSearchDocument } from './search-documents.ts';

/** Builds the lunr index over the catalogue; the site ships the same index serialized. */
export function buildSearchIndex(entries: readonly ResolvedEntry[]): lunr.Index {
  const docs = entries.map(toSearchDocument);
  return lunr(function () {
    this.ref('id');
    for (const [field, boost] of Object.entries(FIELD_BOOSTS)) this.field(field, { boost });
    // No term positions: they tripled the shipped index, and highlighting matches by stem instead.
    for (const doc of docs) this.add(doc);
  });
}

/** One search hit. */
export interface SearchHit {
  readonly id: string;
  readonly score: number;
  /** Index terms that matched, for highlighting. */
  readonly terms: readonly string[];
}

/**
 * Splits what a person typed into plain words. lunr's own query syntax
 * (`: ^ ~ * + -`, quotes) is treated as punctuation, so no input can throw.
 */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 20);
}

/**
 * Runs a query: every word is optional and stemmed, and the last word also
 * matches as a prefix so results appear while typing.
 */
export function searchIndex(index: lunr.Index, query: string): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const results = index.query((q) => {
    for (const [i, word] of words.entries()) {
      q.term(word, { usePipeline: true });
      if (i === words.length - 1 && word.length >= 2) {
        q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5 });
      }
    }
  });
  return results.map((r) => ({ id: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata) }));
}
