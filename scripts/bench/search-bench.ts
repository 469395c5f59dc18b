import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import { buildSearchFiles } from '../../lib/index/shards/build-shards.ts';
import { openInMemory } from '../../lib/index/shards/engine.ts';
import { AZ_QUERY, CUTOFF, loadJudgments, loadRealistic, rankingFigures, survivesAzOutage } from './search-ranking.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OAR = fileURLToPath(new URL('../oar.mjs', import.meta.url));

/**
 * Search quality on the real catalogue: nDCG@10 and MRR@10 over the judged
 * queries (test/fixtures/search/ranking.json), the realistic queries (realistic.json
 * and the AZ query) at rank 1 and in the top 3, the worst judged queries, and what `oar search` costs.
 */
export async function benchSearchRanking(): Promise<void> {
  const catalogue = openCatalogue(REPO);
  const t0 = performance.now();
  const engine = await openInMemory(buildSearchFiles(catalogue.entries));
  const built = performance.now() - t0;
  const rank = async (q: string) => {
    const { matches } = await engine.search({ q, filter: {} });
    return (await engine.docs(matches.slice(0, CUTOFF).map((m) => m.doc))).map((d) => d.id);
  };

  const judged = await rankingFigures(loadJudgments(), rank);
  console.log(`search: ${String(catalogue.entries.length)} entries of architectures/`);
  console.log(
    `judged queries: ${String(judged.queries.length)}  nDCG@${String(CUTOFF)} ${judged.ndcg.toFixed(3)}  MRR@${String(CUTOFF)} ${judged.mrr.toFixed(3)}`,
  );
  const realistic = Object.entries(loadRealistic());
  let first = 0;
  let top3 = 0;
  for (const [query, id] of realistic) {
    const ids = await rank(query);
    if (ids[0] === id) first++;
    if (ids.slice(0, 3).includes(id)) top3++;
  }
  const az = await rank(AZ_QUERY);
  if (survivesAzOutage(catalogue, az[0] ?? '')) first++;
  if (az.slice(0, 3).every((id) => survivesAzOutage(catalogue, id))) top3++;
  const n = String(realistic.length + 1);
  console.log(`realistic queries: ${String(first)}/${n} at rank 1, ${String(top3)}/${n} in the top 3`);
  console.log('lowest nDCG:');
  for (const q of [...judged.queries].sort((a, b) => a.ndcg - b.ndcg).slice(0, 8)) {
    console.log(`  ${q.ndcg.toFixed(2)}  ${JSON.stringify(q.query)} → ${q.top.slice(0, 3).join(', ') || 'nothing'}`);
  }

  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await rank(realistic[i % realistic.length]?.[0] ?? 'lambda');
    times.push(performance.now() - t);
  }
  console.log(
    `index in memory: ${built.toFixed(0)} ms to build; a query ${median(times).toFixed(2)} ms (median of 20)`,
  );
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, [OAR, 'search', 'lambda', '--root', REPO], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`oar search failed: ${run.stderr}`);
    cold.push(performance.now() - t);
  }
  console.log(
    `cold \`oar search lambda\`: ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(cold).toFixed(0)})`,
  );
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
