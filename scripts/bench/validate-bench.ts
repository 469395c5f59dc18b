import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../../lib/load/read-catalogue.ts';
import { validateCatalogue } from '../../lib/validate/validate-catalogue.ts';
import { loadCorpus } from './corpus.ts';
import { generateCatalogue } from './generate-catalogue.ts';

const OAR = fileURLToPath(new URL('../oar.mjs', import.meta.url));

/** Median of the numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Validation time for generated catalogues: in-process load+validate (median of
 * 3, after one warm-up) and a cold `oar validate` process, as a user runs it.
 */
export function benchValidate(sizes: readonly number[]): void {
  const corpus = loadCorpus();
  console.log(
    `validate: entries built from ${corpus.source === 'corpus' ? 'the serverless-patterns corpus' : 'generated text (corpus not found)'}`,
  );
  console.log(
    'entries  load ms  validate ms  total ms (median of 3)  ms/entry  cold `oar validate` ms  errors  warnings',
  );
  let previous: { n: number; ms: number } | undefined;
  for (const n of sizes) {
    const root = mkdtempSync(join(tmpdir(), `oar-bench-${n}-`));
    try {
      generateCatalogue(root, corpus.patterns, n);
      const runs: { load: number; validate: number; errors: number; warnings: number }[] = [];
      for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        const loaded = loadCatalogue(root);
        const t1 = performance.now();
        const result = validateCatalogue(loaded);
        const t2 = performance.now();
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        if (i > 0)
          runs.push({ load: t1 - t0, validate: t2 - t1, errors, warnings: result.diagnostics.length - errors });
      }
      const total = median(runs.map((r) => r.load + r.validate));
      const t = performance.now();
      const cli = spawnSync(process.execPath, [OAR, 'validate', '--root', root], { encoding: 'utf8' });
      const cold = performance.now() - t;
      const counts = runs[0] ?? { errors: 0, warnings: 0 };
      console.log(
        [
          String(n).padStart(7),
          median(runs.map((r) => r.load))
            .toFixed(0)
            .padStart(8),
          median(runs.map((r) => r.validate))
            .toFixed(0)
            .padStart(12),
          total.toFixed(0).padStart(23),
          (total / n).toFixed(3).padStart(9),
          `${cold.toFixed(0)} (exit ${cli.status})`.padStart(23),
          String(counts.errors).padStart(7),
          String(counts.warnings).padStart(9),
        ].join(' '),
      );
      if (previous)
        console.log(
          `         growth ${previous.n} -> ${n}: ${(total / previous.ms).toFixed(2)}x time for ${(n / previous.n).toFixed(1)}x entries`,
        );
      previous = { n, ms: total };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}
