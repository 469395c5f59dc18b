import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { allEntries } from '../lib/entries.ts';

/** New and updated entries: one item per entry, for its newest dated release. */
export const GET: APIRoute = async (context) => {
  const entries = await allEntries();
  const items = entries
    .flatMap((e) => {
      const release = e.releases.find((r) => r.date !== undefined);
      return release?.date === undefined
        ? []
        : [
            {
              title: `${e.meta.title} ${release.version}`,
              link: `${import.meta.env.BASE_URL}architectures/${e.id}/`,
              pubDate: new Date(`${release.date}T00:00:00Z`),
              description: [e.meta.summary, ...release.notes].join(' '),
            },
          ];
    })
    .sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime());
  return rss({
    title: 'Open Architecture Registry',
    description: 'New and updated cloud architectures.',
    site: context.site ?? 'http://localhost:4321',
    items,
  });
};
