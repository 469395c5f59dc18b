import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGitHistory } from '../../lib/resolve/git-history.ts';

const work = mkdtempSync(join(tmpdir(), 'oar-history-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const repo = join(work, 'repo');
const run = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });

/** Commits a file as `author` on `day`, so dates and names are known. */
function commit(file: string, author: string, day: string): void {
  mkdirSync(join(repo, file, '..'), { recursive: true });
  writeFileSync(join(repo, file), `${author} ${day}\n`);
  run(repo, ['add', '-A']);
  const when = `${day}T12:00:00+00:00`;
  run(repo, ['-c', `user.name=${author}`, '-c', 'user.email=a@example.com', 'commit', '-qm', file], {
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  });
}

mkdirSync(repo);
run(repo, ['init', '-q', '-b', 'main']);
commit('architectures/web/architecture.yaml', 'Ada', '2026-01-02');
commit('README.md', 'Ada', '2026-01-03');
commit('architectures/web/README.mdx', 'Grace', '2026-02-10');
commit('architectures/queue/architecture.yaml', 'Grace', '2026-03-01');
commit('architectures/web/cdk/stack.ts', 'Grace', '2026-04-15');

describe('readGitHistory', () => {
  it('gives each entry folder its first and last commit dates and its contributors', () => {
    const history = readGitHistory(repo);
    expect(history.source).toBe('git');
    expect(history.note).toBeUndefined();
    expect(history.byDir.get('architectures/web')).toEqual({
      created: '2026-01-02',
      updated: '2026-04-15',
      commits: 3,
      contributors: [
        { name: 'Grace', commits: 2 },
        { name: 'Ada', commits: 1 },
      ],
    });
    expect(history.byDir.get('architectures/queue')).toMatchObject({ created: '2026-03-01', commits: 1 });
    expect([...history.byDir.keys()].sort()).toEqual(['architectures/queue', 'architectures/web']);
  });

  it('says so in a shallow clone, where only the commits present count', () => {
    const shallow = join(work, 'shallow');
    run(work, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    const history = readGitHistory(shallow);
    expect(history.source).toBe('shallow');
    expect(history.note).toMatch(/shallow clone.*git fetch --unshallow/u);
    // The one commit in the clone lists every file, so every folder seems created on that day.
    expect(history.byDir.get('architectures/web')).toMatchObject({ created: '2026-04-15', commits: 1 });
  });

  it('returns no history, with the reason, for a copy in an ignored folder of a clone', () => {
    writeFileSync(join(repo, '.gitignore'), 'copy/\n');
    cpSync(join(repo, 'architectures'), join(repo, 'copy/architectures'), { recursive: true });
    const history = readGitHistory(join(repo, 'copy'));
    expect(history.source).toBe('none');
    expect(history.note).toMatch(/ignored by git/u);
  });

  it('returns no history, with the reason, outside git (an unpacked tarball)', () => {
    const tarball = join(work, 'tarball');
    cpSync(repo, tarball, { recursive: true, filter: (src) => !src.includes('.git') });
    const history = readGitHistory(tarball);
    expect(history.source).toBe('none');
    expect(history.note).toMatch(/not built from a git clone/u);
    expect(history.byDir.size).toBe(0);
  });
});
