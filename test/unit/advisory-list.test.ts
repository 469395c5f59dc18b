import { describe, expect, it } from 'vitest';
import {
  advisoryHref,
  advisoryRow,
  catalogueAdvisories,
  entryAdvisories,
  severityCounts,
  withSeverity,
  type AdvisoryEntry,
} from '../../lib/index/advisory-list.ts';
import { globalAdvisoryId } from '../../lib/resolve/advisories.ts';
import type { Advisory } from '../../schema/architecture.ts';

const advisory = (
  id: string,
  date: string,
  severity: Advisory['severity'],
  more: Partial<Advisory> = {},
): Advisory => ({
  id,
  date,
  severity,
  title: `Title of ${id}`,
  affected: '<1.1.0',
  impact: `Impact of ${id}.`,
  ...more,
});

const web: AdvisoryEntry = {
  id: 'tiny-web',
  meta: {
    title: 'Tiny web tier',
    advisories: [
      advisory('old-low', '2026-01-10', 'low', { mitigation: 'Mitigation of old-low.' }),
      advisory('new-medium', '2026-11-01', 'medium'),
      advisory('old-critical', '2026-02-01', 'critical', {
        fixedIn: '1.1.0',
        upgrade: 'Replaces the group.',
      }),
    ],
  },
};
const queue: AdvisoryEntry = {
  id: 'a-queue',
  meta: {
    title: 'A queue',
    advisories: [advisory('same-day-high', '2026-11-01', 'high'), advisory('same-day-medium', '2026-11-01', 'medium')],
  },
};
const quiet: AdvisoryEntry = { id: 'quiet', meta: { title: 'Quiet' } };

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('advisory lists', () => {
  it('give each advisory its global id, which is also its anchor on the entry page', () => {
    expect(globalAdvisoryId('tiny-web', 'old-low')).toBe('tiny-web/old-low');
    const [first] = entryAdvisories(web);
    expect(first && advisoryHref('/registry/', first)).toBe('/registry/architectures/tiny-web/#tiny-web/old-critical');
  });

  it('list an entry worst first, then newest', () => {
    expect(ids(entryAdvisories(web))).toEqual(['tiny-web/old-critical', 'tiny-web/new-medium', 'tiny-web/old-low']);
    expect(entryAdvisories(quiet)).toEqual([]);
  });

  it('list the catalogue newest first, the worst first on the same day, whatever order the entries come in', () => {
    const expected = [
      'a-queue/same-day-high',
      'a-queue/same-day-medium',
      'tiny-web/new-medium',
      'tiny-web/old-critical',
      'tiny-web/old-low',
    ];
    expect(ids(catalogueAdvisories([web, queue, quiet]))).toEqual(expected);
    expect(ids(catalogueAdvisories([quiet, queue, web]))).toEqual(expected);
    expect(catalogueAdvisories([quiet])).toEqual([]);
  });

  it('filter by one severity, keeping the order, and count every severity worst first, zeros included', () => {
    const all = catalogueAdvisories([web, queue]);
    expect(ids(withSeverity(all, 'medium'))).toEqual(['a-queue/same-day-medium', 'tiny-web/new-medium']);
    expect(withSeverity(all, 'critical').map((i) => i.entry)).toEqual([{ id: 'tiny-web', title: 'Tiny web tier' }]);
    expect(withSeverity(all)).toEqual(all);
    expect(severityCounts(all)).toEqual([
      ['critical', 1],
      ['high', 1],
      ['medium', 2],
      ['low', 1],
    ]);
    expect(severityCounts([])).toEqual([
      ['critical', 0],
      ['high', 0],
      ['medium', 0],
      ['low', 0],
    ]);
  });

  it('make JSON rows with every key, null for what the advisory leaves out, and an absolute url', () => {
    const [critical, , low] = entryAdvisories(web);
    if (!critical || !low) throw new Error('fixture changed');
    expect(advisoryRow(critical, '/registry/', 'https://example.org')).toMatchInlineSnapshot(`
      {
        "advisory": "old-critical",
        "affected": "<1.1.0",
        "date": "2026-02-01",
        "entry": "tiny-web",
        "entryTitle": "Tiny web tier",
        "fixedIn": "1.1.0",
        "id": "tiny-web/old-critical",
        "impact": "Impact of old-critical.",
        "mitigation": null,
        "severity": "critical",
        "title": "Title of old-critical",
        "upgrade": "Replaces the group.",
        "url": "https://example.org/registry/architectures/tiny-web/#tiny-web/old-critical",
      }
    `);
    const row = advisoryRow(low, '/', new URL('https://example.org/'));
    expect([row.fixedIn, row.upgrade, row.mitigation]).toEqual([null, null, 'Mitigation of old-low.']);
    expect(new URL(row.url).hash).toBe('#tiny-web/old-low');
  });
});
