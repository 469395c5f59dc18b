import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_CHARS, type Parsed } from '../../lib/report/report-shapes.ts';
import { parseForkAdvisoryReport, type ForkAdvisoryReport } from '../../lib/report/fork-advisory-report.ts';
import { forkAdvisoryReport } from '../../scripts/tasks/fork-advisories.ts';
import { REPO_ROOT } from '../helpers/synth-entry.ts';
import { fixture } from '../helpers/temp-catalogue.ts';

const now = new Date('2026-12-07T04:17:00.000Z');
const problemsOf = (parsed: Parsed<unknown>) => ('problems' in parsed ? parsed.problems : []);
const built = forkAdvisoryReport(fixture('fork-advisories'), now);
const fixtureReport = JSON.stringify('report' in built ? built.report : undefined);

describe('the fork-advisory report', () => {
  it('lists every fork with the parent advisories it has not handled, worst first (snapshot)', async () => {
    expect(built).toHaveProperty('report');
    // tiny-fork (base 1.0.0) accepted 2026-002 and left 2026-001 and 2026-003 open; tiny-fork-synced has none open.
    // As the command writes it.
    await expect(`${JSON.stringify(JSON.parse(fixtureReport), null, 2)}\n`).toMatchFileSnapshot(
      '__snapshots__/fork-advisory-report.json',
    );
  });

  it('passes its own strict check, on the fixture and on the registry catalogue', () => {
    expect(parseForkAdvisoryReport(fixtureReport)).toEqual({ ok: JSON.parse(fixtureReport) as unknown });
    const registry = forkAdvisoryReport(REPO_ROOT, now);
    if (!('report' in registry)) throw new Error(registry.refused);
    expect(registry.report.forks.length).toBeGreaterThan(0);
    expect(problemsOf(parseForkAdvisoryReport(JSON.stringify(registry.report)))).toEqual([]);
  });

  it('is not written from a catalogue with errors, where a left-out fork would look gone', () => {
    expect(forkAdvisoryReport(fixture('invalid/fork-advisory-unhandled'), now)).toEqual({
      refused: 'the catalogue has 3 errors; run oar validate and fix them',
    });
  });

  describe('as a command', () => {
    const temp = mkdtempSync(join(tmpdir(), 'oar-fork-advisories-'));
    afterAll(() => {
      rmSync(temp, { recursive: true, force: true });
    });
    const script = join(REPO_ROOT, 'scripts/tasks/fork-advisories.ts');
    const runIn = (cwd: string, args: string[]) =>
      spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] } });

    it('writes the report of the catalogue it runs in', () => {
      const out = join(temp, 'ok.json');
      const run = runIn(fixture('fork-advisories'), [out]);
      expect(run.stdout).toBe(`2 forks, 1 with open advisories: ${out}\n`);
      expect(run.status).toBe(0);
      const written = parseForkAdvisoryReport(readFileSync(out, 'utf8'));
      expect('ok' in written && written.ok.forks).toEqual((JSON.parse(fixtureReport) as ForkAdvisoryReport).forks);
    });

    it('writes nothing and exits 1 on a catalogue with errors, and 2 without an output file', () => {
      const out = join(temp, 'refused.json');
      const run = runIn(fixture('invalid/fork-advisory-unhandled'), [out]);
      expect(run.stderr).toBe(
        'no fork-advisory report was written: the catalogue has 3 errors; run oar validate and fix them\n',
      );
      expect(run.status).toBe(1);
      expect(existsSync(out)).toBe(false);
      const usage = runIn(fixture('fork-advisories'), []);
      expect(usage.stderr).toMatch(/^usage: /u);
      expect(usage.status).toBe(2);
    });
  });
});

type Report = { checkedAt: string; forks: ({ open: Record<string, unknown>[] } & Record<string, unknown>)[] };
const edit = (change: (r: Report) => unknown) => {
  const r = JSON.parse(fixtureReport) as Report;
  change(r);
  return JSON.stringify(r);
};
const first = (r: Report) => r.forks[0] ?? { open: [] };

describe('the strict shape of a fork-advisory report', () => {
  it.for<readonly [string, (r: Report) => unknown, string]>([
    ['an unknown field', (r) => Object.assign(r, { verified: true }), 'the document has an unknown field "verified"'],
    ['a missing field', (r) => delete first(r)['parent'], 'forks[0] lacks the field parent'],
    [
      'an unknown advisory field',
      (r) => Object.assign(first(r).open[0] ?? {}, { html: '<b>' }),
      'forks[0].open[0] has an unknown field "html"',
    ],
    [
      'a fork id that is no entry id',
      (r) => Object.assign(first(r), { id: '@everyone' }),
      'forks[0].id is "@everyone", which does not match',
    ],
    [
      'a severity out of the list',
      (r) => Object.assign(first(r).open[0] ?? {}, { severity: 'urgent' }),
      'forks[0].open[0].severity must be one of low, medium, high, critical',
    ],
    [
      'a status out of the list',
      (r) => Object.assign(first(r), { status: 'verified' }),
      'forks[0].status must be one of draft, stable, deprecated',
    ],
    [
      "an advisory that is not the parent's",
      (r) => Object.assign(first(r).open[0] ?? {}, { id: 'other-entry/2026-001-x' }),
      'forks[0].open[0].id "other-entry/2026-001-x" is not an advisory of "tiny-web"',
    ],
    [
      'an advisory id with markup',
      (r) => Object.assign(first(r).open[0] ?? {}, { id: 'tiny-web/<img>' }),
      'forks[0].open[0].id is "tiny-web/<img>", which does not match',
    ],
    [
      'an advisory twice',
      (r) => first(r).open.push({ ...first(r).open[0] }),
      'forks[0].open[2] repeats the advisory "tiny-web/2026-001-replaced-too-soon"',
    ],
    ['a fork twice', (r) => r.forks.push({ ...first(r) }), 'forks[2] repeats the fork "tiny-fork"'],
    ['a fork that is its own parent', (r) => Object.assign(first(r), { parent: 'tiny-fork' }), 'forks[0] names itself'],
    [
      'a long title',
      (r) => Object.assign(first(r).open[0] ?? {}, { title: 'x'.repeat(301) }),
      'forks[0].open[0].title is 301 characters long, over the limit of 300',
    ],
    [
      'a date that is no date',
      (r) => Object.assign(first(r).open[0] ?? {}, { date: 'yesterday' }),
      'forks[0].open[0].date is "yesterday", which does not match',
    ],
    [
      'a time that is no time',
      (r) => Object.assign(r, { checkedAt: 'now' }),
      'checkedAt is "now", which does not match',
    ],
  ])('refuses %s', ([, change, problem]) => {
    expect(problemsOf(parseForkAdvisoryReport(edit(change))).join('\n')).toContain(problem);
  });

  it('refuses text that is not JSON, or too long to read, without quoting it', () => {
    expect(problemsOf(parseForkAdvisoryReport('{"forks": @everyone'))).toEqual(['it is not valid JSON']);
    expect(problemsOf(parseForkAdvisoryReport(' '.repeat(MAX_REPORT_CHARS + 1)))).toEqual([
      `it is ${MAX_REPORT_CHARS + 1} characters long, over the limit of ${MAX_REPORT_CHARS}`,
    ]);
  });
});
