import { termOf, textWords } from '../../lib/index/terms.ts';

// Result cards show the same few hundred words query after query; the Porter stemmer is the costly part.
const stems = new Map<string, string>();

/** The index term of a word of the text, as the index made it; '' for a stop word or for what is not a word. */
function stemOf(part: string): string {
  let stem = stems.get(part);
  if (stem === undefined) {
    const [word] = textWords(part);
    stem = (word !== undefined && termOf(word)) || '';
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
  for (const part of text.split(/([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)/u)) {
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
