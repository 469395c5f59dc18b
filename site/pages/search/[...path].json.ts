import type { APIRoute, GetStaticPaths } from 'astro';
import { openCatalogue } from '../../../lib/catalogue.ts';
import { buildSearchFiles } from '../../../lib/index/shards/build-shards.ts';
import { catalogueRoot } from '../../lib/catalogue-loader.ts';

/** Every file of the sharded search index (lib/index/shards/layout.ts), built once per site build. */
export const getStaticPaths = (() =>
  [...buildSearchFiles(openCatalogue(catalogueRoot()).entries)].map(([path, data]) => ({
    params: { path: path.replace(/^search\//, '').replace(/\.json$/, '') },
    props: { data },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json((props as { data: unknown }).data);
