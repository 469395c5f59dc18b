import AxeBuilder from '@axe-core/playwright';
import semver from 'semver';
import { fileURLToPath } from 'node:url';
import { openCatalogue } from '../../lib/catalogue.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { upstreamHeadline } from '../../lib/resolve/upstream.ts';
import { FORK_STATE_LABELS, handlingText } from '../../site/data/fork-status.ts';
import { expect, test } from './fixtures.ts';

// What the pages must say comes from the real catalogue, read here as the site reads it: if an entry's
// forkedFrom, its parent's version, CHANGELOG or advisories change, the expectations change with them.
const catalogue = openCatalogue(fileURLToPath(new URL('../..', import.meta.url)));
const FORKS = ['java-web-tier-instance-store', 'throwaway-release-environments'];

function fork(id: string): ResolvedEntry & { upstream: NonNullable<ResolvedEntry['upstream']> } {
  const entry = catalogue.byId.get(id);
  if (!entry?.upstream) throw new Error(`${id} is not a fork of an entry in the catalogue`);
  return { ...entry, upstream: entry.upstream };
}

test('the catalogue holds what these tests are about: a fork of a fork, the second behind its parent', () => {
  const store = fork('java-web-tier-instance-store');
  const releases = fork('throwaway-release-environments');
  expect(releases.upstream.parent).toBe(store.id);
  // Read from the YAML and CHANGELOG, not from the state: the parent's version moved past the fork's base.
  expect(semver.gt(store.meta.version, releases.meta.forkedFrom?.version ?? '')).toBe(true);
  expect(releases.upstream.newer.map((r) => r.version)).toEqual(
    store.releases.map((r) => r.version).filter((v) => semver.gt(v, releases.upstream.base)),
  );
  expect(releases.upstream.state).not.toBe('up-to-date');
});

for (const id of FORKS) {
  test(`${id} says where it stands against its parent, and what changed upstream`, async ({ strictPage: page }) => {
    const { upstream: u } = fork(id);
    await page.goto(`/architectures/${id}/`);
    const status = page.locator('aside[aria-label="Lineage"] .fork-status');
    await expect(status.locator('.badge')).toHaveText(FORK_STATE_LABELS[u.state]);
    await expect(status).toContainText(`${upstreamHeadline(u)}.`);
    await status.getByRole('link', { name: 'What changed upstream' }).click();
    await expect(page).toHaveURL(new RegExp(`/architectures/${id}/upstream/$`, 'u'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed upstream');

    // Every newer release of the parent, newest first, with its CHANGELOG lines.
    const releases = page.locator('section[aria-label]');
    await expect(releases.locator('h3')).toHaveText(
      u.newer.map((r) => new RegExp(`^${r.version.replaceAll('.', '\\.')}`, 'u')),
    );
    for (const [i, r] of u.newer.entries()) await expect(releases.nth(i).locator('li')).toHaveText(r.notes);
    if (u.newer.length === 0) await expect(page.getByText(`has no release after ${u.base}`)).toBeVisible();

    // Each parent advisory that applies to the base, with the fork's handling.
    const rows = page.locator('table.fork-advisories tbody tr');
    await expect(rows).toHaveCount(u.advisories.length);
    for (const [i, a] of u.advisories.entries()) {
      await expect(rows.nth(i)).toContainText(a.advisory.id);
      await expect(rows.nth(i).locator('td').last()).toHaveText(handlingText(a.handling));
    }

    // The e2e catalogue is a fresh repository (global-setup.ts), so no fork commit of the real history is in it.
    await expect(page.locator('#files + p')).toHaveText(
      u.commit === undefined
        ? 'Not known: the fork did not record forkedFrom.commit.'
        : new RegExp(`^Not known: commit ${u.commit.slice(0, 12)} is not in this clone`, 'u'),
    );
  });
}

test('a parent shows its fork tree: each fork under its own parent, with its state, what it changed and why', async ({
  strictPage: page,
}) => {
  const root = fork(FORKS[0] ?? '').upstream.parent;
  await page.goto(`/architectures/${root}/`);
  await expect(page.getByRole('heading', { name: 'Forks', level: 2 })).toBeVisible();
  for (const id of catalogue.byId.get(root)?.lineage.descendants ?? []) {
    const f = fork(id);
    // The fork's own item: under the list of its parent's item, or the top of the tree.
    const parentItem =
      f.upstream.parent === root
        ? page.locator('article')
        : page
            .locator('ul.fork-tree li', { has: page.locator(`a[href$="/architectures/${f.upstream.parent}/"]`) })
            .first();
    const item = parentItem.locator('ul.fork-tree > li', {
      has: page.locator(`:scope > a[href$="/architectures/${id}/"]`),
    });
    await expect(item).toHaveCount(1);
    await expect(item.locator(':scope > .badge')).toHaveText(FORK_STATE_LABELS[f.upstream.state]);
    const forkedFrom = f.meta.forkedFrom;
    await expect(item.locator(':scope > p')).toHaveText(
      `Forked from ${forkedFrom?.id ?? ''} ${forkedFrom?.version ?? ''}: ${forkedFrom?.reason ?? ''}`,
    );
    await item.locator(':scope > details > summary').click();
    await expect(item.locator(':scope > details li')).toHaveText(forkedFrom?.changes.map((c) => c.change) ?? []);
  }
  await expect(page.getByText('Forks:')).toHaveCount(0);
});

for (const path of ['/architectures/java-web-tier-ebs/', `/architectures/${FORKS[1] ?? ''}/upstream/`]) {
  test(`accessibility scan finds no violations on ${path}`, async ({ strictPage: page }) => {
    await page.goto(path);
    await page.locator('details').evaluateAll((all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
