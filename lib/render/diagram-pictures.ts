import type { Page } from 'playwright';
import { smallestLabel } from './label-size.ts';

/** What to photograph besides the full-size PNG. */
export interface PictureOptions {
  /** Also a card thumbnail, light and dark (an entry's main diagram). */
  readonly thumbnail: boolean;
}

/** The files a diagram is published as, and the sizes the page needs to show it legibly. */
export interface DiagramPictures {
  /** A standalone SVG file: the sanitized drawing as XML, with its namespaces. */
  readonly standalone: string;
  /** A PNG on white, for slides and link previews. */
  readonly png: Uint8Array;
  /** Its natural size in CSS pixels, mermaid's viewBox. */
  readonly width: number;
  readonly height: number;
  /** The smallest label at the natural size, in CSS pixels. */
  readonly smallestLabelPx: number;
  readonly thumbnail?: { readonly light: Uint8Array; readonly dark: Uint8Array };
}

/** The size of a card thumbnail in CSS pixels; the PNG has twice as many (deviceScaleFactor 2). */
export const THUMBNAIL = { width: 320, height: 160 } as const;

// A PNG twice the natural size, up to this many pixels wide: a slide is 1,920 wide, and encoding grows with the
// pixels (a 3,000-px-wide drawing took a third of a second at its natural size); the SVG keeps every detail.
const PNG_MAX_PIXELS = 2400;

// White behind the drawing for the PNG, the page's own dark background for the dark thumbnail.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; }
#frame { background: #ffffff; display: inline-block; line-height: 0; }
#frame svg { display: block; max-width: none; height: auto; }
#frame.thumb svg { width: 100%; height: 100%; }
@media (prefers-color-scheme: dark) { #frame { background: #0d1117; } }
</style></head><body><div id="frame"></div></body></html>`;

/**
 * Photographs one sanitized diagram SVG in `page`: serializes it as a standalone SVG file
 * (the browser's own XML serializer, so the file is what a browser parsed), measures its
 * smallest label at natural size, and takes the PNG and, when asked, the thumbnails.
 */
export async function takePictures(page: Page, svg: string, options: PictureOptions): Promise<DiagramPictures> {
  await page.emulateMedia({ colorScheme: 'light' });
  // One document per page, its frame emptied for each drawing: a navigation per drawing cost more than the drawing.
  if ((await page.locator('#frame').count()) === 0) await page.setContent(PAGE);
  const frame = page.locator('#frame');
  const drawing = page.locator('#frame > svg');
  const natural = await frame.evaluate(placeAtNaturalSize, svg);
  const smallest = await drawing.evaluate(smallestLabel);
  await drawing.evaluate(sizeForPng, PNG_MAX_PIXELS);
  const png = await frame.screenshot({ type: 'png', scale: 'device' });
  let thumbnail: DiagramPictures['thumbnail'];
  if (options.thumbnail) {
    await frame.evaluate(fitThumbnail, THUMBNAIL);
    const light = await frame.screenshot({ type: 'png', scale: 'device' });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await frame.screenshot({ type: 'png', scale: 'device' });
    thumbnail = { light, dark };
  }
  // mermaid draws every label at 16 px unless a diagram says otherwise; a drawing without text has none.
  return { ...natural, smallestLabelPx: smallest?.px ?? 16, png, ...(thumbnail ? { thumbnail } : {}) };
}

// The functions below run inside the page (locator.evaluate), so each is self-contained.

function placeAtNaturalSize(frame: Element, svg: string): { standalone: string; width: number; height: number } {
  frame.removeAttribute('class');
  frame.removeAttribute('style');
  frame.innerHTML = svg;
  const el = frame.querySelector(':scope > svg');
  if (!(el instanceof SVGSVGElement)) throw new Error('no <svg> in the sanitized drawing');
  const standalone = new XMLSerializer().serializeToString(el);
  const { width, height } = el.viewBox.baseVal;
  el.style.width = `${String(width)}px`;
  return { standalone, width, height };
}

/** The PNG: twice the natural size, up to `maxPixels` wide, in device pixels (two per CSS pixel). */
function sizeForPng(el: Element, maxPixels: number): void {
  if (!(el instanceof SVGSVGElement)) return;
  const { width } = el.viewBox.baseVal;
  el.style.width = `${String(Math.min(2 * width, maxPixels) / 2)}px`;
}

function fitThumbnail(frame: Element, size: { width: number; height: number }): void {
  if (!(frame instanceof HTMLElement)) return;
  frame.classList.add('thumb');
  frame.style.width = `${String(size.width)}px`;
  frame.style.height = `${String(size.height)}px`;
  const el = frame.querySelector(':scope > svg');
  if (el instanceof SVGSVGElement) el.style.width = '';
}
