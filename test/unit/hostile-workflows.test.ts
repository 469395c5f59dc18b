/**
 * The hostile corpus, area "workflows": poisoned artifacts and reports fed to the
 * tasks that run with a write token, scripts/tasks/pr-comment.ts (pr-report.yml),
 * scripts/tasks/rot-issues.ts and scripts/tasks/advisory-issues.ts (scheduled-check.yml),
 * against a fake GitHub.
 *
 * One JSON file per case under test/fixtures/hostile/workflows/:
 *   description, finding   as in the rest of the corpus (test/hostile/case.ts)
 *   task        "pr-comment" (default), "rot-issues" or "advisory-issues"
 *   workflowRun the finished run, as test/helpers/workflow-run.ts RunSketch: event, headSha,
 *               headRepository ("fork" (default), "same" or null) and pullRequests (same-repo PRs in the event)
 *   pulls       open PRs GET /pulls lists for the head: [{ number, headSha?, headRepoId? }]
 *   comments    the PR's comments: [{ id, login, body }] (pr-comment); issues: [{ number, login, body }] (the others)
 *   artifact    file name → content: a string, { json: value }, or { repeat, times, before?, after? }
 *               (pr-number, validate.json, check.json, anything else; rot-issues reads check-report.json,
 *               advisory-issues fork-advisories.json)
 *   expect      outcome: "refused"        nothing written, exit 1
 *                        "skipped"        nothing written, exit 0
 *                        "posted"         written, exit 0
 *                        "report-refused" only a notice that the report was refused is written, exit 1
 *               writes:  the writes, as "METHOD /path" after /repos/oar/registry (when posted)
 *               bodyHas / bodyLacks: literal strings every written body must contain / must not
 *
 * Every written body must also keep the invariants of a safe comment (see `unsafe` below),
 * and no logged line may start a workflow command or carry a control character.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Method, Rest } from '../../generators/contribute/github-rest.ts';
import { CORPUS } from '../hostile/case.ts';
import { postReport } from '../../scripts/tasks/pr-comment.ts';
import { syncAdvisoryIssues } from '../../scripts/tasks/advisory-issues.ts';
import { syncRotIssues } from '../../scripts/tasks/rot-issues.ts';
import { FORK, listedPull, REPO, runEvent, type RunSketch } from '../helpers/workflow-run.ts';

type Content =
  | string
  | { readonly json: unknown }
  | { readonly repeat: string; readonly times: number; readonly before?: string; readonly after?: string };

interface WorkflowCase {
  readonly description: string;
  readonly finding: string;
  readonly task?: 'pr-comment' | 'rot-issues' | 'advisory-issues';
  readonly workflowRun?: Omit<RunSketch, 'headRepository'> & { readonly headRepository?: 'fork' | 'same' | null };
  readonly pulls?: readonly {
    readonly number: number;
    readonly headSha?: string;
    readonly headRepoId?: number | null;
  }[];
  readonly comments?: readonly {
    readonly id?: number;
    readonly number?: number;
    readonly login: string;
    readonly body: string;
  }[];
  readonly artifact: Readonly<Record<string, Content>>;
  readonly expect: {
    readonly outcome: 'refused' | 'skipped' | 'posted' | 'report-refused';
    readonly writes?: readonly string[];
    readonly bodyHas?: readonly string[];
    readonly bodyLacks?: readonly string[];
  };
}

const AREA = join(CORPUS, 'workflows');
const names = readdirSync(AREA)
  .filter((f) => f.endsWith('.json'))
  .sort();
const temp = mkdtempSync(join(tmpdir(), 'oar-hostile-workflows-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

const text = (c: Content): string =>
  typeof c === 'string'
    ? c
    : 'json' in c
      ? JSON.stringify(c.json)
      : `${c.before ?? ''}${c.repeat.repeat(c.times)}${c.after ?? ''}`;

// What the body may hold outside code spans: our own tags, the run's link, and no mention,
// reference, image, link, autolink, entity or other HTML that a contributor's text could add.
const ALLOWED_TAGS = /<!-- oar-report -->|<!-- oar-(?:entry|fork): [a-z0-9-]+ -->|<\/?details>|<\/?summary>|<\/?sub>/gu;
const RUN_LINK = '[run 4242](https://github.com/oar/registry/actions/runs/4242)';
const SCHEDULED_RUN = 'https://github.com/oar/registry/actions/runs/1';
/** Why a comment or issue body is unsafe to post, or undefined when it is safe. */
function unsafe(body: string): string | undefined {
  if (body.length > 65_536) return `it is ${body.length} characters long, over GitHub's limit`;
  if (/(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(body)) return 'it holds a control or invisible character';
  // Our code spans hold no backtick and no line break, so this finds every one of them.
  const outside = body.replace(/`[^`\n]*`/gu, '');
  const opens = outside.match(/<details>/gu)?.length ?? 0;
  if (opens !== (outside.match(/<\/details>/gu)?.length ?? 0)) return '<details> and </details> do not pair up';
  for (const line of outside.split('\n')) {
    const bare = line
      .replace(ALLOWED_TAGS, '')
      .replace(RUN_LINK, '')
      .replace(SCHEDULED_RUN, '')
      .replace('`npx oar validate`', '');
    const found = /[@<>&\\]|\]\(|!\[|:\/\/|www\.|#\d|`/u.exec(bare);
    if (found) return `${JSON.stringify(found[0])} outside a code span in ${JSON.stringify(line.slice(0, 200))}`;
  }
  return undefined;
}

function fakeGitHub(c: WorkflowCase) {
  const writes: { method: Method; path: string; body: Record<string, unknown> }[] = [];
  const comments = (c.comments ?? []).map((x, i) =>
    c.task === 'rot-issues' || c.task === 'advisory-issues'
      ? { number: x.number ?? i + 1, body: x.body, user: { login: x.login } }
      : { id: x.id ?? i + 1, body: x.body, user: { login: x.login, type: x.login.endsWith('[bot]') ? 'Bot' : 'User' } },
  );
  const rest: Rest = {
    async request(method, path, body) {
      writes.push({ method, path: path.replace('/repos/oar/registry', ''), body: body as Record<string, unknown> });
      return { number: 500 };
    },
    async paginate(path) {
      if (path.includes('/pulls?')) {
        return (c.pulls ?? []).map((p) => listedPull(p.number, { ...p }));
      }
      return comments;
    },
  };
  return { rest, writes };
}

function sketch(c: WorkflowCase): RunSketch {
  const { headRepository, ...rest } = c.workflowRun ?? {};
  const repo =
    headRepository === 'same' ? { id: REPO.id, owner: { login: 'oar' } } : headRepository === null ? null : FORK;
  return { ...rest, headRepository: repo };
}

describe('the hostile corpus, workflows area', () => {
  it('has at least 10 cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it('holds the safety invariants it checks bodies with (each one can fail)', () => {
    for (const bad of [
      '@everyone',
      '<img src=x>',
      '![x](https://a.example/p.png)',
      '[ok](https://a.example)',
      'see www.a.example',
      'org/repo#1',
      '&lt;',
      'a\u001bb',
      '<details>',
    ]) {
      expect(unsafe(`safe \`code\` ${bad}`), bad).toBeDefined();
    }
    expect(unsafe(`<!-- oar-report -->\n\`@everyone <img>\` ${RUN_LINK}`)).toBeUndefined();
  });

  it.for(names)('%s', async (name) => {
    const c = JSON.parse(readFileSync(join(AREA, name), 'utf8')) as WorkflowCase;
    const dir = join(temp, name.replace(/\.json$/u, ''));
    mkdirSync(dir);
    for (const [file, content] of Object.entries(c.artifact)) writeFileSync(join(dir, file), text(content));
    const { rest, writes } = fakeGitHub(c);
    const logged: string[] = [];
    const log = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    vi.spyOn(console, 'log').mockImplementation(log);
    vi.spyOn(console, 'error').mockImplementation(log);
    let exit: number;
    try {
      exit =
        c.task === 'rot-issues'
          ? await syncRotIssues(rest, join(dir, 'check-report.json'), 'oar/registry', SCHEDULED_RUN)
          : c.task === 'advisory-issues'
            ? await syncAdvisoryIssues(rest, join(dir, 'fork-advisories.json'), 'oar/registry', SCHEDULED_RUN)
            : await postReport(rest, runEvent(sketch(c)), dir);
    } finally {
      vi.restoreAllMocks();
    }
    const said = `${c.description}\n--- log ---\n${logged.join('\n')}\n--- writes ---\n${JSON.stringify(writes, null, 1).slice(0, 4000)}`;
    const { outcome } = c.expect;
    expect(exit, said).toBe(outcome === 'refused' || outcome === 'report-refused' ? 1 : 0);
    if (outcome === 'refused' || outcome === 'skipped') expect(writes, said).toEqual([]);
    else expect(writes.length, said).toBeGreaterThan(0);
    if (c.expect.writes)
      expect(
        writes.map((w) => `${w.method} ${w.path}`),
        said,
      ).toEqual(c.expect.writes);
    for (const w of writes) {
      const body = typeof w.body['body'] === 'string' ? w.body['body'] : '';
      if (w.body['body'] !== undefined)
        expect(unsafe(body), `${said}\n--- body ---\n${body.slice(0, 4000)}`).toBeUndefined();
      if (outcome === 'report-refused') expect(body, said).toContain('was refused, so it is not shown');
      for (const s of c.expect.bodyHas ?? []) expect(body, said).toContain(s);
      for (const s of c.expect.bodyLacks ?? []) expect(body, said).not.toContain(s);
    }
    // One line per log call: a newline in hostile text could start a workflow command (::set-output, ::add-mask…).
    for (const line of logged) {
      expect(line, said).not.toMatch(/^::|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      expect(line.length, said).toBeLessThan(5000);
    }
  });
});
