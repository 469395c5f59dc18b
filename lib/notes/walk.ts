/** A node of a syntax tree (mdast or hast, MDX nodes included), as the rules read it. */
export interface TreeNode {
  readonly type: string;
  readonly position?: { readonly start: { readonly line: number; readonly column: number } } | undefined;
  readonly children?: readonly TreeNode[];
  readonly [field: string]: unknown;
}

/** Where a node starts, for diagnostics; generated nodes without a place take their nearest ancestor's. */
export interface Place {
  readonly line: number;
  readonly col: number;
}

/** Calls `visit` on every node of `tree`, depth first, with the place it starts. */
export function walkTree(tree: TreeNode, visit: (node: TreeNode, place: Place | undefined) => void): void {
  const stack: { node: TreeNode; place: Place | undefined }[] = [{ node: tree, place: undefined }];
  // An explicit stack: a hostile README can nest deeper than the call stack allows.
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const start = item.node.position?.start;
    const place = start ? { line: start.line, col: start.column } : item.place;
    visit(item.node, place);
    const children = item.node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as TreeNode, place });
  }
}

/** An attribute of an MDX JSX element: a plain one (`value` a string, null or an expression object) or a spread. */
export interface JsxAttribute {
  readonly type: string;
  readonly name?: string;
  readonly value?: unknown;
}

/** The attributes of an MDX JSX element node; none for any other node. */
export function jsxAttributes(node: TreeNode): readonly JsxAttribute[] {
  const attributes = node['attributes'] as readonly JsxAttribute[] | undefined;
  return attributes ?? [];
}

/** Whether an attribute's value is a { expression } or the attribute a {...spread}: code MDX would run. */
export function isExpressionAttribute(a: JsxAttribute): boolean {
  return a.type === 'mdxJsxExpressionAttribute' || (typeof a.value === 'object' && a.value !== null);
}

/** A node's string field, or undefined. */
export function stringField(node: TreeNode, field: string): string | undefined {
  const value = node[field];
  return typeof value === 'string' ? value : undefined;
}
