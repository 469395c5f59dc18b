import { describe, expect, test } from 'vitest';
import { parseShard, shardEntries, type Shardable } from '../../lib/resolve/shard.ts';

/** A catalogue of `plain` unrelated entries plus forks, each written as [id, parent, grandparent…]. */
function catalogue(plain: number, forks: string[][] = []): Shardable[] {
  const out: Shardable[] = Array.from({ length: plain }, (_, i) => ({
    id: `e${String(i).padStart(2, '0')}`,
    lineage: { ancestors: [] },
  }));
  for (const [id = '', ...ancestors] of forks) out.push({ id, lineage: { ancestors } });
  return out;
}
const ids = (entries: readonly Shardable[]) => entries.map((e) => e.id);
const split = (entries: readonly Shardable[], count: number) =>
  Array.from({ length: count }, (_, i) => ids(shardEntries(entries, { index: i + 1, count })));

describe('parseShard', () => {
  test.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    [' 3/3 ', { index: 3, count: 3 }],
  ])('reads %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  test.each(['0/3', '4/3', '1/0', '1', '1/2/3', '-1/2', 'a/b', '1.5/2', '', '99999/99999'])('refuses %j', (text) => {
    expect(parseShard(text)).toEqual({ problem: expect.stringContaining('write i/n with 1 ≤ i ≤ n') as string });
  });
});

describe('shardEntries', () => {
  const entries = catalogue(40, [
    ['web'],
    ['web-fork', 'web'],
    ['web-fork-fork', 'web-fork', 'web'],
    ['net'],
    ['net-b', 'net'],
    ['net-a', 'net'],
  ]);

  test('every entry is in exactly one shard', () => {
    for (const count of [1, 2, 3, 7, 60]) {
      const parts = split(entries, count);
      expect(parts.flat().sort()).toEqual(ids(entries).sort());
    }
  });

  test('one shard is the whole catalogue', () => {
    expect(split(entries, 1)[0]).toHaveLength(entries.length);
  });

  test('forks stay in their parent’s shard, right after it', () => {
    for (const count of [2, 3, 5, 10]) {
      for (const part of split(entries, count)) {
        for (const family of [
          ['web', 'web-fork', 'web-fork-fork'],
          ['net', 'net-a', 'net-b'],
        ]) {
          const at = part.indexOf(family[0] ?? '');
          if (at < 0) expect(part.filter((id) => family.includes(id))).toEqual([]);
          else expect(part.slice(at, at + family.length)).toEqual(family);
        }
      }
    }
  });

  test('the split does not depend on the order the entries come in', () => {
    const reversed = [...entries].reverse();
    const shuffled = [...entries].sort((a, b) => (a.id.length % 3) - (b.id.length % 3) || (a.id < b.id ? 1 : -1));
    for (const count of [2, 3, 4]) {
      expect(split(reversed, count)).toEqual(split(entries, count));
      expect(split(shuffled, count)).toEqual(split(entries, count));
    }
  });

  test('shards differ in size by no more than the largest family', () => {
    for (const count of [2, 3, 4, 6]) {
      const sizes = split(entries, count).map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(3);
    }
    const sizes = split(catalogue(45), 3).map((p) => p.length);
    expect(sizes).toEqual([15, 15, 15]);
  });

  test('more shards than entries leaves the extra shards empty', () => {
    expect(split(catalogue(2), 4).map((p) => p.length)).toEqual([1, 1, 0, 0]);
  });

  test('a fork whose parent is not being sharded heads its own family', () => {
    const forks = catalogue(0, [
      ['child', 'gone'],
      ['grandchild', 'child', 'gone'],
    ]);
    expect(split(forks, 2)).toEqual([['child', 'grandchild'], []]);
  });
});
