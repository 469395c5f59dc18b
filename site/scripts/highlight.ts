import lunr from 'lunr';

// Result cards show the same few hundred words query after query; the Porter stemmer is the costly part.
const stems = new Map<string, string>();

function stemOf(part: string): string {
  let stem = stems.get(part);
  if (stem === undefined) {
    stem = part === '' ? '' : String(lunr.stemmer(new lunr.Token(part.toLowerCase(), {})));
    stems.set(part, stem);
  }
  return stem;
}

/**
 * Appends `text` to `parent`, wrapping words whose stem matched the query in
 * <mark>. Builds text nodes only, so entry text can never become markup; the
 * text between marks goes in as one node, not one per word.
 */
export function appendHighlighted(parent: HTMLElement, text: string, terms: readonly string[]): void {
  if (terms.length === 0) {
    parent.append(text);
    return;
  }
  const matched = new Set(terms);
  const prefixes = terms.filter((t) => t.length >= 3);
  let plain = '';
  for (const part of text.split(/(\p{L}[\p{L}\p{N}]*)/u)) {
    const stem = stemOf(part);
    if (stem !== '' && (matched.has(stem) || prefixes.some((t) => stem.startsWith(t)))) {
      const mark = document.createElement('mark');
      mark.textContent = part;
      if (plain !== '') parent.append(plain);
      parent.append(mark);
      plain = '';
    } else {
      plain += part;
    }
  }
  if (plain !== '') parent.append(plain);
}
