import { stemmer } from 'stemmer';
import { concepts } from './search-documents.ts';

/**
 * How text becomes index terms. The index (lib/index/shards/postings.ts),
 * queries and the site's highlighting all go through these functions, so a
 * word is cut and stemmed the same way wherever it is read.
 */

// lunr's English stop words, which the index has always left out, and two words every entry says:
// every entry is on AWS, so "aws" and "amazon" would rank entries by how often they say them.
const STOP_WORDS = new Set(
  [
    'a able about across after all almost also am among an and any are as at be because been but by can cannot',
    'could dear did do does either else ever every for from get got had has have he her hers him his how however',
    'i if in into is it its just least let like likely may me might most must my neither no nor not of off often',
    'on only or other our own rather said say says she should since so some than that the their them then there',
    'these they this tis to too twas us wants was we were what when where which while who whom why will with',
    'would yet you your aws amazon',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The words of a text: runs of letters and digits, lower-cased, with
 * apostrophes dropped ("entry's" is "entrys"). Everything else separates
 * words, so `s3:PutObject`, `ci/cd`, `java-web-tier` and `lambda/index.js`
 * are read as the words a person would type for them, on both sides.
 */
export function textWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The index term of one word of `textWords`: its Porter stem, or undefined for a stop word. */
export function termOf(word: string): string | undefined {
  return STOP_WORDS.has(word) ? undefined : stemmer(word);
}

/** At most this many words of a query count. */
const MAX_QUERY_WORDS = 20;

/**
 * Splits what a person typed into words. Query syntax of other engines
 * (`: ^ ~ * + -`, quotes) is punctuation here, so no input can throw.
 */
export function queryWords(query: string): string[] {
  return textWords(concepts(query)).slice(0, MAX_QUERY_WORDS);
}

/** One term of a query. */
export interface QueryClause {
  /**
   * exact: the word's index term; prefix: the word as typed, matching every
   * term it starts; fuzzy: the word's term, matching the closest terms within
   * `edits` edits, tried only when the word's other clauses match nothing.
   */
  readonly kind: 'exact' | 'prefix' | 'fuzzy';
  readonly term: string;
  readonly boost: number;
  /** Which query word the clause comes from. */
  readonly word: number;
  readonly edits: number;
}

/**
 * The clauses of a query. Each word gives its stem, except stop words, which
 * the index never holds; the last word (two letters or more) also gives a
 * prefix at half weight, so results appear while typing; and a word of three
 * letters or more that the index does not hold is taken as a typo of the
 * closest terms (one edit, two from five letters), at half weight.
 */
export function queryClauses(query: string): QueryClause[] {
  const words = queryWords(query);
  return words.flatMap((word, i): QueryClause[] => {
    const term = termOf(word);
    const clauses: QueryClause[] = [];
    if (term !== undefined) clauses.push({ kind: 'exact', term, boost: 1, word: i, edits: 0 });
    if (i === words.length - 1 && word.length >= 2)
      clauses.push({ kind: 'prefix', term: word, boost: 0.5, word: i, edits: 0 });
    if (term !== undefined && word.length >= 3) {
      clauses.push({ kind: 'fuzzy', term, boost: 0.5, word: i, edits: word.length >= 5 ? 2 : 1 });
    }
    return clauses;
  });
}
