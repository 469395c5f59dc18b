import { diag, type Diagnostic } from '../../diagnostics.ts';
import { inRange, isRange } from '../../resolve/advisories.ts';
import { readChangelog } from '../../resolve/changelog.ts';
import type { EntryRule } from '../rule.ts';

/**
 * OAR238/OAR239/OAR240: each advisory names versions the entry published (its
 * CHANGELOG releases), its fix is a published version outside the range, and ids are unique.
 */
export const advisoriesPublished: EntryRule = ({ meta, loaded, source }) => {
  const published = [
    ...new Set([meta.version, ...readChangelog(loaded.changelog?.text ?? '').releases.map((r) => r.version)]),
  ];
  const list = published.join(', ');
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  (meta.advisories ?? []).forEach((a, i) => {
    const at = (field: string) => ({
      ...source.locate(['advisories', i, field]),
      path: `/advisories/${String(i)}/${field}`,
    });
    if (seen.has(a.id)) {
      out.push(
        diag(
          'OAR240',
          source.file,
          `advisory id ${JSON.stringify(a.id)} is used twice; give each advisory its own id`,
          at('id'),
        ),
      );
    }
    seen.add(a.id);
    if (!isRange(a.affected)) {
      out.push(
        diag(
          'OAR238',
          source.file,
          `advisory ${a.id}: affected ${JSON.stringify(a.affected)} is not a semver range; write one such as '>=1.0.0 <1.1.0'`,
          at('affected'),
        ),
      );
    } else if (!published.some((v) => inRange(v, a.affected))) {
      out.push(
        diag(
          'OAR238',
          source.file,
          `advisory ${a.id}: affected ${JSON.stringify(a.affected)} matches no published version (CHANGELOG.md has ${list}); widen the range to the versions that have the flaw`,
          at('affected'),
        ),
      );
    }
    if (a.fixedIn === undefined) return;
    if (!published.includes(a.fixedIn)) {
      out.push(
        diag(
          'OAR239',
          source.file,
          `advisory ${a.id}: fixedIn ${a.fixedIn} is not a published version (CHANGELOG.md has ${list}); name the release that fixes it, or leave fixedIn out until one does`,
          at('fixedIn'),
        ),
      );
    } else if (inRange(a.fixedIn, a.affected)) {
      out.push(
        diag(
          'OAR239',
          source.file,
          `advisory ${a.id}: fixedIn ${a.fixedIn} is inside its own affected range ${JSON.stringify(a.affected)}; end the range before the fix, e.g. '<${a.fixedIn}'`,
          at('fixedIn'),
        ),
      );
    }
  });
  return out;
};
