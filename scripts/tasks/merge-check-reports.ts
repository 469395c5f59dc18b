import { readFileSync, writeFileSync } from 'node:fs';
import { mergeCheckReports } from '../../lib/report/merge-check-reports.ts';
import { parseCheckReport, type CheckedReport } from '../../lib/report/report-shapes.ts';

/**
 * `node scripts/tasks/merge-check-reports.ts <out.json> <shards> <shard-report.json>...`: the check reports of
 * a run's shard jobs as one, for the PR comment and the rot issues. Each is read strictly, as their readers
 * will. Exactly <shards> reports must be given: a shard whose job died without a report would otherwise
 * drop its entries, and the rot-issue job would close their issues as passing. Imports only our own files
 * and node:, so it runs without npm ci.
 */
export function mergeFiles(out: string, expected: number, files: readonly string[]): string[] {
  if (files.length !== expected) return [`${files.length} shard report(s) for ${expected} shard(s)`];
  const reports: CheckedReport[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseCheckReport(readFileSync(file, 'utf8'));
    if ('ok' in parsed) reports.push(parsed.ok);
    else problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
  }
  if (problems.length > 0) return problems;
  const merged = mergeCheckReports(reports);
  if ('problem' in merged) return [merged.problem];
  const json = `${JSON.stringify(merged.ok, null, 2)}\n`;
  const reread = parseCheckReport(json);
  if (!('ok' in reread)) return reread.problems.map((p) => `the merged report: ${p}`);
  writeFileSync(out, json);
  return [];
}

if (import.meta.main) {
  const [out, shards, ...files] = process.argv.slice(2);
  const expected = Number(shards);
  if (!out || !Number.isInteger(expected) || expected < 1) {
    console.error('usage: node scripts/tasks/merge-check-reports.ts <out.json> <shards> <shard-report.json>...');
    process.exit(2);
  }
  const problems = mergeFiles(out, expected, files);
  if (problems.length > 0) {
    console.error(`The shard reports were not merged:\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}
