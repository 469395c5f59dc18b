import type { APIRoute } from 'astro';
// The data itself, not lib/validate/schema.ts, which would bring the validator into the site's bundle.
import schema from '../../../schema/architecture.schema.json' with { type: 'json' };

/** The entry schema at a stable URL, for editors and tools. */
export const GET: APIRoute = () => Response.json(schema);
