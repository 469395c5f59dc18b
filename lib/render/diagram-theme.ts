// The site's dark palette (site/styles/global.css), for diagrams on a dark page.
const DARK = {
  bg: '#0d1117',
  fg: '#e6edf3',
  node: '#1c2128',
  cluster: '#161b22',
  line: '#8b949e',
  border: '#6e7681',
} as const;

/**
 * Dark colours for one drawn diagram, scoped to its SVG id as mermaid scopes its own styles.
 * Mermaid draws the neutral theme's colours into the SVG, some as attributes, so these rules
 * are `!important`. Screens only: a printed page gets the light drawing whatever the scheme.
 * The icons keep their colours: AWS draws them for light and dark backgrounds alike.
 */
export function darkScheme(id: string): string {
  const s = `#${id}`;
  const all = (selectors: string[]) => selectors.map((x) => `${s} ${x}`).join(',');
  return [
    `${s}{background-color:#ffffff}`,
    '@media screen and (prefers-color-scheme: dark){',
    `${s}{background-color:${DARK.bg};fill:${DARK.fg}}`,
    `${all(['.label', '.nodeLabel', '.edgeLabel', '.cluster-label span', '.cluster span', 'span', 'p'])}{color:${DARK.fg}!important}`,
    `${all(['.label text', '.cluster text', '.cluster-label text', 'text'])}{fill:${DARK.fg}!important}`,
    `${all(['.node .label-container', '.node rect', '.node polygon', '.node circle', '.node ellipse', '.node path'])}{fill:${DARK.node}!important;stroke:${DARK.line}!important;filter:none!important}`,
    `${all(['.cluster rect'])}{fill:${DARK.cluster}!important;stroke:${DARK.border}!important;filter:none!important}`,
    `${all(['.flowchart-link', '.edgePaths .path', '.relation'])}{stroke:${DARK.line}!important}`,
    `${all(['.marker', '.arrowheadPath', 'marker path'])}{fill:${DARK.line}!important;stroke:${DARK.line}!important}`,
    `${all(['.edgeLabel', '.edgeLabel p', '.labelBkg'])}{background-color:${DARK.bg}!important}`,
    `${all(['.edgeLabel rect'])}{fill:${DARK.bg}!important}`,
    // An icon's caption sits on whatever is behind it, a subgraph or the page.
    `${all(['.icon-shape', '.icon-shape p', '.image-shape p'])}{background-color:transparent!important}`,
    `${all(['.icon-shape .label rect'])}{fill:transparent!important}`,
    '}',
  ].join('');
}

/** `svg` (sanitized, whose root has `id`) with its dark scheme as a last style sheet. */
export function withColourSchemes(svg: string, id: string): string {
  const end = svg.lastIndexOf('</svg>');
  if (end < 0) return svg;
  return `${svg.slice(0, end)}<style>${darkScheme(id)}</style>${svg.slice(end)}`;
}
