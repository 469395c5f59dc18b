import { isCalendarDate, type Release } from '../resolve/changelog.ts';

/** What the RSS feed needs of an entry (a ResolvedEntry or the site's copy of one). */
export interface FeedEntry {
  readonly id: string;
  readonly meta: { readonly title: string; readonly summary: string };
  readonly releases: readonly Release[];
}

/** One feed item, in the shape @astrojs/rss takes. */
export interface FeedItem {
  readonly title: string;
  readonly link: string;
  readonly pubDate: Date;
  readonly description: string;
}

// What XML 1.0 does not allow (C0 but tab and line breaks, U+FFFE, U+FFFF) or discourages (DEL, C1), and the
// bidi controls. Validation refuses them all (OAR226); this keeps the feed well-formed if one gets through.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_IN_FEED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/gu;
const HTML_SPECIAL = /[&<>"']/gu;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text with every character XML 1.0 refuses removed, and a lone surrogate made U+FFFD. */
export function xmlSafe(text: string): string {
  return text.toWellFormed().replace(NOT_IN_FEED, '');
}

/**
 * An RSS description is HTML to feed readers, so plain text goes in
 * HTML-escaped (the XML writer then escapes it once more): a `<script>` in a
 * release note is shown, never run.
 */
export function feedHtml(text: string): string {
  return xmlSafe(text).replace(HTML_SPECIAL, (c) => HTML_ENTITY[c] ?? c);
}

/**
 * One item per entry, for its newest release with a date. A date that is not
 * a calendar day (validation refuses it; this is defence in depth) is passed
 * over and named in `skipped`, rather than throwing and failing the whole build.
 */
export function feedItems(entries: readonly FeedEntry[], base: string): { items: FeedItem[]; skipped: string[] } {
  const skipped: string[] = [];
  const items = entries.flatMap((e) => {
    const release = e.releases.find((r) => {
      if (r.date === undefined) return false;
      if (isCalendarDate(r.date)) return true;
      skipped.push(`${e.id} ${xmlSafe(r.version)}: ${JSON.stringify(xmlSafe(r.date))} is not a date`);
      return false;
    });
    if (release?.date === undefined) return [];
    return [
      {
        title: xmlSafe(`${e.meta.title} ${release.version}`),
        link: `${base}architectures/${e.id}/`,
        pubDate: new Date(`${release.date}T00:00:00Z`),
        description: feedHtml([e.meta.summary, ...release.notes].join(' ')),
      },
    ];
  });
  return { items: items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()), skipped };
}
