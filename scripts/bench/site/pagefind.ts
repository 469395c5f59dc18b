import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGEFIND = join(fileURLToPath(new URL('../../..', import.meta.url)), 'node_modules/pagefind');

/** The Pagefind CLI script when the package is installed, to run with our Node. */
export function findPagefind(): string | undefined {
  const file = join(PAGEFIND, 'package.json');
  if (!existsSync(file)) return undefined;
  // `bin` is a string in older releases and a map in newer ones; running it with our node avoids the machine's older one.
  const { bin } = JSON.parse(readFileSync(file, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof bin === 'string' ? bin : bin?.['pagefind'];
  return rel === undefined ? undefined : join(PAGEFIND, rel);
}

// Mirrors the browse page's contract (#browse, #q, #result-count, #results, data-ready, lazy start on first
// interaction) so both searches are measured by the same code; shows the first result as a Pagefind UI would.
export const PAGEFIND_PAGE = `<!doctype html>
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
