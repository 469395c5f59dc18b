import { listCases, readCase } from '../../test/hostile/case.ts';
import { runCorpus } from '../../test/hostile/run-corpus.ts';

/**
 * The hostile corpus (test/fixtures/hostile), each case timed as `oar` ran it in a warm
 * process, one at a time: the slowest cases, and the worst one, which must stay under 2 s.
 * Cases that draw diagrams in a browser are left out: their time is the browser's start.
 */
export async function benchHostile(): Promise<void> {
  const names = listCases().filter((n) => !n.startsWith('workflows/') && readCase(n).needs !== 'browser');
  const results = [...(await runCorpus(names, { workers: 1, watchdogMs: 120_000 })).values()];
  const timed = results.map((r) => ({ name: r.name, ms: r.ms, hung: 'hung' in r })).sort((a, b) => b.ms - a.ms);
  console.log(`\nhostile corpus: ${timed.length} cases run by oar in a warm process, slowest first`);
  for (const r of timed.slice(0, 8))
    console.log(`  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}${r.hung ? ' (killed)' : ''}`);
  const worst = timed[0];
  if (worst) console.log(`worst hostile case: ${worst.name} ${worst.ms.toFixed(0)} ms (target: under 2,000 ms)`);
}
