import { diag, type Diagnostic } from '../../diagnostics.ts';
import { claimsOf } from '../../load/claim-scan.ts';
import type { FileRule } from '../rule.ts';

/**
 * OAR236: each claim in cdk/claims.ts can be read without running it, which
 * validation and the site must do: its id and sentence are string literals, and
 * no id is declared twice.
 */
export const claimsReadable: FileRule = (entry) => {
  if (!entry.claims) return [];
  const { file } = entry.claims;
  const scan = claimsOf(entry.claims);
  const out: Diagnostic[] = scan.unreadable.map(({ line }) =>
    diag(
      'OAR236',
      file,
      "this claim's id and sentence must be string literals, so the catalogue can read them without running the file; write claim('an-id', 'What it proves.', (t) => …)",
      { line },
    ),
  );
  const seen = new Set<string>();
  for (const c of scan.claims) {
    if (seen.has(c.id)) {
      out.push(
        diag('OAR236', file, `the claim ${c.id} is declared twice; give each claim its own id`, { line: c.line }),
      );
    }
    seen.add(c.id);
  }
  return out;
};
