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
import { checkAsBuilt } from './as-built-services.ts';
import { crossCheckServices } from './cross-check-services.ts';
import { crossCheckDiagrams } from './diagram-services.ts';
import { unemulatedTypes } from './emulator-types.ts';
import { openSynthPool } from '../synth/synth-pool.ts';
import { planJobs, type Job } from './check-plan.ts';
import type { SynthReply } from '../synth/synth-worker.ts';
import { DEFAULT_VARIANT } from './claims/claim.ts';
import type { ClaimResult, ClaimsOutcome } from './claims/run-claims.ts';
import { claimFindings, forkChangeFindings, forkChangeJob } from './check-claims.ts';

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
   * diagrams (OAR329, the main one also against the as-built diagram); or, when synth failed, why (OAR305, OAR306), with no template.
   */
  readonly diagnostics: readonly Diagnostic[];
  readonly acknowledged: readonly Acknowledgement[];
  /** Resource types the moto emulator cannot create: when any, the entry is synth-only in the deploy tests. */
  readonly unemulated: readonly string[];
  /** The configurations synthesized: `default`, then each variant. */
  readonly variants?: readonly string[];
  /** Each claim's outcome in each configuration it holds for. */
  readonly claims?: readonly ClaimResult[];
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
 * Synthesizes each entry, and each variant it declares, with cdk-nag and
 * CloudFormation validation; runs its claims against each; runs each fork's change
 * checks against its parent, where they must fail; lints all default templates with
 * cfn-lint when it is installed; and cross-checks declared services and the diagrams
 * against the resources. An entry fails on any error finding.
 */
export async function checkEntries(
  root: string,
  entries: readonly ResolvedEntry[],
  jobs: number,
  progress: CheckProgress = {},
  catalogue: ReadonlyMap<string, ResolvedEntry> = new Map(entries.map((e) => [e.id, e])),
): Promise<CheckReport> {
  const started = performance.now();
  const { jobs: plan, refused } = planJobs(root, entries, catalogue);
  const pool = openSynthPool(Math.min(jobs, plan.length));
  try {
    const partial = new Map<string, Omit<EntryCheck, 'status'>>();
    const sitesById = new Map<string, EntrySites>();
    const byEntry = new Map<string, { job: Job; reply: SynthReply }[]>();
    const wanted = new Map<string, number>();
    for (const job of plan)
      if (job.parentOf === undefined) wanted.set(job.entry.id, (wanted.get(job.entry.id) ?? 0) + 1);
    // A fork whose change checks run against its parent is reported after them; every other entry as soon as
    // all its configurations are in, so `oar check` shows progress entry by entry.
    const waitsForParent = (e: ResolvedEntry) => Boolean(e.meta.forkedFrom && catalogue.has(e.meta.forkedFrom.id));
    let done = 0;
    const settle = (entry: ResolvedEntry, changeOutcome?: ClaimsOutcome) => {
      const runs = [...(byEntry.get(entry.id) ?? [])].sort((a, b) => plan.indexOf(a.job) - plan.indexOf(b.job));
      const check = entryCheck(entry, runs, changeOutcome, refused.get(entry.id) ?? []);
      if (check.sites) sitesById.set(entry.id, check.sites);
      partial.set(entry.id, check.check);
      progress.onEntry?.(withStatus(check.check), ++done, entries.length);
    };
    const replies = await Promise.all(
      plan.map(async (job) => {
        const [reply] = (await pool.run([job.request])) as [SynthReply];
        if (job.parentOf === undefined) {
          const list = byEntry.get(job.entry.id) ?? [];
          list.push({ job, reply });
          byEntry.set(job.entry.id, list);
          if (list.length === wanted.get(job.entry.id) && !waitsForParent(job.entry)) settle(job.entry);
        }
        return reply;
      }),
    );
    const templates = new Map(
      plan.flatMap((job, i) => {
        const r = replies[i];
        return job.variant === DEFAULT_VARIANT && r && 'ok' in r ? [[job.entry.id, r.ok.templateFile] as const] : [];
      }),
    );
    const changeJobs = entries.flatMap((e) => {
      const parent = e.meta.forkedFrom && catalogue.get(e.meta.forkedFrom.id);
      const templateFile = parent && templates.get(parent.id);
      const job =
        parent && templateFile
          ? forkChangeJob(root, e, { templateFile, parameters: synthRequestFor(root, parent).parameters })
          : undefined;
      return job ? [job] : [];
    });
    const changeReplies = await pool.run(changeJobs);
    const changeOutcomes = new Map(changeReplies.map((r) => [r.id, r.claims]));
    for (const entry of entries) if (!partial.has(entry.id)) settle(entry, changeOutcomes.get(entry.id));
    const lintVersion = cfnLintVersion();
    if (lintVersion) {
      progress.onStage?.(`linting ${entries.length} templates with ${lintVersion}`);
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
      peakWorkerRssMb: Math.max(0, ...[...replies, ...changeReplies].map((r) => r.peakRssMb ?? 0)),
      entries: entries.map((e) => withStatus(partial.get(e.id) as Omit<EntryCheck, 'status'>)),
    };
  } finally {
    pool.close();
  }
}

/** One entry's check from its configurations' replies and, for a fork, its change checks on the parent. */
function entryCheck(
  entry: ResolvedEntry,
  runs: readonly { job: Job; reply: SynthReply }[],
  changeOutcome: ClaimsOutcome | undefined,
  refused: readonly Diagnostic[],
): { check: Omit<EntryCheck, 'status'>; sites?: EntrySites } {
  const base = { id: entry.id, version: entry.meta.version };
  const main = runs.find((r) => r.job.variant === DEFAULT_VARIANT)?.reply;
  if (!main || !('ok' in main)) {
    const error = main && 'error' in main ? main.error : { code: 'OAR306', message: `${entry.id} was not synthesized` };
    return {
      check: {
        ...base,
        ms: 0,
        resources: [],
        unemulated: [],
        acknowledged: [],
        diagnostics: [failure(error, entry.dir), ...refused],
      },
    };
  }
  const { template } = main.ok;
  const where = entrySites(entry.dir, main.ok.sites);
  const resources = resourcesByType(template);
  const variants: Diagnostic[] = [];
  let mergedResources = { ...template.Resources };
  const outcomes: { variant: string; outcome: ClaimsOutcome }[] = [];
  for (const { job, reply } of runs) {
    if ('error' in reply) {
      const d = failure(reply.error, entry.dir);
      variants.push({ ...d, message: `in the variant ${job.variant}: ${d.message}` });
      continue;
    }
    if (reply.ok.claims) outcomes.push({ variant: job.variant, outcome: reply.ok.claims });
    if (job.variant === DEFAULT_VARIANT) continue;
    // A variant's findings are the default's too when both have them; only what the variant adds is reported.
    const known = new Set(main.ok.findings.map((f) => `${f.code} ${f.message}`));
    for (const f of reply.ok.findings) {
      if (!known.has(`${f.code} ${f.message}`))
        variants.push({ ...f, message: `in the variant ${job.variant}: ${f.message}` });
    }
    mergedResources = { ...reply.ok.template.Resources, ...mergedResources };
  }
  const everything = { ...template, Resources: mergedResources };
  return {
    sites: where,
    check: {
      ...base,
      ms: Math.round(runs.reduce((sum, r) => sum + ('ok' in r.reply ? r.reply.ok.ms : 0), 0)),
      templateFile: main.ok.templateFile,
      resources,
      unemulated: unemulatedTypes(resources.map(([type]) => type)),
      diagnostics: [
        ...main.ok.findings,
        ...variants,
        // Services and diagrams are checked over every configuration: an optional tier that only a variant
        // synthesizes is still part of the entry, and its diagram shows it.
        ...crossCheckServices(entry.meta.services, everything, where),
        ...crossCheckDiagrams(
          entry.diagrams.map((d) => ({ file: d.file, source: d.source })),
          everything,
          entry.dir,
        ),
        // The main diagram against the as-built one, drawn from the default template as the entry page shows it.
        ...checkAsBuilt(entry, template),
        ...claimFindings(entry, outcomes),
        ...(changeOutcome ? forkChangeFindings(entry, changeOutcome) : []),
        ...refused,
      ],
      acknowledged: main.ok.acknowledged,
      variants: runs.map((r) => r.job.variant),
      claims: outcomes.flatMap((o) => o.outcome.results),
    },
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
