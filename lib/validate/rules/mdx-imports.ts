import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';

/** The only module an entry's README.mdx may import: the site's component library. */
export const COMPONENT_LIBRARY = '@oar/components';

const FENCE = /^\s*(```|~~~)/;
const IMPORT_START = /^import\b/;
const SOURCE = /(?:from\s*|^import\s*)(['"])([^'"]*)\1/;

/**
 * OAR210: MDX runs its imports at build time, so an entry may only pull in the
 * site's own components, never arbitrary packages or files.
 */
export const mdxImports: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  const out: Diagnostic[] = [];
  const lines = readme.text.split(/\r?\n/);
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || !IMPORT_START.test(line)) continue;
    // An import may span lines; its source string ends it.
    let statement = line;
    for (let j = i + 1; !SOURCE.test(statement) && j < Math.min(lines.length, i + 30); j++)
      statement += `\n${lines[j] ?? ''}`;
    const from = SOURCE.exec(statement)?.[2];
    if (from === COMPONENT_LIBRARY) continue;
    out.push(
      diag(
        'OAR210',
        readme.file,
        `README.mdx imports ${from === undefined ? 'something unreadable' : JSON.stringify(from)}; entries may import only from ${JSON.stringify(COMPONENT_LIBRARY)}`,
        { line: i + 1, col: 1 },
      ),
    );
  }
  return out;
};
