import { describe, expect, test } from 'vitest';
import { coversEverything, selectedEntries } from '../helpers/entry-selection.ts';

const entry = (id: string, ancestors: string[] = []) => ({ id, lineage: { ancestors } });
const entries = [entry('a'), entry('a-fork', ['a']), entry('b'), entry('c')];
const ids = (env: NodeJS.ProcessEnv) => selectedEntries(entries, env).map((e) => e.id);

describe('the entries a test run covers', () => {
  test('all of them by default', () => {
    expect(ids({})).toEqual(['a', 'a-fork', 'b', 'c']);
    expect(coversEverything({})).toBe(true);
  });

  test('those OAR_ENTRIES names, space- or comma-separated', () => {
    expect(ids({ OAR_ENTRIES: 'c a' })).toEqual(['a', 'c']);
    expect(ids({ OAR_ENTRIES: 'c,b, a-fork' })).toEqual(['a-fork', 'b', 'c']);
    expect(coversEverything({ OAR_ENTRIES: 'c' })).toBe(false);
  });

  test('part i of n with OAR_SHARD, a fork beside its parent', () => {
    expect(ids({ OAR_SHARD: '1/2' })).toEqual(['a', 'a-fork']);
    expect(ids({ OAR_SHARD: '2/2' })).toEqual(['b', 'c']);
    expect(ids({ OAR_SHARD: '1/2', OAR_ENTRIES: 'b c' })).toEqual(['b']);
    expect(coversEverything({ OAR_SHARD: '1/1' })).toBe(false);
  });

  test('an unknown id or a bad shard stops the run instead of testing nothing', () => {
    expect(() => ids({ OAR_ENTRIES: 'a nope' })).toThrow('OAR_ENTRIES names no valid entry nope');
    expect(() => ids({ OAR_SHARD: '3/2' })).toThrow(/OAR_SHARD="3\/2" is not a shard/u);
  });
});
