import type { SiteEntry } from './catalogue-loader.ts';

/** The name of a diagram's file without its folder and extension: diagrams/main.mmd → main. */
export function diagramStem(file: string): string {
  return file.replace(/^.*\//u, '').replace(/\.mmd$/u, '');
}

/**
 * Where the build publishes a diagram as a PNG: `<base>architectures/<id>/diagrams/<stem>.png`. The
 * renderer writes the file and the entry page names it (og:image); both must take the path from here.
 */
export function diagramPngPath(base: string, entryId: string, file: string): string {
  return `${base}architectures/${entryId}/diagrams/${diagramStem(file)}.png`;
}

/** The main diagram (an entry's first) as a shareable picture. */
export interface SharedDiagram {
  /** Its PNG's path on the site, base included. */
  readonly path: string;
  readonly title: string;
}

/**
 * The entry's main diagram as a PNG, or none when the build drew no diagrams (no browser: the page draws
 * them itself, and no PNG is published), so that a page never names an image that is not there.
 */
export function mainDiagramPng(base: string, entry: Pick<SiteEntry, 'id' | 'diagrams'>): SharedDiagram | undefined {
  const main = entry.diagrams[0];
  if (main?.svg === undefined) return undefined;
  return { path: diagramPngPath(base, entry.id, main.file), title: main.title };
}
