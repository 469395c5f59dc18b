import lunr from 'lunr';
import { idf as idfOf } from '../idf.ts';
import { FIELD_BOOSTS, type SearchDocument } from '../search-documents.ts';

/** lunr's BM25 parameters (lunr.Builder's defaults, which buildSearchIndex keeps). */
const K1 = 1.2;
const B = 0.75;

type Field = keyof typeof FIELD_BOOSTS;

/**
 * lunr.tokenizer's words for a string: lower case, split at runs of its
 * separator, empty pieces dropped. The same words without a Token object (and
 * a copy of its metadata) per word.
 */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(lunr.tokenizer.separator)
    .filter((w) => w.length > 0);
}

/**
 * The postings of every index term: flat [doc, field, weight, ...] in document
 * then field order, where weight is the field-vector weight lunr stores, times
 * 1000. It computes what `buildSearchIndex(docs).toJSON()` holds, term for term
 * (test/unit/sharded-search.test.ts compares the two), without lunr's builder:
 * that one keeps per-token metadata, builds a token set and serialises vectors
 * the site never ships, and runs the pipeline once per token instead of once
 * per distinct word: at 1,000 entries it took 1.4 s of the build, this 0.3 s.
 */
export function termPostings(docs: readonly SearchDocument[]): Map<string, number[]> {
  const fields = Object.keys(FIELD_BOOSTS) as Field[];
  const pipeline = new lunr.Pipeline();
  // The pipeline lunr() sets up, and that buildSearchIndex therefore uses.
  pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  const termsOf = new Map<string, readonly string[]>();
  const analyse = (word: string) => {
    let terms = termsOf.get(word);
    if (terms === undefined) {
      // Each step looks at one token only, so a word's terms do not depend on the words around it.
      terms = pipeline.runString(word);
      termsOf.set(word, terms);
    }
    return terms;
  };

  // Term frequencies per document and field, field lengths, and in how many documents a term is.
  const frequencies: Map<string, number>[][] = [];
  const lengths: number[][] = [];
  const totals = fields.map(() => 0);
  const spread = new Map<string, number>();
  for (const doc of docs) {
    const docFrequencies: Map<string, number>[] = [];
    const docLengths: number[] = [];
    const docTerms = new Set<string>();
    for (const [f, field] of fields.entries()) {
      const counts = new Map<string, number>();
      let length = 0;
      for (const word of words(doc[field])) {
        for (const term of analyse(word)) {
          counts.set(term, (counts.get(term) ?? 0) + 1);
          length++;
        }
      }
      for (const term of counts.keys()) docTerms.add(term);
      docFrequencies.push(counts);
      docLengths.push(length);
      totals[f] = (totals[f] ?? 0) + length;
    }
    for (const term of docTerms) spread.set(term, (spread.get(term) ?? 0) + 1);
    frequencies.push(docFrequencies);
    lengths.push(docLengths);
  }

  const n = docs.length;
  const idfs = new Map<string, number>();
  for (const [term, df] of spread) idfs.set(term, idfOf(df, n));
  const postings = new Map<string, number[]>();
  for (const [d, docFrequencies] of frequencies.entries()) {
    for (const [f, counts] of docFrequencies.entries()) {
      const field = fields[f] as Field;
      const relative = (lengths[d]?.[f] ?? 0) / ((totals[f] ?? 0) / n);
      for (const [term, tf] of counts) {
        const score = ((idfs.get(term) ?? 0) * ((K1 + 1) * tf)) / (K1 * (1 - B + B * relative) + tf);
        // lunr keeps three decimals (Math.round(score * 1000) / 1000); the shards store that times 1000.
        const weight = Math.round((Math.round(score * FIELD_BOOSTS[field] * 1000) / 1000) * 1000);
        let list = postings.get(term);
        if (list === undefined) {
          list = [];
          postings.set(term, list);
        }
        list.push(d, f, weight);
      }
    }
  }
  return postings;
}
