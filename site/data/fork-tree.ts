import type { ForkState } from '../../lib/resolve/upstream.ts';
import type { ForkedFrom } from '../../schema/architecture.ts';

/** What the fork tree needs of an entry: its id, title, version, fork record and state. */
export interface TreeEntry {
  readonly id: string;
  readonly meta: { readonly title: string; readonly version: string; readonly forkedFrom?: ForkedFrom | undefined };
  readonly upstream?: { readonly state: ForkState } | undefined;
}

/** One fork in the tree, with the forks taken from it. */
export interface ForkNode {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  /** The parent version it was forked from, what it changed and why. */
  readonly forkedFrom: ForkedFrom;
  readonly state?: ForkState | undefined;
  readonly children: readonly ForkNode[];
}

/**
 * The forks of `rootId` nested by parent, from its descendants (Lineage.descendants, in their
 * order). Lineage already ends cycles; the `seen` guard only keeps this from looping on bad input.
 */
export function forkTree(rootId: string, descendants: readonly TreeEntry[]): ForkNode[] {
  const seen = new Set<string>([rootId]);
  const childrenOf = (parent: string): ForkNode[] =>
    descendants.flatMap((e) => {
      const forkedFrom = e.meta.forkedFrom;
      if (forkedFrom?.id !== parent || seen.has(e.id)) return [];
      seen.add(e.id);
      return [
        {
          id: e.id,
          title: e.meta.title,
          version: e.meta.version,
          forkedFrom,
          state: e.upstream?.state,
          children: childrenOf(e.id),
        },
      ];
    });
  return childrenOf(rootId);
}
