import { readdirSync } from 'node:fs';
import { smallestLabel } from '../../lib/render/label-size.ts';
import { LEGIBLE_LABEL_PX } from '../../site/data/diagram-files.ts';
import { expect, test } from './fixtures.ts';

// Every entry of the real catalogue: each page's diagrams are measured as a reader sees them.
const ids = readdirSync(new URL('../../architectures', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

for (const width of [1366, 390]) {
  test(`no diagram label is drawn under ${String(LEGIBLE_LABEL_PX)} px in a ${String(width)}-px window`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ viewport: { width, height: 900 }, ...(baseURL && { baseURL }) });
    const page = await context.newPage();
    const smallest: Record<string, number> = {};
    for (const id of ids) {
      await page.goto(`/architectures/${id}/`);
      const drawings = page.locator('.diagram-svg > svg');
      expect(await drawings.count(), `${id} shows its diagrams drawn`).toBeGreaterThan(0);
      for (let i = 0; i < (await drawings.count()); i++) {
        const label = await drawings.nth(i).evaluate(smallestLabel);
        smallest[id] = Math.min(smallest[id] ?? Infinity, label?.px ?? Infinity);
      }
    }
    // The numbers, for the record: every entry's smallest label at this width.
    console.log(`smallest label at ${String(width)} px:`, JSON.stringify(smallest));
    const small = Object.entries(smallest).filter(([, px]) => px < LEGIBLE_LABEL_PX);
    expect(small, 'entries whose diagrams draw a label too small to read').toEqual([]);
    await context.close();
  });
}

test('an entry page links its diagram as SVG and PNG files, with no script of its own', async ({
  browser,
  baseURL,
  request,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, ...(baseURL && { baseURL }) });
  const page = await context.newPage();
  await page.goto('/architectures/serverless-rest-api/');
  expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
  const figure = page.locator('figure.diagram').first();
  const svg = await request.get((await figure.getByRole('link', { name: 'SVG' }).getAttribute('href')) ?? '');
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  expect(await svg.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/u);
  const png = await request.get((await figure.getByRole('link', { name: 'PNG' }).getAttribute('href')) ?? '');
  expect(png.headers()['content-type']).toBe('image/png');
  expect((await png.body()).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.url()).toMatch(/\/architectures\/serverless-rest-api\/diagrams\/main\.png$/u);
  await context.close();
});

test('cards show the main diagram small, lazily, in a reserved box', async ({ strictPage: page }) => {
  for (const path of ['/', '/architectures/']) {
    await page.goto(path);
    const thumb = page.locator('li.card .thumb img').first();
    await expect(thumb).toHaveAttribute('loading', 'lazy');
    await expect(thumb).toHaveAttribute('width', '320');
    await expect(thumb).toHaveAttribute('height', '160');
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  }
  // Search results rebuilt in the page keep their thumbnails.
  await page.getByLabel('Search', { exact: true }).focus();
  await expect(page.locator('#browse')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Search', { exact: true }).fill('lambda');
  await expect(page).toHaveURL(/\?q=lambda$/u);
  await expect(page.locator('#results > li.card .thumb img').first()).toBeVisible();
});

test('a diagram follows the dark scheme on screen, and prints whole and light', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...(baseURL && { baseURL }) });
  const page = await context.newPage();
  await page.goto('/architectures/aurora-data-tier/');
  const drawing = page.locator('.diagram-svg > svg').first();
  const colours = () =>
    drawing.evaluate((svg) => [
      getComputedStyle(svg).backgroundColor,
      getComputedStyle(svg.querySelector('.node p') ?? svg).color,
    ]);
  const light = await colours();
  expect(light[0]).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await colours()).toEqual(['rgb(13, 17, 23)', 'rgb(230, 237, 243)']);
  // Printed from a dark screen, it is the light drawing again, whole: nothing cut off at a scroll edge.
  await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
  expect(await colours()).toEqual(light);
  const box = page.locator('.diagram-svg').first();
  expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await context.close();
});
