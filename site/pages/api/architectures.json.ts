import type { APIRoute } from 'astro';
import { entryAdvisoryRows } from '../../data/advisory-rows.ts';
import { allEntries } from '../../data/entries.ts';

/** Every entry's metadata and lineage, for tools. */
export const GET: APIRoute = async ({ site }) => {
  const entries = await allEntries();
  return Response.json({
    count: entries.length,
    entries: entries.map((e) => ({
      ...e.meta,
      lineage: e.lineage,
      verification: e.verification,
      evidence: e.evidence,
      claims: e.claims.map(({ id, text }) => ({ id, text })),
      advisories: entryAdvisoryRows(e, site),
    })),
  });
};
