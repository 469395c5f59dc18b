import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogueRoot } from '../../lib/catalogue-loader.ts';
import { siteCatalogue } from '../../lib/site-catalogue.ts';
import { siteSearchFiles } from '../../lib/search-files.ts';

/** Every file of the sharded search index (lib/index/shards/layout.ts), built once per site build. */
export const getStaticPaths = (async () => {
  const site = await siteCatalogue(catalogueRoot());
  // npm run build (scripts/site/build.ts) writes these files itself, beside Astro's.
  if (site.searchWritten) return [];
  return [...siteSearchFiles(site)].map(([path, json]) => ({
    params: { path: path.replace(/^search\//, '').replace(/\.json$/, '') },
    props: { json },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { json: string }).json, { headers: { 'Content-Type': 'application/json' } });
