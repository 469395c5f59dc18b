import { describe, expect, it } from 'vitest';
import { asBuiltPaths, diagramPaths, LEGIBLE_LABEL_PX, shownDiagram } from '../../site/data/diagram-files.ts';

const pictures = (width: number, smallestLabelPx: number, thumbnail = false) => ({
  standalone: '<svg/>',
  png: new Uint8Array(),
  width,
  height: 100,
  smallestLabelPx,
  ...(thumbnail ? { thumbnail: { light: new Uint8Array(), dark: new Uint8Array() } } : {}),
});

describe('where a diagram is published, and how wide the page may draw it', () => {
  it('publishes each diagram beside its entry page, by the file’s stem', () => {
    expect(diagramPaths('aurora-data-tier', 'diagrams/main.mmd')).toEqual({
      svg: 'architectures/aurora-data-tier/diagrams/main.svg',
      png: 'architectures/aurora-data-tier/diagrams/main.png',
      thumbnail: 'architectures/aurora-data-tier/diagrams/main.thumb.png',
      thumbnailDark: 'architectures/aurora-data-tier/diagrams/main.thumb-dark.png',
    });
  });

  it('publishes the as-built diagram outside the diagrams folder, where no diagram of the entry’s own can be', () => {
    expect(asBuiltPaths('aurora-data-tier')).toMatchObject({
      svg: 'architectures/aurora-data-tier/as-built.svg',
      png: 'architectures/aurora-data-tier/as-built.png',
    });
    expect(diagramPaths('aurora-data-tier', 'diagrams/as-built.mmd').svg).not.toBe(
      asBuiltPaths('aurora-data-tier').svg,
    );
  });

  it.for([
    // Labels of 16 px may shrink to three quarters before they fall under 12 (and a pixel to spare).
    { width: 3000, label: 16, legible: 2251 },
    { width: 2999.5, label: 16, legible: 2251 },
    // A diagram drawn with 12-px labels never shrinks; one with larger labels shrinks further.
    { width: 800, label: 12, legible: 800 },
    { width: 800, label: 24, legible: 401 },
  ])(
    'a drawing $width px wide with $label-px labels is never drawn narrower than $legible px',
    ({ width, label, legible }) => {
      const shown = shownDiagram(diagramPaths('x', 'diagrams/main.mmd'), pictures(width, label));
      expect(shown.legibleWidth).toBe(legible);
      expect((label * shown.legibleWidth) / width).toBeGreaterThanOrEqual(LEGIBLE_LABEL_PX);
      expect(shown.thumbnail).toBeUndefined();
    },
  );

  it('gives the main diagram’s thumbnail a fixed size, so a card reserves its space', () => {
    expect(shownDiagram(diagramPaths('x', 'diagrams/main.mmd'), pictures(10, 16, true)).thumbnail).toEqual({
      width: 320,
      height: 160,
    });
  });
});
