import { FACETS, facetLabel, type FacetName } from '../../lib/index/facets.ts';
import { openEngine, type Match } from '../../lib/index/shards/engine.ts';
import { formatSearchState, parseSearchState, type SearchState } from '../../lib/index/url-state.ts';
import { appendHighlighted } from './highlight.ts';

/** Results shown at once; "Show more" adds as many again. */
const PAGE = 20;
/** How long typing must pause before the URL follows the query (ticking a facet writes it at once). */
const TYPING_PAUSE_MS = 300;

/** Wires the browse page: instant results, facets with counts, state in the URL, keyboard navigation. */
export async function startSearch(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFormElement>('form[role="search"]');
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const list = root.querySelector<HTMLUListElement>('#results');
  const status = root.querySelector<HTMLElement>('#result-count');
  const empty = root.querySelector<HTMLElement>('#no-results');
  const clear = root.querySelector<HTMLButtonElement>('#clear-filters');
  if (!form || !input || !list || !status || !empty || !clear) return;
  const base = root.dataset['base'] ?? '/';

  const more = root.querySelector<HTMLButtonElement>('#more-results');
  const noEntry = root.querySelector<HTMLElement>('#no-entry');
  const noEntryWords = root.querySelector<HTMLElement>('#no-entry-words');
  if (!more || !noEntry || !noEntryWords) return;
  const proposals = [...root.querySelectorAll<HTMLAnchorElement>('a.propose')];
  const engine = await openEngine(async (path) => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok) throw new Error(`search index file ${path}: HTTP ${String(response.status)}`);
    return response.json();
  });
  // The build drew each entry's thumbnail into its server-rendered card (EntryCard.astro); results reuse it.
  const thumbs = new Map(
    [...list.querySelectorAll<HTMLElement>('li.card[data-id]')].map((li) => [
      li.dataset['id'],
      li.querySelector('.thumb'),
    ]),
  );
  let current: { matches: readonly Match[]; shown: number } = { matches: [], shown: 0 };
  // A slow answer to an old query must not overwrite the answer to a newer one.
  let generation = 0;

  const readForm = (): SearchState => {
    const filter: Partial<Record<FacetName, string[]>> = {};
    for (const facet of FACETS) {
      const values = [...form.querySelectorAll<HTMLInputElement>(`input[name="${facet}"]:checked`)].map((i) => i.value);
      if (values.length > 0) filter[facet] = values;
    }
    return { q: input.value, filter };
  };

  const writeForm = (state: SearchState) => {
    input.value = state.q;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      box.checked = state.filter[box.name as FacetName]?.includes(box.value) ?? false;
    }
  };

  const card = (doc: Awaited<ReturnType<typeof engine.docs>>[number], terms: readonly string[]) => {
    const li = document.createElement('li');
    li.className = 'card';
    li.dataset['id'] = doc.id;
    const h3 = document.createElement('h3');
    const a = document.createElement('a');
    a.href = `${base}architectures/${doc.id}/`;
    appendHighlighted(a, doc.title, terms);
    h3.append(a);
    const meta = document.createElement('p');
    meta.className = 'meta';
    const badge = document.createElement('span');
    badge.className = `badge status-${doc.status}`;
    badge.textContent = doc.status;
    meta.append(badge, ` ${doc.version}`, doc.parent ? ` · fork of ${doc.parent}` : '');
    const summary = document.createElement('p');
    appendHighlighted(summary, doc.summary, terms);
    const thumb = thumbs.get(doc.id);
    if (thumb) li.append(thumb.cloneNode(true));
    li.append(h3, meta, summary);
    return li;
  };

  const showMore = async (own: number) => {
    const next = current.matches.slice(current.shown, current.shown + PAGE);
    const docs = await engine.docs(next.map((m) => m.doc));
    if (own !== generation) return;
    list.append(...docs.map((doc, i) => card(doc, next[i]?.terms ?? [])));
    current.shown += next.length;
    more.hidden = current.shown >= current.matches.length;
  };

  // The facet counts, found once: every keystroke updates them.
  const countLabels = [...form.querySelectorAll<HTMLElement>('[data-count]')].map((label) => {
    const [facet, value] = (label.dataset['count'] ?? '').split(':') as [FacetName, string];
    return { label, facet, value, row: label.closest('label') };
  });

  const render = async (state: SearchState) => {
    const own = ++generation;
    const { matches, counts, uncovered } = await engine.search(state);
    const first = matches.slice(0, PAGE);
    const docs = await engine.docs(first.map((m) => m.doc));
    if (own !== generation) return;
    current = { matches, shown: first.length };
    list.replaceChildren(...docs.map((doc, i) => card(doc, first[i]?.terms ?? [])));
    more.hidden = current.shown >= matches.length;
    for (const { label, facet, value, row } of countLabels) {
      const n = counts[facet].get(value) ?? 0;
      const text = `(${String(n)})`;
      // Only what changed: an untouched count costs the browser no style or layout work.
      if (label.textContent !== text) label.textContent = text;
      if (row && row.classList.contains('zero') !== (n === 0)) row.classList.toggle('zero', n === 0);
    }
    const selected = FACETS.flatMap((f) => (state.filter[f] ?? []).map((v) => facetLabel(f, v)));
    status.textContent = describe(matches.length, state.q, selected);
    empty.hidden = matches.length > 0;
    clear.hidden = selected.length === 0;
    showUncovered(uncovered, state.q);
  };

  // Words the best match does not hold: say so, and offer to propose the entry, with the query as its title.
  const showUncovered = (uncovered: readonly string[], q: string) => {
    noEntry.hidden = uncovered.length === 0 || current.matches.length === 0;
    noEntryWords.textContent = uncovered.map((w) => `“${w}”`).join(', ');
    const target = root.dataset['propose'] ?? '';
    for (const a of proposals) {
      a.href =
        target.includes('?') && q.trim() !== ''
          ? `${target}&title=${encodeURIComponent(`Proposal: ${q.trim()}`)}`
          : target;
    }
  };

  // Describes the state these results were computed for, not the form, which may have changed meanwhile.
  const describe = (n: number, q: string, selected: readonly string[]) => {
    const what = `${String(n)} entr${n === 1 ? 'y' : 'ies'}`;
    const about = q.trim() === '' ? '' : ` for “${q.trim()}”`;
    return `${what}${about}${selected.length > 0 ? `, filtered by ${selected.join(', ')}` : ''}`;
  };

  const writeUrl = (state: SearchState, push: boolean) => {
    const url = `${location.pathname}${formatSearchState(state)}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  };

  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const update = async (push: boolean) => {
    const state = readForm();
    const shown = render(state);
    // render numbers its query before its first await.
    const own = generation;
    try {
      await shown;
    } catch (error: unknown) {
      status.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
    }
    // The URL follows the results, in a task of its own, and while typing only once typing pauses: a history
    // update per keystroke cost each one about 2 ms, and some browsers fetch the page icon again on every one.
    // A newer query by then writes its own.
    clearTimeout(urlTimer);
    urlTimer = setTimeout(
      () => {
        if (own === generation) writeUrl(state, push);
      },
      push ? 0 : TYPING_PAUSE_MS,
    );
  };

  more.addEventListener('click', () => {
    void showMore(generation);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void update(true);
  });
  // Typing replaces the history entry (no entry per keystroke); ticking a facet adds one, so Back undoes it.
  input.addEventListener('input', () => {
    void update(false);
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') void update(true);
  });
  clear.addEventListener('click', () => {
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) box.checked = false;
    void update(true);
    input.focus();
  });
  window.addEventListener('popstate', () => {
    const state = parseSearchState(location.search);
    writeForm(state);
    void render(state);
  });
  // Arrow keys move between the search box and the results; Escape returns to the box.
  root.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('h3 a')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown' && (document.activeElement === input || at >= 0)) {
      links[Math.min(at + 1, links.length - 1)]?.focus();
      event.preventDefault();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? input : links[at - 1])?.focus();
      event.preventDefault();
    } else if (event.key === 'Escape' && at >= 0) {
      input.focus();
    }
  });

  // What was typed or ticked while the index loaded wins over the URL the page opened with.
  const typed = readForm();
  const touched = typed.q !== '' || FACETS.some((f) => (typed.filter[f]?.length ?? 0) > 0);
  writeForm(touched ? typed : parseSearchState(location.search));
  await update(false);
  root.dataset['ready'] = 'true';
}
