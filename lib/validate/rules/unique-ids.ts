import { diag, type Diagnostic } from '../../diagnostics.ts';
import type { CatalogueRule, CheckedEntry } from '../rule.ts';

/** OAR202: two folders that claim one id would fight over one URL. */
export const uniqueIds: CatalogueRule = (entries) => {
  const byId = new Map<string, CheckedEntry[]>();
  for (const e of entries) byId.set(e.meta.id, [...(byId.get(e.meta.id) ?? []), e]);
  const out: Diagnostic[] = [];
  for (const [id, claimants] of byId) {
    if (claimants.length < 2) continue;
    for (const e of claimants) {
      const others = claimants.filter((o) => o !== e).map((o) => o.loaded.dir);
      out.push(
        diag(
          'OAR202',
          e.source.file,
          `id ${JSON.stringify(id)} is also used by ${others.join(', ')}; give each entry its own id`,
          {
            ...e.source.locate(['id']),
            path: '/id',
          },
        ),
      );
    }
  }
  return out;
};
