import { expect, test } from './fixtures.ts';

type Page = import('@playwright/test').Page;

const resultIds = (page: Page) =>
  page.locator('#results > li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['id']));

/** Every result, pressing "Show more" until the list is complete (20 are shown at first). */
async function allResultIds(page: Page): Promise<(string | undefined)[]> {
  const more = page.locator('#more-results');
  while (await more.isVisible()) {
    const shown = await page.locator('#results > li').count();
    await more.click();
    await expect(page.locator('#results > li')).not.toHaveCount(shown);
  }
  return resultIds(page);
}

interface ApiEntry {
  readonly id: string;
  readonly status: string;
  readonly provider: string;
  readonly categories: string[];
  readonly services: string[];
  readonly failureModes: { scenario: string; impact: string }[];
  readonly verification: { status: string };
  readonly evidence: { state: string }[];
}

/** The claims facet's value, as lib/index/facets.ts computes it from the evidence the API carries. */
function claimsChecked(e: ApiEntry): string {
  const checked = e.evidence.filter((x) => x.state === 'checked' || x.state === 'both').length;
  if (checked === 0) return 'none';
  return checked === e.evidence.length ? 'all' : 'some';
}

/** Opens the browse page and waits until the lazily loaded search is live. */
async function openSearch(page: Page, path = '/architectures/') {
  await page.goto(path);
  await page.getByLabel('Search', { exact: true }).focus();
  await expect(page.locator('#browse')).toHaveAttribute('data-ready', 'true');
}

test.describe('search', () => {
  test.beforeEach(async ({ strictPage }) => {
    await openSearch(strictPage);
  });

  for (const [query, first] of [
    ['host a java app on aws without ebs', 'java-web-tier-instance-store'],
    ['masterless puppet', 'java-web-tier-instance-store'],
    ['dmz data zone network', 'three-zone-corporate-network'],
    ['ebs backed java', 'java-web-tier-ebs'],
  ] as const) {
    test(`"${query}" ranks ${first} first`, async ({ strictPage: page }) => {
      await page.getByLabel('Search', { exact: true }).fill(query);
      await expect(page.locator('#results > li').first()).toHaveAttribute('data-id', first);
      await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(query).replace(/%20/g, '\\+')}$`));
    });
  }

  test('shows results while typing, with matched words highlighted', async ({ strictPage: page }) => {
    await page.getByLabel('Search', { exact: true }).pressSequentially('pupp');
    await expect(page.locator('#results > li').first()).toHaveAttribute('data-id', 'java-web-tier-instance-store');
    await expect(page.locator('#results mark').first()).toBeVisible();
  });

  for (const query of ['title:java^10', 'ebs~2 +java -dmz', '"unbalanced', '* : ^ ~ + -', 'java*']) {
    test(`survives lunr syntax: ${query}`, async ({ strictPage: page }) => {
      await page.getByLabel('Search', { exact: true }).fill(query);
      await expect(page.locator('#result-count')).toContainText(/entr(y|ies)/);
    });
  }

  test('an empty result offers to remove filters', async ({ strictPage: page }) => {
    await page.getByRole('checkbox', { name: /Networking/ }).check();
    await page.getByLabel('Search', { exact: true }).fill('puppet');
    await expect(page.locator('#no-results')).toBeVisible();
    await page.getByRole('button', { name: 'Remove all filters' }).click();
    await expect(page.locator('#results > li').first()).toHaveAttribute('data-id', 'java-web-tier-instance-store');
  });

  test('a topic with no entry lists the closest entries and offers to propose one', async ({ strictPage: page }) => {
    const box = page.getByLabel('Search', { exact: true });
    await box.fill('mainframe modernization');
    await expect(page.locator('#no-entry')).toBeVisible();
    await expect(page.locator('#no-entry')).toContainText('No entry mentions “mainframe”');
    await expect(page.locator('#no-entry')).toContainText('there is no entry for this yet');
    await expect(page.locator('#results > li').first()).toBeVisible();
    await expect(page.locator('#no-entry a.propose')).toHaveAttribute('href', /contribute\/#add-an-entry|issues\/new/u);
    // A query an entry answers word for word hides it again.
    await box.fill('masterless puppet');
    await expect(page.locator('#results > li').first()).toHaveAttribute('data-id', 'java-web-tier-instance-store');
    await expect(page.locator('#no-entry')).toBeHidden();
  });

  test('keyboard: arrow down from the box walks the results, Escape returns', async ({ strictPage: page }) => {
    const box = page.getByLabel('Search', { exact: true });
    await box.fill('java');
    // Wait for this query's results: a list replaced after the key press would drop the focus.
    await expect(page.locator('#result-count')).toContainText('“java”');
    await box.press('ArrowDown');
    await expect(page.locator('#results > li').first().locator('a')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(box).toBeFocused();
  });
});

test.describe('facets', () => {
  test('every facet filters by data, with counts, and lives in the URL', async ({ strictPage: page, request }) => {
    // Expected ids come from the JSON API, so the test follows the catalogue as entries are added.
    const { entries } = (await (await request.get('/api/architectures.json')).json()) as { entries: ApiEntry[] };
    const where = (keep: (e: ApiEntry) => boolean) => entries.filter(keep).map((e) => e.id);
    // After npm test's oar check most entries are synth-only; without a report every entry is "not checked".
    const statuses = entries.map((e) => e.verification.status);
    const verifiedAs = statuses.includes('synth-only') ? 'synth-only' : (statuses[0] ?? 'unchecked');
    const claimsAs = claimsChecked(entries[0] as ApiEntry);
    // A scenario some entry survives unaffected, whichever the catalogue has today.
    const survived = entries.flatMap((e) => e.failureModes).find((f) => f.impact === 'none')?.scenario ?? '';
    const survives = (e: ApiEntry) =>
      e.failureModes.some((f) => f.scenario === survived) &&
      e.failureModes.filter((f) => f.scenario === survived).every((f) => f.impact === 'none');
    await openSearch(page);
    const facets: [string, RegExp | { value: string }, string[]][] = [
      ['category', /Networking/, where((e) => e.categories.includes('networking'))],
      ['service', /Amazon EBS/, where((e) => e.services.includes('ebs'))],
      ['status', /\bdraft\b/, where((e) => e.status === 'draft')],
      ['survives', { value: survived }, where(survives)],
      ['claims', new RegExp(`\\b${claimsAs}\\b`), where((e) => claimsChecked(e) === claimsAs)],
      ['provider', /Amazon Web Services/, where((e) => e.provider === 'aws')],
      [
        'verification',
        new RegExp(verifiedAs === 'unchecked' ? 'not checked' : verifiedAs),
        where((e) => e.verification.status === verifiedAs),
      ],
    ];
    for (const [, , ids] of facets) expect(ids.length).toBeGreaterThan(0);
    for (const [facet, label, ids] of facets) {
      const box =
        label instanceof RegExp
          ? page
              .locator(`fieldset input[name="${facet}"]`)
              .locator('xpath=..')
              .filter({ hasText: label })
              .locator('input')
          : page.locator(`fieldset input[name="${facet}"][value="${label.value}"]`);
      await box.check();
      await expect(page).toHaveURL(new RegExp(`${facet}=`));
      expect((await allResultIds(page)).sort()).toEqual([...ids].sort());
      await box.uncheck();
    }
    const cost = page.locator('fieldset input[name="cost"]').first();
    await cost.check();
    await expect(page.locator('#results > li')).not.toHaveCount(0);
  });

  test('back and forward restore the filters', async ({ strictPage: page }) => {
    await openSearch(page);
    const all = await page.locator('#results > li').count();
    await page.getByRole('checkbox', { name: /Networking/ }).check();
    // Count this state's results, not the list still on the page before they render.
    await expect(page.locator('#result-count')).toContainText('filtered by Networking');
    const filtered = await page.locator('#results > li').count();
    expect(filtered).toBeLessThan(all);
    await page.goBack();
    await expect(page.getByRole('checkbox', { name: /Networking/ })).not.toBeChecked();
    await expect(page.locator('#results > li')).toHaveCount(all);
    await page.goForward();
    await expect(page.getByRole('checkbox', { name: /Networking/ })).toBeChecked();
    await expect(page.locator('#results > li')).toHaveCount(filtered);
  });

  test('a shared URL opens with its query and filters applied', async ({ strictPage: page, request }) => {
    const { entries } = (await (await request.get('/api/architectures.json')).json()) as { entries: ApiEntry[] };
    const drafts = entries.filter((e) => e.status === 'draft').map((e) => e.id);
    await page.goto('/architectures/?q=puppet&status=draft');
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue('puppet');
    await expect(page.getByRole('checkbox', { name: /^draft/ })).toBeChecked();
    await expect(page.locator('#results > li').first()).toHaveAttribute('data-id', 'java-web-tier-instance-store');
    const shown = await allResultIds(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => id === undefined || !drafts.includes(id))).toEqual([]);
  });
});
