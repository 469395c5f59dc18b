import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthRequestFor } from '../../generators/synth/request.ts';
import type { CheckReport } from '../../generators/check/check-entries.ts';
import { synthAll } from '../../generators/synth/synth-pool.ts';
import { openCatalogue } from '../../lib/catalogue.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OAR = fileURLToPath(new URL('../oar.mjs', import.meta.url));

/**
 * Synth and check time for the real catalogue: a cold `oar check` process as a
 * user runs it (wall time, peak memory of the CLI and of its workers), then one
 * worker synthesizing every entry twice, which separates the first synth in a
 * process (aws-cdk-lib import, CloudFormation validator start-up) from warm ones.
 */
export async function benchCheck(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'oar-bench-check-'));
  try {
    const reportFile = join(work, 'report.json');
    const t = performance.now();
    const cli = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, OAR, 'check', '--report', reportFile], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const wall = performance.now() - t;
    // GNU time reports the largest resident set of the process and of the children it waited for.
    const cliPeakMb = Number(cli.stderr.trim().split('\n').at(-1)) / 1024;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as CheckReport;
    const failed = report.entries.filter((e) => e.status === 'failed').length;
    console.log(
      `check: ${report.entries.length} entries, aws-cdk-lib ${report.cdkVersion}, ${report.cfnLint ?? 'no cfn-lint'}, ${report.jobs} workers`,
    );
    console.log(
      `  cold \`oar check\` process: ${(wall / 1000).toFixed(1)} s wall (exit ${cli.status}, ${failed} failed), ` +
        `peak memory ${cliPeakMb.toFixed(0)} MiB in the largest process of the run, ${report.peakWorkerRssMb} MiB in the largest synth worker`,
    );

    const catalogue = openCatalogue(ROOT);
    const once = catalogue.entries.map((e) => synthRequestFor(ROOT, e));
    const twice = [
      ...once.map((r) => ({ ...r, outdir: join(work, 'a', r.id) })),
      ...once.map((r) => ({ ...r, id: `${r.id}#warm`, outdir: join(work, 'b', r.id) })),
    ];
    const started = performance.now();
    const replies = await synthAll(twice, 1);
    const total = performance.now() - started;
    const ms = new Map(replies.map((r) => [r.id, 'ok' in r ? r.ok.ms : NaN]));
    console.log('  one worker, every entry twice (synth + cdk-nag + CloudFormation validation, ms):');
    console.log('    entry                                      first pass  second pass');
    for (const r of once) {
      console.log(
        `    ${r.id.padEnd(42)} ${(ms.get(r.id) ?? NaN).toFixed(0).padStart(10)} ${(ms.get(`${r.id}#warm`) ?? NaN).toFixed(0).padStart(12)}`,
      );
    }
    const sum = (suffix: string) => once.reduce((n, r) => n + (ms.get(`${r.id}${suffix}`) ?? 0), 0);
    console.log(
      `    total: first pass ${(sum('') / 1000).toFixed(1)} s, second pass ${(sum('#warm') / 1000).toFixed(1)} s, ` +
        `${(total / 1000).toFixed(1)} s wall with the worker's start; peak worker memory ${Math.max(...replies.map((r) => r.peakRssMb ?? 0))} MiB`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
