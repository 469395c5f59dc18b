import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';
import { proseLines } from './mdx-prose.ts';

/** The only module an entry's README.mdx may import: the site's component library. */
export const COMPONENT_LIBRARY = '@oar/components';

const SOURCE = /(?:from\s*|^import\s*)(['"])([^'"]*)\1/;

/**
 * OAR210: MDX runs its imports and exports at build time, so an entry may only
 * pull in the site's own components, and may not export code.
 */
export const mdxImports: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  const out: Diagnostic[] = [];
  const lines = proseLines(readme.text);
  for (const [i, { line, raw }] of lines.entries()) {
    if (/^export\b/.test(raw)) {
      out.push(
        diag('OAR210', readme.file, 'README.mdx exports code; entries may not run code, so remove the export', {
          line,
          col: 1,
        }),
      );
      continue;
    }
    if (!/^import\b/.test(raw)) continue;
    // An import may span lines; its source string ends it.
    let statement = raw;
    for (let j = i + 1; !SOURCE.test(statement) && j < Math.min(lines.length, i + 30); j++)
      statement += `\n${lines[j]?.raw ?? ''}`;
    const from = SOURCE.exec(statement)?.[2];
    if (from === COMPONENT_LIBRARY) continue;
    out.push(
      diag(
        'OAR210',
        readme.file,
        `README.mdx imports ${from === undefined ? 'something unreadable' : JSON.stringify(from)}; entries may import only from ${JSON.stringify(COMPONENT_LIBRARY)}`,
        { line, col: 1 },
      ),
    );
  }
  return out;
};
