import type { Element, Root } from 'hast';

/** Every element of a hast tree in document order, by a stack: hostile notes and diagrams can nest deep. */
export function* elementsOf(tree: Root | Element): Generator<Element> {
  const stack: (Root | Element)[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'element') yield node;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === 'element') stack.push(child);
    }
  }
}

/** The text of a hast node and everything under it. */
export function textOf(node: Root | Element): string {
  let text = '';
  const stack: Root['children'] = [...node.children].reverse();
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'text') text += n.value;
    else if (n.type === 'element')
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Element);
  }
  return text;
}

type Node = Root | Root['children'][number];

const sameKind = (x: Node | undefined, y: Node | undefined): boolean =>
  x?.type === y?.type && (x?.type !== 'element' || (y?.type === 'element' && x.tagName === y.tagName));

/**
 * What an allowlist sanitizer took out of `before` to make `after`, as a phrase naming the
 * first element, attribute or text that differs; undefined when the trees are the same. A
 * walk over both trees, far cheaper than serializing each and comparing the strings.
 */
export function firstLoss(before: Root | Element, after: Root | Element): string | undefined {
  const stack: [Root | Element, Root | Element][] = [[before, after]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [a, b] = pair;
    const where = a.type === 'element' ? `<${a.tagName}>` : 'the top level';
    if (a.type === 'element' && b.type === 'element') {
      for (const [key, value] of Object.entries(a.properties)) {
        if (value === undefined || value === null || value === false) continue;
        if (String(b.properties[key]) !== String(value)) return `the attribute ${key} of ${where}`;
      }
    }
    const length = Math.max(a.children.length, b.children.length);
    for (let i = 0; i < length; i++) {
      const x = a.children[i];
      const y = b.children[i];
      if (!sameKind(x, y))
        return x?.type === 'element' ? `the element <${x.tagName}> in ${where}` : `content in ${where}`;
      if (x?.type === 'text' && y?.type === 'text' && x.value !== y.value) return `text in ${where}`;
      if (x?.type === 'element' && y?.type === 'element') stack.push([x, y]);
    }
  }
  return undefined;
}
