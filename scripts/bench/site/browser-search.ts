import type { Browser, Page } from 'playwright';
import { serveStatic } from '../../../test/helpers/static-server.ts';
import type { FirstQuery, SearchFigures } from './figures.ts';
import { FIRST_QUERIES } from './queries.ts';
import { measureLatency } from './query-latency.ts';

const SEARCH_TIMEOUT_MS = 120_000;

interface Transfer {
  readonly path: string;
  readonly phase: Phase;
  wire: number;
  raw: number;
  done: boolean;
}

type Phase = 'page' | 'query' | 'after';

/** First queries in fresh contexts, then latency of QUERIES once the index is loaded. */
export async function benchSearch(browser: Browser, siteDir: string, path: string): Promise<SearchFigures> {
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

/** What the probe leaves on window: performance.now() of focus, first keystroke and first result. */
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
