import { parseShard, shardEntries, type Shardable } from '../../lib/resolve/shard.ts';

/**
 * The entries a run of the entry tests covers: all of them, or those named in
 * OAR_ENTRIES (space- or comma-separated ids, as CI's plan writes them), then
 * part i of n of those when OAR_SHARD=i/n, forks beside their parents. The entry
 * harness, the entry tests (vitest.config.ts) and the emulator suite share it,
 * so one CI job covers the same entries in all three.
 */
export function selectedEntries<T extends Shardable>(entries: readonly T[], env: NodeJS.ProcessEnv = process.env): T[] {
  const named = (env['OAR_ENTRIES'] ?? '').split(/[\s,]+/u).filter(Boolean);
  const unknown = named.filter((id) => !entries.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`OAR_ENTRIES names no valid entry ${unknown.join(', ')}`);
  const chosen = named.length > 0 ? entries.filter((e) => named.includes(e.id)) : [...entries];
  const text = env['OAR_SHARD'];
  if (text === undefined || text === '') return chosen;
  const shard = parseShard(text);
  if ('problem' in shard) throw new Error(`OAR_SHARD=${shard.problem}`);
  return shardEntries(chosen, shard);
}

/** True when the run covers the whole catalogue, so what it finds may stand for all of it. */
export function coversEverything(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env['OAR_ENTRIES'] && !env['OAR_SHARD'];
}
