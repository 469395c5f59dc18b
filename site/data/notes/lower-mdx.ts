import type { Element, ElementContent, Root, RootContent } from 'hast';
import * as library from '../../components/mdx/index.ts';
import { diag, type Diagnostic } from '../../../lib/diagnostics.ts';
import { componentProps, foreignEsm } from '../../../lib/notes/policy.ts';
import { isExpressionAttribute, jsxAttributes, type TreeNode } from '../../../lib/notes/walk.ts';

type Component = (props: Record<string, string>, children: ElementContent[]) => Element;
const COMPONENTS = library as unknown as Readonly<Record<string, Component>>;

/**
 * Turns the MDX nodes of a README's hast into plain HTML elements, in place: each library
 * component becomes what it renders, with its plain-string props. Everything MDX would run
 * (imports, exports, { expressions }, expression props) and every other tag is left out and
 * reported through `refuse`, so the notes never run code and validation's misses fail the build.
 */
export function lowerMdx(tree: Root, file: string, refuse: (d: Diagnostic) => void): void {
  const refused = (node: TreeNode, what: string, code: string) => {
    const start = node.position?.start;
    refuse(
      diag(
        'OAR230',
        file,
        `the site left out ${what} from README.mdx: it never runs code or raw HTML from an entry (oar validate reports this as ${code}; run it and fix what it says)`,
        start ? { line: start.line, col: start.column } : {},
      ),
    );
  };
  const parents: (Root | Element)[] = [tree];
  for (let parent = parents.pop(); parent !== undefined; parent = parents.pop()) {
    const kept: RootContent[] = [];
    for (const child of parent.children as RootContent[]) {
      const node = child as unknown as TreeNode;
      if (child.type === 'element') {
        kept.push(child);
        parents.push(child);
      } else if (child.type === 'text') {
        kept.push(child);
      } else if (node.type === 'mdxjsEsm') {
        for (const { text } of foreignEsm(typeof node['value'] === 'string' ? node['value'] : ''))
          refused(node, `the code \`${text.trim().slice(0, 60)}\``, 'OAR210');
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const element = component(node, refused);
        if (element) {
          kept.push(element);
          parents.push(element);
        }
      } else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        refused(node, 'a { expression }', 'OAR220');
      } else {
        refused(node, `a ${node.type} node`, 'OAR219');
      }
    }
    parent.children = kept;
  }
}

/** The element a library component renders for `node`, or undefined (refused) for any other tag. */
function component(node: TreeNode, refused: (node: TreeNode, what: string, code: string) => void): Element | undefined {
  const name = typeof node['name'] === 'string' ? node['name'] : undefined;
  const takes = name === undefined ? undefined : componentProps(name);
  const render = name === undefined ? undefined : COMPONENTS[name];
  if (takes === undefined || render === undefined || name === undefined) {
    refused(node, name === undefined ? 'a fragment <>' : `the tag <${name}>`, 'OAR219');
    return undefined;
  }
  const props: Record<string, string> = {};
  for (const a of jsxAttributes(node)) {
    if (a.type === 'mdxJsxAttribute' && a.name !== undefined && takes.includes(a.name) && typeof a.value === 'string')
      props[a.name] = a.value;
    else
      refused(node, `the attribute ${a.name ?? '{...}'} of <${name}>`, isExpressionAttribute(a) ? 'OAR220' : 'OAR219');
  }
  return render(props, (node.children ?? []) as unknown as ElementContent[]);
}
