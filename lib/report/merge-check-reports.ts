import { compareCodePoints } from '../code-point-order.ts';
import type { CheckedReport } from './report-shapes.ts';

/**
 * The one report of a run whose entries were checked in shards (`oar check --shard i/n`, one CI job each):
 * every entry in id order, checked when the last shard finished, as long as the slowest shard took, with
 * the workers of all shards. Shards that checked with different CDK versions or cfn-lint (the weekly run
 * takes the newest libraries, which may change between jobs) make no single report, so they are refused
 * with the reason. A repeated entry is left for parseCheckReport to refuse, which reads the result.
 */
export function mergeCheckReports(reports: readonly CheckedReport[]): { ok: CheckedReport } | { problem: string } {
  const [first] = reports;
  if (first === undefined) return { problem: 'no shard report to merge' };
  for (const key of ['cdkVersion', 'cfnLint'] as const) {
    const values = [...new Set(reports.map((r) => r[key]))];
    if (values.length > 1) return { problem: `the shards were checked with different ${key}: ${values.join(', ')}` };
  }
  return {
    ok: {
      ...first,
      checkedAt: reports.map((r) => r.checkedAt).reduce((a, b) => (b > a ? b : a)),
      jobs: reports.reduce((sum, r) => sum + r.jobs, 0),
      ms: Math.max(...reports.map((r) => r.ms)),
      peakWorkerRssMb: Math.max(...reports.map((r) => r.peakWorkerRssMb)),
      entries: reports.flatMap((r) => r.entries).sort((a, b) => compareCodePoints(a.id, b.id)),
    },
  };
}
