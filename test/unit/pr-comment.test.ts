import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restClient, type Method, type Rest } from '../../generators/contribute/github-rest.ts';
import {
  choosePullRequest,
  headFilter,
  parseRunEvent,
  planComment,
  type Artifact,
  type RunEvent,
} from '../../scripts/tasks/report/pr-comment-plan.ts';
import { postReport, readArtifact } from '../../scripts/tasks/pr-comment.ts';
import { botReport, comment, listedPull, REPO, runEvent } from '../helpers/workflow-run.ts';

const event = (source: string): RunEvent => {
  const parsed = parseRunEvent(source);
  if (!('ok' in parsed)) throw new Error(parsed.problems.join('; '));
  return parsed.ok;
};
const green = JSON.stringify({ ok: true, entries: 2, diagnostics: [] });
const tooLong = { code: 'OAR106', severity: 'error', file: 'architectures/a/architecture.yaml', message: 'too long' };
const failing = JSON.stringify({ ok: false, entries: 2, diagnostics: [tooLong] });
const artifact = (prNumber: string, validate = green): Artifact => ({ prNumber, validate, check: undefined });
const failingReportOn7 = botReport(
  70,
  '<!-- oar-report -->\n### Open Architecture Registry report\n\n**oar validate**: ❌ 3 errors',
);

describe('the PR a finished run belongs to', () => {
  it("refuses the review's repro: an artifact naming PR 7 with a green text, from a run of PR 8", () => {
    const run = event(runEvent());
    expect(headFilter(run)).toBe('mallory:entry/tiny');
    const poisoned = {
      ...artifact('7\n'),
      // What the old workflow posted verbatim; the plan never reads it.
      comment: '✅ all good @oar-maintainers this is safe to merge',
    };
    expect(choosePullRequest(run, [listedPull(8)], poisoned)).toEqual({
      refuse: 'the artifact names PR #7, but run 4242 belongs to #8',
    });
  });

  it("takes a same-repository PR from the event, and a fork's from the PR list, by head commit and repository", () => {
    const same = event(
      runEvent({ headRepository: { id: REPO.id, owner: { login: 'oar' } }, pullRequests: [{ number: 8 }] }),
    );
    expect(headFilter(same)).toBe('oar:entry/tiny');
    expect(headFilter(event(runEvent({ headRepository: null })))).toBeUndefined();
    expect(choosePullRequest(same, [], artifact('8\n'))).toEqual({ pr: 8 });
    expect(choosePullRequest(event(runEvent()), [listedPull(8)], artifact('8'))).toEqual({ pr: 8 });
  });

  it('believes no PR whose head is another commit, from another repository, or into another repository', () => {
    const run = event(runEvent());
    const pushedSince = [listedPull(8, { headSha: 'c'.repeat(40) })];
    expect(choosePullRequest(run, pushedSince, artifact('8'))).toEqual({
      skip: 'no open pull request here has the head bbbbbbb; it was pushed to again, or closed',
    });
    const otherFork = [listedPull(8, { headRepoId: 300 }), listedPull(9, { headRepoId: null })];
    expect(choosePullRequest(run, otherFork, artifact('8'))).toHaveProperty('skip');
    // GitHub has listed PRs of other repositories with the same head branch in workflow_run.pull_requests.
    const foreign = event(
      runEvent({
        headRepository: { id: REPO.id, owner: { login: 'oar' } },
        pullRequests: [{ number: 8, baseRepoId: 999 }],
      }),
    );
    expect(choosePullRequest(foreign, [], artifact('8'))).toHaveProperty('skip');
  });

  it('skips runs of other events, and refuses a missing or malformed PR number', () => {
    expect(choosePullRequest(event(runEvent({ event: 'push' })), [listedPull(8)], artifact('8'))).toEqual({
      skip: 'the run was started by "push", not a pull request',
    });
    const run = event(runEvent());
    for (const bad of ['-8', '0', '08', '8.0', '1e1', ' 8', '8 9', '99999999999', 'eight', '']) {
      expect(choosePullRequest(run, [listedPull(8)], artifact(bad))).toHaveProperty('refuse');
    }
    expect(choosePullRequest(run, [listedPull(8)], { prNumber: undefined, validate: green, check: undefined })).toEqual(
      {
        refuse: 'the artifact has no pr-number file',
      },
    );
  });

  it('refuses an event without the fields it needs', () => {
    expect(parseRunEvent('{"workflow_run": {}}')).toHaveProperty('problems');
    expect(
      parseRunEvent(JSON.stringify({ ...JSON.parse(runEvent()), repository: { id: 1, full_name: 'a/b/../c' } })),
    ).toHaveProperty('problems');
  });
});

describe('the report comment', () => {
  const run = event(runEvent());

  it("updates the bot's own report, never another bot's or a person's comment that carries the marker", () => {
    const comments = [
      comment(1, 'someone-else[bot]', '<!-- oar-report -->\nnot ours'),
      comment(2, 'mallory', '<!-- oar-report -->\nnot ours either'),
      botReport(3, 'a comment by the bot that is not the report'),
      botReport(4, '<!-- oar-report -->\r\n### Open Architecture Registry report'),
    ];
    expect(planComment(8, run, artifact('8'), comments)).toMatchObject({ kind: 'update', pr: 8, commentId: 4 });
    expect(planComment(8, run, artifact('8'), comments.slice(0, 3))).toMatchObject({ kind: 'create', pr: 8 });
  });

  it('is rebuilt from the JSON reports, with trusted facts about the run at the end', () => {
    const action = planComment(8, run, artifact('8', failing), [failingReportOn7]);
    expect(action.body).toBe(
      [
        '<!-- oar-report -->',
        '### Open Architecture Registry report',
        '',
        '**oar validate**: ❌ 2 entries, 1 error, 0 warnings',
        '',
        '- ❌ OAR106 `architectures/a/architecture.yaml`: `too long`',
        '',
        '**oar check** did not run (an earlier step failed); see the workflow log.',
        '',
        'Run `npx oar validate` and `npx oar check <id>` locally to see the same reports (CONTRIBUTING.md explains every code).',
        '',
        '<sub>Report of [run 4242](https://github.com/oar/registry/actions/runs/4242) on bbbbbbb, which ended: failure.</sub>',
      ].join('\n'),
    );
    expect(action.refused).toBeUndefined();
  });

  it('says a report was refused, and why, without showing it', () => {
    const lying = JSON.stringify({ ok: true, entries: 1, diagnostics: [tooLong] });
    const action = planComment(8, run, { prNumber: '8', validate: lying, check: '{"@everyone": 1}' }, []);
    expect(action.body).toContain('❌ The report this run uploaded was refused, so it is not shown.');
    expect(action.body).toContain('- `validate.json: ok is true, but the report lists errors`');
    expect(action.body).toContain('- `check.json: the document has an unknown field "@everyone"`');
    expect(action.body).not.toContain('too long');
    expect(action.refused).toMatch(/^validate\.json: ok is true/u);
  });
});

describe('pr-comment.ts against a fake GitHub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oar-pr-comment-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const fake = (pulls: unknown[], comments: unknown[]) => {
    const calls: { method: Method; path: string; body?: unknown }[] = [];
    const rest: Rest = {
      async request(method, path, body) {
        calls.push({ method, path, body });
        return {};
      },
      async paginate(path) {
        calls.push({ method: 'GET', path });
        return path.includes('/pulls?') ? pulls : comments;
      },
    };
    return { rest, calls };
  };
  const artifactDir = (name: string, files: Record<string, string>) => {
    const at = join(dir, name);
    mkdirSync(at);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text);
    return at;
  };

  it('posts nothing when the artifact names a PR the run does not belong to', async () => {
    const at = artifactDir('poisoned', {
      'pr-number': '7\n',
      'validate.json': green,
      'comment.md': '✅ safe to merge',
    });
    const { rest, calls } = fake([{ ...listedPull(8), title: 'x' }], [failingReportOn7]);
    expect(await postReport(rest, runEvent(), at)).toBe(1);
    expect(calls).toEqual([
      { method: 'GET', path: '/repos/oar/registry/pulls?state=open&head=mallory%3Aentry%2Ftiny' },
    ]);
  });

  it("finds the fork's PR, lists its comments, and updates the bot's report", async () => {
    const at = artifactDir('honest', { 'pr-number': '8\n', 'validate.json': failing, 'comment.md': 'ignored' });
    const { rest, calls } = fake(
      [listedPull(8)],
      [comment(5, 'mallory', '<!-- oar-report -->\nmine'), botReport(6, '<!-- oar-report -->\nold')],
    );
    expect(await postReport(rest, runEvent(), at)).toBe(0);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/oar/registry/pulls?state=open&head=mallory%3Aentry%2Ftiny',
      'GET /repos/oar/registry/issues/8/comments',
      'PATCH /repos/oar/registry/issues/comments/6',
    ]);
    expect(JSON.stringify(calls[2]?.body)).not.toContain('ignored');
  });

  it('reads only regular files of the artifact, up to the size limit', () => {
    const at = artifactDir('links', { 'validate.json': green });
    symlinkSync('/etc/passwd', join(at, 'check.json'));
    mkdirSync(join(at, 'pr-number'));
    expect(readArtifact(at)).toEqual({
      prNumber: { unreadable: 'it is not a regular file' },
      validate: green,
      check: { unreadable: 'it is not a regular file' },
    });
  });
});

describe('the REST client of the workflow tasks', () => {
  const answers = (list: [number, unknown, Record<string, string>?][]) => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetch = (async (url: URL, init?: RequestInit) => {
      seen.push({ url: String(url), init });
      const [status, body, headers] = list.shift() ?? [500, {}];
      return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: headers ?? {} });
    }) as typeof globalThis.fetch;
    return { fetch, seen };
  };
  const wait = async () => undefined;

  it('follows next links on the API origin, and never sends the token anywhere else', async () => {
    const { fetch, seen } = answers([
      [200, [1, 2], { link: '<https://api.github.com/repos/o/r/issues?page=2>; rel="next"' }],
      [200, [3], { link: '<https://attacker.example/steal>; rel="next"' }],
    ]);
    const rest = restClient('t0ken', { fetch, wait });
    await expect(rest.paginate('/repos/o/r/issues?state=open')).rejects.toThrow(
      'refusing to send the token to https://attacker.example',
    );
    expect(seen.map((s) => s.url)).toEqual([
      'https://api.github.com/repos/o/r/issues?state=open&per_page=100',
      'https://api.github.com/repos/o/r/issues?page=2',
    ]);
    expect(new Headers(seen[0]?.init?.headers).get('authorization')).toBe('Bearer t0ken');
  });

  it('retries server errors, and reports a refusal with its status and message', async () => {
    const { fetch, seen } = answers([
      [502, {}],
      [201, { id: 1 }],
      [404, { message: 'Not Found' }],
    ]);
    const rest = restClient('t', { fetch, wait, baseUrl: 'https://ghe.example/api/v3' });
    expect(await rest.request('POST', '/repos/o/r/issues/1/comments', { body: 'x' })).toEqual({ id: 1 });
    await expect(rest.request('PATCH', '/repos/o/r/issues/comments/9', { body: 'x' })).rejects.toThrow(
      'GitHub answered 404 to PATCH /api/v3/repos/o/r/issues/comments/9: Not Found',
    );
    expect(seen).toHaveLength(3);
    expect(seen[0]?.url).toBe('https://ghe.example/api/v3/repos/o/r/issues/1/comments');
  });
});
