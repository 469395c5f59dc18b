import type { Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { htmlToHast } from 'satteri';
import { elementsOf, firstLoss } from '../hast-walk.ts';

const SVG_TAGS = [
  ...['svg', 'g', 'defs', 'style', 'title', 'desc', 'symbol', 'marker', 'clipPath', 'mask', 'pattern'],
  ...['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath'],
  ...['linearGradient', 'radialGradient', 'stop', 'filter', 'feDropShadow', 'feGaussianBlur', 'feOffset'],
  ...['feBlend', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feColorMatrix', 'foreignObject', 'switch'],
];
// What mermaid puts inside foreignObject for labels, and the Markdown it allows in them.
const LABEL_TAGS = ['div', 'span', 'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'sub', 'sup', 'small'];

const ATTRIBUTES = [
  ...['id', 'className', 'style', 'transform', 'role', 'ariaRoleDescription', 'ariaLabel', 'ariaLabelledBy'],
  ...['ariaDescribedBy', 'ariaHidden', 'xmlns', 'xmlnsXLink', 'data*', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'dx', 'dy'],
  ...['cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'width', 'height', 'd', 'points', 'pathLength', 'viewBox'],
  ...['preserveAspectRatio', 'fill', 'fillOpacity', 'fillRule', 'clipRule', 'stroke', 'strokeWidth', 'strokeOpacity'],
  ...['strokeDashArray', 'strokeDashOffset', 'strokeLineCap', 'strokeLineJoin', 'strokeMiterLimit', 'opacity'],
  ...['markerStart', 'markerMid', 'markerEnd', 'markerWidth', 'markerHeight', 'markerUnits', 'orient', 'refX', 'refY'],
  ...['gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'stopColor', 'stopOpacity', 'clipPath', 'mask'],
  ...['filter', 'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'mode', 'operator', 'values', 'type'],
  ...['stdDeviation', 'floodColor', 'floodOpacity', 'patternUnits', 'patternContentUnits', 'maskUnits'],
  ...['clipPathUnits', 'textAnchor', 'dominantBaseline', 'alignmentBaseline', 'baselineShift', 'fontFamily'],
  ...['fontSize', 'fontWeight', 'fontStyle', 'letterSpacing', 'wordSpacing', 'textDecoration', 'textLength'],
  ...['lengthAdjust', 'rotate', 'startOffset', 'visibility', 'display', 'overflow', 'color', 'vectorEffect'],
  ...['transformOrigin', 'xmlSpace', 'name'],
];

/**
 * What a diagram's SVG may hold: the shapes, text and styles mermaid draws, and its HTML
 * labels, with no script, no link, no image and no attribute that loads anything. Mermaid
 * renders in strict mode already; this is the site's own last word on HTML that comes
 * from an entry, as NOTES_SCHEMA is for notes.
 */
const DIAGRAM_SCHEMA: Schema = {
  tagNames: [...SVG_TAGS, ...LABEL_TAGS],
  attributes: { '*': ATTRIBUTES },
  protocols: {},
  clobber: [],
  clobberPrefix: '',
  strip: ['script'],
  allowComments: false,
  allowDoctypes: false,
};

// A reference to anything but a fragment of the same SVG (url(#arrowhead) is fine), or a CSS import.
const OUTSIDE = /url\(\s*(?!['"]?#)|@import|expression\(|javascript:/iu;

/**
 * The SVG mermaid drew for an entry's diagram, with everything DIAGRAM_SCHEMA does not
 * allow removed, and styles that load anything from outside dropped. `removed` says
 * whether anything was: an SVG of mermaid's own making loses nothing, so a loss means
 * the diagram's source asked for an image, a link or an outside resource (OAR229).
 */
export function sanitizeDiagramSvg(svg: string): { readonly svg: string; readonly removed: boolean } {
  const tree = htmlToHast(svg, { fragment: true }) as Root;
  // Sätteri names an svg element's xmlns attribute ":xmlns"; inline in HTML it means nothing, so it goes first.
  for (const el of elementsOf(tree)) delete el.properties[':xmlns'];
  const clean = sanitize(tree, DIAGRAM_SCHEMA) as Root;
  for (const el of elementsOf(clean)) {
    el.properties = Object.fromEntries(
      Object.entries(el.properties).filter(([, value]) => typeof value !== 'string' || !OUTSIDE.test(value)),
    );
    if (el.tagName === 'style' && el.children.some((c) => c.type === 'text' && OUTSIDE.test(c.value))) el.children = [];
  }
  return { svg: toHtml(clean), removed: firstLoss(tree, clean) !== undefined };
}
