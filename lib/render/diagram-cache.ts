import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGRAM_TERMS } from '../../generators/check/diagram-services.ts';
import { MERMAID_SETTINGS } from './diagram-browser.ts';
import type { DiagramPictures } from './diagram-pictures.ts';
import { sanitizeDiagramSvg } from './diagram-svg.ts';
import { darkScheme } from './diagram-theme.ts';
import { ICON_PACKAGE, SERVICE_ICONS } from './service-icons.ts';

/** Where rendered SVGs and their pictures are kept between builds, keyed by what drew them; OAR_DIAGRAM_CACHE moves it (benchmarks). */
export const DIAGRAM_CACHE =
  process.env['OAR_DIAGRAM_CACHE'] ?? fileURLToPath(new URL('../../node_modules/.cache/oar-diagrams', import.meta.url));

/** What drawing a source left: mermaid's SVG, and the OAR345 problems found in it (line in the file). */
export interface CachedDiagram {
  readonly svg: string;
  readonly problems: readonly { readonly message: string; readonly line?: number | undefined }[];
}

/** The parts of a diagram to render that decide its drawing. */
export interface CacheItem {
  readonly source: string;
  readonly services?: readonly string[] | undefined;
  readonly icons?: ReadonlyMap<string, string> | undefined;
  readonly thumbnail?: boolean | undefined;
}

let renderer: string | undefined;

/** Everything besides the source that changes a drawing: mermaid and its settings, the icons and how they are picked, the colours. */
function rendererVersion(): string {
  if (renderer !== undefined) return renderer;
  const mermaid = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;
  const terms = Object.entries(DIAGRAM_TERMS).map(([s, re]) => `${s}=${re.source}`);
  const parts = [`oar-diagrams-2 mermaid@${mermaid}`, MERMAID_SETTINGS, ICON_PACKAGE, JSON.stringify(SERVICE_ICONS)];
  renderer = [...parts, ...terms, darkScheme('x')].join('\n');
  return renderer;
}

/** The cache key of a diagram: its source, the entry's services and any chosen icons (they pick the icons), and the renderer. */
export function diagramKey(item: CacheItem): string {
  return createHash('sha256')
    .update(rendererVersion())
    .update('\0')
    .update((item.services ?? []).join(','))
    .update('\0')
    .update(item.icons ? [...item.icons].map(([node, service]) => `${node}=${service}`).join(',') : '')
    .update('\0')
    .update(item.source)
    .digest('hex')
    .slice(0, 32);
}

/** The id of a diagram's `<svg>`, which scopes its styles: unique per drawing, so two diagrams on one page never share one. */
export function svgIdOf(item: CacheItem): string {
  return `oar-${diagramKey(item).slice(0, 12)}`;
}

interface PictureMeta {
  readonly width: number;
  readonly height: number;
  readonly smallestLabelPx: number;
}

/** Drawings and pictures on disk, one set of files per key. */
export class DiagramCache {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #path(item: CacheItem, suffix: string): string {
    return join(this.#dir, `${diagramKey(item)}${suffix}`);
  }

  /** The cached drawing, if there is one. */
  read(item: CacheItem): CachedDiagram | undefined {
    const svg = this.#path(item, '.svg');
    const meta = this.#path(item, '.json');
    if (!existsSync(svg) || !existsSync(meta)) return undefined;
    const { problems } = JSON.parse(readFileSync(meta, 'utf8')) as Pick<CachedDiagram, 'problems'>;
    return { svg: readFileSync(svg, 'utf8'), problems };
  }

  write(item: CacheItem, drawn: CachedDiagram): void {
    mkdirSync(this.#dir, { recursive: true });
    writeFileSync(this.#path(item, '.svg'), drawn.svg);
    writeFileSync(this.#path(item, '.json'), JSON.stringify({ problems: drawn.problems }));
  }

  /**
   * The cached pictures, if all are there. The standalone SVG goes through the sanitizer again,
   * as the inline SVG does: a file that would lose anything is drawn afresh.
   */
  readPictures(item: CacheItem): DiagramPictures | undefined {
    const files = ['.pictures.json', '.file.svg', '.png', ...(item.thumbnail ? ['.thumb.png', '.thumb-dark.png'] : [])];
    if (!files.every((f) => existsSync(this.#path(item, f)))) return undefined;
    const standalone = readFileSync(this.#path(item, '.file.svg'), 'utf8');
    if (sanitizeDiagramSvg(standalone).removed) return undefined;
    const meta = JSON.parse(readFileSync(this.#path(item, '.pictures.json'), 'utf8')) as PictureMeta;
    const png = readFileSync(this.#path(item, '.png'));
    if (!item.thumbnail) return { ...meta, standalone, png };
    const thumbnail = {
      light: readFileSync(this.#path(item, '.thumb.png')),
      dark: readFileSync(this.#path(item, '.thumb-dark.png')),
    };
    return { ...meta, standalone, png, thumbnail };
  }

  writePictures(item: CacheItem, pictures: DiagramPictures): void {
    mkdirSync(this.#dir, { recursive: true });
    const { width, height, smallestLabelPx } = pictures;
    writeFileSync(this.#path(item, '.pictures.json'), JSON.stringify({ width, height, smallestLabelPx }));
    writeFileSync(this.#path(item, '.file.svg'), pictures.standalone);
    writeFileSync(this.#path(item, '.png'), pictures.png);
    if (pictures.thumbnail) {
      writeFileSync(this.#path(item, '.thumb.png'), pictures.thumbnail.light);
      writeFileSync(this.#path(item, '.thumb-dark.png'), pictures.thumbnail.dark);
    }
  }
}
