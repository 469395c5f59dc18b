import type { APIRoute, GetStaticPaths } from 'astro';
import { allEntries } from '../../../data/entries.ts';
import type { SiteEntry } from '../../../data/catalogue-loader.ts';

export const getStaticPaths = (async () =>
  (await allEntries()).map((entry) => ({ params: { id: entry.id }, props: { entry } }))) satisfies GetStaticPaths;

/** One entry: metadata, lineage, diagrams, changelog, git history and acknowledged findings. */
export const GET: APIRoute = ({ props }) => {
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
  });
};
