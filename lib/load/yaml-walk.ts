import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { PathSegment } from './yaml-source.ts';

/** A node of a YAML tree, with where it sits in the data. */
export interface VisitedNode {
  readonly node: Node;
  /** How many lists and mappings hold it: 0 for the top-level node. */
  readonly depth: number;
  readonly isKey: boolean;
  /** The node that holds it, and its key or index there: pathOf() follows these. */
  readonly parent?: VisitedNode;
  readonly segment?: PathSegment;
}

/**
 * Every node of a YAML tree, keys included, parents before children and in file order.
 * It uses no recursion, since a hostile file can nest thousands of levels deep, and it
 * builds no paths, since only a node that is reported needs one.
 */
export function* walkYaml(root: Node): Generator<VisitedNode> {
  const stack: VisitedNode[] = [{ node: root, depth: 0, isKey: false }];
  for (let visited = stack.pop(); visited; visited = stack.pop()) {
    yield visited;
    const { node, depth } = visited;
    const children: VisitedNode[] = [];
    const add = (child: unknown, segment: PathSegment, isKey: boolean): void => {
      if (child && typeof child === 'object')
        children.push({ node: child as Node, depth: depth + 1, isKey, parent: visited, segment });
    };
    if (isMap(node)) {
      for (const { key, value } of node.items) {
        const segment = isScalar(key) ? String(key.value) : '?';
        add(key, segment, true);
        add(value, segment, false);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        add(item, index, false);
      });
    }
    // Pushed last first, so the first child is visited next (and a long list is no argument list).
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as VisitedNode);
  }
}

/** The path of a visited node in the data; a key has the path of its value. */
export function pathOf(visited: VisitedNode): PathSegment[] {
  const path: PathSegment[] = [];
  for (let v: VisitedNode | undefined = visited; v?.segment !== undefined; v = v.parent) path.unshift(v.segment);
  return path;
}

/** `failureModes[2].scenario` from ['failureModes', 2, 'scenario']; `(top level)` for the root. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
