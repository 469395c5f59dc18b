/**
 * The claims an entry's cdk/claims.ts declares, read from its text. Validation and
 * the site must know each claim's id and sentence without running the entry's code,
 * which only synth workers may do. So `claim(` must be followed by two string
 * literals; the synth worker checks that what runs is what this scan read.
 */

/** A claim as its file declares it. */
export interface ScannedClaim {
  readonly id: string;
  readonly text: string;
  /** 1-based line of the `claim(` call. */
  readonly line: number;
}

/** A `claim(` call whose id or text is not a string literal. */
export interface UnreadableClaim {
  readonly line: number;
}

/** What the scan found in one claims file. */
export interface ClaimScan {
  readonly claims: readonly ScannedClaim[];
  readonly unreadable: readonly UnreadableClaim[];
}

const CALL = /(?<![\w.$])claim\(/gu;

const scanned = new WeakMap<object, ClaimScan>();

/** scanClaims for a claims file that validation and resolve both read: scanned once per loaded file. */
export function claimsOf(file: { readonly text: string }): ClaimScan {
  let scan = scanned.get(file);
  if (!scan) {
    scan = scanClaims(file.text);
    scanned.set(file, scan);
  }
  return scan;
}

/** Scans a claims file's text for `claim('id', 'text', …)` calls. */
export function scanClaims(text: string): ClaimScan {
  const claims: ScannedClaim[] = [];
  const unreadable: UnreadableClaim[] = [];
  const code = blankComments(text);
  for (const match of code.matchAll(CALL)) {
    const at = match.index + match[0].length;
    const line = lineAt(text, match.index);
    const id = literalAt(code, skipSpace(code, at));
    const afterId = id && skipSpace(code, id.end);
    const sentence =
      afterId !== undefined && code[afterId] === ',' ? literalAt(code, skipSpace(code, afterId + 1)) : undefined;
    // The sentence must end where the argument does: 'a' + b is computed, not a literal.
    const end = sentence && code[skipSpace(code, sentence.end)];
    if (id && sentence && (end === ',' || end === ')')) claims.push({ id: id.value, text: sentence.value, line });
    else unreadable.push({ line });
  }
  return { claims, unreadable };
}

function skipSpace(s: string, at: number): number {
  let i = at;
  while (i < s.length && /\s/u.test(s[i] ?? '')) i++;
  return i;
}

/** A '…', "…" or `…` literal (no substitutions) starting at `at`, with its escapes read. */
function literalAt(s: string, at: number): { value: string; end: number } | undefined {
  const quote = s[at];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let value = '';
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (quote === '`' && c === '$' && s[i + 1] === '{') return undefined;
    if (c === '\n' && quote !== '`') return undefined;
    if (c === '\\') {
      const next = s[++i] ?? '';
      value += ESCAPES[next] ?? next;
    } else value += c;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** The text with comments replaced by spaces (newlines kept), so `claim(` in a comment is not a claim. */
function blankComments(s: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      out += c;
      if (c === '\\') out += s[++i] ?? '';
      else if (c === quote) quote = undefined;
    } else if (c === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') {
        out += ' ';
        i++;
      }
      out += s[i] ?? '';
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      const stop = end < 0 ? s.length : end + 2;
      out += s.slice(i, stop).replace(/[^\n]/gu, ' ');
      i = stop - 1;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
    }
  }
  return out;
}

function lineAt(s: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (s.charCodeAt(i) === 10) line++;
  return line;
}
