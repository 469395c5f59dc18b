import { diag, type Diagnostic } from '../../diagnostics.ts';
import { blocksFork, forkAdvisories, globalAdvisoryId } from '../../resolve/advisories.ts';
import type { EntryRule } from '../rule.ts';

/**
 * OAR241/OAR242: a fork handles exactly the parent advisories that apply to its
 * base version. An unhandled one is an error at high or critical on a stable
 * fork, a warning otherwise.
 */
export const forkAdvisoriesHandled: EntryRule = ({ meta, source }, { byId }) => {
  const fork = meta.forkedFrom;
  const parent = fork && fork.id !== meta.id ? byId.get(fork.id) : undefined;
  if (!fork || !parent) return []; // OAR203/OAR215 report a missing or self parent
  const applying = forkAdvisories(parent.meta, fork);
  const applyingIds = new Set(applying.map((a) => a.advisory.id));
  const published = new Set((parent.meta.advisories ?? []).map((a) => a.id));
  const out: Diagnostic[] = [];
  (fork.advisories ?? []).forEach((h, i) => {
    if (applyingIds.has(h.id)) return;
    const why = published.has(h.id)
      ? `does not apply to ${fork.id} ${fork.version}, the version this fork is based on`
      : `is not an advisory of ${fork.id}`;
    out.push(
      diag(
        'OAR241',
        source.file,
        `forkedFrom.advisories: ${globalAdvisoryId(fork.id, h.id)} ${why}; remove this line`,
        {
          ...source.locate(['forkedFrom', 'advisories', i, 'id']),
          path: `/forkedFrom/advisories/${String(i)}/id`,
        },
      ),
    );
  });
  for (const { advisory: a, handling } of applying) {
    if (handling) continue;
    const error = blocksFork(a.severity, meta.status);
    out.push(
      diag(
        'OAR242',
        source.file,
        `${globalAdvisoryId(fork.id, a.id)} (${a.severity}: ${a.title}) affects ${fork.id} ${fork.version}, which this fork is based on, and the fork does not say how it handled it; run \`oar upstream ${meta.id}\`, then sync to ${a.fixedIn ?? 'a fixed version'} or add it under forkedFrom.advisories as fixed, not-affected or accepted with a reason`,
        {
          ...source.locate(['forkedFrom', 'version']),
          path: '/forkedFrom/version',
          severity: error ? 'error' : 'warning',
        },
      ),
    );
  }
  return out;
};
