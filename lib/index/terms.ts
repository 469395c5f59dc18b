import lunr from 'lunr';
import { concepts } from './search-documents.ts';

/**
 * How text becomes index terms, for the index (lib/index/shards/postings.ts)
 * and for queries alike.
 */

/** lunr.tokenizer's words for a string: lower case, split at runs of its separator, empty pieces dropped. */
export function textWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(lunr.tokenizer.separator)
    .filter((w) => w.length > 0);
}

// The pipeline lunr() sets up: each step looks at one word only, so a word's terms do not depend on its neighbours.
const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

/** The index terms of one word of `textWords`: none for a stop word. */
export function wordTerms(word: string): readonly string[] {
  return pipeline.runString(word);
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

/** One term of a query. */
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
