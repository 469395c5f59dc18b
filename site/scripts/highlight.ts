import lunr from 'lunr';

/**
 * Appends `text` to `parent`, wrapping words whose stem matched the query in
 * <mark>. Builds text nodes only, so entry text can never become markup.
 */
export function appendHighlighted(parent: HTMLElement, text: string, terms: readonly string[]): void {
  if (terms.length === 0) {
    parent.append(text);
    return;
  }
  const matched = new Set(terms);
  for (const part of text.split(/(\p{L}[\p{L}\p{N}]*)/u)) {
    const stem = part === '' ? '' : String(lunr.stemmer(new lunr.Token(part.toLowerCase(), {})));
    if (stem !== '' && (matched.has(stem) || terms.some((t) => t.length >= 3 && stem.startsWith(t)))) {
      const mark = document.createElement('mark');
      mark.textContent = part;
      parent.append(mark);
    } else {
      parent.append(part);
    }
  }
}
