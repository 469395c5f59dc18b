import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagramCache, diagramKey } from '../../lib/render/diagram-cache.ts';
import { renderDiagrams, type DiagramRenders, type DiagramSource } from '../../lib/render/diagrams.ts';
import { requireBrowser } from '../helpers/browser.ts';

const MAIN: DiagramSource = {
  file: 'architectures/tiny-web/diagrams/main.mmd',
  source: 'flowchart LR\n  user([User]):::external --> lb[Load balancer] --> app[Instances in an Auto Scaling group]\n',
  services: ['ec2', 'elb', 'autoscaling'],
  thumbnail: true,
};
const OWN_ICON: DiagramSource = {
  file: 'architectures/tiny-web/diagrams/other.mmd',
  source: 'flowchart TB\n  a[Queue] --> b[Worker]\n  a@{ icon: "aws:sqs" }\n  b@{ icon: "logos:aws" }\n',
};

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Uint8Array) => {
  const b = Buffer.from(png);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe('drawing diagrams with icons, and their pictures, in one browser', () => {
  const cache = mkdtempSync(join(tmpdir(), 'oar-diagrams-'));
  let renders: DiagramRenders | undefined;
  beforeAll(async () => {
    if (await requireBrowser('drawing diagrams'))
      renders = await renderDiagrams([MAIN, OWN_ICON], { cacheDir: cache, pictures: true });
  }, 120_000);
  afterAll(() => {
    rmSync(cache, { recursive: true, force: true });
  });

  it('gives a node that names a service of the entry its icon, and none to a node outside the stack', ({ skip }) => {
    if (!renders) return skip();
    const svg = renders.svg.get(MAIN.file) ?? '';
    // The load balancer and the instances are drawn as mermaid icon shapes, each with the icon inline.
    expect(svg.match(/class="icon-shape default"/gu)).toHaveLength(2);
    expect(svg).toContain('fill="#8c4fff"');
    expect(svg).not.toMatch(/href=|<image/u);
    expect(svg).toMatch(/@media screen and \(prefers-color-scheme: dark\)/u);
  });

  it('reports an icon the site does not have (OAR345) at its line, and draws the one it has', ({ skip }) => {
    if (!renders) return skip();
    expect(renders.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['OAR345', OWN_ICON.file, 4]]);
    expect(renders.svg.get(OWN_ICON.file)?.match(/class="icon-shape default"/gu)).toHaveLength(2);
  });

  it('publishes a standalone SVG a browser reads as XML, a PNG for slides and, for a main diagram, thumbnails', ({
    skip,
  }) => {
    if (!renders) return skip();
    const main = renders.pictures.get(MAIN.file);
    if (!main) throw new Error('no pictures of the main diagram');
    const xml = new SaxesParser({ xmlns: true });
    let root = '';
    xml.on('opentag', (tag) => {
      root ||= `${tag.name} ${tag.uri}`;
    });
    xml.write(main.standalone).close();
    expect(root).toBe('svg http://www.w3.org/2000/svg');
    expect(main.smallestLabelPx).toBeCloseTo(16, 0);
    const [w = 0] = pngSize(main.png);
    // Twice the natural size, up to 2,400 pixels wide, give or take the frame's rounding.
    expect(Math.abs(w - Math.min(2 * main.width, 2400))).toBeLessThanOrEqual(4);
    expect(pngSize(main.thumbnail?.light ?? new Uint8Array())).toEqual([640, 320]);
    expect(pngSize(main.thumbnail?.dark ?? new Uint8Array())).toEqual([640, 320]);
    expect(Buffer.from(main.thumbnail?.dark ?? []).equals(Buffer.from(main.thumbnail?.light ?? []))).toBe(false);
    expect(renders.pictures.get(OWN_ICON.file)?.thumbnail).toBeUndefined();
  });

  it('keeps drawings and pictures for the next build, and draws afresh a cached file the sanitizer would cut', async ({
    skip,
  }) => {
    if (!renders) return skip();
    const files = new DiagramCache(cache);
    expect(files.read(MAIN)?.svg).toContain('icon-shape');
    expect(files.readPictures(MAIN)?.standalone).toBe(renders.pictures.get(MAIN.file)?.standalone);
    const again = await renderDiagrams([MAIN], { cacheDir: cache, pictures: true });
    expect(again.svg.get(MAIN.file)).toBe(renders.svg.get(MAIN.file));
    expect(readdirSync(cache)).toContain(`${diagramKey(MAIN)}.file.svg`);
    writeFileSync(
      join(cache, `${diagramKey(MAIN)}.file.svg`),
      '<svg><image href="https://attacker.example/p.png"></image></svg>',
    );
    expect(files.readPictures(MAIN)).toBeUndefined();
  });
});
