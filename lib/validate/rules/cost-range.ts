import { diag } from '../../diagnostics.ts';
import type { EntryRule } from '../rule.ts';

/** OAR214: a cost range reads low to high; reversed numbers would corrupt the cost-band facet. */
export const costRange: EntryRule = ({ meta, source }) => {
  const { low, high } = meta.cost.monthlyUsd;
  if (low <= high) return [];
  return [
    diag('OAR214', source.file, `cost.monthlyUsd.low (${low}) is greater than high (${high}); swap the two values`, {
      ...source.locate(['cost', 'monthlyUsd', 'low']),
      path: '/cost/monthlyUsd/low',
    }),
  ];
};
