import lunr from 'lunr';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import { useDocumentIdf } from './idf.ts';
import { concepts, FIELD_BOOSTS, toSearchDocument } from './search-documents.ts';

useDocumentIdf();

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
  return concepts(query)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 20);
}

// Every entry is on AWS, so these words match every entry and would rank entries by how often they say them.
const CATALOGUE_STOP_WORDS = new Set(['aws', 'amazon']);

function isStopWord(word: string): boolean {
  const kept = lunr.stopWordFilter(new lunr.Token(word, {})) as lunr.Token | undefined;
  return CATALOGUE_STOP_WORDS.has(word) || kept === undefined;
}

/** One term of a query, as both the lunr index and the sharded engine run it. */
export interface QueryClause {
  /** Stemmed for an exact match; as typed for a prefix match. */
  readonly term: string;
  readonly prefix: boolean;
  readonly boost: number;
}

/**
 * The clauses of a query: each word stemmed, except stop words, which the
 * index never holds but whose stems can collide with real terms ("one" is
 * indexed as "on", "AWS" as "aw"); and the last word (two letters or more)
 * also as a prefix at half weight, so results appear while typing.
 */
export function queryClauses(query: string): QueryClause[] {
  const words = queryWords(query);
  return words.flatMap((word, i) => {
    const exact = isStopWord(word)
      ? []
      : [{ term: String(lunr.stemmer(new lunr.Token(word, {}))), prefix: false, boost: 1 }];
    return i === words.length - 1 && word.length >= 2 ? [...exact, { term: word, prefix: true, boost: 0.5 }] : exact;
  });
}

/** Runs a query with lunr: every clause of `queryClauses` is optional. */
export function searchIndex(index: lunr.Index, query: string): SearchHit[] {
  const clauses = queryClauses(query);
  if (clauses.length === 0) return [];
  const results = index.query((q) => {
    for (const c of clauses) {
      q.term(c.term, {
        usePipeline: false,
        boost: c.boost,
        ...(c.prefix && { wildcard: lunr.Query.wildcard.TRAILING }),
      });
    }
  });
  return results.map((r) => ({ id: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata) }));
}
