import { createMdxMdastHandle, dropHandle } from 'satteri';
import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';

// Sätteri's messages start with the place ("3:1: …") and end with the place and the rule again.
const PLACE = /^(\d+):(\d+):\s*/;
const TAIL = /(?:\s*\(\d+:\d+\))?\s*\([\w:-]+\)\s*$/;

/**
 * OAR222: the site compiles README.mdx with Sätteri, the MDX compiler behind
 * @astrojs/mdx, so notes it cannot parse (an unclosed component, a stray `<`)
 * are reported here with their line, not as a failed build.
 */
export const mdxSyntax: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  try {
    dropHandle(createMdxMdastHandle(readme.text));
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [mdxSyntaxDiagnostic(readme.file, message) ?? diag('OAR222', readme.file, explain(message), { line: 1 })];
  }
};

/**
 * OAR222 for the README.mdx at `file` that Sätteri rejected with `message`, at the
 * place the message names; undefined when the message names none (not a parse error).
 */
export function mdxSyntaxDiagnostic(file: string, message: string): Diagnostic | undefined {
  const place = PLACE.exec(message);
  if (!place) return undefined;
  return diag('OAR222', file, explain(message), { line: Number(place[1]), col: Number(place[2]) });
}

/** What the parser says, without its place, and the fix. */
function explain(parserMessage: string): string {
  const reason = parserMessage.replace(PLACE, '').replace(TAIL, '');
  return `README.mdx is not valid MDX: ${reason}; close every component tag (<Callout>…</Callout>) and write a literal < as &lt;`;
}
