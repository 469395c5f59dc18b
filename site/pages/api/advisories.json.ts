import type { APIRoute } from 'astro';
import { allAdvisoryRows } from '../../data/advisory-rows.ts';
import { allEntries } from '../../data/entries.ts';

/** Every advisory of the catalogue, newest first, each with its entry and the address of its place on the entry page. */
export const GET: APIRoute = async ({ site }) => {
  const advisories = allAdvisoryRows(await allEntries(), site);
  return Response.json({ count: advisories.length, advisories });
};
