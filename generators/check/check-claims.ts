import { diag, type Diagnostic } from '../../lib/diagnostics.ts';
import { CLAIMS_FILE } from '../../lib/load/read-entry.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import type { ClaimResult, ClaimsOutcome } from './claims/run-claims.ts';
import type { ClaimsJob } from '../synth/synth-worker.ts';

/** Where a claim's failure is reported: the YAML line that names it, or else its line in cdk/claims.ts. */
function siteOfClaim(entry: ResolvedEntry, id: string): { file: string; line?: number; col?: number } {
  const named = entry.checkLines[id];
  if (named !== undefined) return { file: `${entry.dir}/architecture.yaml`, ...named };
  const scanned = entry.claims.find((c) => c.id === id);
  return { file: `${entry.dir}/${CLAIMS_FILE}`, ...(scanned ? { line: scanned.line } : {}) };
}

/**
 * The findings of running an entry's claims in each configuration: a claims file
 * that would not load (OAR334), claims that run but that the text scan did not read
 * or the other way round (OAR334), and each failing claim (OAR332) at its YAML line.
 */
export function claimFindings(
  entry: ResolvedEntry,
  outcomes: readonly { readonly variant: string; readonly outcome: ClaimsOutcome }[],
): Diagnostic[] {
  const file = `${entry.dir}/${CLAIMS_FILE}`;
  const findings: Diagnostic[] = [];
  const first = outcomes[0]?.outcome;
  const problem = outcomes.find((o) => o.outcome.problem !== undefined)?.outcome.problem;
  if (problem !== undefined) {
    return [diag('OAR334', file, `the claims could not run: ${problem}`)];
  }
  if (first) {
    const scanned = new Map(entry.claims.map((c) => [c.id, c.text]));
    for (const c of first.declared) {
      if (scanned.get(c.id) !== c.text) {
        findings.push(
          diag(
            'OAR334',
            file,
            `the claim ${c.id} runs, but its id and sentence could not be read from the file's text; write them as string literals: claim('${c.id}', 'What it proves.', (t) => …)`,
          ),
        );
      }
    }
  }
  for (const { variant, outcome } of outcomes) {
    for (const r of outcome.results.filter((x) => !x.passed)) {
      const text = entry.claims.find((c) => c.id === r.id)?.text ?? r.id;
      const where = variant === 'default' ? 'with the default parameters' : `in the variant ${variant}`;
      const site = siteOfClaim(entry, r.id);
      findings.push(
        diag(
          'OAR332',
          site.file,
          `the claim ${r.id} (“${text}”) does not hold ${where}: ${r.message ?? 'its check failed'}. Fix the stack so it keeps the claim, or correct the claim and the YAML that relies on it`,
          site,
        ),
      );
    }
  }
  return findings;
}

/** A fork's change checks, to run against its parent's default template, where each must fail. */
export function forkChangeJob(
  root: string,
  fork: ResolvedEntry,
  parent: { readonly templateFile: string; readonly parameters: ClaimsJob['parameters'] },
): ClaimsJob | undefined {
  const ids = [...new Set((fork.meta.forkedFrom?.changes ?? []).flatMap((c) => c.checks ?? []))];
  if (ids.length === 0) return undefined;
  return {
    kind: 'claims',
    id: fork.id,
    root,
    dir: fork.dir,
    templateFile: parent.templateFile,
    variant: 'default',
    parameters: parent.parameters,
    only: ids,
  };
}

/**
 * A change check that also passes on the parent's template proves nothing about
 * the change (OAR333); a check that could not run there is reported too.
 */
export function forkChangeFindings(fork: ResolvedEntry, outcome: ClaimsOutcome): Diagnostic[] {
  const parent = fork.meta.forkedFrom?.id ?? 'the parent';
  const file = `${fork.dir}/architecture.yaml`;
  if (outcome.problem !== undefined) {
    return [
      diag('OAR334', `${fork.dir}/${CLAIMS_FILE}`, `the change checks could not run on ${parent}: ${outcome.problem}`),
    ];
  }
  return outcome.results
    .filter((r: ClaimResult) => r.passed)
    .map((r) =>
      diag(
        'OAR333',
        file,
        `the change check ${r.id} also passes on ${parent}'s template, so it does not prove what the fork changed; make it test the property the fork adds or alters`,
        { ...fork.checkLines[r.id] },
      ),
    );
}
