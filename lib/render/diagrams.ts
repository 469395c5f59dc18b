import { diag, type Diagnostic } from '../diagnostics.ts';
import type { ResolvedEntry } from '../resolve/resolve-catalogue.ts';
import type { Service } from '../../schema/architecture.ts';
import { openDiagramBrowser, type DiagramBrowser, type Drawn } from './diagram-browser.ts';
import { DIAGRAM_CACHE, DiagramCache, svgIdOf, type CachedDiagram } from './diagram-cache.ts';
import { automaticIcons, chosenIcons, unknownIcons, withIcons } from './diagram-icons.ts';
import { MERMAID_MAX_TEXT } from './diagram-limits.ts';
import type { DiagramPictures } from './diagram-pictures.ts';
import { sanitizeDiagramSvg } from './diagram-svg.ts';
import { withColourSchemes } from './diagram-theme.ts';
import { serviceIconPack } from './service-icons.ts';

export { DIAGRAM_CACHE };

/** One diagram to render; `file` is relative to the catalogue root, for messages. */
export interface DiagramSource {
  readonly file: string;
  readonly source: string;
  /** The entry's services: nodes whose labels name one get its icon. None: no icons of the site's choosing. */
  readonly services?: readonly Service[];
  /** Also make a card thumbnail (an entry's main diagram). */
  readonly thumbnail?: boolean;
  /**
   * The icon of each node, by node id, chosen by what wrote the source (the as-built generator knows the service
   * of every box); instead of the icons its labels name.
   */
  readonly icons?: ReadonlyMap<string, Service>;
}

/** Every diagram of the resolved entries, named by its path from the catalogue root; the first of each is its main one. */
export function diagramSources(entries: readonly ResolvedEntry[]): DiagramSource[] {
  return entries.flatMap((e) =>
    e.diagrams.map((d, i) => ({
      file: `${e.dir}/${d.file}`,
      source: d.source,
      services: e.meta.services,
      thumbnail: i === 0,
    })),
  );
}

/** What rendering produced: SVG by file, its published pictures, problems, and whether a browser was there at all. */
export interface DiagramRenders {
  /** The sanitized SVG to show inline, with its dark colours. */
  readonly svg: ReadonlyMap<string, string>;
  /** The standalone SVG, the PNG and thumbnails, and the natural sizes; only when pictures were asked for. */
  readonly pictures: ReadonlyMap<string, DiagramPictures>;
  readonly diagnostics: readonly Diagnostic[];
  /** False when no browser could start: pages then render the mermaid source in the browser instead. */
  readonly browser: boolean;
}

/** How to render: where the cache is, and whether to take pictures (a site build) or only draw (validation). */
export interface RenderOptions {
  readonly cacheDir?: string;
  readonly pictures?: boolean;
}

// What mermaid throws for an image node whose picture the drawing page refused to fetch.
const IMAGE_REFUSED = /source image cannot be decoded/iu;

// What mermaid draws in place of a diagram it refuses, e.g. for maxTextSize.
const ERROR_SVG = /aria-roledescription="error"|Maximum text size in diagram exceeded/u;

/**
 * Renders mermaid sources to SVG in one browser session, with service icons, reusing cached
 * drawings. A syntax error becomes an OAR209 diagnostic at the line mermaid names, an icon the
 * site lacks OAR345. Every SVG is sanitized (lib/render/diagram-svg.ts) before the site may
 * show it, cached or not; a diagram that loses anything to that, or that mermaid refused to
 * draw, is an OAR229 error. With `pictures`, the same browser photographs each sanitized SVG.
 */
export async function renderDiagrams(
  items: readonly DiagramSource[],
  options: RenderOptions = {},
): Promise<DiagramRenders> {
  const svg = new Map<string, string>();
  const pictures = new Map<string, DiagramPictures>();
  // OAR_DIAGRAMS=client builds without a browser on purpose: pages then draw diagrams themselves.
  if (process.env['OAR_DIAGRAMS'] === 'client') return { svg, pictures, diagnostics: [], browser: false };
  const wanted = options.pictures ?? false;
  const cache = new DiagramCache(options.cacheDir ?? DIAGRAM_CACHE);
  const diagnostics: Diagnostic[] = [];
  const toDraw: DiagramSource[] = [];
  const toPhotograph: { item: DiagramSource; clean: string }[] = [];
  const keep = (item: DiagramSource, drawn: CachedDiagram): void => {
    diagnostics.push(
      ...drawn.problems.map((p) => diag('OAR345', item.file, p.message, p.line ? { line: p.line, col: 1 } : {})),
    );
    if (ERROR_SVG.test(drawn.svg)) {
      diagnostics.push(drawnProblem(item, 'refused'));
      return;
    }
    const clean = sanitizeDiagramSvg(drawn.svg);
    if (clean.removed) diagnostics.push(drawnProblem(item, 'outside'));
    const shown = withColourSchemes(clean.svg, svgIdOf(item));
    svg.set(item.file, shown);
    if (!wanted) return;
    const photographed = cache.readPictures(item);
    if (photographed) pictures.set(item.file, photographed);
    else toPhotograph.push({ item, clean: shown });
  };
  for (const item of items) {
    const cached = cache.read(item);
    if (cached) keep(item, cached);
    else toDraw.push(item);
  }
  if (toDraw.length === 0 && toPhotograph.length === 0) return { svg, pictures, diagnostics, browser: true };

  const browser = await openDiagramBrowser(serviceIconPack());
  if (!browser) return { svg, pictures, diagnostics, browser: false };
  try {
    const drawn = await drawWithIcons(browser, toDraw);
    for (const [i, item] of toDraw.entries()) {
      const result = drawn[i];
      if (!result) continue;
      if (result.drawn.ok) {
        const entry = { svg: result.drawn.svg, problems: result.problems };
        cache.write(item, entry);
        keep(item, entry);
      } else if (IMAGE_REFUSED.test(result.drawn.message)) diagnostics.push(drawnProblem(item, 'outside'));
      else diagnostics.push(syntaxDiagnostic(item, result.drawn.message));
    }
    const taken = await browser.pictures(
      toPhotograph.map((p) => ({ svg: p.clean, options: { thumbnail: p.item.thumbnail ?? false } })),
    );
    for (const [i, { item }] of toPhotograph.entries()) {
      const these = taken[i];
      if (!these) continue;
      cache.writePictures(item, these);
      pictures.set(item.file, these);
    }
  } finally {
    await browser.close();
  }
  return { svg, pictures, diagnostics, browser: true };
}

/** Reads each diagram with mermaid's parser, gives the nodes that name a service its icon, and draws it. */
async function drawWithIcons(browser: DiagramBrowser, items: readonly DiagramSource[]) {
  const shapes = await browser.shapes(items.map((i) => i.source));
  const prepared = items.map((item, i) => {
    const shape = shapes[i];
    if (!shape) return { item, source: item.source, problems: [] };
    const problems = unknownIcons(shape, item.source, item.file).map((d) => ({ message: d.message, line: d.line }));
    const picks = item.icons ? chosenIcons(shape, item.icons) : automaticIcons(shape, item.services ?? []);
    return { item, source: withIcons(item.source, picks), problems };
  });
  const drawn: Drawn[] = await browser.draw(prepared.map((p) => ({ id: svgIdOf(p.item), source: p.source })));
  return prepared.map((p, i) => ({
    drawn: drawn[i] ?? { ok: false as const, message: 'not drawn' },
    problems: p.problems,
  }));
}

/** OAR229 for a diagram mermaid refused to draw (its error picture), or whose SVG lost something to the sanitizer. */
function drawnProblem(item: DiagramSource, why: 'refused' | 'outside'): Diagnostic {
  return diag(
    'OAR229',
    item.file,
    why === 'refused'
      ? `mermaid refused to draw this diagram (it allows ${MERMAID_MAX_TEXT.toLocaleString('en')} characters); split it into smaller diagrams`
      : 'the diagram draws an image, a link or a style that loads something from outside the site, which the site does not publish (it could track visitors); remove it from the diagram source',
  );
}

function syntaxDiagnostic(item: DiagramSource, text: string): Diagnostic {
  const reported = /line (\d+)/i.exec(text)?.[1];
  // mermaid counts lines after the front matter; point at the line in the file.
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(item.source)?.[0].split('\n').length ?? 1;
  const lines = item.source.split('\n').length;
  const line = reported === undefined ? undefined : Math.min(Number(reported) + frontMatter - 1, lines);
  const summary = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^[-\s^]*$/.test(l))
    .slice(0, 3)
    .join(' ')
    .replace(/\s+/g, ' ');
  return diag(
    'OAR209',
    item.file,
    `mermaid cannot parse this diagram: ${summary}; fix the syntax (the mermaid live editor shows the error too)`,
    line === undefined ? {} : { line, col: 1 },
  );
}
