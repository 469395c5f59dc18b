import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { advisoryFeedItems } from '../../lib/index/advisory-feed.ts';
import { catalogueAdvisories } from '../../lib/index/advisory-list.ts';
import { allEntries } from '../data/entries.ts';

/** Every advisory of the catalogue, newest first, apart from the entries feed (rss.xml) so it can be watched alone. */
export const GET: APIRoute = async (context) => {
  const site = context.site ?? 'http://localhost:4321';
  const { items, skipped } = advisoryFeedItems(catalogueAdvisories(await allEntries()), import.meta.env.BASE_URL, site);
  // Validation refuses such dates; should one get through, the feed leaves it out and says so, and the build goes on.
  for (const s of skipped) console.warn(`advisories.xml: left out the advisory ${s}`);
  return rss({
    title: 'Open Architecture Registry: advisories',
    description: 'Flaws found in published versions of the catalogue’s architectures, and what to do about them.',
    site,
    items,
  });
};
