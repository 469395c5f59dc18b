// Characters a quoted mermaid label may hold as they are. Everything else (quotes, brackets, `#`, `;`,
// `<`, `&`, backticks, pipes, control characters) becomes a numeric entity code, which mermaid draws as the
// character and never reads as syntax, a link, HTML or markdown.
const PLAIN = /^[\p{L}\p{N} .,:()/+×…_-]$/u;

/** Longest text one line of a label keeps; the rest is cut with an ellipsis. */
export const MAX_LINE = 48;

/**
 * Text from a template (a logical id, a tag, a type) as the inside of a quoted mermaid label:
 * whitespace runs become one space, it is cut at `max` characters, and every character outside a small
 * safe set is written as a `#code;` entity. The result cannot close the quote or start any syntax.
 */
export function mermaidText(text: string, max = MAX_LINE): string {
  const flat = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  // Code points, not graphemes: each is escaped on its own, and a cut inside an emoji sequence harms nothing.
  const chars = Array.from(flat);
  const cut = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  return cut.map((c) => (PLAIN.test(c) ? c : `#${c.codePointAt(0) ?? 63};`)).join('');
}

/** Lines of a label, each escaped, joined with mermaid's line break. */
export function mermaidLabel(lines: readonly string[]): string {
  return lines
    .filter((l) => l !== '')
    .map((l) => mermaidText(l))
    .join('<br/>');
}

/** Text for a `%%` comment: a line of plain characters only, so it cannot end the comment or start a directive. */
export function commentText(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,:()/+×_'-]/gu, '?');
}
