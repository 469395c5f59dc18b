import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseShard } from '../../lib/resolve/shard.ts';

/** The emulator suite, in the vitest project that holds the entries' tests. */
const SUITE = ['run', '--project', 'entries', 'test/integration/deploy-moto.test.ts'];

/**
 * The variables that select the emulator suite's entries from `oar check`'s own arguments: ids become
 * OAR_ENTRIES and `--shard i/n` becomes OAR_SHARD, which the suite reads through test/helpers/entry-selection.ts
 * and so shards with the same shardEntries as `oar check --shard`. Vitest's own --shard splits test files,
 * not entries, hence this task. Returns what is wrong instead when the arguments are not usable.
 */
export function deploySelection(
  args: readonly string[],
): { readonly env: Record<string, string> } | { readonly problem: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { shard: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    return { problem: (err as Error).message };
  }
  const env: Record<string, string> = {};
  if (parsed.positionals.length > 0) env['OAR_ENTRIES'] = parsed.positionals.join(' ');
  if (parsed.values.shard !== undefined) {
    const shard = parseShard(parsed.values.shard);
    if ('problem' in shard) return { problem: `--shard ${shard.problem}` };
    env['OAR_SHARD'] = `${shard.index}/${shard.count}`;
  }
  return { env };
}

// `npm run test:deploy -- [ids...] [--shard i/n]`: deploys the selected entries to the moto emulator and back.
if (import.meta.main) {
  const selection = deploySelection(process.argv.slice(2));
  if ('problem' in selection) {
    console.error(`${selection.problem}\nusage: npm run test:deploy -- [ids...] [--shard i/n]`);
    process.exit(2);
  }
  // vitest's package exports do not include its command-line entry.
  const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [vitest, ...SUITE], {
    stdio: 'inherit',
    env: { ...process.env, ...selection.env },
  });
  process.exit(run.status ?? 1);
}
