import type { DiagramRenders } from '../../lib/render/diagrams.ts';
import type { Drift } from '../../lib/resolve/fork-drift.ts';
import type { CatalogueHistory } from '../../lib/resolve/git-history.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import type { VerificationReports } from '../../lib/resolve/verification.ts';
import type { AsBuiltSource } from './as-built.ts';
import type { CatalogueNotes } from './notes/render-notes.ts';

/** What the site needs besides diagrams: plain data, so a worker thread can produce it (site/build/). */
export interface SiteSources {
  readonly catalogue: Catalogue;
  /** Every entry's README.mdx as HTML; empty when the catalogue has errors. */
  readonly notes: CatalogueNotes;
  readonly history: CatalogueHistory;
  /** For each fork (by id), the parent's files changed since the fork commit, or why that is not known. */
  readonly drift: ReadonlyMap<string, Drift>;
  /** The last `oar check` report and the emulator suite's, when there are. */
  readonly checks: VerificationReports;
}

/** The checked catalogue with its history and last check: what the build needs before Astro starts. */
export type SiteBasics = Omit<SiteSources, 'notes'>;

/** The catalogue as the site is built from it: resolved entries, their notes and their rendered diagrams. */
export interface SiteCatalogue extends SiteSources {
  readonly renders: DiagramRenders;
  /** Each entry's as-built diagram (by id) as it was drawn; none for an entry without a template snapshot. */
  readonly asBuilt: ReadonlyMap<string, AsBuiltSource>;
}
