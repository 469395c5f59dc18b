import { FIELD_BOOSTS, type SearchDocument } from '../search-documents.ts';
import { termOf, textWords } from '../terms.ts';

/** BM25 parameters (lunr.Builder's defaults, which the ranking was tuned with). */
const K1 = 1.2;
const B = 0.75;

type Field = keyof typeof FIELD_BOOSTS;

/**
 * Inverse document frequency over documents, as BM25 defines it: a word in
 * every entry ("without", "zone") weighs least, a rare one ("java") most.
 */
function idfOf(documentsWithTerm: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5));
}

/**
 * The postings of every index term: flat [doc, field, weight, ...] in document
 * then field order, where weight is the BM25 field weight times the field's
 * boost, kept to three decimals and stored times 1000. lunr's builder computed
 * the same weights, but kept per-token metadata, built a token set and
 * serialised vectors the site never ships, and analysed each token instead of
 * each distinct word: at 1,000 entries it took 1.4 s of the build, this 0.3 s.
 */
export function termPostings(docs: readonly SearchDocument[]): Map<string, number[]> {
  const fields = Object.keys(FIELD_BOOSTS) as Field[];
  // The stemmer is the costly part, and a catalogue says the same few thousand words again and again.
  const terms = new Map<string, string | undefined>();
  const analyse = (word: string) => {
    if (terms.has(word)) return terms.get(word);
    const term = termOf(word);
    terms.set(word, term);
    return term;
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
      for (const word of textWords(doc[field])) {
        const term = analyse(word);
        if (term === undefined) continue;
        counts.set(term, (counts.get(term) ?? 0) + 1);
        length++;
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
        // Three decimals (as lunr kept them), stored times 1000 as integers: shorter JSON than the decimals.
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
