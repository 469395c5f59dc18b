import lunr from 'lunr';

/**
 * Inverse document frequency over documents, as BM25 defines it: a word in
 * every entry ("without", "zone") weighs least, a rare one ("java") most.
 */
export function idf(documentsWithTerm: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5));
}

/**
 * lunr 2.3 counts a term once per (document, field) pair, not once per
 * document, and takes the absolute value when that exceeds the document
 * count. So a word in every field of every entry weighs more than a word in
 * a few titles: "without" outranked "java". This makes lunr count documents,
 * so that the lunr index (oar search) and the site's postings agree.
 */
export function useDocumentIdf(): void {
  // lunr.idf is public at runtime (Builder and Index call it through the namespace) but not in its types.
  (lunr as unknown as { idf: (posting: Record<string, object>, n: number) => number }).idf = (
    posting,
    documentCount,
  ) => {
    const docs = new Set<string>();
    for (const [field, refs] of Object.entries(posting)) {
      if (field !== '_index') for (const ref of Object.keys(refs)) docs.add(ref);
    }
    return idf(docs.size, documentCount);
  };
}
