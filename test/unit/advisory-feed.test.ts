import { getRssString } from '@astrojs/rss';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { advisoryFeedItems } from '../../lib/index/advisory-feed.ts';
import { catalogueAdvisories, type AdvisoryEntry } from '../../lib/index/advisory-list.ts';
import type { Advisory } from '../../schema/architecture.ts';

const fixed: Advisory = {
  id: '2026-001-terminate-before-launch',
  date: '2026-11-02',
  severity: 'high',
  title: 'Instances <script>alert(1)</script> go first',
  affected: '>=1.0.0 <1.1.0',
  fixedIn: '1.1.0',
  impact: 'A rolling update ends CDATA ]]> early & drops <img src=x onerror=alert(2)>.',
  upgrade: 'Replaces the group; expect one \u0000 rolling update.',
};
const open: Advisory = {
  id: '2026-002-open-port',
  date: '2026-12-01',
  severity: 'critical',
  title: 'Port open',
  affected: '>=1.0.0',
  impact: 'Anyone can reach it.',
  mitigation: 'Close the port in the security group.',
};

const entry = (advisories: Advisory[], id = 'tiny-web'): AdvisoryEntry => ({
  id,
  meta: { title: 'Tiny <b>web</b>', advisories },
});

/** The feed as @astrojs/rss writes it, with what a strict XML 1.0 parser makes of each item. */
async function feed(entries: AdvisoryEntry[]) {
  const { items, skipped } = advisoryFeedItems(catalogueAdvisories(entries), '/registry/', 'https://example.com');
  const xml = await getRssString({ title: 'OAR', description: 'Advisories', site: 'https://example.com', items });
  const errors: string[] = [];
  const parsed: Record<string, string>[] = [];
  let open = '';
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.on('opentag', (t) => {
    open = t.name;
    if (t.name === 'item') parsed.push({});
    const item = parsed.at(-1);
    if (t.name === 'guid' && item) item['isPermaLink'] = String(t.attributes['isPermaLink']);
  });
  parser.on('text', (t) => {
    const item = parsed.at(-1);
    if (item && open !== 'item') item[open] = (item[open] ?? '') + t;
  });
  parser.write(xml).close();
  return { xml, errors, items: parsed, skipped };
}

describe('advisories feed', () => {
  it('has one item per advisory, newest first, titled by severity and entry, with the global id as guid', async () => {
    const { errors, items, skipped } = await feed([entry([fixed, open])]);
    expect(errors).toEqual([]);
    expect(skipped).toEqual([]);
    expect(items.map((i) => [i['title'], i['link'], i['guid'], i['isPermaLink'], i['pubDate']])).toEqual([
      [
        '[critical] Tiny <b>web</b>: Port open',
        'https://example.com/registry/architectures/tiny-web/#tiny-web/2026-002-open-port',
        'tiny-web/2026-002-open-port',
        'false',
        'Tue, 01 Dec 2026 00:00:00 GMT',
      ],
      [
        '[high] Tiny <b>web</b>: Instances <script>alert(1)</script> go first',
        'https://example.com/registry/architectures/tiny-web/#tiny-web/2026-001-terminate-before-launch',
        'tiny-web/2026-001-terminate-before-launch',
        'false',
        'Mon, 02 Nov 2026 00:00:00 GMT',
      ],
    ]);
  });

  it('describes the impact and what to do as escaped text, so markup in an advisory is shown, never run', async () => {
    const { errors, items } = await feed([entry([fixed, open])]);
    expect(errors).toEqual([]);
    // What the reader renders as HTML: paragraphs of text, the advisory's markup escaped inside them.
    expect(items[1]?.['description']).toBe(
      '<p>A rolling update ends CDATA ]]&gt; early &amp; drops &lt;img src=x onerror=alert(2)&gt;.</p>' +
        '<p>Affects versions &gt;=1.0.0 &lt;1.1.0. Fixed in 1.1.0.</p>' +
        '<p>Upgrade: Replaces the group; expect one  rolling update.</p>',
    );
    expect(items[0]?.['description']).toBe(
      '<p>Anyone can reach it.</p><p>Affects versions &gt;=1.0.0. No fix yet.</p>' +
        '<p>Mitigation: Close the port in the security group.</p>',
    );
  });

  it('keeps a hostile id inside its guid: customData is parsed as markup, so the id is escaped first', async () => {
    // Validation allows only kebab-case ids; a build that ignores validation must still not let one add elements.
    const hostile = { ...open, id: `x'"</guid><script>alert(3)</script><guid>` };
    const { errors, items, xml } = await feed([entry([hostile], 'evil&entry')]);
    expect(errors).toEqual([]);
    expect(items[0]?.['guid']).toBe(`evil&entry/x'"</guid><script>alert(3)</script><guid>`);
    expect(xml).not.toContain('<script>');
  });

  it('leaves out an advisory whose date is not a day, says so, and keeps the others', async () => {
    const { errors, items, skipped } = await feed([entry([{ ...fixed, date: '2026-02-30' }, open])]);
    expect(errors).toEqual([]);
    expect(skipped).toEqual(['tiny-web/2026-001-terminate-before-launch: "2026-02-30" is not a date']);
    expect(items.map((i) => i['guid'])).toEqual(['tiny-web/2026-002-open-port']);
  });

  it('is a valid feed with no items when the catalogue has no advisories', async () => {
    const { errors, items } = await feed([entry([])]);
    expect(errors).toEqual([]);
    expect(items).toEqual([]);
  });
});
