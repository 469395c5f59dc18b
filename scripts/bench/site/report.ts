import type { SizeResult } from './figures.ts';
import { QUERIES } from './queries.ts';
import { LATENCY_ROUNDS } from './query-latency.ts';

function percentile(xs: readonly number[], p: number): number {
  const s = xs.filter((x) => !isNaN(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const median = (xs: readonly number[]) => percentile(xs, 50);
const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (x: number | undefined) => (x === undefined || isNaN(x) ? '—' : x.toFixed(x < 10 ? 1 : 0));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || isNaN(a) || isNaN(b) || b === 0 ? '—' : `${(a / b).toFixed(2)}x`;

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
}

/** Prints every table of the site bench: build time, first-query bytes, time to first result, latency. */
export function printTables(results: readonly SizeResult[], withPagefind: boolean): void {
  const range = (xs: readonly number[]) => (xs.length === 0 ? '—' : `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`);
  printTable(
    'build time (wall clock, cold, median of the runs; ours and bare alternate): ours = validate + notes + astro build; bare = N Markdown pages, one layout',
    ['entries', 'runs', 'ours ms', 'ours range', 'bare astro ms', 'bare range', 'ours/bare', 'ours ms/entry'],
    results.map((r) => {
      const ours = median(r.builds);
      return [
        String(r.n),
        String(r.builds.length),
        ms(ours),
        range(r.builds),
        ms(median(r.bares)),
        range(r.bares),
        ratio(ours, median(r.bares)),
        isNaN(ours) ? '—' : (ours / r.n).toFixed(1),
      ];
    }),
  );

  const firstRows = (r: SizeResult) =>
    (r.ours?.first ?? []).map((f, i) => {
      const pf = r.pagefind?.first[i];
      const row = [String(r.n), f.query, kB(f.pageWire), kB(f.wire), kB(f.served), kB(f.raw), String(f.files.length)];
      return withPagefind
        ? [...row, pf ? kB(pf.wire) : '—', pf ? kB(pf.served) : '—', ratio(f.served, pf?.served)]
        : row;
    });
  printTable(
    'first-query bytes (kB on the wire, gzip): page = /architectures/ as loaded; query = everything the page saw fetched from focus to first result (favicon left out); served = body bytes the server sent in that window, which also counts requests the page log misses',
    [
      'entries',
      'query',
      'page kB',
      'query kB',
      'served kB',
      'query kB raw',
      'requests',
      ...(withPagefind ? ['pagefind kB', 'pagefind served kB', 'ours/pagefind (served)'] : []),
    ],
    results.flatMap(firstRows),
  );
  for (const r of results)
    for (const f of r.ours?.first ?? []) {
      const rest = f.files.slice(4);
      const more = rest.length > 0 ? `, ${rest.length} more ${kB(rest.reduce((s, x) => s + x.wire, 0))}` : '';
      const top = f.files.slice(0, 4).map((x) => `${x.path} ${kB(x.wire)}`);
      console.log(`  [${r.n}] "${f.query}" fetched: ${top.join(', ') || 'nothing'}${more}`);
    }

  printTable(
    'time to first result (ms): in the page from first keystroke (and from focus, when loading starts); Node wall clock from typing',
    [
      'entries',
      'query',
      'from key',
      'from focus',
      'node wall',
      ...(withPagefind ? ['pagefind from key', 'ours/pagefind'] : []),
    ],
    results.flatMap((r) =>
      (r.ours?.first ?? []).map((f, i) => {
        const pf = r.pagefind?.first[i];
        const row = [String(r.n), f.query, ms(f.fromKey), ms(f.fromFocus), ms(f.wall)];
        return withPagefind ? [...row, ms(pf?.fromKey), ratio(f.fromKey, pf?.fromKey)] : row;
      }),
    ),
  );

  printTable(
    `query latency after load (ms in the page, ${QUERIES.length} queries × ${LATENCY_ROUNDS} rounds after a warm-up pass): results in the DOM, and laid out`,
    [
      'entries',
      'p50',
      'p95',
      'p50 laid out',
      'p95 laid out',
      'kB fetched',
      ...(withPagefind ? ['pagefind p50', 'pagefind p95', 'pagefind kB'] : []),
    ],
    results.map((r) => {
      const o = r.ours;
      const row = [
        String(r.n),
        ms(o && percentile(o.dom, 50)),
        ms(o && percentile(o.dom, 95)),
        ms(o && percentile(o.layout, 50)),
        ms(o && percentile(o.layout, 95)),
        o ? kB(o.moreWire) : '—',
      ];
      const pf = r.pagefind;
      return withPagefind
        ? [...row, ms(pf && percentile(pf.dom, 50)), ms(pf && percentile(pf.dom, 95)), pf ? kB(pf.moreWire) : '—']
        : row;
    }),
  );
  if (withPagefind) {
    console.log('\npagefind indexing (ms): ' + results.map((r) => `${r.n}: ${ms(r.pagefind?.indexMs)}`).join(', '));
    console.log('the Pagefind page loads the data of its first 20 results, as our browse page shows 20.');
  }
}
