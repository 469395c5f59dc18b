import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../../lib/diagnostics.ts';
import { ignoresValidation } from '../../lib/unsafe-build.ts';
import type { SiteCatalogue } from '../data/site-catalogue.ts';
import { openInWorker, type OpeningCatalogue } from './open-in-worker.ts';

/**
 * The catalogue a site is built from, shared by the integration (site/integration.ts,
 * which astro.config.mjs loads through Node) and the content loader (content.config.ts,
 * which Vite loads, and which therefore takes the loader from Node's copy of
 * site/data/catalogue-loader.ts with createRequire): one module instance, one catalogue.
 */
let root = fileURLToPath(new URL('../..', import.meta.url));
let kept: Promise<SiteCatalogue> | undefined;
let building: OpeningCatalogue | undefined;

/** The catalogue root the site is built from: this repository unless the integration was given another. */
export function catalogueRoot(): string {
  return root;
}

/**
 * Makes `catalogue` (a folder holding architectures/) the catalogue of this process's site;
 * for a build, starts opening it (validation, notes, search index) in a worker thread at once,
 * while Astro starts. The content loader awaits it, and reports a failure.
 */
export function useCatalogue(catalogue: string, build: boolean): void {
  if (resolve(catalogue) !== root) {
    root = resolve(catalogue);
    kept = undefined;
  }
  if (!build || building) return;
  const opening = openInWorker(root);
  building = opening;
  void keepSiteCatalogue(assemble(opening));
}

/** Whether this process builds the site (rather than serving it with `astro dev`). */
export function isBuilding(): boolean {
  return building !== undefined;
}

/** The site's catalogue: the build's, else opened now in this thread (`astro dev`, `astro sync`) and kept. */
export function siteCatalogue(): Promise<SiteCatalogue> {
  return kept ?? keepSiteCatalogue(openSiteCatalogueNow());
}

/** Opens the catalogue afresh, without keeping it: `astro dev` checks an edit before it replaces the kept one. */
export async function openSiteCatalogueNow(): Promise<SiteCatalogue> {
  // Imported only here: a build never loads the pipeline in this thread; its worker does.
  const { openSiteCatalogue } = await import('../data/open-site-catalogue.ts');
  return openSiteCatalogue(root);
}

/** Keeps `site` as the site's catalogue; a failed open is not kept, so the next reader tries again. */
export function keepSiteCatalogue(site: SiteCatalogue | Promise<SiteCatalogue>): Promise<SiteCatalogue> {
  const promise = Promise.resolve(site);
  kept = promise;
  promise.catch(() => {
    if (kept === promise) kept = undefined;
  });
  return promise;
}

/**
 * Ends a build: its worker writes the search index (and, when no browser drew the
 * diagrams, mermaid's browser files) into the built site at `dir`, then stops; this
 * thread writes the diagrams' SVG, PNG and thumbnail files meanwhile.
 */
export async function finishBuild(dir: string): Promise<void> {
  if (!building) return;
  try {
    const site = await siteCatalogue();
    await Promise.all([building.write(dir, !site.renders.browser), writeDiagramFiles(dir, site)]);
  } finally {
    await stopBuild();
  }
}

/** Stops a build's worker wherever it is (a failed build), so that it writes nothing more. */
export async function stopBuild(): Promise<void> {
  const opening = building;
  building = undefined;
  kept = undefined;
  await opening?.stop();
}

/** Writes every diagram file the site publishes (site/data/diagram-files.ts) into the built site at `dir`. */
async function writeDiagramFiles(dir: string, site: SiteCatalogue): Promise<void> {
  const { diagramFiles } = await import('../data/diagram-files.ts');
  const files = diagramFiles(site);
  await Promise.all(
    [...new Set([...files.keys()].map((p) => dirname(join(dir, p))))].map((d) => mkdir(d, { recursive: true })),
  );
  await Promise.all([...files].map(([path, data]) => writeFile(join(dir, path), data)));
}

/** The worker's catalogue and notes, with the diagrams drawn here meanwhile (in one browser, another process). */
async function assemble(opening: OpeningCatalogue): Promise<SiteCatalogue> {
  const basics = await opening.basics;
  // A catalogue with errors is never built (the content loader says why): no browser is started for it.
  if (hasErrors(basics.catalogue.diagnostics) && !ignoresValidation()) {
    return {
      ...basics,
      notes: await opening.notes,
      renders: { svg: new Map(), pictures: new Map(), diagnostics: [], browser: false },
      asBuilt: new Map(),
    };
  }
  const { drawSiteDiagrams } = await import('../data/as-built.ts');
  const [drawn, notes] = await Promise.all([drawSiteDiagrams(basics.catalogue), opening.notes]);
  return { ...basics, notes, ...drawn };
}
