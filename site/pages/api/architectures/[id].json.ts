import type { APIRoute, GetStaticPaths } from 'astro';
import { allEntries } from '../../../data/entries.ts';
import type { SiteEntry } from '../../../data/catalogue-loader.ts';
import { entryAdvisoryRows } from '../../../data/advisory-rows.ts';

export const getStaticPaths = (async () =>
  (await allEntries()).map((entry) => ({ params: { id: entry.id }, props: { entry } }))) satisfies GetStaticPaths;

/** One entry: metadata, lineage, diagrams, changelog, git history, acknowledged findings and advisories. */
export const GET: APIRoute = ({ props, site }) => {
  const { entry } = props as { entry: SiteEntry };
  return Response.json({
    ...entry.meta,
    lineage: entry.lineage,
    diagrams: entry.diagrams,
    changelog: entry.changelog,
    history: entry.history ?? null,
    verification: entry.verification,
    // How each failure mode, fork change and evidenced constraint is kept, with the claims' sentences.
    evidence: entry.evidence,
    claims: entry.claims.map(({ id, text }) => ({ id, text })),
    acknowledgements: entry.acknowledgements ?? null,
    // Worst first, in the shape of /api/advisories.json's rows (not architecture.yaml's): [] when there are none.
    advisories: entryAdvisoryRows(entry, site),
  });
};
