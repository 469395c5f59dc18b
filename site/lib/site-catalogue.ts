import { resolve } from 'node:path';
import type { DiagramRenders } from '../../lib/render/diagrams.ts';
import type { CatalogueHistory } from '../../lib/resolve/git-history.ts';
import type { Catalogue } from '../../lib/resolve/resolve-catalogue.ts';
import type { CheckReportData } from '../../lib/resolve/verification.ts';
import type { CatalogueNotes } from './notes/render-notes.ts';

/** What the site needs besides diagrams: plain data, so a worker thread can produce it (scripts/site/build.ts). */
export interface SiteSources {
  readonly catalogue: Catalogue;
  /** Every entry's README.mdx as HTML; empty when the catalogue has errors. */
  readonly notes: CatalogueNotes;
  readonly history: CatalogueHistory;
  /** The last full `oar check` report, when there is one. */
  readonly checks: CheckReportData | undefined;
}

/** The checked catalogue with its history and last check: what the build needs before Astro starts. */
export type SiteBasics = Omit<SiteSources, 'notes'>;

/** The catalogue as the site is built from it: resolved entries, their notes and their rendered diagrams. */
export interface SiteCatalogue extends SiteSources {
  readonly renders: DiagramRenders;
  /**
   * True when scripts/site/build.ts writes the search index files itself (its worker, while Astro
   * builds), so the search endpoint makes none; otherwise (`astro dev`, `astro build` run directly)
   * the endpoint makes them. Astro spends about a millisecond of its main thread on each file.
   */
  readonly searchWritten?: boolean;
}

// Opening the catalogue is the costliest step that grows with entries outside Astro itself, and the build
// needs it in three places: scripts/site/build.ts, the content loader and the search endpoint. Astro bundles
// the endpoint apart from the loader, so each holds its own copy of this module; one slot on globalThis is
// what they share within a process. Across processes nothing is shared: every process opens it once.
const SLOT = Symbol.for('oar.site-catalogue');

interface Slot {
  readonly root: string;
  readonly value: Promise<SiteCatalogue>;
}

const shared = globalThis as { [SLOT]?: Slot | undefined };

/**
 * Keeps `value` as the catalogue at `root` for the rest of this process, so
 * later readers reuse it: build.ts hands over what it checked, and `astro dev`
 * replaces it after an edit.
 */
export function keepSiteCatalogue(root: string, value: SiteCatalogue | Promise<SiteCatalogue>): Promise<SiteCatalogue> {
  const promise = Promise.resolve(value);
  shared[SLOT] = { root: resolve(root), value: promise };
  // A failed open must not stay cached: the next reader tries again (a fixed edit in `astro dev`).
  promise.catch(() => {
    if (shared[SLOT]?.value === promise) shared[SLOT] = undefined;
  });
  return promise;
}

/** The catalogue at `root`: the one kept in this process, else opened now and kept. */
export function siteCatalogue(root: string): Promise<SiteCatalogue> {
  const slot = shared[SLOT];
  return slot?.root === resolve(root) ? slot.value : keepSiteCatalogue(root, openSiteCatalogueNow(root));
}

/**
 * Opens the catalogue at `root` afresh, without keeping it. The pipeline is imported only
 * here: build.ts holds the slot without loading what it runs in a worker, and a build's
 * content config would otherwise have Vite transform the whole pipeline (about half a second).
 */
export async function openSiteCatalogueNow(root: string): Promise<SiteCatalogue> {
  const { openSiteCatalogue } = await import('./open-site-catalogue.ts');
  return openSiteCatalogue(root);
}
