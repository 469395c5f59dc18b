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

/** A node's string field, or undefined. */
export function stringField(node: TreeNode, field: string): string | undefined {
  const value = node[field];
  return typeof value === 'string' ? value : undefined;
}
