import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

test('an entry page shows its diagram as SVG with JavaScript disabled', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, ...(baseURL && { baseURL }) });
  const page = await context.newPage();
  await page.goto('/architectures/java-web-tier-instance-store/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Java web tier on instance store, without EBS');
  await expect(page.locator('.diagram-svg > svg').first()).toBeVisible();
  // The as-built diagram, drawn from the template, is an SVG on the page too.
  await expect(
    page.getByRole('img', { name: 'As built, generated from the stack' }).locator(':scope > svg'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Failure modes' })).toBeVisible();
  await expect(page.locator('aside[aria-label="Lineage"]')).toContainText(
    /Forked from java-web-tier-ebs \d+\.\d+\.\d+/u,
  );
  await context.close();
});

test('an entry links its stack and bootstrap code, highlighted on a source page, and offers the template', async ({
  strictPage: page,
  request,
}) => {
  await page.goto('/architectures/java-web-tier-instance-store/');
  await expect(page.getByRole('heading', { name: 'Source' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'bootstrap/user-data.sh' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'stack.test.ts' })).toHaveCount(0);
  const link = page.getByRole('link', { name: 'Download the CloudFormation template' });
  const template = (await (await request.get((await link.getAttribute('href')) ?? '')).json()) as {
    Resources: Record<string, { Type: string }>;
  };
  expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::AutoScaling::AutoScalingGroup')).toBe(true);

  await page.getByRole('link', { name: 'cdk/stack.ts' }).click();
  await expect(page).toHaveURL(/\/architectures\/java-web-tier-instance-store\/source\/#file-cdk-stack-ts$/u);
  const stack = page.locator('section.source', { has: page.locator('#file-cdk-stack-ts') });
  await expect(stack.locator('pre.astro-code span[style*="color"]').first()).toBeVisible();
  await expect(stack).toContainText('export default class');
});

test('an entry page lists the findings its stack acknowledges, with the reasons from its code', async ({
  strictPage: page,
}) => {
  const shown = JSON.parse(
    readFileSync(
      new URL('../../architectures/java-web-tier-ebs/cdk/__snapshots__/acknowledgements.json', import.meta.url),
      'utf8',
    ),
  ) as { rule: string; resource: string; reason: string }[];
  expect(shown.length).toBeGreaterThan(0);
  await page.goto('/architectures/java-web-tier-ebs/');
  await expect(page.getByRole('heading', { name: 'Checks' })).toBeVisible();
  const rows = page.locator('table.acknowledgements tbody tr');
  await expect(rows).toHaveCount(shown.length);
  for (const [i, a] of shown.entries()) {
    await expect(rows.nth(i)).toContainText(a.rule);
    await expect(rows.nth(i)).toContainText(a.reason);
  }
});

test('an entry page shows its git history, as the JSON API does', async ({ strictPage: page, request }) => {
  const api = (await (await request.get('/api/architectures/java-web-tier-ebs.json')).json()) as {
    history: { created: string; updated: string; commits: number; contributors: { name: string }[] } | null;
  };
  // global-setup commits the catalogue it builds from once, as "OAR e2e" on 2026-01-01.
  expect(api.history).toEqual({
    created: '2026-01-01',
    updated: '2026-01-01',
    commits: 1,
    contributors: [{ name: 'OAR e2e', commits: 1 }],
  });
  await page.goto('/architectures/java-web-tier-ebs/');
  await expect(page.locator('p.history')).toHaveText(
    'History: first committed 2026-01-01, last changed 2026-01-01, 1 commit by OAR e2e (1).',
  );
});

test('an entry page shows its verification status from the last oar check', async ({ strictPage: page, request }) => {
  const api = (await (await request.get('/api/architectures/private-admin-ssm.json')).json()) as {
    verification: { status: string; checkedAt?: string };
  };
  await page.goto('/architectures/private-admin-ssm/');
  const line = page.locator('p.verification');
  await expect(line).toHaveClass(new RegExp(`verification-${api.verification.status}`));
  if (api.verification.checkedAt) await expect(line).toContainText(`checked ${api.verification.checkedAt}`);
  else await expect(line).toContainText('Not checked');
});

test('entry pages ship no JavaScript', async ({ request }) => {
  const html = await (await request.get('/architectures/java-web-tier-ebs/')).text();
  // Its one script element is schema.org data (application/ld+json), which a browser never runs.
  const data = html.match(/<script type="application\/ld\+json">[^<]*<\/script>/gu) ?? [];
  expect(data).toHaveLength(1);
  expect(html.replace(data[0] ?? '', '')).not.toContain('<script');
});

test('the JSON API lists every entry and serves each one', async ({ request }) => {
  const all = (await (await request.get('/api/architectures.json')).json()) as {
    count: number;
    entries: { id: string }[];
  };
  // The real catalogue plus the XSS probe fixture.
  const folders = readdirSync(new URL('../../architectures/', import.meta.url), { withFileTypes: true });
  expect(all.count).toBe(folders.filter((d) => d.isDirectory()).length + 1);
  for (const { id } of all.entries) {
    const one = await request.get(`/api/architectures/${id}.json`);
    expect(one.status()).toBe(200);
    expect(((await one.json()) as { id: string }).id).toBe(id);
  }
  const schema = await request.get('/schema/architecture.schema.json');
  expect(((await schema.json()) as { title: string }).title).toBe('Architecture');
});

// Not strictPage: the browser logs the 404 status of the document itself as a console error.
test('an unknown address gets a helpful 404 page', async ({ page }) => {
  const response = await page.goto('/architectures/no-such-entry/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Browse all architectures' })).toBeVisible();
});

test('no page logs a console error', async ({ strictPage: page, request }) => {
  const all = (await (await request.get('/api/architectures.json')).json()) as { entries: { id: string }[] };
  for (const path of [
    '/',
    '/architectures/',
    '/contribute/',
    '/about/',
    '/how-to-read-an-entry/',
    ...all.entries.map((e) => `/architectures/${e.id}/`),
  ]) {
    await page.goto(path);
  }
});

test('entry text never runs as code: title, summary, notes and diagram of the probe', async ({ strictPage: page }) => {
  // YAML text is shown exactly as written; Markdown decodes its entities into text, never into elements.
  await page.goto('/architectures/xss-probe/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `XSS probe &lt;img src=x onerror=alert(1)&gt; " ' & done`,
  );
  await expect(page.getByText('Text that looks like markup stays text: <img src=x onerror=alert(4)>')).toBeVisible();
  await expect(page.getByText('A literal brace {alert(6)} stays text too.')).toBeVisible();
  await expect(page.locator('main img, main script')).toHaveCount(0);
  await page.goto('/architectures/');
  await page.getByLabel('Search', { exact: true }).fill('probe');
  await expect(page.locator('#results > li').first()).toContainText('XSS probe &lt;img src=x onerror=alert(1)&gt;');
  // The one image a card has is the build's own thumbnail of the diagram; none comes from the entry's text.
  await expect(page.locator('#results img:not(picture.thumb > img)')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const path of [
    '/',
    '/architectures/',
    '/architectures/java-web-tier-instance-store/',
    '/compare/java-web-tier-ebs/java-web-tier-instance-store/',
    '/architectures/java-web-tier-instance-store/source/',
  ]) {
    test(`accessibility scan finds no violations on ${path} (${scheme})`, async ({ strictPage: page }) => {
      // The source page has tens of thousands of highlighted spans; axe needs longer than the default there.
      if (path.endsWith('/source/')) test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
}

test('the lineage callout links a fork straight to its pair page with the parent', async ({ strictPage: page }) => {
  await page.goto('/architectures/java-web-tier-instance-store/');
  await page
    .getByRole('complementary', { name: 'Lineage' })
    .getByRole('link', { name: 'Compare with the parent' })
    .click();
  await expect(page).toHaveURL(/\/compare\/java-web-tier-ebs\/java-web-tier-instance-store\/$/u);
  await expect(page.getByRole('heading', { name: 'Failure modes side by side' })).toBeVisible();
});

test('RSS and sitemap list every entry', async ({ request }) => {
  const rss = await (await request.get('/rss.xml')).text();
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  for (const id of ['java-web-tier-ebs', 'java-web-tier-instance-store', 'three-zone-corporate-network']) {
    expect(rss).toContain(`/architectures/${id}/</link>`);
    expect(sitemap).toContain(`/architectures/${id}/</loc>`);
  }
});
