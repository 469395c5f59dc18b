import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { parse } from 'yaml';
import { expect, test } from './fixtures.ts';
import type { Advisory, Severity } from '../../schema/architecture.ts';
import { affects } from '../../lib/resolve/advisories.ts';

// The advisories as written in the catalogue global-setup.ts built the site from (the real entries plus the
// xss-probe fixture, which publishes one per severity), so every check covers whatever advisories exist.
interface Written extends Advisory {
  readonly entry: string;
  readonly entryTitle: string;
  readonly globalId: string;
}
const catalogue = new URL('../../.tmp/e2e/catalogue/architectures/', import.meta.url);
function writtenAdvisories(): Written[] {
  return readdirSync(catalogue, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const meta = parse(readFileSync(new URL(`${d.name}/architecture.yaml`, catalogue), 'utf8')) as {
        id: string;
        title: string;
        advisories?: Advisory[];
      };
      return (meta.advisories ?? []).map((a) => ({
        ...a,
        entry: meta.id,
        entryTitle: meta.title,
        globalId: `${meta.id}/${a.id}`,
      }));
    });
}
const WORST_FIRST: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const PROBE = 'xss-probe';
// The probe's advisories were published in an order unlike their severity's: newest first is not worst first.
const PROBE_IDS = {
  high: `${PROBE}/2026-001-probe-high`,
  critical: `${PROBE}/2026-002-probe-critical`,
  medium: `${PROBE}/2026-003-probe-medium`,
  low: `${PROBE}/2026-004-probe-low`,
} as const;

const all = writtenAdvisories();

test('the fixture catalogue publishes advisories of every severity', () => {
  for (const s of WORST_FIRST) expect(all.filter((a) => a.entry === PROBE && a.severity === s)).toHaveLength(1);
});

test('the advisories page lists every advisory newest first, each linked to its place on the entry page', async ({
  strictPage: page,
}) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advisories' }).click();
  await expect(page).toHaveURL(/\/advisories\/$/u);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Advisories');
  await expect(page.locator('main p').first()).toContainText('in the advisories feed (RSS), or read them as JSON.');
  await expect(
    page.locator('head link[rel="alternate"][type="application/rss+xml"][title="Advisories"]'),
  ).toHaveAttribute('href', '/advisories.xml');
  const items = page.locator('ol.advisory-list > li');
  await expect(items).toHaveCount(all.length);
  const shown = await items.locator('p.meta code').allTextContents();
  expect([...shown].sort()).toEqual(all.map((a) => a.globalId).sort());
  // Newest first: every date is on or before the one above it, and the probe's four keep their published order.
  const dates = shown.map((id) => all.find((a) => a.globalId === id)?.date ?? '');
  expect(dates).toEqual([...dates].sort().reverse());
  expect(shown.filter((id) => id.startsWith(`${PROBE}/`))).toEqual(
    (['low', 'critical', 'medium', 'high'] as const).map((s) => PROBE_IDS[s]),
  );
  for (const a of all) {
    const item = items.filter({ has: page.getByText(a.globalId, { exact: true }) });
    await expect(item.locator('.severity')).toHaveText(a.severity);
    await expect(item.getByRole('link', { name: a.title, exact: true })).toHaveAttribute(
      'href',
      `/architectures/${a.entry}/#${a.globalId}`,
    );
    await expect(item).toContainText(a.fixedIn ? `fixed in ${a.fixedIn}` : 'no fix yet');
  }
  // The probe's text that looks like markup is shown as written and never becomes an element.
  await expect(page.getByText('&lt;img src=x onerror=alert(8)&gt; and {alert(9)}', { exact: false })).toBeVisible();
  await expect(page.locator('main img, main script')).toHaveCount(0);
});

test('the severity filter is links to one page per severity, working by keyboard and without JavaScript', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, ...(baseURL && { baseURL }) });
  const page = await context.newPage();
  await page.goto('/advisories/');
  const filter = page.getByRole('navigation', { name: 'Filter by severity' });
  await expect(filter.getByRole('link', { name: `all (${all.length})` })).toHaveAttribute('aria-current', 'page');
  for (const s of WORST_FIRST) {
    const expected = all.filter((a) => a.severity === s).map((a) => a.globalId);
    await page.goto('/advisories/');
    const link = filter.getByRole('link', { name: `${s} (${expected.length})`, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/advisories/${s}/$`, 'u'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Advisories: ${s}`);
    await expect(filter.getByRole('link', { name: `${s} (${expected.length})`, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const shown = await page.locator('ol.advisory-list > li p.meta code').allTextContents();
    expect([...shown].sort()).toEqual(expected.sort());
    await expect(page.locator('ol.advisory-list .severity')).toHaveText(expected.map(() => s));
  }
  expect(await (await page.request.get('/advisories/')).text()).not.toContain('<script');
  await context.close();
});

test('an entry page shows its advisories worst first, each at its global id; an entry without any shows none', async ({
  strictPage: page,
}) => {
  for (const entry of new Set(all.map((a) => a.entry))) {
    const own = all.filter((a) => a.entry === entry);
    await page.goto(`/architectures/${entry}/`);
    await expect(page.getByRole('heading', { level: 2, name: 'Advisories' })).toBeVisible();
    const articles = page.locator('article.advisory');
    await expect(articles).toHaveCount(own.length);
    const severities = await articles.locator('.severity').allTextContents();
    expect(severities).toEqual(
      [...severities].sort((a, b) => WORST_FIRST.indexOf(a as Severity) - WORST_FIRST.indexOf(b as Severity)),
    );
    for (const a of own) {
      const article = page.locator(`article[id="${a.globalId}"]`);
      await expect(article.getByRole('heading', { level: 3 })).toHaveText(`${a.severity} ${a.title}`);
      await expect(article.getByRole('link', { name: a.globalId })).toHaveAttribute('href', `#${a.globalId}`);
      await expect(article).toContainText(`published ${a.date}`);
      const fact = (name: string) => article.locator(`dt:text-is("${name}") + dd`);
      await expect(fact('Affected versions')).toContainText(a.affected);
      await expect(fact('Fixed in')).toHaveText(a.fixedIn ?? 'no fix yet');
      await expect(fact('Impact')).toHaveText(a.impact);
      for (const [name, text] of [
        ['Upgrade', a.upgrade],
        ['Mitigation', a.mitigation],
      ] as const) {
        await expect(fact(name)).toHaveCount(text === undefined ? 0 : 1);
        if (text !== undefined) await expect(fact(name)).toHaveText(text);
      }
    }
  }
  await page.goto(`/architectures/${PROBE}/`);
  expect(await page.locator('article.advisory').evaluateAll((els) => els.map((e) => e.id))).toEqual(
    (['critical', 'high', 'medium', 'low'] as const).map((s) => PROBE_IDS[s]),
  );
  await expect(page.locator(`article[id="${PROBE_IDS.high}"]`)).toContainText('(this version, 0.2.0, is affected)');
  await expect(page.locator(`article[id="${PROBE_IDS.critical}"]`)).not.toContainText('is affected');
  await expect(page.locator('main img, main script')).toHaveCount(0);
  // Near the top, the advisories that still apply to the version shown, and a link down to what to do.
  const probeVersion = (await page.locator('h1 + p.meta').textContent())?.match(/version (\S+)/u)?.[1] ?? '';
  const stillOpen = all.filter((a) => a.entry === PROBE && affects(a, probeVersion));
  expect(stillOpen.length).toBeGreaterThan(0);
  const notice = page.getByRole('complementary', { name: 'Open advisories' });
  await expect(notice).toContainText(`This version, ${probeVersion}, has ${String(stillOpen.length)} open advisor`);
  await notice.getByRole('link', { name: 'What to do' }).click();
  await expect(page.locator('h2:target')).toHaveText('Advisories');
  const allFixed = [...new Set(all.map((a) => a.entry))].find((id) => {
    const version = /^version: (\S+)$/mu.exec(readFileSync(new URL(`${id}/architecture.yaml`, catalogue), 'utf8'))?.[1];
    return version !== undefined && !all.some((a) => a.entry === id && affects(a, version));
  });
  if (allFixed === undefined) throw new Error('no entry whose advisories are all fixed in its current version');
  await page.goto(`/architectures/${allFixed}/`);
  await expect(page.getByRole('complementary', { name: 'Open advisories' })).toHaveCount(0);
  await expect(page.locator('p.advisory-notice')).toContainText('for earlier versions, fixed in this one.');
  // From the advisories page, a link lands on the advisory itself.
  await page.goto('/advisories/critical/');
  await page.getByRole('link', { name: /^Critical probe/u }).click();
  await expect(page.locator('article.advisory:target')).toHaveAttribute('id', PROBE_IDS.critical);
  const without = readdirSync(catalogue).find((id) => id !== PROBE && !all.some((a) => a.entry === id));
  if (without === undefined) throw new Error('every entry has advisories; the empty case needs one without');
  await page.goto(`/architectures/${without}/`);
  await expect(page.getByRole('heading', { name: 'Changelog' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Advisories' })).toHaveCount(0);
});

test('the advisories feed has one item per advisory, newest first, with the global id as guid', async ({ request }) => {
  const xml = await (await request.get('/advisories.xml')).text();
  const items: Record<string, string>[] = [];
  let open = '';
  const parser = new SaxesParser();
  parser.on('opentag', (t) => {
    open = t.name;
    if (t.name === 'item') items.push({});
  });
  parser.on('text', (t) => {
    const item = items.at(-1);
    if (item) item[open] = (item[open] ?? '') + t;
  });
  parser.write(xml).close();
  expect(items).toHaveLength(all.length);
  const dates = items.map((i) => new Date(i['pubDate'] ?? '').getTime());
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
  for (const a of all) {
    const item = items.find((i) => i['guid'] === a.globalId);
    expect(item, a.globalId).toBeDefined();
    expect(item?.['title']).toBe(`[${a.severity}] ${a.entryTitle}: ${a.title}`);
    expect(new URL(item?.['link'] ?? '').pathname + new URL(item?.['link'] ?? '').hash).toBe(
      `/architectures/${a.entry}/#${a.globalId}`,
    );
    expect(item?.['description']).toContain(a.fixedIn ? `Fixed in ${a.fixedIn}.` : 'No fix yet.');
    expect(item?.['description']).not.toMatch(/<(?!\/?p>)/u);
  }
});

test('the JSON API serves every advisory, and each entry its own worst first', async ({ request }) => {
  const feed = (await (await request.get('/api/advisories.json')).json()) as {
    count: number;
    advisories: { id: string; entry: string; severity: Severity; date: string; url: string; fixedIn: string | null }[];
  };
  expect(feed.count).toBe(all.length);
  expect(feed.advisories.map((r) => r.id).sort()).toEqual(all.map((a) => a.globalId).sort());
  expect(feed.advisories.map((r) => r.date)).toEqual(
    feed.advisories
      .map((r) => r.date)
      .sort()
      .reverse(),
  );
  for (const row of feed.advisories) {
    const a = all.find((w) => w.globalId === row.id);
    expect(row).toMatchObject({ entry: a?.entry, severity: a?.severity, date: a?.date, fixedIn: a?.fixedIn ?? null });
    expect(new URL(row.url).hash).toBe(`#${row.id}`);
  }
  const list = (await (await request.get('/api/architectures.json')).json()) as {
    entries: { id: string; advisories: { id: string; severity: Severity }[] }[];
  };
  for (const e of list.entries) {
    const one = (await (await request.get(`/api/architectures/${e.id}.json`)).json()) as {
      advisories: { id: string; severity: Severity }[];
    };
    expect(one.advisories).toEqual(e.advisories);
    expect(one.advisories.map((r) => r.id).sort()).toEqual(
      all
        .filter((a) => a.entry === e.id)
        .map((a) => a.globalId)
        .sort(),
    );
    const ranks = one.advisories.map((r) => WORST_FIRST.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  }
});

for (const scheme of ['light', 'dark'] as const) {
  for (const path of ['/advisories/', '/advisories/critical/', `/architectures/${PROBE}/`]) {
    test(`accessibility scan finds no violations on ${path} (${scheme})`, async ({ strictPage: page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
}
