import { describe, expect, it } from 'vitest';
import { sanitizeDiagramSvg } from '../../lib/render/diagram-svg.ts';

// What mermaid draws for a flowchart, cut down: shapes, a marker referenced by fragment, an HTML label, its style sheet.
const DRAWN = [
  '<svg id="d" width="100%" xmlns="http://www.w3.org/2000/svg" class="flowchart" viewBox="0 0 10 10" role="graphics-document document">',
  '<style>#d .node rect{fill:#eee;stroke:#999;}</style>',
  '<defs><marker id="d-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>',
  '<g class="node" transform="translate(5, 5)"><rect x="-4" y="-4" width="8" height="8" style="fill:#fff"></rect>',
  '<foreignObject width="8" height="8"><div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell;"><span class="nodeLabel"><p>Load <b>balancer</b></p></span></div></foreignObject></g>',
  '<path d="M0,0L5,5" marker-end="url(#d-arrow)" class="flowchart-link"></path></svg>',
].join('');

describe('the diagram SVG sanitizer', () => {
  it('keeps everything of a diagram mermaid drew', () => {
    const clean = sanitizeDiagramSvg(DRAWN);
    expect(clean.removed).toBe(false);
    expect(clean.svg).toContain('marker-end="url(#d-arrow)"');
    expect(clean.svg).toContain('<p>Load <b>balancer</b></p>');
  });

  it.for([
    ['an image from another site', '<image href="https://attacker.example/p.png"></image>'],
    ['an img in a label', '<foreignObject><div><img src="https://attacker.example/p.png"></div></foreignObject>'],
    ['a link', '<a href="javascript:alert(1)"><text>t</text></a>'],
    ['a script', '<script>alert(1)</script>'],
    ['an event handler', '<rect onclick="alert(1)"></rect>'],
    ['a style that loads from elsewhere', '<rect style="fill:url(https://attacker.example/x)"></rect>'],
    ['a style sheet that imports', '<style>@import url(https://attacker.example/x.css);</style>'],
    ['an iframe in a label', '<foreignObject><iframe src="https://attacker.example"></iframe></foreignObject>'],
  ])('removes %s, and says so', ([, part]) => {
    const clean = sanitizeDiagramSvg(DRAWN.replace('</svg>', `${part}</svg>`));
    expect(clean.removed).toBe(true);
    expect(clean.svg).not.toMatch(/attacker|javascript:|<script|onclick|<img|<image|<iframe|<a /u);
  });
});

describe('svgIdOf', () => {
  it('names a drawing after what drew it, so drawings from different batches never share an id on a page', async () => {
    const { svgIdOf } = await import('../../lib/render/diagram-cache.ts');
    const a = svgIdOf({ source: 'flowchart LR\n  a --> b' });
    expect(a).toMatch(/^oar-[0-9a-f]{12}$/u);
    expect(svgIdOf({ source: 'flowchart LR\n  b --> c' })).not.toBe(a);
    expect(svgIdOf({ source: 'flowchart LR\n  a --> b', services: ['s3'] })).not.toBe(a);
    expect(svgIdOf({ source: 'flowchart LR\n  a --> b' })).toBe(a);
  });
});
