import type { Architecture } from '../../schema/architecture.ts';
import type { Evidence } from '../resolve/evidence.ts';
import { labelOf } from '../vocabulary.ts';

/** The facets a person can filter by, in the order the site shows them. */
export const FACETS = [
  'category',
  'service',
  'status',
  'verification',
  'claims',
  'survives',
  'cost',
  'provider',
] as const;
export type FacetName = (typeof FACETS)[number];

export const FACET_TITLES: Record<FacetName, string> = {
  category: 'Category',
  service: 'AWS service',
  status: 'Status',
  verification: 'Verification',
  claims: 'Claims checked',
  survives: 'Survives',
  cost: 'Monthly cost from',
  provider: 'Provider',
};

/** Cost bands by the low end of the monthly estimate, in USD. */
export const COST_BANDS = [
  { id: 'under-50', label: 'under $50', max: 50 },
  { id: '50-250', label: '$50 to $250', max: 250 },
  { id: '250-1000', label: '$250 to $1,000', max: 1000 },
  { id: 'over-1000', label: '$1,000 or more', max: Infinity },
] as const;

/** The facet values of one entry: what it can be filtered by. */
export type FacetValues = Record<FacetName, string[]>;

/**
 * An entry's facet values. "Survives" lists the scenarios whose every failure
 * mode has impact none: an entry that is degraded in one case does not survive it.
 * "Claims checked" is `all` when every promise (failure mode, fork change, evidenced
 * constraint) is proven by claims in the template, `some` when at least one is.
 */
export function facetValues(
  m: Architecture,
  verification = 'unchecked',
  evidence: readonly Evidence[] = [],
): FacetValues {
  const checked = evidence.filter((e) => e.state === 'checked' || e.state === 'both').length;
  const worst = new Map<string, string>();
  const rank = { none: 0, degraded: 1, outage: 2 } as const;
  for (const f of m.failureModes) {
    const before = worst.get(f.scenario) as keyof typeof rank | undefined;
    if (before === undefined || rank[f.impact] > rank[before]) worst.set(f.scenario, f.impact);
  }
  const band = COST_BANDS.find((b) => m.cost.monthlyUsd.low < b.max) ?? COST_BANDS[COST_BANDS.length - 1];
  return {
    category: [...m.categories],
    service: [...m.services],
    status: [m.status],
    verification: [verification],
    claims: [checked === 0 ? 'none' : checked === evidence.length ? 'all' : 'some'],
    survives: [...worst].filter(([, impact]) => impact === 'none').map(([scenario]) => scenario),
    cost: band ? [band.id] : [],
    provider: [m.provider],
  };
}

/** The label shown for a facet value. */
export function facetLabel(facet: FacetName, value: string): string {
  switch (facet) {
    case 'category':
      return labelOf('category', value);
    case 'service':
      return labelOf('service', value);
    case 'survives':
      return labelOf('scenario', value);
    case 'provider':
      return labelOf('provider', value);
    case 'cost':
      return COST_BANDS.find((b) => b.id === value)?.label ?? value;
    case 'status':
      return value;
    case 'verification':
      return value === 'unchecked' ? 'not checked' : value;
    case 'claims':
      return value;
  }
}

/** Selected values per facet; values within a facet are alternatives (OR), facets combine with AND. */
export type FacetFilter = Partial<Record<FacetName, readonly string[]>>;
