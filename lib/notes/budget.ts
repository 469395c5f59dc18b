import { diag, type Diagnostic } from '../diagnostics.ts';

/**
 * What README.mdx may hold before the MDX parser's time stops growing in line with its
 * size. Each `{` or `<` may start an expression or a tag that the parser tries and
 * abandons, and each blockquote or list opened on one line nests the rest of it deeper:
 * 8,000 `{` took 1.2 s, 100,000 took 81 s, 100,000 `>` on one line 19 s; the entries
 * hold at most 17 of either, and nest 3 deep (docs/decisions/notes-parse-budget.md).
 */
const NOTES_BUDGET = { '{': 1000, '<': 1000, depth: 100 } as const;

const SPACE = new Set([' ', '\t']);

/**
 * OAR227 when README.mdx holds more `{` or `<` than the parser can get through quickly,
 * or opens more than NOTES_BUDGET.depth blockquotes and lists on one line; undefined
 * otherwise. One linear pass, run before the parse.
 */
export function notesBudget(file: string, text: string): Diagnostic | undefined {
  const seen = { '{': 0, '<': 0 };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === lineStart && containerDepth(text, i) > NOTES_BUDGET.depth) {
      return diag(
        'OAR227',
        file,
        `README.mdx opens more than ${NOTES_BUDGET.depth} blockquotes or lists on one line, deeper than the MDX parser can check quickly; nest less`,
        { line, col: 1 },
      );
    }
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if ((c !== '{' && c !== '<') || ++seen[c] <= NOTES_BUDGET[c]) continue;
    return diag(
      'OAR227',
      file,
      `README.mdx holds more than ${NOTES_BUDGET[c]} \`${c}\` characters, more than the MDX parser can check quickly; move long code into a file in the entry (the site shows it on the source page) and keep short excerpts here`,
      { line, col: i - lineStart + 1 },
    );
  }
  return undefined;
}

/** How many blockquote (`>`) and list (`-`, `*`, `+`, `1.`, `1)`) markers open the line at `start`. */
function containerDepth(text: string, start: number): number {
  let depth = 0;
  let i = start;
  for (;;) {
    while (SPACE.has(text[i] ?? '')) i++;
    const c = text[i] ?? '';
    let end = i;
    if (c === '>') end = i + 1;
    else if (c === '-' || c === '*' || c === '+') end = i + 1;
    else {
      while (end - i < 9 && /[0-9]/u.test(text[end] ?? '')) end++;
      end = end > i && (text[end] === '.' || text[end] === ')') ? end + 1 : i;
    }
    // A list marker counts only when followed by a space or the line's end; `>` always does.
    const after = text[end] ?? '\n';
    if (end === i || (c !== '>' && !SPACE.has(after) && after !== '\n' && after !== '\r')) return depth;
    depth++;
    if (depth > NOTES_BUDGET.depth) return depth;
    i = end;
  }
}
