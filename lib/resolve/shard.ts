import { compareCodePoints } from '../code-point-order.ts';

/** One part of a run split over several CI jobs: part `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What sharding needs of an entry: its id and its fork ancestors, nearest first (Lineage.ancestors). */
export interface Shardable {
  readonly id: string;
  readonly lineage: { readonly ancestors: readonly string[] };
}

/**
 * Reads `i/n` (as in `--shard 2/3`): whole numbers with 1 ≤ i ≤ n. Returns the
 * shard, or what is wrong with the text as a sentence that ends with the fix.
 */
export function parseShard(text: string): Shard | { readonly problem: string } {
  const m = /^(\d{1,4})\/(\d{1,4})$/u.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    return {
      problem: `${JSON.stringify(text)} is not a shard; write i/n with 1 ≤ i ≤ n, e.g. 2/3 for the second of three parts`,
    };
  }
  return { index, count };
}

/**
 * The entries of one shard. Each fork family (an entry with no parent in the
 * catalogue, and every entry forked from it) stays whole and in order, parent
 * first, so a fork is checked beside the entry it copies. Families are dealt
 * out largest first to the shard with the fewest entries so far (ties: the
 * lower shard, then the family whose first id sorts first), so the split
 * depends only on the catalogue, never on the order it was read in or the clock.
 */
export function shardEntries<T extends Shardable>(entries: readonly T[], shard: Shard): T[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const families = new Map<string, T[]>();
  for (const e of [...entries].sort((a, b) => depth(a) - depth(b) || compareCodePoints(a.id, b.id))) {
    const root = [e.id, ...e.lineage.ancestors].filter((id) => byId.has(id)).at(-1) ?? e.id;
    families.set(root, [...(families.get(root) ?? []), e]);
  }
  const ordered = [...families.entries()].sort(([a, x], [b, y]) => y.length - x.length || compareCodePoints(a, b));
  const bins: T[][] = Array.from({ length: shard.count }, () => []);
  for (const [, family] of ordered) {
    const smallest = bins.reduce((best, bin, i) => (bin.length < (bins[best]?.length ?? 0) ? i : best), 0);
    bins[smallest]?.push(...family);
  }
  const mine = new Set(bins[shard.index - 1] ?? []);
  // Back to catalogue order within the shard, families kept together, parents first.
  return [...families.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .flatMap(([, family]) => family.filter((e) => mine.has(e)));
}

const depth = (e: Shardable) => e.lineage.ancestors.length;
