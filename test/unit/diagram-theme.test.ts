import { describe, expect, it } from 'vitest';
import { sanitizeDiagramSvg } from '../../lib/render/diagram-svg.ts';
import { darkScheme, withColourSchemes } from '../../lib/render/diagram-theme.ts';

describe('a diagram’s dark colours', () => {
  it('are scoped to the diagram’s own id, and for screens only, so print stays light', () => {
    const css = darkScheme('oar-1234');
    const rules = css
      .replace('@media screen and (prefers-color-scheme: dark){', '')
      .slice(0, -1)
      .split('}')
      .filter(Boolean);
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) {
      for (const selector of (rule.split('{')[0] ?? '').split(',')) expect(selector).toMatch(/^#oar-1234(?: |$)/u);
    }
    expect(css).toContain('@media screen and (prefers-color-scheme: dark)');
    expect(css).not.toMatch(/url\(|@import/u);
  });

  it('go in as the SVG’s last style sheet, which the sanitizer keeps (a cached file is checked again)', () => {
    const svg = '<svg id="oar-1" viewBox="0 0 1 1"><style>#oar-1 .node rect{fill:#eee}</style><rect></rect></svg>';
    const shown = withColourSchemes(svg, 'oar-1');
    expect(shown).toMatch(/<rect><\/rect><style>#oar-1\{background-color:#ffffff\}@media screen/u);
    expect(shown.endsWith('}</style></svg>')).toBe(true);
    expect(sanitizeDiagramSvg(shown).removed).toBe(false);
  });
});
