import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BOT_LOGIN, type Rest } from '../../generators/contribute/github-rest.ts';
import type { ForkAdvisories, ForkAdvisoryReport } from '../../lib/report/fork-advisory-report.ts';
import { syncAdvisoryIssues } from '../../scripts/tasks/advisory-issues.ts';
import { forkAdvisoryReport } from '../../scripts/tasks/fork-advisories.ts';
import { ADVISORY_LABEL, planAdvisoryIssues } from '../../scripts/tasks/report/advisory-issues.ts';
import type { IssueAction, OpenIssue } from '../../scripts/tasks/report/issue-plan.ts';
import { planRotIssues } from '../../scripts/tasks/report/rot-issues.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const run = 'https://github.com/o/r/actions/runs/1';
type Open = ForkAdvisories['open'][number];
const advisory = (id: string, severity: Open['severity'], extra: Partial<Open> = {}): Open => ({
  id: `tiny-web/${id}`,
  date: '2026-12-01',
  severity,
  title: `Advisory ${id}`,
  affected: '<1.2.0',
  fixedIn: '1.2.0',
  impact: 'Capacity drops during every replacement.',
  ...extra,
});
const fork = (id: string, open: readonly Open[], extra: Partial<ForkAdvisories> = {}): ForkAdvisories => ({
  id,
  version: '1.0.0',
  status: 'draft',
  parent: 'tiny-web',
  base: '1.0.0',
  parentVersion: '1.2.0',
  open,
  ...extra,
});
const report = (...forks: ForkAdvisories[]): ForkAdvisoryReport => ({ checkedAt: '2026-12-07T04:17:00.000Z', forks });
const bot = (number: number, body: string): OpenIssue => ({ number, body, author: BOT_LOGIN });
const created = (actions: IssueAction[]) => {
  const [a] = actions;
  if (a?.kind !== 'create') throw new Error(`expected one create, got ${JSON.stringify(actions)}`);
  return a;
};
// Text outside inline code spans, where GitHub would render markup.
const outsideSpans = (body: string) => body.replace(/`[^`\n]*`/gu, '');

describe('the fork-advisory issue planner', () => {
  it('opens one issue per fork with open advisories, and none for a fork with nothing open', () => {
    const actions = planAdvisoryIssues(
      report(
        fork('tiny-fork', [advisory('2026-002-small-logs', 'low'), advisory('2026-001-x', 'high')]),
        fork('ok', []),
      ),
      [],
      run,
    );
    expect(actions).toHaveLength(1);
    const a = created(actions);
    expect(a).toMatchObject({ id: 'tiny-fork', title: 'Fork tiny-fork: 2 open advisories of tiny-web (worst: high)' });
    expect(a.body.split('\n')[0]).toBe('<!-- oar-fork: tiny-fork -->');
    expect(a.body).toContain('### high: tiny-web/2026-001-x');
    expect(a.body).toContain('`npx oar upstream tiny-fork`');
    expect(a.body).toContain('`npx oar sync tiny-fork`');
    expect(a.body).toContain('`forkedFrom.advisories`');
  });

  it('says what each advisory is, how bad, and what to do (the fixture catalogue)', () => {
    const built = forkAdvisoryReport(fixture('fork-advisories'), new Date('2026-12-07T04:17:00.000Z'));
    if (!('report' in built)) throw new Error(built.refused);
    const a = created(planAdvisoryIssues(built.report, [], run));
    expect(a.title).toBe('Fork tiny-fork: 2 open advisories of tiny-web (worst: high)');
    expect(a.body).toMatchSnapshot();
  });

  it('leaves an issue alone when only the date and run link changed, and refreshes it when what is open changed', () => {
    const first = created(planAdvisoryIssues(report(fork('tiny-fork', [advisory('a', 'high')])), [], run));
    const nextWeek = { ...report(fork('tiny-fork', [advisory('a', 'high')])), checkedAt: '2026-12-14T04:17:00.000Z' };
    expect(planAdvisoryIssues(nextWeek, [bot(7, first.body)], `${run}2`)).toEqual([]);
    for (const changed of [
      fork('tiny-fork', [advisory('a', 'high'), advisory('b', 'critical')]),
      fork('tiny-fork', [advisory('a', 'high', { mitigation: 'Narrow the security group.' })]),
      fork('tiny-fork', [advisory('a', 'high')], { parentVersion: '1.3.0' }),
    ]) {
      const actions = planAdvisoryIssues({ ...nextWeek, forks: [changed] }, [bot(7, first.body)], run);
      expect(actions).toMatchObject([{ kind: 'update', id: 'tiny-fork', number: 7 }]);
    }
    const worse = planAdvisoryIssues(
      report(fork('tiny-fork', [advisory('a', 'high'), advisory('b', 'critical')])),
      [bot(7, first.body)],
      run,
    );
    expect(worse[0]).toMatchObject({ title: 'Fork tiny-fork: 2 open advisories of tiny-web (worst: critical)' });
  });

  it('closes the issue with a comment when the fork handled every advisory or synced past them', () => {
    const first = created(planAdvisoryIssues(report(fork('tiny-fork', [advisory('a', 'high')])), [], run));
    const handled = planAdvisoryIssues(report(fork('tiny-fork', [], { base: '1.2.0' })), [bot(7, first.body)], run);
    expect(handled).toEqual([
      {
        kind: 'close',
        id: 'tiny-fork',
        number: 7,
        comment: `tiny-fork 1.0.0 has no open advisory of tiny-web any more: each one that applies to its base 1.2.0 is handled under forkedFrom.advisories, or the fork moved past it (${run}). Closing.`,
      },
    ]);
  });

  it('closes the issue of a fork that is no longer in the catalogue, and no other', () => {
    const gone = created(planAdvisoryIssues(report(fork('old-fork', [advisory('a', 'low')])), [], run));
    const stays = created(planAdvisoryIssues(report(fork('tiny-fork', [advisory('a', 'low')])), [], run));
    expect(
      planAdvisoryIssues(
        report(fork('tiny-fork', [advisory('a', 'low')])),
        [bot(3, gone.body), bot(4, stays.body)],
        run,
      ),
    ).toEqual([
      {
        kind: 'close',
        id: 'old-fork',
        number: 3,
        comment: `old-fork is no longer a fork in the catalogue (${run}). Closing.`,
      },
    ]);
  });

  it("touches only the bot's own fork issues, by the marker on their first line", () => {
    const body = created(planAdvisoryIssues(report(fork('tiny-fork', [advisory('a', 'high')])), [], run)).body;
    const nothing = report(fork('tiny-fork', []));
    // A stranger's issue with the label and the marker is neither closed nor kept as the fork's.
    expect(planAdvisoryIssues(nothing, [{ number: 7, body, author: 'mallory' }], run)).toEqual([]);
    expect(planAdvisoryIssues(report(), [{ number: 7, body, author: undefined }], run)).toEqual([]);
    // Quoted text holding a marker, off the first line, does not make an issue a fork's.
    expect(planAdvisoryIssues(report(), [bot(8, `hello\n${body}`)], run)).toEqual([]);
    // The rot planner's issues are not the advisory planner's, nor the other way round.
    const rot = bot(9, '<!-- oar-entry: tiny-fork -->\nfails');
    expect(planAdvisoryIssues(report(), [rot], run)).toEqual([]);
    expect(planRotIssues({ ...rotReport, entries: [] }, [bot(10, body)], run)).toEqual([]);
  });

  it('puts hostile entry text in code spans, and none of it in the title', () => {
    const hostile = [
      '@everyone <img src=x onerror=alert(1)>',
      '![x](https://attacker.example/p.png) [ok](https://a.example) www.a.example org/repo#1',
      '`backtick` breakout </details> &lt; \u202e \u0007',
      '\n<!-- oar-fork: other-fork -->\n### critical: forged heading',
    ].join(' ');
    const a = created(
      planAdvisoryIssues(
        report(
          fork('tiny-fork', [
            advisory('a', 'high', {
              title: hostile,
              affected: hostile,
              impact: hostile,
              upgrade: hostile,
              mitigation: hostile,
            }),
          ]),
        ),
        [],
        run,
      ),
    );
    expect(a.title).toBe('Fork tiny-fork: 1 open advisory of tiny-web (worst: high)');
    const bare = outsideSpans(a.body);
    expect(bare.match(/<!-- oar-fork: [a-z-]+ -->/gu)).toEqual(['<!-- oar-fork: tiny-fork -->']);
    expect(bare.replace('<!-- oar-fork: tiny-fork -->', '').replace(run, '')).not.toMatch(
      /[@<>&\\`]|\]\(|!\[|:\/\/|www\.|#\d|(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u,
    );
    expect(bare).not.toContain('### critical');
    expect(a.body.length).toBeLessThan(65_536);
  });

  it('keeps the body of a fork with very many long advisories under the size GitHub takes', () => {
    const long = 'x'.repeat(600);
    const many = Array.from({ length: 200 }, (_, i) =>
      advisory(`a-${i}`, 'critical', { title: long, affected: long, impact: long, upgrade: long, mitigation: long }),
    );
    const a = created(planAdvisoryIssues(report(fork('tiny-fork', many)), [], run));
    expect(a.body.length).toBeLessThan(65_536);
    expect(a.body).toContain('…and 180 more advisories; `npx oar upstream tiny-fork` lists them all.');
  });
});

const rotReport = {
  checkedAt: '2026-12-07T04:17:00.000Z',
  cdkVersion: '2.300.0',
  cfnLint: null,
  jobs: 1,
  ms: 1,
  peakWorkerRssMb: 1,
  entries: [],
};

describe('the fork-advisory issue task', () => {
  const temp = mkdtempSync(join(tmpdir(), 'oar-advisory-issues-'));
  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  const github = (listed: unknown[]) => {
    const writes: { method: string; path: string; body: unknown }[] = [];
    const paths: string[] = [];
    const rest: Rest = {
      async request(method, path, body) {
        writes.push({ method, path, body });
        return { number: 500 };
      },
      async paginate(path) {
        paths.push(path);
        return listed;
      },
    };
    return { rest, writes, paths };
  };
  const quietly = async <T>(fn: () => Promise<T>) => {
    const logged: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => logged.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => logged.push(a.join(' ')));
    try {
      return { result: await fn(), logged };
    } finally {
      vi.restoreAllMocks();
    }
  };

  it('opens, updates and closes the labelled issues from the report, ignoring pull requests', async () => {
    const file = join(temp, 'fork-advisories.json');
    const stale = created(planAdvisoryIssues(report(fork('tiny-fork', [advisory('a', 'low')])), [], run)).body;
    writeFileSync(
      file,
      JSON.stringify(report(fork('tiny-fork', [advisory('a', 'high')]), fork('new-fork', [advisory('b', 'medium')]))),
    );
    const listed = [
      { number: 7, body: stale, user: { login: BOT_LOGIN } },
      // A pull request with the label and the bot's marker for new-fork is no issue of the planner's.
      { number: 8, body: stale.replace('tiny-fork', 'new-fork'), user: { login: BOT_LOGIN }, pull_request: {} },
    ];
    const { rest, writes, paths } = github(listed);
    const { result, logged } = await quietly(() => syncAdvisoryIssues(rest, file, 'oar/registry', run));
    expect(result).toBe(0);
    expect(paths).toEqual([`/repos/oar/registry/issues?state=open&labels=${ADVISORY_LABEL}`]);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      'PATCH /repos/oar/registry/issues/7',
      'POST /repos/oar/registry/issues',
    ]);
    expect(writes[1]?.body).toMatchObject({
      labels: [ADVISORY_LABEL],
      title: 'Fork new-fork: 1 open advisory of tiny-web (worst: medium)',
    });
    expect(logged).toEqual([
      'updated #7 for tiny-fork',
      'opened #500 for new-fork',
      '2 forks, 2 with open advisories; 2 issue change(s)',
    ]);
  });

  it('touches no issue when the report is refused or missing', async () => {
    const file = join(temp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...report(fork('tiny-fork', [])), verified: true }));
    for (const [path, said] of [
      [file, 'the fork-advisory report was refused: the document has an unknown field "verified"'],
      [join(temp, 'none.json'), 'the fork-advisory report was not read: there is no such file'],
    ] as const) {
      const { rest, writes, paths } = github([]);
      const { result, logged } = await quietly(() => syncAdvisoryIssues(rest, path, 'oar/registry', run));
      expect(result).toBe(1);
      expect([...writes, ...paths]).toEqual([]);
      expect(logged).toEqual([said]);
    }
  });
});
