import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { FileRule } from '../rule.ts';
import { COMPONENT_LIBRARY } from './mdx-imports.ts';
import { proseLines } from './mdx-prose.ts';

/** Components of the site's library (site/components/mdx/index.ts; a test keeps the two in step). */
export const MDX_COMPONENTS: readonly string[] = ['Callout'];

// Opening tags only: a closing tag belongs to an opening one that is already reported.
const TAG = /<([A-Za-z][\w.:-]*)/g;
const EXPRESSION = /(?<!\\)\{/g;
// Markdown links and images whose target runs code when followed.
const UNSAFE_LINK = /\]\(\s*<?\s*(javascript|vbscript|data):/gi;

/**
 * OAR219/OAR220/OAR221: MDX turns tags into elements and braces into JavaScript that
 * runs at build time and in the page. An entry's notes may use the library's
 * components and nothing else: no raw HTML (no onerror=, no <script>), no code.
 */
export const mdxMarkup: FileRule = (entry) => {
  const readme = entry.readme;
  if (!readme) return [];
  const out: Diagnostic[] = [];
  for (const { line, raw, prose } of proseLines(readme.text)) {
    if (/^(import|export)\b/.test(raw)) continue; // OAR210's to judge
    for (const match of prose.matchAll(TAG)) {
      const name = match[1] ?? '';
      if (MDX_COMPONENTS.includes(name)) continue;
      const fix = /^https?:/.test(name)
        ? 'write links as [text](https://...)'
        : `use Markdown, or a component from ${COMPONENT_LIBRARY} (${MDX_COMPONENTS.join(', ')}); write a literal < as &lt;`;
      out.push(
        diag(
          'OAR219',
          readme.file,
          `README.mdx uses the tag <${name}>; raw HTML and other components are not allowed, so ${fix}`,
          { line, col: match.index + 1 },
        ),
      );
    }
    for (const match of prose.matchAll(UNSAFE_LINK)) {
      out.push(
        diag(
          'OAR221',
          readme.file,
          `README.mdx links to a ${match[1]?.toLowerCase() ?? ''}: URL, which runs code when followed; link to an https:// page instead`,
          {
            line,
            col: match.index + 2,
          },
        ),
      );
    }
    for (const match of prose.matchAll(EXPRESSION)) {
      out.push(
        diag(
          'OAR220',
          readme.file,
          'README.mdx has a { expression }, which MDX runs as JavaScript; write \\{ for a literal brace, or put code in `backticks`',
          {
            line,
            col: match.index + 1,
          },
        ),
      );
    }
  }
  return out;
};
