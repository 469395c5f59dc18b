import { compareEntries, type Comparable } from '../../lib/diff/compare.ts';
import { isPrepared, pairOrder, pairPath } from '../../lib/diff/compare-pairs.ts';
import { compareLead, compareView } from '../../lib/diff/compare-view.ts';
import type { Block, Inline, ViewSection } from '../../lib/diff/view-model.ts';

/**
 * The compare form's result: the pair in the query string, compared in the browser from the two entries'
 * compare data (api/compare/<id>.json) with the same code and tables as the static pages. A pair that has
 * a static page goes there instead. Every string lands in the page as text, never as HTML.
 */
export async function showPair(result: HTMLElement): Promise<void> {
  const base = result.dataset['base'] ?? '/';
  const params = new URLSearchParams(location.search);
  const selects = [...document.querySelectorAll<HTMLSelectElement>('form.compare-form select')];
  const known = new Set([...(selects[0]?.options ?? [])].map((o) => o.value));
  const [a, b] = [params.get('a') ?? '', params.get('b') ?? ''];
  const say = (message: string) => {
    result.replaceChildren(element('p', [message]));
  };
  const unknown = [a, b].find((id) => !known.has(id));
  if (unknown !== undefined) {
    say(`There is no entry ${JSON.stringify(unknown)}; choose one from the lists.`);
    return;
  }
  selects.forEach((s, i) => {
    s.value = i === 0 ? a : b;
  });
  if (a === b) {
    say('Choose two different entries.');
    return;
  }
  say('Comparing…');
  let from: Comparable;
  let to: Comparable;
  try {
    [from, to] = await Promise.all([load(base, a), load(base, b)]);
  } catch (error) {
    say(`The comparison could not load: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (isPrepared(from, to)) {
    location.replace(`${base}${pairPath(...pairOrder(from, to))}`);
    return;
  }
  const href = (id: string, anchor?: string) =>
    `${base}architectures/${id}/${anchor === undefined ? '' : `#${anchor}`}`;
  const comparison = compareEntries(from, to);
  const lead = compareLead(comparison, href);
  document.title = `${lead.title} · Open Architecture Registry`;
  result.replaceChildren(
    element('h2', [lead.title]),
    ...lead.paragraphs.map((p) => element('p', p)),
    ...compareView(comparison, href).map(section),
  );
}

async function load(base: string, id: string): Promise<Comparable> {
  const response = await fetch(`${base}api/compare/${id}.json`);
  if (!response.ok) throw new Error(`compare data of ${id}: HTTP ${String(response.status)}`);
  return (await response.json()) as Comparable;
}

/** A section one heading level below the page's, as site/components/compare/CompareView.astro renders it. */
function section(s: ViewSection): HTMLElement {
  const out = element('section', []);
  out.className = 'compare';
  out.setAttribute('aria-labelledby', s.id);
  const heading = element('h3', [s.heading]);
  heading.id = s.id;
  out.append(heading, ...s.intro.map((p) => element('p', p)));
  for (const t of s.tables) {
    const table = document.createElement('table');
    table.append(element('caption', [t.caption]));
    const head = table.createTHead().insertRow();
    for (const c of t.columns) head.append(cellOf('th', 'col', [{ p: [c] }]));
    const body = table.createTBody();
    for (const r of t.rows) {
      const row = body.insertRow();
      if (r.id !== undefined) row.id = r.id;
      for (const c of r.cells) row.append(c.header ? cellOf('th', 'row', c.blocks) : cellOf('td', undefined, c.blocks));
    }
    out.append(table);
  }
  return out;
}

function cellOf(tag: 'th' | 'td', scope: 'col' | 'row' | undefined, blocks: readonly Block[]): HTMLElement {
  const cell = document.createElement(tag);
  if (scope) cell.scope = scope;
  for (const b of blocks) {
    if ('p' in b) cell.append(element('p', b.p));
    else cell.append(element('ul', [], ...b.ul.map((item) => element('li', item))));
  }
  return cell;
}

/** An element holding text runs (and child elements); text goes in as text nodes, so nothing is parsed as HTML. */
function element(tag: string, parts: readonly Inline[], ...children: HTMLElement[]): HTMLElement {
  const el = document.createElement(tag);
  for (const part of parts) el.append(inline(part));
  el.append(...children);
  return el;
}

function inline(part: Inline): Node {
  if (typeof part === 'string') return document.createTextNode(part);
  const [tag, value, className] =
    'code' in part
      ? ['code', part.code]
      : 'ins' in part
        ? ['ins', part.ins]
        : 'del' in part
          ? ['del', part.del]
          : 'label' in part
            ? ['span', part.label, 'evidence-label']
            : 'impact' in part
              ? ['span', part.impact, `impact-${part.impact}`]
              : ['a', part.text];
  const el = document.createElement(tag);
  el.textContent = value;
  if (className !== undefined) el.className = className;
  if ('href' in part) el.setAttribute('href', part.href);
  return el;
}
