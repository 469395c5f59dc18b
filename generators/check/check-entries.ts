import { join } from 'node:path';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { synthRequestFor } from '../cdk/request.ts';
import { resourcesByType } from '../cdk/template.ts';
import { installedVersion } from '../cdk/versions.ts';
import type { Acknowledgement, Finding } from '../cdk/validation-report.ts';
import { cfnLintVersion, runCfnLint } from './cfn-lint.ts';
import { crossCheckServices } from './cross-check-services.ts';
import { crossCheckDiagrams } from './diagram-services.ts';
import { unemulatedTypes } from './emulator-types.ts';
import { synthAll } from '../cdk/synth-pool.ts';

/** One entry's result in an `oar check` run. */
export interface EntryCheck {
  readonly id: string;
  readonly version: string;
  readonly status: 'passed' | 'failed';
  readonly ms: number;
  readonly templateFile?: string;
  readonly resources: readonly (readonly [string, number])[];
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly Acknowledgement[];
  /** Resource types the moto emulator cannot create: when any, the entry is synth-only in the deploy tests. */
  readonly unemulated: readonly string[];
  /** Why synth itself failed, when it did. */
  readonly error?: { readonly code: string; readonly message: string };
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
  const replies = await synthAll(requests, jobs, (reply, done) => {
    const entry = byId.get(reply.id) as ResolvedEntry;
    const resources = 'ok' in reply ? resourcesByType(reply.ok.template) : [];
    const check =
      'ok' in reply
        ? {
            id: reply.id,
            version: entry.meta.version,
            ms: Math.round(reply.ok.ms),
            templateFile: reply.ok.templateFile,
            resources,
            unemulated: unemulatedTypes(resources.map(([type]) => type)),
            findings: [
              ...reply.ok.findings,
              ...crossCheckServices(entry.meta.services, reply.ok.template),
              ...crossCheckDiagrams(
                entry.diagrams.map((d) => ({ file: d.file, source: d.source })),
                reply.ok.template,
              ),
            ],
            acknowledged: reply.ok.acknowledged,
          }
        : {
            id: reply.id,
            version: entry.meta.version,
            ms: 0,
            resources: [],
            unemulated: [],
            findings: [],
            acknowledged: [],
            error: reply.error,
          };
    partial.set(reply.id, check);
    progress.onEntry?.(withStatus(check), done, requests.length);
  });
  const lintVersion = cfnLintVersion();
  if (lintVersion) {
    progress.onStage?.(`linting ${replies.length} templates with ${lintVersion}`);
    const files = [...partial.values()].flatMap((c) => (c.templateFile ? [join(root, c.templateFile)] : []));
    const lint = await runCfnLint(files);
    for (const [id, c] of partial) {
      if (c.templateFile)
        partial.set(id, { ...c, findings: [...c.findings, ...(lint.get(join(root, c.templateFile)) ?? [])] });
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

function withStatus(c: Omit<EntryCheck, 'status'>): EntryCheck {
  const failed = c.error !== undefined || c.findings.some((f) => f.severity === 'error');
  return { ...c, status: failed ? 'failed' : 'passed' };
}
