import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mergeCheckReports } from '../../lib/report/merge-check-reports.ts';
import type { CheckedReport } from '../../lib/report/report-shapes.ts';
import { mergeFiles } from '../../scripts/tasks/merge-check-reports.ts';

const entry = (id: string) => ({
  id,
  version: '1.0.0',
  status: 'passed' as const,
  ms: 1000,
  resources: [],
  diagnostics: [],
  acknowledged: [],
  unemulated: [],
});
const shard = (over: Partial<CheckedReport>, ...ids: string[]): CheckedReport => ({
  checkedAt: '2026-12-07T04:17:00.000Z',
  cdkVersion: '2.300.0',
  cfnLint: 'cfn-lint 1.51.0',
  jobs: 2,
  ms: 5000,
  peakWorkerRssMb: 500,
  entries: ids.map(entry),
  ...over,
});

describe('mergeCheckReports', () => {
  test('every entry in id order, the last finish, the slowest shard, the workers and memory of all', () => {
    const merged = mergeCheckReports([
      shard({ checkedAt: '2026-12-07T04:19:00.000Z', ms: 7000, peakWorkerRssMb: 400 }, 'web', 'api'),
      shard({ checkedAt: '2026-12-07T04:18:00.000Z', ms: 9000, jobs: 1 }, 'queue'),
    ]);
    expect(merged).toEqual({
      ok: {
        checkedAt: '2026-12-07T04:19:00.000Z',
        cdkVersion: '2.300.0',
        cfnLint: 'cfn-lint 1.51.0',
        jobs: 3,
        ms: 9000,
        peakWorkerRssMb: 500,
        entries: ['api', 'queue', 'web'].map(entry),
      },
    });
  });

  test('refuses nothing to merge, and shards checked with different libraries', () => {
    expect(mergeCheckReports([])).toEqual({ problem: 'no shard report to merge' });
    expect(mergeCheckReports([shard({}, 'a'), shard({ cdkVersion: '2.301.0' }, 'b')])).toEqual({
      problem: 'the shards were checked with different cdkVersion: 2.300.0, 2.301.0',
    });
    expect(mergeCheckReports([shard({}, 'a'), shard({ cfnLint: null }, 'b')])).toMatchObject({
      problem: expect.stringContaining('different cfnLint') as string,
    });
  });
});

describe('scripts/tasks/merge-check-reports.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oar-merge-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, report: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report));
    return file;
  };
  const out = join(dir, 'check.json');

  test('writes the merged report when every shard reported', () => {
    const files = [write('1.json', shard({}, 'b')), write('2.json', shard({}, 'a'))];
    expect(mergeFiles(out, 2, files)).toEqual([]);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as CheckedReport;
    expect(merged.entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  test('refuses a missing shard, a report read strictly, and an entry two shards checked', () => {
    const one = write('one.json', shard({}, 'a'));
    expect(mergeFiles(join(dir, 'x.json'), 2, [one])).toEqual(['1 shard report(s) for 2 shard(s)']);
    const bad = write('bad.json', { ...shard({}, 'b'), jobs: 0 });
    expect(mergeFiles(join(dir, 'x.json'), 2, [one, bad])[0]).toMatch(/^.*bad\.json: .*jobs/u);
    expect(mergeFiles(join(dir, 'x.json'), 2, [one, one])).toEqual([
      'the merged report: entries[1] repeats the entry "a"',
    ]);
  });
});
