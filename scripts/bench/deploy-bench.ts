import { fileURLToPath } from 'node:url';
import { emulatorTypes } from '../../generators/emulator/emulator.ts';
import { defaultJobs, lendSynthPool, openSynthPool } from '../../generators/synth/synth-pool.ts';
import { readTemplateSnapshot } from '../../lib/load/entry-snapshots.ts';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { EmulatorRun } from '../../lib/report/emulator-report.ts';
import { verifyOnEmulator } from '../../test/deploy/cycle.ts';
import { SharedEmulator } from '../../test/deploy/shared-emulator.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The emulator suite's cycle for the whole catalogue, as `npm test` runs it (entry after entry on one shared
 * emulator, in this process, on warm synth workers): wall time in all and per entry, how many entries it
 * verified, how many of the catalogue's resource types the emulator creates, and what destroys left.
 */
export async function benchDeploy(ids: readonly string[] = []): Promise<void> {
  const catalogue = openCatalogue(ROOT);
  const entries = catalogue.entries.filter((e) => ids.length === 0 || ids.includes(e.id));
  const emulated = new Set(emulatorTypes());
  const used = new Set(
    entries.flatMap((e) =>
      Object.values(
        (JSON.parse(readTemplateSnapshot(ROOT, e.dir) ?? '{}') as { Resources?: Record<string, { Type: string }> })
          .Resources ?? {},
      ).map((r) => r.Type),
    ),
  );
  const runs: EmulatorRun[] = [];
  const t = performance.now();
  const pool = openSynthPool(defaultJobs(Number.POSITIVE_INFINITY));
  const giveBack = lendSynthPool((requests) => pool.run(requests));
  const emulator = new SharedEmulator(ROOT);
  try {
    for (const e of entries) runs.push(await verifyOnEmulator(ROOT, e, 'bench', emulator));
  } finally {
    giveBack();
    pool.close();
    emulator.close();
  }
  const wall = (performance.now() - t) / 1000;
  const verified = runs.filter((r) => r.status === 'verified');
  console.log(
    `deploy: ${entries.length} entries on the emulator, one after another: ${wall.toFixed(0)} s wall, ${verified.length} verified`,
  );
  console.log(
    `  resource types the catalogue uses: ${used.size}; the emulator creates ${[...used].filter((x) => emulated.has(x)).length}` +
      ([...used].some((x) => !emulated.has(x))
        ? ` (not: ${[...used]
            .filter((x) => !emulated.has(x))
            .sort()
            .join(', ')})`
        : ''),
  );
  for (const r of runs.sort((a, b) => b.ms - a.ms)) {
    console.log(
      `  ${r.id.padEnd(34)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.status.padEnd(10)} ${String(r.resources).padStart(3)} resources, ${r.readBacks} read-backs, ${r.leftovers.length} left after destroy` +
        (r.problems.length > 0 ? `\n      ${r.problems.join('\n      ')}` : '') +
        (r.leftovers.length > 0 ? `\n      left: ${r.leftovers.slice(0, 5).join('; ')}` : '') +
        (r.status === 'failed' ? `\n      emulator log: ${emulator.logFile(r.id)}` : ''),
    );
  }
}
