import type { Browser, Page } from 'playwright';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../browser.ts';
import type { DiagramShape } from './diagram-icons.ts';
import { takePictures, type DiagramPictures, type PictureOptions } from './diagram-pictures.ts';
import type { IconPack } from './service-icons.ts';

/** What mermaid made of one source: its SVG, or the message of the error it threw. */
export type Drawn = { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly message: string };

/**
 * One headless Chromium for a whole build: a page with mermaid that reads and draws every
 * diagram, and pages that photograph the sanitized drawings (PNG, thumbnails) and write
 * them out as SVG files, two at once. Nothing else starts a browser during a build.
 */
export interface DiagramBrowser {
  /** Each source's flowchart as mermaid's own parser reads it; undefined for other kinds, and for a syntax error. */
  shapes(sources: readonly string[]): Promise<(DiagramShape | undefined)[]>;
  /** Each source drawn by mermaid under its SVG id. */
  draw(items: readonly { readonly id: string; readonly source: string }[]): Promise<Drawn[]>;
  /** The pictures of each sanitized SVG, in order. */
  pictures(items: readonly { readonly svg: string; readonly options: PictureOptions }[]): Promise<DiagramPictures[]>;
  close(): Promise<void>;
}

// Strict: labels cannot carry HTML or click handlers from an entry into the site.
const MERMAID_CONFIG = { securityLevel: 'strict', theme: 'neutral', fontFamily: 'system-ui, sans-serif' } as const;

// Pages photographing drawings at once.
const PHOTO_PAGES = 2;

/** Settings that change what mermaid draws; part of the diagram cache key. */
export const MERMAID_SETTINGS = JSON.stringify(MERMAID_CONFIG);

/** Starts Chromium with mermaid and the icon pack loaded; undefined when no browser can start here. */
export async function openDiagramBrowser(pack: IconPack): Promise<DiagramBrowser | undefined> {
  let browser: Browser;
  try {
    // Loaded only here: Playwright is heavy, and most commands never draw.
    const { chromium } = await import('playwright');
    browser = await chromium.launch(chromiumLaunchOptions());
  } catch {
    return undefined;
  }
  try {
    // Twice the pixels of the CSS size: PNGs sharp enough for slides, and thumbnails for high-density screens.
    const context = await browser.newContext({ deviceScaleFactor: 2 });
    // Nothing a diagram names is fetched while it is drawn: an image node from another site fails to load.
    await context.route('**/*', (route) => route.abort());
    const drawing = await context.newPage();
    const photo = await Promise.all(Array.from({ length: PHOTO_PAGES }, () => context.newPage()));
    await drawing.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await drawing.addScriptTag({ path: fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.js')) });
    await drawing.evaluate(setUp, { pack, config: MERMAID_CONFIG });
    return session(browser, drawing, photo);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

function session(browser: Browser, drawing: Page, photo: readonly Page[]): DiagramBrowser {
  return {
    shapes: (sources) => drawing.evaluate(readShapes, [...sources]).then((all) => all.map((s) => s ?? undefined)),
    draw: (items) => drawing.evaluate(drawAll, [...items]),
    pictures: async (items) => {
      const taken: DiagramPictures[] = [];
      let next = 0;
      // Each page takes the next drawing when it is done with one: PNG encoding is most of the time, and it runs
      // in the browser, so two pages keep two cores busy.
      const lane = async (page: Page) => {
        for (let i = next++; i < items.length; i = next++) {
          const item = items[i];
          if (item) taken[i] = await takePictures(page, item.svg, item.options);
        }
      };
      await Promise.all(photo.map(lane));
      return taken;
    },
    close: () => browser.close(),
  };
}

// The page's mermaid global, as far as these functions use it.
interface MermaidGlobal {
  registerIconPacks(packs: { name: string; icons: IconPack }[]): void;
  initialize(config: Record<string, unknown>): void;
  render(id: string, source: string): Promise<{ svg: string }>;
  mermaidAPI: { getDiagramFromText(source: string): Promise<{ type: string; db: FlowDb }> };
}
interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes?: string[]; icon?: string }>;
  getSubGraphs(): { id: string; nodes: string[]; classes?: string[] }[];
}
declare const mermaid: MermaidGlobal;

// The functions below run inside the page (page.evaluate), so each is self-contained.

function setUp({ pack, config }: { pack: IconPack; config: Record<string, unknown> }): void {
  mermaid.registerIconPacks([{ name: pack.prefix, icons: pack }]);
  mermaid.initialize({ startOnLoad: false, ...config });
}

async function readShapes(sources: string[]): Promise<(DiagramShape | null)[]> {
  const shapes: (DiagramShape | null)[] = [];
  for (const source of sources) {
    try {
      const { type, db } = await mermaid.mermaidAPI.getDiagramFromText(source);
      if (!type.startsWith('flowchart')) {
        shapes.push(null);
        continue;
      }
      const nodes = [...db.getVertices().values()].map((v) => ({
        id: v.id,
        label: v.text ?? '',
        classes: v.classes ?? [],
        icon: v.icon,
      }));
      const subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, members: s.nodes, classes: s.classes ?? [] }));
      shapes.push({ nodes, subgraphs });
    } catch {
      // Drawing reports the syntax error, with its line.
      shapes.push(null);
    }
  }
  return shapes;
}

async function drawAll(items: { id: string; source: string }[]): Promise<Drawn[]> {
  const drawn: Drawn[] = [];
  // One at a time: mermaid queues renders anyway, and a failed one leaves nothing behind for the next.
  for (const { id, source } of items) {
    try {
      drawn.push({ ok: true, svg: (await mermaid.render(id, source)).svg });
    } catch (error) {
      drawn.push({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return drawn;
}
