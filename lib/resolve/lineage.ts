import type { ForkedFrom } from '../../schema/architecture.ts';

/** Where an entry sits in the fork tree. */
export interface Lineage {
  /** The direct parent, with the reason and changes the fork recorded. */
  readonly parent?: ForkedFrom;
  /** Parent first, then its parent, up to the original entry. */
  readonly ancestors: readonly string[];
  /** Entries forked directly from this one, sorted by id. */
  readonly forks: readonly string[];
  /** Every entry that descends from this one, breadth first. */
  readonly descendants: readonly string[];
}

interface Node {
  readonly id: string;
  readonly forkedFrom?: ForkedFrom | undefined;
}

/**
 * Builds the fork tree. Only entries present count; a parent that is missing or
 * a cycle ends a chain (validation reports those), so this never loops.
 */
export function buildLineage(nodes: readonly Node[]): Map<string, Lineage> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    const parent = n.forkedFrom?.id;
    if (parent !== undefined && parent !== n.id && byId.has(parent)) {
      children.set(parent, [...(children.get(parent) ?? []), n.id]);
    }
  }
  const result = new Map<string, Lineage>();
  for (const n of nodes) {
    const ancestors: string[] = [];
    for (let p = n.forkedFrom?.id; p !== undefined && byId.has(p) && p !== n.id && !ancestors.includes(p);) {
      ancestors.push(p);
      p = byId.get(p)?.forkedFrom?.id;
    }
    const forks = [...(children.get(n.id) ?? [])].sort();
    const descendants: string[] = [];
    const queue = [...forks];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (next === n.id || descendants.includes(next)) continue;
      descendants.push(next);
      queue.push(...(children.get(next) ?? []).sort());
    }
    result.set(n.id, { ...(n.forkedFrom && { parent: n.forkedFrom }), ancestors, forks, descendants });
  }
  return result;
}
