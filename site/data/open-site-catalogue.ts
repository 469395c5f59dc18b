import { openCatalogue } from '../../lib/catalogue.ts';
import { hasErrors } from '../../lib/diagnostics.ts';
import { readGitHistory } from '../../lib/resolve/git-history.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import { ignoresValidation } from '../../lib/unsafe-build.ts';
import { readVerificationReports } from '../../lib/resolve/verification.ts';
import { drawSiteDiagrams } from './as-built.ts';
import { forkDrifts } from './fork-drift.ts';
import type { CatalogueNotes } from './notes/render-notes.ts';
import type { SiteBasics, SiteCatalogue } from './site-catalogue.ts';

/** Opens the catalogue at `root` (load → validate → resolve) and reads its git history, forks' drift and last reports. */
export function openSiteBasics(root: string): SiteBasics {
  const catalogue = openCatalogue(root);
  const history = readGitHistory(root);
  return { catalogue, history, drift: forkDrifts(catalogue, history), checks: readVerificationReports(root) };
}

/** Every entry's notes as HTML; none for a catalogue with errors, which is never built (but by the canary test). */
export async function siteNotes(catalogue: Catalogue): Promise<CatalogueNotes> {
  if (hasErrors(catalogue.diagnostics) && !ignoresValidation()) return { byId: new Map(), diagnostics: [] };
  // Loaded only now: Sätteri and Shiki would otherwise load while the catalogue opens, before the build can start.
  const { renderCatalogueNotes } = await import('./notes/render-notes.ts');
  return renderCatalogueNotes(catalogue.root, catalogue.entries);
}

/** Everything the site needs from the catalogue at `root`, notes and diagrams included, without keeping it. */
export async function openSiteCatalogue(root: string): Promise<SiteCatalogue> {
  const basics = openSiteBasics(root);
  const notes = await siteNotes(basics.catalogue);
  return { ...basics, notes, ...(await drawSiteDiagrams(basics.catalogue)) };
}
