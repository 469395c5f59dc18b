import { spawnSync } from 'node:child_process';

/** Pagefind, fetched by npx when the bench runs: only the site bench compares with it, so npm ci does not install it. */
const PAGEFIND = 'pagefind@1.6.0';

/**
 * The Pagefind CLI script, to run with our Node, once npx has fetched it into its cache; undefined (the
 * bench skips Pagefind) when it cannot. Timing the script, not npx, keeps npx's start out of the figures.
 */
export function findPagefind(): string | undefined {
  const found = spawnSync('npx', ['--yes', '-p', PAGEFIND, '-c', 'command -v pagefind'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin !== '' ? bin : undefined;
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
