import type { DiagramPictures } from '../../lib/render/diagram-pictures.ts';
import { THUMBNAIL } from '../../lib/render/diagram-pictures.ts';
import type { SiteEntry } from './catalogue-loader.ts';
import type { SiteCatalogue } from './site-catalogue.ts';

/** No label of a diagram is shown smaller than this many CSS pixels: the page scrolls the drawing instead. */
export const LEGIBLE_LABEL_PX = 12;

/** Where a diagram's files are published, relative to the site's base: `architectures/<id>/diagrams/<stem>.svg` and so on. */
export interface DiagramPaths {
  readonly svg: string;
  readonly png: string;
  readonly thumbnail: string;
  readonly thumbnailDark: string;
}

/** The published paths of the diagram `file` (e.g. `diagrams/main.mmd`) of entry `id`. Link previews use `png`. */
export function diagramPaths(id: string, file: string): DiagramPaths {
  return pathsAt(`architectures/${id}/diagrams/${file.replace(/^diagrams\//u, '').replace(/\.mmd$/u, '')}`);
}

/** The as-built diagram's files: beside the diagrams folder, so that no diagram of the entry's own can take their name. */
export function asBuiltPaths(id: string): DiagramPaths {
  return pathsAt(`architectures/${id}/as-built`);
}

function pathsAt(at: string): DiagramPaths {
  return { svg: `${at}.svg`, png: `${at}.png`, thumbnail: `${at}.thumb.png`, thumbnailDark: `${at}.thumb-dark.png` };
}

/** What an entry page needs to show a drawn diagram legibly and link its files. */
export interface ShownDiagram {
  readonly paths: DiagramPaths;
  /** The drawing's natural width in CSS pixels. */
  readonly width: number;
  /** The narrowest it may be drawn with no label under LEGIBLE_LABEL_PX; the page scrolls below that. */
  readonly legibleWidth: number;
  /** The card thumbnail's size in CSS pixels, for an entry's main diagram. */
  readonly thumbnail?: { readonly width: number; readonly height: number };
}

/** How the page shows a diagram whose pictures were taken. */
export function shownDiagram(paths: DiagramPaths, pictures: DiagramPictures): ShownDiagram {
  // One pixel to spare: the page rounds the drawing's height to its layout grid, which can shave a hair off the scale.
  const legibleWidth = Math.min(
    Math.ceil(pictures.width),
    Math.ceil((pictures.width * LEGIBLE_LABEL_PX) / pictures.smallestLabelPx) + 1,
  );
  return {
    paths,
    width: Math.ceil(pictures.width),
    legibleWidth,
    ...(pictures.thumbnail ? { thumbnail: THUMBNAIL } : {}),
  };
}

/** Every diagram file the site publishes, by its path relative to the base: written by a build, served by `astro dev`. */
export function diagramFiles(
  site: Pick<SiteCatalogue, 'catalogue' | 'renders' | 'asBuilt'>,
): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  const publish = (paths: DiagramPaths, file: string | undefined): void => {
    const pictures = file === undefined ? undefined : site.renders.pictures.get(file);
    if (!pictures) return;
    files.set(paths.svg, pictures.standalone);
    files.set(paths.png, pictures.png);
    if (pictures.thumbnail) {
      files.set(paths.thumbnail, pictures.thumbnail.light);
      files.set(paths.thumbnailDark, pictures.thumbnail.dark);
    }
  };
  for (const entry of site.catalogue.entries) {
    for (const d of entry.diagrams) publish(diagramPaths(entry.id, d.file), `${entry.dir}/${d.file}`);
    publish(asBuiltPaths(entry.id), site.asBuilt.get(entry.id)?.file);
  }
  return files;
}

/** The main diagram (an entry's first) as a shareable picture. */
export interface SharedDiagram {
  /** Its PNG's path on the site, base included. */
  readonly path: string;
  readonly title: string;
}

/**
 * The entry's main diagram as a PNG (og:image), or none when the build took no pictures (no browser: the
 * page draws its diagrams itself, and no PNG is published), so that a page never names an image that is not there.
 */
export function mainDiagramPng(base: string, entry: Pick<SiteEntry, 'diagrams'>): SharedDiagram | undefined {
  const main = entry.diagrams[0];
  if (main?.shown === undefined) return undefined;
  return { path: `${base}${main.shown.paths.png}`, title: main.title };
}
