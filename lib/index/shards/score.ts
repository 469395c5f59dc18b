import { distance } from 'fastest-levenshtein';
import type { QueryClause as Clause } from '../terms.ts';
import { shardKey, type Shard } from './layout.ts';

/** One ranked match: document number, score and the index terms that matched. */
export interface Match {
  readonly doc: number;
  readonly score: number;
  readonly terms: readonly string[];
}

// A shard's terms as a Map, made once per shard: the shard is JSON, and looking a typed word up in a plain
// object finds Object.prototype's keys too ("constructor" matched an entry that never says it).
const shardTerms = new WeakMap<Shard, ReadonlyMap<string, readonly number[]>>();
const NO_TERMS: ReadonlyMap<string, readonly number[]> = new Map();

function termsOf(shard: Shard | undefined): ReadonlyMap<string, readonly number[]> {
  if (!shard) return NO_TERMS;
  let terms = shardTerms.get(shard);
  if (!terms) {
    // Object.entries lists own keys only, in the file's order.
    terms = new Map(Object.entries(shard.terms));
    shardTerms.set(shard, terms);
  }
  return terms;
}

/** The index terms a clause matches, among the terms of its shard. */
function expand(clause: Clause, terms: ReadonlyMap<string, readonly number[]>): string[] {
  if (clause.kind === 'exact') return terms.has(clause.term) ? [clause.term] : [];
  if (clause.kind === 'prefix') return [...terms.keys()].filter((t) => t.startsWith(clause.term));
  // The closest terms only: a typo one edit away from a term is not also read as every term two edits away.
  let best = clause.edits;
  let closest: string[] = [];
  for (const t of terms.keys()) {
    // The difference in length is a lower bound of the distance: most terms are passed over without computing it.
    if (Math.abs(t.length - clause.term.length) > best) continue;
    const d = distance(t, clause.term);
    if (d < best || (d === best && closest.length === 0)) [best, closest] = [d, [t]];
    else if (d === best) closest.push(t);
  }
  return closest;
}

/**
 * Scores over postings: Σ boost·weight per document, divided by the query
 * vector's length (lunr's scoring), times the share of the query's words the
 * document matches (Lucene's coordination), so an entry that has every word
 * of "connect many vpcs together" outranks one that says two of them often.
 */
export function score(parts: readonly Clause[], shards: ReadonlyMap<string, Shard>, docCount: number): Match[] {
  const queryVector = new Map<string, number>();
  // Bit i set: the term stands for query word i (queryWords keeps at most 20 words).
  const wordsOf = new Map<string, number>();
  let found = 0;
  for (const clause of parts) {
    // A fuzzy clause stands in for a word the index does not hold; a word found as typed (or begun) keeps its meaning.
    if (clause.kind === 'fuzzy' && (found & (1 << clause.word)) !== 0) continue;
    const expanded = expand(clause, termsOf(shards.get(shardKey(clause.term))));
    if (expanded.length > 0) found |= 1 << clause.word;
    for (const term of expanded) {
      queryVector.set(term, (queryVector.get(term) ?? 0) + clause.boost);
      wordsOf.set(term, (wordsOf.get(term) ?? 0) | (1 << clause.word));
    }
  }
  const magnitude = Math.sqrt([...queryVector.values()].reduce((sum, b) => sum + b * b, 0));
  const terms = [...queryVector.keys()];
  // Typed arrays by document rather than an object per match: a common word matches thousands of entries.
  const { totals, masks } = scratch(docCount);
  const matched = new TermSets(terms, docCount, masks);
  const hits: number[] = [];
  for (const [t, term] of terms.entries()) {
    const boost = queryVector.get(term) ?? 0;
    const postings = termsOf(shards.get(shardKey(term))).get(term) ?? [];
    for (let i = 0; i < postings.length; i += 3) {
      const doc = postings[i] ?? 0;
      if (!matched.has(doc)) hits.push(doc);
      matched.add(doc, t);
      totals[doc] = (totals[doc] ?? 0) + (boost * (postings[i + 2] ?? 0)) / 1000;
    }
  }
  const words = bitCount(found);
  // Documents that matched the same terms share one list (TermSets), so the share is counted once per list.
  const shares = new Map<readonly string[], number>();
  const shareOf = (terms: readonly string[]) => {
    let share = shares.get(terms);
    if (share === undefined) {
      share = bitCount(terms.reduce((mask, term) => mask | (wordsOf.get(term) ?? 0), 0)) / words;
      shares.set(terms, share);
    }
    return share;
  };
  for (const doc of hits) {
    totals[doc] = magnitude > 0 ? ((totals[doc] ?? 0) / magnitude) * shareOf(matched.of(doc)) : 0;
  }
  hits.sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0) || a - b);
  const matches = hits.map((doc) => ({ doc, score: totals[doc] ?? 0, terms: matched.of(doc) }));
  for (const doc of hits) {
    totals[doc] = 0;
    masks[doc] = 0;
  }
  return matches;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

// Per-document scratch kept between queries: allocated per query, it was garbage the page had to collect
// while typing. Every query leaves it zeroed, clearing only the entries it touched.
const scratches = new Map<number, { totals: Float64Array; masks: Uint32Array }>();

function scratch(docCount: number): { totals: Float64Array; masks: Uint32Array } {
  let s = scratches.get(docCount);
  if (!s) {
    s = { totals: new Float64Array(docCount), masks: new Uint32Array(docCount) };
    scratches.set(docCount, s);
  }
  return s;
}

/**
 * Which query terms matched each document, in query order. Up to 31 terms, a bit
 * mask per document, and documents with the same mask share one list.
 */
class TermSets {
  readonly #terms: readonly string[];
  readonly #masks: Uint32Array | undefined;
  readonly #lists = new Map<number, string[]>();
  readonly #perDoc: (string[] | undefined)[] | undefined;

  /** `masks` must be all zero; the caller clears what this set marked. */
  constructor(terms: readonly string[], docCount: number, masks: Uint32Array) {
    this.#terms = terms;
    if (terms.length <= 31) this.#masks = masks;
    else this.#perDoc = new Array<string[] | undefined>(docCount);
  }

  has(doc: number): boolean {
    return this.#masks ? this.#masks[doc] !== 0 : this.#perDoc?.[doc] !== undefined;
  }

  add(doc: number, term: number): void {
    if (this.#masks) this.#masks[doc] = (this.#masks[doc] ?? 0) | (1 << term);
    else if (this.#perDoc) {
      const list = (this.#perDoc[doc] ??= []);
      const name = this.#terms[term] ?? '';
      if (list[list.length - 1] !== name) list.push(name);
    }
  }

  of(doc: number): readonly string[] {
    if (!this.#masks) return this.#perDoc?.[doc] ?? [];
    const mask = this.#masks[doc] ?? 0;
    let list = this.#lists.get(mask);
    if (!list) {
      list = this.#terms.filter((_, t) => (mask & (1 << t)) !== 0);
      this.#lists.set(mask, list);
    }
    return list;
  }
}
