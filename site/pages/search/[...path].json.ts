import type { APIRoute, GetStaticPaths } from 'astro';
import { buildSearchFiles } from '../../../lib/index/shards/build-shards.ts';
import { catalogueRoot } from '../../lib/catalogue-loader.ts';
import { siteCatalogue } from '../../lib/site-catalogue.ts';

/** Every file of the sharded search index (lib/index/shards/layout.ts), built once per site build. */
export const getStaticPaths = (async () =>
  [...buildSearchFiles((await siteCatalogue(catalogueRoot())).catalogue.entries)].map(([path, data]) => ({
    params: { path: path.replace(/^search\//, '').replace(/\.json$/, '') },
    props: { data },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json((props as { data: unknown }).data);
