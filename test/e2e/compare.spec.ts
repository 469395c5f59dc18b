import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

const PAIR = '/compare/java-web-tier-ebs/java-web-tier-instance-store/';

test('the old fork address links to the pair page, which works without JavaScript and ships none', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, ...(baseURL && { baseURL }) });
  const page = await context.newPage();
  await page.goto('/compare/java-web-tier-instance-store/');
  await page.getByRole('link', { name: 'java-web-tier-instance-store compared with java-web-tier-ebs' }).click();
  await expect(page).toHaveURL(new RegExp(`${PAIR}$`, 'u'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('compared with');
  expect(await page.locator('script').count()).toBe(0);

  // Failure modes first, the moved impact first among them.
  const modes = page.getByRole('table', { name: /^Failure modes:/u });
  const first = modes.locator('tbody tr').first();
  await expect(first.getByRole('rowheader')).toContainText('ebs-degradation');
  await expect(first).toContainText('outage → degraded (better)');
  await expect(first.getByRole('link', { name: '7' })).toHaveAttribute('href', '#fork-change-7');
  await expect(page.locator('#fork-change-7')).toContainText('no-ebs-health-check');

  // The templates: the data volume removed, the instance type changed.
  const props = page.getByRole('table', { name: /^Key properties that differ/u });
  const volumes = props.locator('tr', { hasText: 'volumes' });
  await expect(volumes.locator('del', { hasText: /^\/dev\/sdf gp3, 50 GiB/u })).toHaveCount(1);
  await expect(props.locator('tr', { hasText: 'instance type' })).toContainText('m6i.large');
  await expect(props.locator('tr', { hasText: 'instance type' })).toContainText('m6id.large');

  // One row for the tags, however many moved.
  await expect(
    page.getByRole('table', { name: 'Other metadata that differs' }).locator('th', { hasText: /^tags \(/u }),
  ).toHaveCount(1);
  await context.close();
});

test('a pair page is accessible: captions, header cells with scope, no axe violations', async ({
  strictPage: page,
}) => {
  await page.goto(PAIR);
  for (const table of await page.locator('table').all()) {
    await expect(table.locator('caption')).not.toBeEmpty();
    expect(await table.locator('th:not([scope])').count()).toBe(0);
  }
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('an entry page links to its compare pages: its parent and a related entry', async ({ strictPage: page }) => {
  await page.goto('/architectures/java-web-tier-instance-store/');
  const compare = page.getByRole('navigation', { name: 'Compare' });
  await expect(compare.locator('li', { hasText: 'its parent' }).getByRole('link')).toHaveAttribute('href', PAIR);
  await compare
    .locator('li', { hasText: 'related' })
    .getByRole('link', { name: /corporate network/iu })
    .click();
  await expect(page).toHaveURL(/\/compare\/java-web-tier-instance-store\/three-zone-corporate-network\/$/u);
  await expect(page.getByRole('heading', { name: 'Failure modes side by side' })).toBeVisible();
});

test('the compare form goes to a pair page when there is one, and compares any other pair in the page, as text', async ({
  strictPage: page,
}) => {
  await page.goto('/compare/');
  await page.getByLabel('First entry (left)').selectOption('three-zone-corporate-network');
  await page.getByLabel('Second entry (right)').selectOption('java-web-tier-instance-store');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/compare\/java-web-tier-instance-store\/three-zone-corporate-network\/$/u);

  // The probe entry is related to nothing: no page of its own, so the form's page compares it, hostile title and all.
  await page.goto('/compare/');
  await page.getByLabel('First entry (left)').selectOption('java-web-tier-ebs');
  await page.getByLabel('Second entry (right)').selectOption('xss-probe');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/compare\/\?a=java-web-tier-ebs&b=xss-probe$/u);
  const result = page.locator('#compare-result');
  await expect(result.getByRole('heading', { level: 2 })).toContainText('XSS probe &lt;img src=x onerror=alert(1)&gt;');
  await expect(result.locator('img')).toHaveCount(0);
  await expect(result.getByRole('table', { name: /^Failure modes:/u })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'What the templates add, remove and change' })).toBeVisible();
  await expect(result).toContainText('No committed template snapshot for xss-probe.');
});
