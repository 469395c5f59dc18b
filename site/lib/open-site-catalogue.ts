import { openCatalogue } from '../../lib/catalogue.ts';
import { hasErrors } from '../../lib/diagnostics.ts';
import { diagramSources, renderDiagrams } from '../../lib/render/diagrams.ts';
import { readGitHistory } from '../../lib/resolve/git-history.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import { readCheckReport } from '../../lib/resolve/verification.ts';
import { renderCatalogueNotes, type CatalogueNotes } from './notes/render-notes.ts';
import type { SiteBasics, SiteCatalogue } from './site-catalogue.ts';

/** Opens the catalogue at `root` (load → validate → resolve) and reads its git history and last check. */
export function openSiteBasics(root: string): SiteBasics {
  return { catalogue: openCatalogue(root), history: readGitHistory(root), checks: readCheckReport(root) };
}

/** Every entry's notes as HTML; none for a catalogue with errors, which is never built. */
export async function siteNotes(catalogue: Catalogue): Promise<CatalogueNotes> {
  return hasErrors(catalogue.diagnostics)
    ? { byId: new Map(), diagnostics: [] }
    : await renderCatalogueNotes(catalogue.entries);
}

/** Everything the site needs from the catalogue at `root`, notes and diagrams included, without keeping it. */
export async function openSiteCatalogue(root: string): Promise<SiteCatalogue> {
  const basics = openSiteBasics(root);
  const notes = await siteNotes(basics.catalogue);
  return { ...basics, notes, renders: await renderDiagrams(diagramSources(basics.catalogue.entries)) };
}
