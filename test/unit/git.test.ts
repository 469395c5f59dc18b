import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, GitError, subcommandOf, tryGit } from '../../lib/git.ts';

const dir = mkdtempSync(join(tmpdir(), 'oar-git-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lib/git.ts, the one way oar runs git', () => {
  it('names the subcommand past global options', () => {
    expect(subcommandOf(['-c', 'core.fsmonitor=false', '-C', 'x', 'ls-files', '-z'])).toBe('ls-files');
  });

  it('fails with OAR326, the subcommand and what git said; tryGit answers undefined instead', () => {
    const outside = () => git(dir, ['rev-parse', '--show-toplevel']);
    expect(outside).toThrow(GitError);
    expect(outside).toThrow(/^git rev-parse failed: fatal: not a git repository/u);
    expect(outside).toThrow(expect.objectContaining({ code: 'OAR326', subcommand: 'rev-parse' }) as Error);
    expect(tryGit(dir, ['rev-parse', '--show-toplevel'])).toBeUndefined();
  });

  it('says so when git is not installed', () => {
    expect(() => git(dir, ['status'], { env: { PATH: join(dir, 'no-bin') } })).toThrow(
      'git status failed: git is not installed or not on PATH',
    );
  });

  it('passes the environment it is given to git, and returns what git printed', () => {
    expect(
      git(dir, ['config', '--get', 'oar.probe'], {
        env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'oar.probe', GIT_CONFIG_VALUE_0: 'yes' },
      }),
    ).toBe('yes');
  });
});
