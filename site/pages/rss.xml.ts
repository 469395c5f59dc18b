import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { feedItems } from '../../lib/index/feed-items.ts';
import { allEntries } from '../data/entries.ts';

/** New and updated entries: one item per entry, for its newest dated release. */
export const GET: APIRoute = async (context) => {
  const { items, skipped } = feedItems(await allEntries(), import.meta.env.BASE_URL);
  // Validation refuses such dates; should one get through, the feed leaves it out and says so, and the build goes on.
  for (const s of skipped) console.warn(`rss.xml: left out the release ${s}`);
  return rss({
    title: 'Open Architecture Registry',
    description: 'New and updated cloud architectures.',
    site: context.site ?? 'http://localhost:4321',
    items,
  });
};
