import type { QueryClause } from '../terms.ts';

/**
 * The words of a query (`queryWords`) that a match does not hold, as typed: each word that has an index term (not a stop
 * word) and that none of the match's terms stands for exactly or as a prefix. A term reached only as a typo of
 * the word does not count, so "sftp" is not covered by an entry that says "stp". An empty list means the match
 * answers every word; a non-empty one, for the best match, means the catalogue has no entry for the query yet.
 */
export function uncoveredWords(
  words: readonly string[],
  clauses: readonly QueryClause[],
  terms: readonly string[],
): string[] {
  const held = new Set(terms);
  const covered = new Set<number>();
  for (const c of clauses) {
    if (c.kind === 'exact' && held.has(c.term)) covered.add(c.word);
    if (c.kind === 'prefix' && terms.some((t) => t.startsWith(c.term))) covered.add(c.word);
  }
  const content = new Set(clauses.filter((c) => c.kind === 'exact').map((c) => c.word));
  return [...content].filter((w) => !covered.has(w)).map((w) => words[w] ?? '');
}
