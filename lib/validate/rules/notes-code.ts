import { diag, type Diagnostic } from '../../diagnostics.ts';
import { notesOf } from '../../notes/parse.ts';
import { COMPONENT_LIBRARY, foreignEsm } from '../../notes/policy.ts';
import { isExpressionAttribute, jsxAttributes, stringField, walkTree } from '../../notes/walk.ts';
import type { FileRule } from '../rule.ts';

const SOURCE = /from\s*(['"])([^'"]*)\1/gu;

/**
 * OAR210/OAR220: MDX would run an entry's imports, exports and { expressions } as
 * JavaScript. The site never runs them, and validation refuses them on the tree the
 * MDX parser builds: only `import { Callout } from '@oar/components'` may stay.
 */
export const notesCode: FileRule = (entry) => {
  const readme = entry.readme;
  const parsed = readme && notesOf(readme);
  if (!readme || !parsed || 'problem' in parsed) return [];
  const out: Diagnostic[] = [];
  walkTree(parsed.tree, (node, place) => {
    const at = place ?? { line: 1, col: 1 };
    if (node.type === 'mdxjsEsm') {
      for (const { index, text } of foreignEsm(stringField(node, 'value') ?? '')) {
        const where = { line: at.line + index, col: index === 0 ? at.col : 1 };
        out.push(diag('OAR210', readme.file, esmMessage(text), where));
      }
    } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      out.push(
        diag(
          'OAR220',
          readme.file,
          'README.mdx has a { expression }, which MDX runs as JavaScript; write \\{ for a literal brace, or put code in `backticks`',
          at,
        ),
      );
    } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      for (const attribute of jsxAttributes(node)) {
        if (!isExpressionAttribute(attribute)) continue;
        const what =
          attribute.name === undefined
            ? 'a {...spread} of props'
            : `the prop \`${attribute.name}\` as a { expression }`;
        out.push(
          diag(
            'OAR220',
            readme.file,
            `README.mdx gives <${stringField(node, 'name') ?? ''}> ${what}, which MDX runs as JavaScript; props must be plain strings, e.g. title="…"`,
            at,
          ),
        );
      }
    }
  });
  return out;
};

/** What is wrong with one line of ESM, and the fix. */
function esmMessage(line: string): string {
  if (/^\s*export\b/u.test(line)) return 'README.mdx exports code; entries may not run code, so remove the export';
  const foreign = [...line.matchAll(SOURCE)].map((m) => m[2]).find((from) => from !== COMPONENT_LIBRARY);
  const what = /^\s*import\b/u.test(line)
    ? `imports ${foreign === undefined ? 'over several lines' : JSON.stringify(foreign)}`
    : 'has code that is not an import';
  return `README.mdx ${what}; entries may only import components, each import on one line: \`import { Callout } from '${COMPONENT_LIBRARY}'\``;
}
