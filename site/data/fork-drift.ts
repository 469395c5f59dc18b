import { driftSince, type Drift } from '../../lib/resolve/fork-drift.ts';
import type { CatalogueHistory } from '../../lib/resolve/git-history.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';

/**
 * For each fork whose parent is in the catalogue, the parent's files changed since the
 * fork commit, or why that is not known: git is asked once per fork, here at the site's
 * data edge, so the pages and the resolved catalogue stay free of it. Outside a clone of
 * its own (a tarball, a copy in an ignored folder) git is not asked at all, because it
 * would answer for another repository.
 */
export function forkDrifts(catalogue: Catalogue, history: Pick<CatalogueHistory, 'source'>): Map<string, Drift> {
  const drifts = new Map<string, Drift>();
  for (const entry of catalogue.entries) {
    const parent = entry.upstream && catalogue.byId.get(entry.upstream.parent);
    if (!entry.upstream || !parent) continue;
    const { commit } = entry.upstream;
    drifts.set(
      entry.id,
      history.source === 'none' && commit !== undefined
        ? { unknown: 'the site was not built from a git clone of the catalogue' }
        : driftSince(catalogue.root, commit, parent.dir),
    );
  }
  return drifts;
}
