import { getRssString } from '@astrojs/rss';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { feedItems, type FeedEntry } from '../../lib/index/feed-items.ts';
import { parseChangelog, type Release } from '../../lib/resolve/changelog.ts';

const HOSTILE = [
  'NUL \u0000 here',
  'ESC \u001b[2J and BEL \u0007',
  'OSC 52 \u001b]52;c;Y3VybA==\u0007',
  'C1 \u0085 \u009b',
  'ends CDATA ]]> early',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'lone \ud800 high and \udc00 low surrogates',
  'noncharacters \ufffe \uffff',
  'bidi \u202e \u2066',
  'entities &amp; &lt; &#0; &#x1b;',
];

const entry = (releases: readonly Release[]): FeedEntry => ({
  id: 'tiny-web',
  meta: { title: 'Tiny web \u0000 tier', summary: 'A <b>summary</b> & more.' },
  releases,
});

/** The feed as @astrojs/rss writes it, with what a strict XML 1.0 parser makes of it. */
function feed(entries: readonly FeedEntry[]) {
  const { items, skipped } = feedItems(entries, '/');
  return getRssString({ title: 'OAR', description: 'Feed', site: 'https://example.com', items }).then((xml) => {
    const errors: string[] = [];
    const texts: Record<string, string[]> = {};
    let open = '';
    const parser = new SaxesParser();
    parser.on('error', (e) => errors.push(e.message));
    parser.on('opentag', (t) => (open = t.name));
    parser.on('text', (t) => (texts[open] ??= []).push(t));
    parser.write(xml).close();
    return { xml, errors, texts, skipped };
  });
}

describe('RSS feed items', () => {
  it('make a well-formed feed from hostile release notes, showing markup as text', async () => {
    const notes = HOSTILE.map((h) => `- ${h}`).join('\n');
    const releases = parseChangelog(`# Changelog\n\n## 1.2.0 - 2026-11-25\n\n${notes}\n`);
    // Straight in too, past the parser: a string can hold what a UTF-8 file cannot (lone surrogates).
    const direct: Release[] = [{ version: '1.2.0', date: '2026-11-25', notes: HOSTILE, line: 1 }];
    for (const r of [releases, direct]) {
      expect(r[0]?.notes.length).toBe(HOSTILE.length);
      const { errors, texts } = await feed([entry(r)]);
      expect(errors).toEqual([]);
      const description = texts['description']?.at(-1) ?? '';
      // The reader gets HTML whose text is the note: escaped markup, never a tag.
      expect(description).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(description).toContain('A &lt;b&gt;summary&lt;/b&gt; &amp; more.');
      expect(description).toContain('ends CDATA ]]&gt; early');
      expect(description).toContain('&amp;#x1b;');
      expect(description).not.toMatch(/<[a-z]/u);
      expect(texts['title']).toContain('Tiny web  tier 1.2.0');
    }
  });

  it('leaves out a release whose date is not a day, says so, and uses the next dated one', async () => {
    const releases: Release[] = [
      { version: '1.2.0', date: '2026-99-99', notes: ['bad'], line: 3 },
      { version: '1.1.0', date: '2026-02-30', notes: ['bad'], line: 5 },
      { version: '1.0.0', date: '2026-10-01', notes: ['good'], line: 7 },
    ];
    const { errors, texts, skipped } = await feed([entry(releases), { ...entry(releases.slice(0, 1)), id: 'other' }]);
    expect(errors).toEqual([]);
    expect(skipped).toEqual([
      'tiny-web 1.2.0: "2026-99-99" is not a date',
      'tiny-web 1.1.0: "2026-02-30" is not a date',
      'other 1.2.0: "2026-99-99" is not a date',
    ]);
    expect(texts['pubDate']).toEqual(['Thu, 01 Oct 2026 00:00:00 GMT']);
    expect(texts['title']).toContain('Tiny web  tier 1.0.0');
  });
});
