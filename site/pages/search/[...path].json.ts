import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogueRoot } from '../../lib/catalogue-loader.ts';
import { siteCatalogue } from '../../lib/site-catalogue.ts';

/** Every file of the sharded search index (lib/index/shards/layout.ts), built once per site build. */
export const getStaticPaths = (async () => {
  const { search } = await siteCatalogue(catalogueRoot());
  // No index here means the site build (scripts/site/build.ts) writes its files beside Astro's.
  if (!search) return [];
  return [...(await search)].map(([path, json]) => ({
    params: { path: path.replace(/^search\//, '').replace(/\.json$/, '') },
    props: { json },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { json: string }).json, { headers: { 'Content-Type': 'application/json' } });
