import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../../lib/browser.ts';
import { serveStatic } from '../../test/helpers/static-server.ts';
import { loadCorpus } from './corpus.ts';
import { generateCatalogue } from './generate-catalogue.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ASTRO = join(REPO, 'node_modules/astro/bin/astro.mjs');
const PAGEFIND = join(REPO, 'node_modules/pagefind');

// Each first query runs in a fresh browser context, so each pays for the index as a first visitor would.
const FIRST_QUERIES = ['lambda', 'dynamodb stream'];

// Words people type for serverless patterns; every one matches entries of the corpus, so no result list is empty.
const QUERIES = [
  'lambda dynamodb',
  'sqs queue',
  'api gateway',
  'step functions',
  's3 event',
  'eventbridge schedule',
  'kinesis stream',
  'sns topic',
  'cognito',
  'fargate',
  'aurora serverless',
  'cloudwatch alarm',
  'firehose',
  'websocket api',
  'dead letter queue',
  'batch processing',
  'order workflow',
  'sns sqs fanout',
  'lambda layer',
  'http api',
  'appsync graphql',
  'bedrock',
  'eventbridge pipes',
  's3 bucket notification',
  'state machine',
  'cross account',
  'lambda authorizer',
  'kafka msk',
  'iot core',
  'secrets manager',
];

// Build logs of thousands of pages overflow spawnSync's 1 MB default and would kill the build.
const MAX_BUFFER = 512 * 1024 * 1024;
const SEARCH_TIMEOUT_MS = 120_000;

interface FirstQuery {
  readonly query: string;
  readonly pageWire: number;
  readonly wire: number;
  /** Bytes the server sent in the same window: counts requests the page's own network log misses. */
  readonly served: number;
  readonly raw: number;
  readonly files: readonly { path: string; wire: number }[];
  readonly fromKey: number;
  readonly fromFocus: number;
  readonly wall: number;
}

interface SearchFigures {
  readonly first: readonly FirstQuery[];
  readonly dom: readonly number[];
  readonly layout: readonly number[];
  // Bytes fetched while the latency queries ran: zero for one index file, more when an index loads in pieces.
  readonly moreWire: number;
}

interface SizeResult {
  readonly n: number;
  build?: number | undefined;
  bare?: number | undefined;
  ours?: SearchFigures | undefined;
  pagefind?: (SearchFigures & { indexMs: number }) | undefined;
  readonly problems: string[];
}

/**
 * Site build time against a bare Astro build, and search cost in headless
 * Chromium (first-query bytes, time to first result, query latency) against
 * Pagefind when installed, for generated catalogues of each size.
 */
export async function benchSite(sizes: readonly number[] = [100, 1000, 5000]): Promise<void> {
  const corpus = loadCorpus();
  const pagefindBin = findPagefind();
  console.log(
    `site: entries built from ${corpus.source === 'corpus' ? 'the serverless-patterns corpus' : 'generated text (corpus not found)'}; sizes ${sizes.join(', ')}`,
  );
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; diagrams not drawn (OAR_DIAGRAMS=client); search over localhost, no network throttling`,
  );
  if (!pagefindBin) console.log('pagefind: not installed (npm i -D pagefind) — skipped');
  const results: SizeResult[] = [];
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const n of sizes) results.push(await benchSize(browser, n, corpus.patterns, pagefindBin));
  } finally {
    await browser.close();
  }
  printTables(results, pagefindBin !== undefined);
  console.log(
    `peak RSS of this Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (builds and browser not included)`,
  );
}

async function benchSize(
  browser: Browser,
  n: number,
  patterns: Parameters<typeof generateCatalogue>[1],
  pagefindBin: string | undefined,
): Promise<SizeResult> {
  const result: SizeResult = { n, problems: [] };
  const root = mkdtempSync(join(tmpdir(), `oar-site-bench-${n}-`));
  const outParent = mkdtempSync(join(tmpdir(), `oar-site-bench-out-${n}-`));
  const out = join(outParent, 'dist');
  // Inside the repository so the bare project resolves astro from our node_modules.
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  const bareDir = mkdtempSync(join(REPO, '.tmp', `bench-bare-${n}-`));
  try {
    progress(n, 'generating catalogue');
    generateCatalogue(root, patterns, n);

    progress(n, 'building the site');
    // A fresh catalogue folder has no content cache yet (astro.config.mjs keeps it beside the catalogue): a cold build.
    const ours = timed(process.execPath, [join(REPO, 'scripts/site/build.ts')], REPO, {
      OAR_ROOT: root,
      OAR_SITE_OUT: out,
      OAR_DIAGRAMS: 'client',
    });
    if (ours.ok) result.build = ours.ms;
    else result.problems.push(`site build failed:\n${ours.tail}`);

    progress(n, 'building the bare Astro baseline');
    writeBareProject(bareDir, root);
    const bare = timed(process.execPath, [ASTRO, 'build', '--root', bareDir], bareDir, {});
    if (bare.ok) result.bare = bare.ms;
    else result.problems.push(`bare Astro build failed:\n${bare.tail}`);
    rmSync(bareDir, { recursive: true, force: true });

    if (!ours.ok) return result;
    progress(n, 'searching in Chromium');
    result.ours = await benchSearch(browser, out, '/architectures/');

    if (pagefindBin) {
      progress(n, 'indexing with Pagefind');
      const indexed = timed(process.execPath, [pagefindBin, '--site', out], REPO, {});
      if (indexed.ok) {
        writeFileSync(join(out, 'pagefind-bench.html'), PAGEFIND_PAGE);
        progress(n, 'searching with Pagefind');
        result.pagefind = { ...(await benchSearch(browser, out, '/pagefind-bench.html')), indexMs: indexed.ms };
      } else result.problems.push(`pagefind failed:\n${indexed.tail}`);
    }
  } catch (error) {
    result.problems.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    for (const dir of [root, outParent, bareDir]) rmSync(dir, { recursive: true, force: true });
    for (const p of result.problems) console.log(`  [${n}] ${p}`);
  }
  return result;
}

function progress(n: number, what: string): void {
  console.log(`  [${n}] ${what}…`);
}

/** Runs a command to completion and reports its wall-clock time; output is kept only to explain a failure. */
function timed(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): { ok: boolean; ms: number; tail: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  const ms = performance.now() - t0;
  const tail = `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`
    .trim()
    .split('\n')
    .slice(-30)
    .join('\n');
  return { ok: r.status === 0, ms, tail };
}

/** The baseline: the same README text as plain Markdown pages with one layout, nothing else. */
function writeBareProject(dir: string, catalogueRoot: string): void {
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\n\nexport default defineConfig({ outDir: './dist' });\n",
  );
  mkdirSync(join(dir, 'src/layouts'), { recursive: true });
  mkdirSync(join(dir, 'src/pages/architectures'), { recursive: true });
  writeFileSync(
    join(dir, 'src/layouts/Page.astro'),
    '---\nconst { frontmatter } = Astro.props;\n---\n<html lang="en"><head><meta charset="utf-8" /><title>{frontmatter.title}</title></head><body><main><h1>{frontmatter.title}</h1><slot /></main></body></html>\n',
  );
  for (const id of readdirSync(join(catalogueRoot, 'architectures'))) {
    const readme = readFileSync(join(catalogueRoot, 'architectures', id, 'README.mdx'), 'utf8');
    writeFileSync(
      join(dir, 'src/pages/architectures', `${id}.md`),
      `---\nlayout: ../../layouts/Page.astro\ntitle: ${JSON.stringify(id)}\n---\n\n${readme}`,
    );
  }
}

function findPagefind(): string | undefined {
  const file = join(PAGEFIND, 'package.json');
  if (!existsSync(file)) return undefined;
  // `bin` is a string in older releases and a map in newer ones; running it with our node avoids the machine's older one.
  const { bin } = JSON.parse(readFileSync(file, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof bin === 'string' ? bin : bin?.['pagefind'];
  return rel === undefined ? undefined : join(PAGEFIND, rel);
}

// Mirrors the browse page's contract (#browse, #q, #result-count, #results, data-ready, lazy start on first
// interaction) so both searches are measured by the same code; shows the first result as a Pagefind UI would.
const PAGEFIND_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body>
<div id="browse">
  <label for="q">Search</label> <input id="q" type="search" autocomplete="off">
  <p id="result-count" role="status"></p>
  <ul id="results"></ul>
</div>
<script type="module">
  const root = document.getElementById('browse');
  const input = document.getElementById('q');
  const list = document.getElementById('results');
  const status = document.getElementById('result-count');
  let loading;
  let latest = 0;
  const start = () => {
    loading ??= import('/pagefind/pagefind.js').then(async (pf) => {
      await pf.init?.();
      root.dataset.ready = 'true';
      return pf;
    });
    return loading;
  };
  for (const type of ['focusin', 'pointerdown', 'keydown']) root.addEventListener(type, start, { once: true });
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    const mine = ++latest;
    const pf = await start();
    const search = await pf.search(q);
    // The same 20 results our browse page shows, so both sides load the data of a full first page.
    const datas = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    if (mine !== latest) return;
    const items = [];
    for (const data of datas) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = data.url;
      a.textContent = data.meta?.title ?? data.url;
      const p = document.createElement('p');
      p.innerHTML = data.excerpt;
      li.append(a, p);
      items.push(li);
    }
    list.replaceChildren(...items);
    status.textContent = search.results.length + ' results for “' + q + '”';
  });
</script>
</body>
</html>
`;

interface Transfer {
  readonly path: string;
  readonly phase: Phase;
  wire: number;
  raw: number;
  done: boolean;
}

type Phase = 'page' | 'query' | 'after';

/** First queries in fresh contexts, then latency of QUERIES once the index is loaded. */
async function benchSearch(browser: Browser, siteDir: string, path: string): Promise<SearchFigures> {
  const { url, server, served } = await serveStatic(siteDir);
  try {
    const first: FirstQuery[] = [];
    let latency: Omit<SearchFigures, 'first'> = { dom: [], layout: [], moreWire: 0 };
    for (const [i, query] of FIRST_QUERIES.entries()) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        const transfers = new Map<string, Transfer>();
        let phase: Phase = 'page';
        cdp.on('Network.requestWillBeSent', (e) => {
          // A redirect reuses the request id; the bytes land on the final request.
          // Headless Chromium refetches the icon on every history.replaceState; a real browser caches it.
          if (!transfers.has(e.requestId) && !e.request.url.endsWith('/favicon.svg'))
            transfers.set(e.requestId, { path: new URL(e.request.url).pathname, phase, wire: 0, raw: 0, done: false });
        });
        cdp.on('Network.dataReceived', (e) => {
          const t = transfers.get(e.requestId);
          if (t) t.raw += e.dataLength;
        });
        cdp.on('Network.loadingFinished', (e) => {
          const t = transfers.get(e.requestId);
          if (t) Object.assign(t, { wire: e.encodedDataLength, done: true });
        });
        cdp.on('Network.loadingFailed', (e) => {
          const t = transfers.get(e.requestId);
          if (t) t.done = true;
        });
        const sum = (p: Phase, key: 'wire' | 'raw') =>
          [...transfers.values()].filter((t) => t.phase === p).reduce((s, t) => s + t[key], 0);
        // Events reach Node after the page has used the bytes; wait until every counted request has finished.
        const settle = async (p: Phase) => {
          const until = performance.now() + 10_000;
          while ([...transfers.values()].some((t) => t.phase === p && !t.done) && performance.now() < until)
            await new Promise((r) => setTimeout(r, 20));
        };

        await page.goto(url + path, { waitUntil: 'networkidle' });
        await settle('page');
        await installFirstResultProbe(page, query);
        phase = 'query';
        const servedBefore = served();
        await page.focus('#q');
        const t0 = performance.now();
        await page.keyboard.type(query);
        await page.waitForFunction(
          (q) => document.getElementById('result-count')?.textContent.includes(q) === true,
          query,
          { timeout: SEARCH_TIMEOUT_MS },
        );
        const wall = performance.now() - t0;
        phase = 'after';
        await settle('query');
        const servedInQuery = served() - servedBefore;
        const probe = await page.evaluate(() => (window as unknown as ProbeWindow).oarBench);
        first.push({
          query,
          pageWire: sum('page', 'wire'),
          wire: sum('query', 'wire'),
          served: servedInQuery,
          raw: sum('query', 'raw'),
          files: [...transfers.values()]
            .filter((t) => t.phase === 'query')
            .map((t) => ({ path: t.path, wire: t.wire }))
            .sort((a, b) => b.wire - a.wire),
          fromKey: probe.first - probe.key,
          fromFocus: probe.first - probe.focus,
          wall,
        });
        if (i === 0) {
          await page.waitForSelector('#browse[data-ready="true"]', { timeout: SEARCH_TIMEOUT_MS });
          const measured = await measureLatency(page);
          await settle('after');
          latency = { ...measured, moreWire: sum('after', 'wire') };
        }
      } finally {
        await context.close();
      }
    }
    return { first, ...latency };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

interface ProbeWindow {
  oarBench: { focus: number; key: number; first: number };
}

/** Records in the page when focus and the first keystroke happen, and when the status first names the query. */
async function installFirstResultProbe(page: Page, query: string): Promise<void> {
  await page.evaluate((q) => {
    const probe = { focus: NaN, key: NaN, first: NaN };
    (window as unknown as ProbeWindow).oarBench = probe;
    const status = document.getElementById('result-count');
    if (!status) throw new Error('#result-count is missing');
    document.addEventListener('focusin', () => (probe.focus = isNaN(probe.focus) ? performance.now() : probe.focus), {
      capture: true,
    });
    document.addEventListener('keydown', () => (probe.key = isNaN(probe.key) ? performance.now() : probe.key), {
      capture: true,
    });
    const observer = new MutationObserver(() => {
      if (status.textContent.includes(q)) {
        probe.first = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  }, query);
}

/** Per query: in-page ms until results and status reflect it, and the same with the layout it forces. */
async function measureLatency(page: Page): Promise<{ dom: number[]; layout: number[] }> {
  const run = (q: string) =>
    page.evaluate(
      (query) =>
        new Promise<{ dom: number; layout: number }>((resolve) => {
          const input = document.getElementById('q') as HTMLInputElement;
          const list = document.getElementById('results') as HTMLElement;
          const status = document.getElementById('result-count') as HTMLElement;
          const timer = setTimeout(() => {
            observer.disconnect();
            resolve({ dom: NaN, layout: NaN });
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (!status.textContent.includes(query)) return;
            const dom = performance.now() - t0;
            // Reading a size makes the browser lay the new results out now, which a user waits for too.
            list.getBoundingClientRect();
            const layout = performance.now() - t0;
            observer.disconnect();
            clearTimeout(timer);
            resolve({ dom, layout });
          });
          observer.observe(list, { childList: true, subtree: true });
          observer.observe(status, { childList: true, characterData: true, subtree: true });
          const t0 = performance.now();
          input.value = query;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      q,
    );
  // One untimed pass first, so the figures are for a warmed-up page rather than the JIT's first compile.
  for (const q of QUERIES) await run(q);
  const dom: number[] = [];
  const layout: number[] = [];
  for (const q of QUERIES) {
    const r = await run(q);
    dom.push(r.dom);
    layout.push(r.layout);
  }
  return { dom, layout };
}

function percentile(xs: readonly number[], p: number): number {
  const s = xs.filter((x) => !isNaN(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (x: number | undefined) => (x === undefined || isNaN(x) ? '—' : x.toFixed(x < 10 ? 1 : 0));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || isNaN(a) || isNaN(b) || b === 0 ? '—' : `${(a / b).toFixed(2)}x`;

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
}

function printTables(results: readonly SizeResult[], withPagefind: boolean): void {
  printTable(
    'build time (wall clock, one run): ours = validate + astro build; bare = N Markdown pages, one layout',
    ['entries', 'ours ms', 'bare astro ms', 'ours/bare', 'ours ms/entry'],
    results.map((r) => [
      String(r.n),
      ms(r.build),
      ms(r.bare),
      ratio(r.build, r.bare),
      r.build === undefined ? '—' : (r.build / r.n).toFixed(1),
    ]),
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
    `query latency after load (ms in the page, ${QUERIES.length} queries after a warm-up pass): results in the DOM, and laid out`,
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
