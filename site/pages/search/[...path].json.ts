import type { APIRoute, GetStaticPaths } from 'astro';
import { buildSearchFiles } from '../../../lib/index/shards/build-shards.ts';
import { catalogueRoot } from '../../lib/catalogue-loader.ts';
import { siteCatalogue } from '../../lib/site-catalogue.ts';
import { verificationOf } from '../../../lib/resolve/verification.ts';

/** Every file of the sharded search index (lib/index/shards/layout.ts), built once per site build. */
export const getStaticPaths = (async () => {
  const { catalogue, checks } = await siteCatalogue(catalogueRoot());
  const files = buildSearchFiles(catalogue.entries, (e) => verificationOf(e.id, e.meta.version, checks).status);
  return [...files].map(([path, data]) => ({
    params: { path: path.replace(/^search\//, '').replace(/\.json$/, '') },
    props: { data },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json((props as { data: unknown }).data);
