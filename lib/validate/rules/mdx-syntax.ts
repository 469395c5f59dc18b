import { createMdxMdastHandle, dropHandle } from 'satteri';
import { diag } from '../../diagnostics.ts';
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
    const place = PLACE.exec(message);
    return [
      diag('OAR222', readme.file, mdxSyntaxMessage(message), {
        line: Number(place?.[1] ?? 1),
        col: Number(place?.[2] ?? 1),
      }),
    ];
  }
};

/** The OAR222 message for a Sätteri parse error: what it says, without its place, and the fix. */
export function mdxSyntaxMessage(parserMessage: string): string {
  const reason = parserMessage.replace(PLACE, '').replace(TAIL, '');
  return `README.mdx is not valid MDX: ${reason}; close every component tag (<Callout>…</Callout>) and write a literal < as &lt;`;
}
