import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { CatalogueRule } from '../rule.ts';

/** OAR205: following forkedFrom must end at an original entry, never loop. */
export const lineageCycles: CatalogueRule = (entries) => {
  const byId = new Map(entries.map((e) => [e.meta.id, e]));
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const start of entries) {
    const chain: string[] = [];
    let current = start.meta.id;
    while (byId.has(current) && !chain.includes(current)) {
      chain.push(current);
      const parent = byId.get(current)?.meta.forkedFrom?.id;
      if (parent === undefined) break;
      current = parent;
    }
    if (!chain.includes(current) || current !== start.meta.id || reported.has(current)) continue;
    const cycle = chain.slice(chain.indexOf(current));
    if (cycle.length === 1) continue; // a self-fork is OAR215's to report
    for (const id of cycle) reported.add(id);
    const loop = [...cycle, current].join(' -> ');
    out.push(
      diag(
        'OAR205',
        start.source.file,
        `forkedFrom forms a cycle: ${loop}; an entry cannot descend from itself, so remove one forkedFrom`,
        {
          ...start.source.locate(['forkedFrom', 'id']),
          path: '/forkedFrom/id',
        },
      ),
    );
  }
  return out;
};
