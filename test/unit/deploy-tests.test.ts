import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { openCatalogue } from '../../lib/catalogue.ts';
import { shardEntries } from '../../lib/resolve/shard.ts';
import { deploySelection } from '../../scripts/tasks/deploy-tests.ts';
import { selectedEntries } from '../helpers/entry-selection.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';

describe('npm run test:deploy -- [ids...] [--shard i/n]', () => {
  test("takes oar check's arguments and selects the emulator suite's entries with them", () => {
    expect(deploySelection([])).toEqual({ env: {} });
    expect(deploySelection(['web', 'queue', '--shard', '2/3'])).toEqual({
      env: { OAR_ENTRIES: 'web queue', OAR_SHARD: '2/3' },
    });
    expect(deploySelection(['--shard=1/2'])).toEqual({ env: { OAR_SHARD: '1/2' } });
  });

  test('refuses a bad shard or an unknown option, before starting anything', () => {
    expect(deploySelection(['--shard', '0/2'])).toEqual({
      problem: expect.stringMatching(/^--shard "0\/2" is not a shard; write i\/n/u) as string,
    });
    expect(deploySelection(['--jobs', '2'])).toMatchObject({ problem: expect.stringContaining('--jobs') as string });
    const run = spawnSync(process.execPath, ['scripts/tasks/deploy-tests.ts', '--shard', '3/2'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run test:deploy -- [ids...] [--shard i/n]');
  });

  test('each shard deploy-tests the entries oar check --shard checks, and together they cover the catalogue once', () => {
    const { entries } = openCatalogue(REPO_ROOT);
    const covered: string[] = [];
    for (const index of [1, 2, 3]) {
      const selection = deploySelection(['--shard', `${index}/3`]);
      if (!('env' in selection)) throw new Error(selection.problem);
      const ids = selectedEntries(entries, selection.env).map((e) => e.id);
      expect(ids).toEqual(shardEntries(entries, { index, count: 3 }).map((e) => e.id));
      covered.push(...ids);
    }
    expect(covered.sort()).toEqual(entries.map((e) => e.id).sort());
  });
});
