import type { Page } from 'playwright';
import { QUERIES } from './queries.ts';

/** Timed passes over QUERIES: a p95 of one pass of 30 rests on its two slowest queries. */
export const LATENCY_ROUNDS = 5;

/** Per query: in-page ms until results and status reflect it, and the same with the layout it forces. */
export async function measureLatency(page: Page): Promise<{ dom: number[]; layout: number[] }> {
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
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const q of QUERIES) {
      const r = await run(q);
      dom.push(r.dom);
      layout.push(r.layout);
    }
  }
  return { dom, layout };
}
