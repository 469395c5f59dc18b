/** The smallest label of a drawn diagram, in CSS pixels as the page shows it, and its text. */
export interface SmallestLabel {
  readonly px: number;
  readonly text: string;
}

/**
 * The smallest text a drawn `<svg>` shows, as rendered: each visible piece of text's font size
 * times the scale its SVG draws it at (the viewBox fitted to the box, and any transform). Runs
 * inside the page (`page.evaluate(smallestLabel, element)`), so it is self-contained: the build
 * measures a diagram drawn at its natural size with it (lib/render/diagram-pictures.ts), and the
 * e2e test measures every entry page with it at phone and laptop widths.
 */
export function smallestLabel(svg: Element): SmallestLabel | undefined {
  let smallest: SmallestLabel | undefined;
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent ?? '').trim();
    if (el === null || text === '' || el.closest('style, title, desc, defs') !== null) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // Text in a foreignObject is scaled by the SVG element that holds it.
    const holder = el instanceof SVGGraphicsElement ? el : el.closest('foreignObject');
    const m = holder instanceof SVGGraphicsElement ? holder.getScreenCTM() : null;
    if (m === null) continue;
    const px = Number.parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
    if (smallest === undefined || px < smallest.px) smallest = { px, text };
  }
  return smallest;
}
