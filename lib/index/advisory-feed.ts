import { isCalendarDate } from '../resolve/changelog.ts';
import { advisoryUrl, type CatalogueAdvisory } from './advisory-list.ts';
import { feedHtml, xmlSafe, type FeedItem } from './feed-items.ts';

/** A feed item with its own guid, which @astrojs/rss takes as `customData` (it would otherwise use the link). */
export interface AdvisoryFeedItem extends FeedItem {
  readonly customData: string;
}

// Markup characters of XML text; @astrojs/rss's parser decodes these entities but leaves &#39; and the like as text.
const XML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** What to do, as sentences: the fix to upgrade to and what it changes, and the mitigation for running stacks. */
function whatToDo(item: CatalogueAdvisory): string[] {
  const a = item.advisory;
  return [
    `Affects versions ${a.affected}. ${a.fixedIn ? `Fixed in ${a.fixedIn}.` : 'No fix yet.'}`,
    ...(a.upgrade ? [`Upgrade: ${a.upgrade}`] : []),
    ...(a.mitigation ? [`Mitigation: ${a.mitigation}`] : []),
  ];
}

/**
 * One feed item per advisory, newest first as given. The link is absolute, because @astrojs/rss adds a
 * trailing slash to a relative one, fragment and all. Entry text is escaped into HTML paragraphs (a
 * reader renders the description as HTML, so markup in it is shown, never run), and the guid is the
 * global id, escaped for XML because @astrojs/rss parses `customData` as markup. An advisory whose
 * date is not a day (validation refuses it) is left out and named in `skipped`.
 */
export function advisoryFeedItems(
  items: readonly CatalogueAdvisory[],
  base: string,
  site: URL | string,
): { items: AdvisoryFeedItem[]; skipped: string[] } {
  const skipped: string[] = [];
  const out = items.flatMap((item) => {
    const a = item.advisory;
    if (!isCalendarDate(a.date)) {
      skipped.push(`${xmlSafe(item.id)}: ${JSON.stringify(xmlSafe(a.date))} is not a date`);
      return [];
    }
    return [
      {
        title: xmlSafe(`[${a.severity}] ${item.entry.title}: ${a.title}`),
        link: advisoryUrl(base, item, site),
        pubDate: new Date(`${a.date}T00:00:00Z`),
        description: [a.impact, ...whatToDo(item)].map((p) => `<p>${feedHtml(p)}</p>`).join(''),
        customData: `<guid isPermaLink="false">${xmlSafe(item.id).replace(/[&<>]/gu, (c) => XML_TEXT[c] ?? c)}</guid>`,
      },
    ];
  });
  return { items: out, skipped };
}
