import { describe, expect, it } from 'vitest';
import { facetCounts } from '../../lib/index/facet-table.ts';
import { facetValues, type FacetFilter, type FacetValues } from '../../lib/index/facets.ts';
import type { Evidence } from '../../lib/resolve/evidence.ts';

const entry = (service: string[], status: string, cost: string): FacetValues => ({
  category: ['serverless'],
  service,
  status: [status],
  verification: ['verified'],
  claims: ['all'],
  survives: [],
  cost: [cost],
  provider: ['aws'],
});

const items = [
  entry(['lambda', 'sqs'], 'stable', 'under-50'),
  entry(['lambda'], 'beta', 'under-50'),
  entry(['ecs'], 'stable', '50-250'),
];

// Each facet's counts apply the other facets' selections, never its own.
const cases: { description: string; filter: FacetFilter; expected: Record<string, Record<string, number>> }[] = [
  {
    description: 'no selection counts every entry everywhere',
    filter: {},
    expected: {
      service: { lambda: 2, sqs: 1, ecs: 1 },
      status: { stable: 2, beta: 1 },
      cost: { 'under-50': 2, '50-250': 1 },
    },
  },
  {
    description: 'one selected facet narrows the others and keeps its own alternatives',
    filter: { status: ['stable'] },
    expected: {
      service: { lambda: 1, sqs: 1, ecs: 1 },
      status: { stable: 2, beta: 1 },
      cost: { 'under-50': 1, '50-250': 1 },
    },
  },
  {
    description: 'two selected facets: an entry failing one counts only in that one, failing both nowhere',
    filter: { status: ['beta'], cost: ['50-250'] },
    expected: {
      service: {},
      status: { stable: 1 },
      cost: { 'under-50': 1 },
    },
  },
  {
    description: 'values within a facet are alternatives',
    filter: { service: ['sqs', 'ecs'] },
    expected: {
      service: { lambda: 2, sqs: 1, ecs: 1 },
      status: { stable: 2 },
      cost: { 'under-50': 1, '50-250': 1 },
    },
  },
];

describe('facetCounts', () => {
  it.each(cases)('$description', ({ filter, expected }) => {
    const counts = facetCounts(items, filter);
    for (const [facet, values] of Object.entries(expected)) {
      expect(Object.fromEntries(counts[facet as keyof typeof counts]), facet).toEqual(values);
    }
  });
});

describe('the claims-checked facet', () => {
  const meta = {
    failureModes: [],
    categories: [],
    services: [],
    status: 'stable',
    provider: 'aws',
    cost: { monthlyUsd: { low: 1 } },
  } as unknown as Parameters<typeof facetValues>[0];
  const item = (state: Evidence['state']): Evidence => ({
    kind: 'failure-mode',
    path: [],
    label: 'x',
    checks: [],
    state,
  });
  it('is all when every promise is proven by claims, some when one is, none otherwise', () => {
    expect(facetValues(meta, 'verified', [item('checked'), item('both')]).claims).toEqual(['all']);
    expect(facetValues(meta, 'verified', [item('checked'), item('operational')]).claims).toEqual(['some']);
    expect(facetValues(meta, 'verified', [item('operational'), item('none')]).claims).toEqual(['none']);
    expect(facetValues(meta, 'verified', []).claims).toEqual(['none']);
  });
});
