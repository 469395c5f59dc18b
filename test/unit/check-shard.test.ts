import { describe, expect, it } from 'vitest';
import { runOar } from '../helpers/run-cli.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

// The valid fixture has no stacks, so each entry fails at once with OAR305, before any CDK code loads.
const valid = fixture('valid');
const checked = async (...args: string[]) => {
  const run = await runOar(['--root', valid, 'check', '--json', ...args]);
  return (JSON.parse(run.stdout) as { entries: { id: string }[] }).entries.map((e) => e.id);
};

describe('oar check --shard', () => {
  it('checks one part of the catalogue, a fork beside its parent', async () => {
    expect(await checked('--shard', '1/2')).toEqual(['tiny-web', 'tiny-web-fork']);
    expect(await checked('--shard', '2/2')).toEqual([]);
    expect(await checked('--shard', '1/1')).toEqual(['tiny-web', 'tiny-web-fork']);
  });

  it('shards the named entries only', async () => {
    expect(await checked('tiny-web-fork', '--shard', '1/2')).toEqual(['tiny-web-fork']);
  });

  it('refuses a shard that is not i/n, before checking anything', async () => {
    const run = await runOar(['--root', valid, 'check', '--shard', '3/2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error OAR303: --shard "3/2" is not a shard; write i/n with 1 ≤ i ≤ n');
    expect(run.stderr).not.toContain('checking');
  });
});
