import type { APIRoute } from 'astro';
import { ARCHITECTURE_SCHEMA } from '../../../lib/validate/schema.ts';

/** The entry schema at a stable URL, for editors and tools. */
export const GET: APIRoute = () => Response.json(ARCHITECTURE_SCHEMA);
