import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git as oarGit, GitError } from '../../lib/git.ts';
import { githubClient } from '../../generators/contribute/github-client.ts';
import { propose, type ProposeRequest } from '../../generators/contribute/propose.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { FakeGitHub } from '../helpers/fake-github.ts';
import { withEnv } from '../helpers/with-env.ts';

const work = mkdtempSync(join(tmpdir(), 'oar-propose-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
const write = (file: string, text: string) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
};

let n = 0;
let fake: FakeGitHub;
let api: string;
let clone: string;
let lines: string[];

/** A fresh upstream (a bare repository the fake serves) and a contributor's clone with a new entry in it. */
beforeEach(async () => {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  fake = new FakeGitHub(dir, { owner: 'oar', repo: 'registry' });
  const seed = join(dir, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '-q', '-b', 'main');
  write(join(seed, 'README.md'), '# registry\n');
  write(join(seed, 'architectures/existing/architecture.yaml'), 'id: existing\n');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-qm', 'seed');
  git(dir, 'clone', '-q', '--bare', seed, join(dir, 'oar--registry.git'));
  clone = join(dir, 'clone');
  git(dir, 'clone', '-q', fake.cloneUrl('oar', 'registry'), clone);
  write(join(clone, 'architectures/new-entry/architecture.yaml'), 'id: new-entry\nversion: 1.0.0\n');
  write(join(clone, 'architectures/new-entry/README.mdx'), 'Notes.\n');
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', 'new entry');
  api = await fake.start();
  lines = [];
});
afterEach(async () => {
  await fake.stop();
});

const request = (over: Partial<ProposeRequest> = {}): ProposeRequest => ({
  root: clone,
  id: 'new-entry',
  version: '1.0.0',
  dir: 'architectures/new-entry',
  upstream: { owner: 'oar', repo: 'registry' },
  title: 'new-entry 1.0.0: A new entry',
  body: '## A new entry\n\nSummary.',
  dryRun: false,
  ...over,
});
const run = (over: Partial<ProposeRequest> = {}) =>
  propose(request(over), { client: githubClient('t0ken', { baseUrl: api, retries: 1 }), token: 't0ken' }, (l) =>
    lines.push(l),
  );
const forkRepo = () => fake.cloneUrl('contributor', 'registry').replace('file://', '');
const failure = async (promise: Promise<unknown>): Promise<OarError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OarError);
  return error as OarError;
};

describe('oar propose against a local GitHub and real git', () => {
  it('forks, pushes entry/<id> with only the entry folder, and opens a PR', async () => {
    const result = await run();
    expect(result).toEqual({ action: 'created', number: 1, url: 'https://github.com/oar/registry/pull/1' });
    expect(fake.calls()).toEqual([
      'GET /user',
      'GET /repos/oar/registry',
      'GET /repos/contributor/registry',
      'POST /repos/oar/registry/forks',
      'GET /repos/oar/registry/pulls',
      'POST /repos/oar/registry/pulls',
    ]);
    expect(fake.received.every((r) => r.authorization === 'token t0ken')).toBe(true);
    expect(fake.received.at(-1)?.body).toMatchObject({
      head: 'contributor:entry/new-entry',
      base: 'main',
      title: 'new-entry 1.0.0: A new entry',
      body: '## A new entry\n\nSummary.',
      maintainer_can_modify: true,
    });
    const changed = git(forkRepo(), 'diff', '--name-only', 'main', 'entry/new-entry');
    expect(changed.split('\n')).toEqual([
      'architectures/new-entry/README.mdx',
      'architectures/new-entry/architecture.yaml',
    ]);
    expect(git(forkRepo(), 'log', '-1', '--format=%B', 'entry/new-entry')).toContain('Oar-Entry: new-entry');
  });

  it('updates the branch and the open PR when run again, without a second fork', async () => {
    await run();
    write(join(clone, 'architectures/new-entry/README.mdx'), 'Better notes.\n');
    fake.received.length = 0;
    const again = await run({ body: 'updated body' });
    expect(again).toMatchObject({ action: 'updated', number: 1 });
    expect(fake.calls()).toEqual([
      'GET /user',
      'GET /repos/oar/registry',
      'GET /repos/contributor/registry',
      'GET /repos/oar/registry/pulls',
      'PATCH /repos/oar/registry/pulls/1',
    ]);
    expect(fake.pulls[0]?.body).toBe('updated body');
    expect(git(forkRepo(), 'show', 'entry/new-entry:architectures/new-entry/README.mdx')).toBe('Better notes.');
  });

  it('updates the existing PR when creating one meets 422 (it already exists)', async () => {
    await run();
    fake.listLags = true;
    fake.received.length = 0;
    expect(await run({ title: 'new title' })).toMatchObject({ action: 'updated', number: 1 });
    expect(fake.calls().slice(-3)).toEqual([
      'POST /repos/oar/registry/pulls',
      'GET /repos/oar/registry/pulls',
      'PATCH /repos/oar/registry/pulls/1',
    ]);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]?.title).toBe('new title');
  });

  it('says a rejected token is the problem (401)', async () => {
    fake.failures.set('GET /user', { status: 401, message: 'Bad credentials' });
    expect((await failure(run())).code).toBe('OAR321');
  });

  it('says which scope a classic token lacks', async () => {
    fake.scopes = 'read:org, gist';
    const error = await failure(run());
    expect(error.code).toBe('OAR321');
    expect(error.message).toMatch(/"read:org, gist" but needs public_repo/u);
  });

  it('says the upstream was not found (404)', async () => {
    fake.failures.set('GET /repos/oar/registry', { status: 404, message: 'Not Found' });
    const error = await failure(run());
    expect(error.code).toBe('OAR322');
    expect(error.message).toContain('upstream oar/registry not found');
  });

  it('retries a rate limit (403 with rate-limit headers), then says when to try again', async () => {
    const reset = Math.floor(Date.now() / 1000);
    fake.failures.set('GET /repos/oar/registry', {
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-limit': '60' },
    });
    const error = await failure(run());
    expect(error.code).toBe('OAR323');
    expect(error.message).toContain(new Date(reset * 1000).toISOString());
    expect(fake.calls().filter((c) => c === 'GET /repos/oar/registry').length).toBeGreaterThanOrEqual(2);
    expect(fake.calls()).not.toContain('POST /repos/oar/registry/forks');
  });

  it('recovers when a rate limit lifts during the retries', async () => {
    fake.failures.set('GET /repos/oar/registry', {
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      times: 1,
    });
    expect(await run()).toMatchObject({ action: 'created' });
  });

  it('refuses when the branch on the fork changes files outside the entry', async () => {
    await run();
    const other = join(work, `other-${n}`);
    git(work, 'clone', '-q', '-b', 'entry/new-entry', fake.cloneUrl('contributor', 'registry'), other);
    write(join(other, 'README.md'), 'edited by hand\n');
    git(other, 'commit', '-qam', 'unrelated');
    git(other, 'push', '-q', 'origin', 'entry/new-entry');
    const error = await failure(run());
    expect(error.code).toBe('OAR324');
    expect(error.message).toContain('README.md');
  });

  it('refuses uncommitted changes outside the entry before calling GitHub', async () => {
    write(join(clone, 'README.md'), 'local edit\n');
    const error = await failure(run());
    expect(error.code).toBe('OAR325');
    expect(error.message).toContain('README.md');
    expect(fake.received).toEqual([]);
  });

  it('prints every step and the PR body in a dry run, and changes nothing', async () => {
    const result = await propose(request({ dryRun: true }), undefined, (l) => lines.push(l));
    expect(result).toEqual({ action: 'dry-run' });
    expect(fake.received).toEqual([]);
    expect(lines.join('\n')).toContain('would push entry/new-entry');
    expect(lines.join('\n')).toContain('Title: new-entry 1.0.0: A new entry\n\n## A new entry');
  });

  it('hands git the token in its environment, never on its command line', async () => {
    // A git first on PATH that logs its own command line and GIT_CONFIG_* variables, as `ps` and /proc show them.
    const bin = join(work, `bin-${n}`);
    const log = join(work, `git-${n}.log`);
    mkdirSync(bin);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\n{ echo "cmdline: $(tr '\\0' ' ' < /proc/$$/cmdline)"; tr '\\0' '\\n' < /proc/$$/environ | grep '^GIT_CONFIG'; } >> '${log}'\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    // GitHub's clone URLs are https, which is when oar sends the token; insteadOf maps them to the fake's folders.
    const https = new FakeGitHub(
      join(work, `case-${n}`),
      { owner: 'oar', repo: 'registry' },
      { httpsBase: 'https://github.test' },
    );
    for (const owner of ['oar', 'contributor'])
      git(
        clone,
        'config',
        `url.${https.cloneUrl(owner, 'registry')}.insteadOf`,
        `https://github.test/${owner}/registry.git`,
      );
    const token = 'ghp_cmdlineProbeToken0123456789';
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    const restore = withEnv({
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.abbrev',
      GIT_CONFIG_VALUE_0: '12',
    });
    try {
      const httpsApi = await https.start();
      const client = githubClient(token, { baseUrl: httpsApi, retries: 0 });
      expect(await propose(request(), { client, token }, (l) => lines.push(l))).toMatchObject({ action: 'created' });
    } finally {
      restore();
      await https.stop();
    }
    const text = readFileSync(log, 'utf8');
    const push = text.split('cmdline: ').find((record) => / push /u.test(record)) ?? '';
    expect(push, text).toMatch(
      /^\S*sh \S+\/git push --quiet --force https:\/\/github\.test\/contributor\/registry\.git /u,
    );
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('cmdline:'))
        .join('\n'),
    ).not.toMatch(new RegExp(`${token}|${basic}|extraHeader`, 'u'));
    // The user's own GIT_CONFIG_* entry is kept, and the header is added after it.
    expect(push).toContain('GIT_CONFIG_COUNT=2\nGIT_CONFIG_KEY_0=core.abbrev');
    expect(push).toContain(`GIT_CONFIG_KEY_1=http.extraHeader\nGIT_CONFIG_VALUE_1=Authorization: Basic ${basic}`);
    expect(git(forkRepo(), 'log', '-1', '--format=%s', 'entry/new-entry')).toBe('Propose new-entry 1.0.0');
  });

  it('names the git subcommand that failed, past global options, in an OAR326 error', () => {
    const call = () => oarGit(clone, ['-c', 'user.name=x', 'push', join(work, 'no-such-repo'), 'HEAD']);
    expect(call).toThrow(/^git push failed: /u);
    expect(call).toThrow(expect.objectContaining({ code: 'OAR326', subcommand: 'push' }) as GitError);
  });

  it('says GitHub could not be reached when no answer came, not that it answered 500', async () => {
    // A port nothing listens on: the connection is refused at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = githubClient('t0ken', { baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
    const error = await failure(propose(request(), { client, token: 't0ken' }, (l) => lines.push(l)));
    expect(error.code).toBe('OAR326');
    expect(error.message).toMatch(
      /^reading your GitHub account: could not reach GitHub \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); check your network or OAR_GITHUB_API_URL$/u,
    );
  });
});
