import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/cli/main.ts';
import { runOar } from '../helpers/run-cli.ts';

// One loop over the program's own command list, so a new command is pinned the day it is added.
describe('oar --help', () => {
  it('lists every command the program composes', async () => {
    const { code, stdout } = await runOar(['--help']);
    expect(code).toBe(0);
    for (const { name } of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'mu'));
    expect(stdout).toMatchSnapshot();
  });

  it.each(COMMANDS.map((c) => c.name))('pins the help of oar %s', async (name) => {
    const { code, stdout, stderr } = await runOar([name, '--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: oar ${name} `);
    expect(stdout).toMatchSnapshot();
  });
});
