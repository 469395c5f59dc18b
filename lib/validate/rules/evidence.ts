import { diag, type Diagnostic } from '../../diagnostics.ts';
import { CLAIMS_FILE } from '../../load/read-entry.ts';
import { claimsOf } from '../../load/claim-scan.ts';
import { evidenceOf } from '../../resolve/evidence.ts';
import type { EntryRule } from '../rule.ts';
import { runbookSlugs } from './runbook.ts';

const KIND_WORDS = { 'failure-mode': 'failure mode', 'fork-change': 'fork change', constraint: 'constraint' } as const;

/**
 * OAR232–OAR235: every promise of an entry carries its evidence. Each failure mode,
 * fork change and compliance constraint names claims or a runbook (an error for a
 * stable entry, a warning for a draft); each claim it names exists in cdk/claims.ts;
 * each runbook is a heading of the README's Runbook section; and a stable fork of a
 * draft says what was verified.
 */
export const evidenceKept: EntryRule = ({ loaded, meta, source }, { byId }) => {
  const out: Diagnostic[] = [];
  const declared = new Set(loaded.claims ? claimsOf(loaded.claims).claims.map((c) => c.id) : []);
  const slugs = loaded.readme ? runbookSlugs(loaded.readme) : undefined;
  const severity = meta.status === 'stable' ? 'error' : 'warning';
  for (const item of evidenceOf(meta, [])) {
    const where = (...rest: (string | number)[]) => ({
      ...source.locate([...item.path, ...rest]),
      path: `/${[...item.path, ...rest].join('/')}`,
    });
    const what = KIND_WORDS[item.kind];
    if (item.state === 'none') {
      const fix =
        item.kind === 'fork-change'
          ? `add checks: claims in ${CLAIMS_FILE} that fail on the parent's template and pass on this one's`
          : `add checks (claims in ${CLAIMS_FILE} that prove it) or operational (runbook and steps), or both`;
      out.push(diag('OAR233', source.file, `this ${what} carries no evidence; ${fix}`, { ...where(), severity }));
    }
    item.checks.forEach((c, j) => {
      if (declared.has(c.id)) return;
      out.push(
        diag(
          'OAR232',
          source.file,
          `the claim ${c.id} is not declared in ${loaded.dir}/${CLAIMS_FILE}; add claim('${c.id}', 'What it proves.', (t) => …) there, or name a claim that exists`,
          where('checks', j),
        ),
      );
    });
    const runbook = item.operational?.runbook;
    if (runbook !== undefined && slugs && !slugs.has(runbook)) {
      const known = [...slugs].join(', ');
      out.push(
        diag(
          'OAR234',
          source.file,
          `operational.runbook ${runbook} is not a heading of the "## Runbook" section of README.mdx (${known ? `it has: ${known}` : 'there is no such section'}); add "### …" with the steps there, and name its slug`,
          where('operational', 'runbook'),
        ),
      );
    }
  }
  const parent = meta.forkedFrom && byId.get(meta.forkedFrom.id);
  if (meta.status === 'stable' && parent?.meta.status === 'draft' && meta.forkedFrom?.verified === undefined) {
    out.push(
      diag(
        'OAR235',
        source.file,
        `this entry is stable, but its parent ${parent.meta.id} is a draft; say what was verified of this entry in forkedFrom.verified, or set status: draft`,
        { ...source.locate(['status']), path: '/status' },
      ),
    );
  }
  return out;
};
