import { join } from 'node:path';
import { diag, hasErrors, type Diagnostic } from '../../lib/diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import type { EntrySites } from '../synth/construct-sites.ts';
import { synthRequestFor } from '../synth/request.ts';
import { entrySites, STACK_FILE } from '../synth/synth-entry.ts';
import type { SynthFailure } from '../synth/synth-worker.ts';
import { resourcesByType } from '../synth/template.ts';
import { installedVersion } from '../synth/versions.ts';
import type { Acknowledgement } from '../synth/validation-report.ts';
import { cfnLintVersion, lintDiagnostic, runCfnLint } from './cfn-lint.ts';
import { crossCheckServices } from './cross-check-services.ts';
import { crossCheckDiagrams } from './diagram-services.ts';
import { unemulatedTypes } from './emulator-types.ts';
import { synthAll } from '../synth/synth-pool.ts';

/** One entry's result in an `oar check` run. */
export interface EntryCheck {
  readonly id: string;
  readonly version: string;
  readonly status: 'passed' | 'failed';
  readonly ms: number;
  readonly templateFile?: string;
  readonly resources: readonly (readonly [string, number])[];
  /**
   * Everything the checks found, as `oar validate` reports problems: cdk-nag (OAR308),
   * CloudFormation validation (OAR309), cfn-lint (OAR327), services (OAR328) and
   * diagrams (OAR329); or, when synth failed, why (OAR305, OAR306), with no template.
   */
  readonly diagnostics: readonly Diagnostic[];
  readonly acknowledged: readonly Acknowledgement[];
  /** Resource types the moto emulator cannot create: when any, the entry is synth-only in the deploy tests. */
  readonly unemulated: readonly string[];
}

/** The whole `oar check` run, also written as JSON for the site and CI. */
export interface CheckReport {
  readonly checkedAt: string;
  readonly cdkVersion: string;
  readonly cfnLint: string | null;
  readonly jobs: number;
  readonly ms: number;
  /** The largest resident memory any synth worker reached, in MiB. */
  readonly peakWorkerRssMb: number;
  readonly entries: readonly EntryCheck[];
}

/** Progress callbacks, so the CLI can show which entry finished. */
export interface CheckProgress {
  onEntry?(check: EntryCheck, done: number, total: number): void;
  onStage?(text: string): void;
}

/**
 * Synthesizes each entry with cdk-nag and CloudFormation validation, lints all
 * templates with cfn-lint when it is installed, and cross-checks declared
 * services and the diagrams against the resources. An entry fails on any error finding.
 */
export async function checkEntries(
  root: string,
  entries: readonly ResolvedEntry[],
  jobs: number,
  progress: CheckProgress = {},
): Promise<CheckReport> {
  const started = performance.now();
  const requests = entries.map((e) => synthRequestFor(root, e));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const partial = new Map<string, Omit<EntryCheck, 'status'>>();
  const sitesById = new Map<string, EntrySites>();
  const replies = await synthAll(requests, jobs, (reply, done) => {
    const entry = byId.get(reply.id) as ResolvedEntry;
    const base = { id: reply.id, version: entry.meta.version };
    let check: Omit<EntryCheck, 'status'>;
    if ('ok' in reply) {
      const { template } = reply.ok;
      const where = entrySites(entry.dir, reply.ok.sites);
      sitesById.set(reply.id, where);
      const resources = resourcesByType(template);
      check = {
        ...base,
        ms: Math.round(reply.ok.ms),
        templateFile: reply.ok.templateFile,
        resources,
        unemulated: unemulatedTypes(resources.map(([type]) => type)),
        diagnostics: [
          ...reply.ok.findings,
          ...crossCheckServices(entry.meta.services, template, where),
          ...crossCheckDiagrams(
            entry.diagrams.map((d) => ({ file: d.file, source: d.source })),
            template,
            entry.dir,
          ),
        ],
        acknowledged: reply.ok.acknowledged,
      };
    } else {
      check = {
        ...base,
        ms: 0,
        resources: [],
        unemulated: [],
        acknowledged: [],
        diagnostics: [failure(reply.error, entry.dir)],
      };
    }
    partial.set(reply.id, check);
    progress.onEntry?.(withStatus(check), done, requests.length);
  });
  const lintVersion = cfnLintVersion();
  if (lintVersion) {
    progress.onStage?.(`linting ${replies.length} templates with ${lintVersion}`);
    const files = [...partial.values()].flatMap((c) => (c.templateFile ? [join(root, c.templateFile)] : []));
    const lint = await runCfnLint(files);
    for (const [id, c] of partial) {
      const where = sitesById.get(id);
      if (!c.templateFile || !where) continue;
      const found = (lint.get(join(root, c.templateFile)) ?? []).map((m) => lintDiagnostic(m, where));
      partial.set(id, { ...c, diagnostics: [...c.diagnostics, ...found] });
    }
  } else {
    progress.onStage?.('cfn-lint is not installed; skipping it (pip install cfn-lint)');
  }
  return {
    checkedAt: new Date().toISOString(),
    cdkVersion: installedVersion('aws-cdk-lib'),
    cfnLint: lintVersion ?? null,
    jobs,
    ms: Math.round(performance.now() - started),
    peakWorkerRssMb: Math.max(0, ...replies.map((r) => r.peakRssMb ?? 0)),
    entries: requests.map((r) => withStatus(partial.get(r.id) as Omit<EntryCheck, 'status'>)),
  };
}

/**
 * Why an entry did not synthesize, as a diagnostic: the one synthEntry made, or, for a
 * worker that died or overran, its message at the stack file. The worker ran the
 * entry's code, so the code is held to the two synth can fail with.
 */
function failure(error: SynthFailure, dir: string): Diagnostic {
  const code = error.code === 'OAR305' ? 'OAR305' : 'OAR306';
  const d = error.diagnostic;
  return d?.code === code ? d : diag(code, `${dir}/${STACK_FILE}`, error.message);
}

function withStatus(c: Omit<EntryCheck, 'status'>): EntryCheck {
  return { ...c, status: hasErrors(c.diagnostics) ? 'failed' : 'passed' };
}
