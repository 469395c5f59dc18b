import { diag, type Diagnostic } from '../../diagnostics.ts';
import { notesOf } from '../../notes/parse.ts';
import { COMPONENT_LIBRARY, componentNames, componentProps } from '../../notes/policy.ts';
import { isExpressionAttribute, jsxAttributes, stringField, walkTree } from '../../notes/walk.ts';
import type { FileRule } from '../rule.ts';

/**
 * OAR219: MDX turns tags into elements. An entry's notes may use the library's
 * components, with the props each takes as plain strings, and nothing else: no raw
 * HTML (no onerror=, no <script>), no other component, no fragment.
 */
export const notesMarkup: FileRule = (entry) => {
  const readme = entry.readme;
  const parsed = readme && notesOf(readme);
  if (!readme || !parsed || 'problem' in parsed) return [];
  const out: Diagnostic[] = [];
  const library = `a component from ${COMPONENT_LIBRARY} (${componentNames().join(', ')})`;
  walkTree(parsed.tree, (node, place) => {
    const at = place ?? { line: 1, col: 1 };
    if (node.type === 'html') {
      out.push(diag('OAR219', readme.file, `README.mdx has raw HTML; use Markdown, or ${library}`, at));
      return;
    }
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const name = stringField(node, 'name');
    const props = name === undefined ? undefined : componentProps(name);
    if (props === undefined) {
      const tag = name === undefined ? 'a fragment <>…</>' : `the tag <${name}>`;
      const fix = /^https?:/u.test(name ?? '')
        ? 'write links as [text](https://...)'
        : `use Markdown, or ${library}; write a literal < as &lt;`;
      out.push(
        diag(
          'OAR219',
          readme.file,
          `README.mdx uses ${tag}; raw HTML and other components are not allowed, so ${fix}`,
          at,
        ),
      );
      return;
    }
    for (const attribute of jsxAttributes(node)) {
      if (isExpressionAttribute(attribute)) continue; // OAR220's to judge
      const takes = props.length === 0 ? 'no props' : `only ${props.map((p) => `${p}="…"`).join(', ')}`;
      if (attribute.name === undefined || !props.includes(attribute.name)) {
        out.push(
          diag(
            'OAR219',
            readme.file,
            `README.mdx gives <${name ?? ''}> the attribute ${attribute.name ?? '?'}, which it does not take; <${name ?? ''}> takes ${takes}`,
            at,
          ),
        );
      } else if (typeof attribute.value !== 'string') {
        out.push(
          diag(
            'OAR219',
            readme.file,
            `README.mdx gives <${name ?? ''}> the prop ${attribute.name} without a value; write ${attribute.name}="…"`,
            at,
          ),
        );
      }
    }
  });
  return out;
};
