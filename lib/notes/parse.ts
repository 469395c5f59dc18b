import { mdxToMdast } from 'satteri';
import { diag, type Diagnostic } from '../diagnostics.ts';
import { notesBudget } from './budget.ts';
import { NOTES_FEATURES } from './features.ts';
import type { TreeNode } from './walk.ts';

/** README.mdx as the MDX parser reads it: its syntax tree, or why there is none. */
export type ParsedNotes = { readonly tree: TreeNode } | { readonly problem: Diagnostic };

// Sätteri's messages start with the place ("3:1: …") and end with the place and the rule again.
const PLACE = /^(\d+):(\d+):\s*/u;
const TAIL = /(?:\s*\(\d+:\d+\))?\s*\([\w:-]+\)\s*$/u;

/**
 * Parses README.mdx with Sätteri, the MDX parser the site renders with, after a linear
 * check that the text cannot make the parser slow. Parse errors become OAR222 at the
 * place the parser names.
 */
function parseNotes(file: string, text: string): ParsedNotes {
  const tooComplex = notesBudget(file, text);
  if (tooComplex) return { problem: tooComplex };
  try {
    return { tree: mdxToMdast(text, { features: NOTES_FEATURES }) as unknown as TreeNode };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problem: mdxSyntaxDiagnostic(file, message) ?? diag('OAR222', file, explain(message), { line: 1 }) };
  }
}

const parsed = new WeakMap<object, ParsedNotes>();

/** parseNotes for a README that several rules read: parsed once per loaded file. */
export function notesOf(readme: { readonly file: string; readonly text: string }): ParsedNotes {
  let result = parsed.get(readme);
  if (!result) {
    result = parseNotes(readme.file, readme.text);
    parsed.set(readme, result);
  }
  return result;
}

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
