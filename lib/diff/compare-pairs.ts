import type { Architecture } from '../../schema/architecture.ts';
import { compareCodePoints } from '../code-point-order.ts';

/** Why two entries are worth comparing: one forks the other, one lists the other as related, or one's notFor names the other. */
export type PairReason = 'fork' | 'related' | 'alternative';

/** What pairing reads of an entry. */
export interface PairSource {
  readonly id: string;
  readonly meta: Pick<Architecture, 'forkedFrom' | 'related' | 'notFor'>;
}

/** Two entries in page order (a parent before its fork, otherwise by id), and why they are paired. */
export interface Pair {
  readonly a: string;
  readonly b: string;
  readonly reasons: readonly PairReason[];
}

/**
 * The entries an entry points a reader to, and why: its parent, its related entries, and the entries its
 * notFor lines name as the better choice. Each such pair gets a static compare page
 * (docs/decisions/compare-pairs.md); `known` limits it to entries that exist.
 */
export function referencesOf(entry: PairSource, known: ReadonlySet<string>): Map<string, PairReason[]> {
  const out = new Map<string, PairReason[]>();
  const add = (id: string, reason: PairReason) => {
    if (id === entry.id || !known.has(id)) return;
    const reasons = out.get(id) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    out.set(id, reasons);
  };
  if (entry.meta.forkedFrom) add(entry.meta.forkedFrom.id, 'fork');
  for (const id of entry.meta.related ?? []) add(id, 'related');
  for (const line of entry.meta.notFor) for (const id of idsNamedIn(line, known)) add(id, 'alternative');
  return out;
}

/** Every pair with a static page, each once, sorted by its first then its second id. */
export function preparedPairs(entries: readonly PairSource[]): Pair[] {
  const known = new Set(entries.map((e) => e.id));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const pairs = new Map<string, { a: string; b: string; reasons: PairReason[] }>();
  for (const entry of entries) {
    for (const [id, reasons] of referencesOf(entry, known)) {
      const other = byId.get(id);
      if (!other) continue;
      const [a, b] = pairOrder(entry, other);
      const key = `${a}\n${b}`;
      const pair = pairs.get(key) ?? { a, b, reasons: [] };
      for (const r of reasons) if (!pair.reasons.includes(r)) pair.reasons.push(r);
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()].sort((p, q) => compareCodePoints(p.a, q.a) || compareCodePoints(p.b, q.b));
}

/** True when the two entries' pair has a static page. */
export function isPrepared(x: PairSource, y: PairSource): boolean {
  const known = new Set([x.id, y.id]);
  return referencesOf(x, known).has(y.id) || referencesOf(y, known).has(x.id);
}

/** The page order of two entries: a parent before its fork, otherwise by id. */
export function pairOrder(x: PairSource, y: PairSource): [string, string] {
  if (x.meta.forkedFrom?.id === y.id) return [y.id, x.id];
  if (y.meta.forkedFrom?.id === x.id) return [x.id, y.id];
  return compareCodePoints(x.id, y.id) <= 0 ? [x.id, y.id] : [y.id, x.id];
}

/** The path of a pair's page below the site's base. */
export function pairPath(a: string, b: string): string {
  return `compare/${a}/${b}/`;
}

/** Entry ids a line of prose names as whole words (ids are kebab-case, so a hyphen is part of the word). */
function idsNamedIn(line: string, known: ReadonlySet<string>): string[] {
  return line.split(/[^a-z0-9-]+/u).filter((word) => known.has(word));
}
