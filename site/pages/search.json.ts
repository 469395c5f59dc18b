import type { APIRoute } from 'astro';
import { openCatalogue } from '../../lib/catalogue.ts';
import { buildSearchPayload } from '../../lib/index/search-payload.ts';
import { catalogueRoot } from '../lib/catalogue-loader.ts';

/** The serialized search index, fetched by the browse page on first use. */
export const GET: APIRoute = () => Response.json(buildSearchPayload(openCatalogue(catalogueRoot()).entries));
