import { OarError } from '../../lib/diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { synthRequestFor } from '../synth/request.ts';
import { checkEnvName } from '../synth/stack-name.ts';
import { synthOne } from '../synth/synth-pool.ts';
import type { CfnTemplate } from '../synth/template.ts';
import { checkAssemblyAssets } from './assembly-assets.ts';
import {
  bootstrapNeed,
  bootstrapPlan,
  checkExecutionPolicies,
  readBootstrapState,
  TOOLKIT_STACK,
} from './bootstrap.ts';
import type { ResourceFailure } from './io-host.ts';
import { gitCommit } from './git-commit.ts';
import { suspectResources } from './suspects.ts';
import { runSmokeTests, type SmokeResult } from './smoke-tests.ts';
import { STACK_TAG } from './stack-tags.ts';
import { openAssembly, requireClean, toolkitFailure, type ToolkitFailure } from './toolkit.ts';

/** How to talk to the person running a deploy or destroy. */
export interface DeployUi {
  print: (line: string) => void;
  /** Asks a yes/no question; only called when `interactive`. */
  confirm: (question: string) => Promise<boolean>;
  readonly interactive: boolean;
  readonly verbose: boolean;
}

/** What `oar deploy` was asked to do. */
export interface DeployRequest {
  readonly env: string;
  readonly params: readonly string[];
  readonly yes: boolean;
  /** change-set (default, as the cdk CLI) or direct (what the local emulator needs). */
  readonly method: 'change-set' | 'direct';
  readonly smokeTests: boolean;
  readonly smokeTimeoutMs?: number;
  /** May oar bootstrap the account and region when they need it? Required with `yes` (OAR316). */
  readonly bootstrap?: boolean;
  /** IAM managed policy ARNs for the CloudFormation execution role, when oar bootstraps. */
  readonly executionPolicies?: readonly string[];
}

/** What a deploy produced. */
export interface DeployReport {
  readonly stackName: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** False when the stack already matched the template, so nothing was deployed. */
  readonly changed: boolean;
  readonly smoke: readonly SmokeResult[];
}

/** Refuses early when nobody can confirm and --yes was not given. */
export function requireConfirmable(action: 'deploy' | 'destroy', yes: boolean, ui: DeployUi): void {
  if (!yes && !ui.interactive) {
    throw new OarError(
      'OAR311',
      `refusing to ${action} without confirmation: this shell is not interactive; add --yes to ${action} anyway`,
    );
  }
}

/**
 * Synthesizes the entry in a scrubbed worker, checks the CDK bootstrap of the
 * target account and region read-only, shows the diff and what bootstrapping
 * would create, asks, then bootstraps when needed and deploys through
 * toolkit-lib, prints outputs and runs the entry's smoke tests. Nothing in the
 * account changes before the answer. A failed deploy names the resources that
 * failed and why.
 */
export async function deployEntry(
  root: string,
  entry: ResolvedEntry,
  req: DeployRequest,
  ui: DeployUi,
): Promise<DeployReport | undefined> {
  checkEnvName(req.env);
  const policies = checkExecutionPolicies(req.executionPolicies ?? []);
  requireConfirmable('deploy', req.yes, ui);
  const tags = {
    [STACK_TAG.entry]: entry.id,
    [STACK_TAG.version]: entry.meta.version,
    [STACK_TAG.env]: req.env,
    [STACK_TAG.commit]: gitCommit(root),
  };
  const request = synthRequestFor(root, entry, req.params, { env: req.env });
  ui.print(`synthesizing ${request.stackName}…`);
  const synth = await synthOne(request);
  requireClean(synth);
  checkAssemblyAssets(synth.outdir, synth.stackName);
  const lib = await import('@aws-cdk/toolkit-lib');
  const { toolkit, host, cx, stacks } = await openAssembly(synth, ui.print, ui.verbose);
  ui.print('reading the CDK bootstrap version of the target account and region…');
  const need = bootstrapNeed(synth.outdir, synth.stackName);
  const state = await readBootstrapState(need);
  const plan = bootstrapPlan(state, need, policies);
  if (plan && req.yes && !req.bootstrap) {
    throw new OarError(
      'OAR316',
      `${plan}.\n--yes was given without --bootstrap, so nothing was changed: add --bootstrap to let oar do this, or run oar deploy without --yes to see the diff and answer`,
    );
  }
  if (state.unreadable !== undefined) {
    ui.print(
      `warning: could not read the bootstrap version (${state.unreadable}); oar will not bootstrap, and the deploy checks the version with the CDK's deploy role`,
    );
  } else if (!plan && policies.length > 0) {
    ui.print(
      `warning: ${TOOLKIT_STACK} in ${state.region} is already at bootstrap version ${String(state.version)}, so --execution-policy changes nothing; change its policies with cdk bootstrap --cloudformation-execution-policies`,
    );
  }
  // Without a bootstrap there is no role to create a change set with; a template diff only reads.
  host.quietWarnings = plan !== undefined;
  try {
    await toolkit.diff(cx, { stacks, method: plan ? lib.DiffMethod.TemplateOnly() : lib.DiffMethod.ChangeSet() });
  } catch (error) {
    throw new OarError(
      'OAR312',
      `could not compare ${synth.stackName} with what is deployed: ${toolkitFailure(error, lib.ToolkitError, host.lastFailedCall).message}; nothing was changed`,
    );
  }
  host.quietWarnings = false;
  ui.print(host.diffText.join('\n').trim() || 'no differences from what is deployed');
  if (plan) ui.print(`bootstrap: ${plan}`);
  const question = plan ? `bootstrap ${state.region}, then deploy ${synth.stackName}?` : `deploy ${synth.stackName}?`;
  if (!req.yes && !(await ui.confirm(question))) {
    ui.print('not deployed; nothing was changed');
    return undefined;
  }
  if (plan) {
    ui.print(`bootstrapping ${state.region}…`);
    try {
      await toolkit.bootstrap(lib.BootstrapEnvironments.fromCloudAssemblySource(cx), {
        ...(policies.length > 0
          ? {
              parameters: lib.BootstrapStackParameters.withExisting({ cloudFormationExecutionPolicies: [...policies] }),
            }
          : {}),
      });
    } catch (error) {
      throw new OarError(
        'OAR312',
        `could not bootstrap the target environment: ${toolkitFailure(error, lib.ToolkitError, host.lastFailedCall).message}; check your AWS credentials and region (AWS_PROFILE, AWS_REGION or --region)`,
      );
    }
  }
  let outputs: Record<string, string>;
  try {
    // Stack-level tags, as `cdk deploy --tags` sets them: CloudFormation copies them to every resource that takes tags.
    const stackTags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    const result = await toolkit.deploy(cx, { stacks, tags: stackTags, deploymentMethod: { method: req.method } });
    outputs = result.stacks[0]?.outputs ?? {};
  } catch (error) {
    const failure = toolkitFailure(error, lib.ToolkitError, host.lastFailedCall);
    const failures = host.failures.length > 0 ? host.failures : suspects(synth.template, failure);
    throw new OarError('OAR312', deployFailure(synth.stackName, failure.message, failures));
  }
  const changed = host.noOp !== true;
  ui.print(changed ? `deployed ${synth.stackName}` : `no changes: ${synth.stackName} already matches the template`);
  for (const [k, v] of Object.entries(outputs)) ui.print(`  ${k} = ${v}`);
  const smoke = req.smokeTests
    ? await runSmokeTests(entry.meta.smokeTests ?? [], outputs, {
        ...(req.smokeTimeoutMs === undefined ? {} : { timeoutMs: req.smokeTimeoutMs }),
        onAttempt: ui.print,
      })
    : [];
  for (const s of smoke) ui.print(`smoke test ${s.ok ? 'passed' : 'FAILED'}: ${s.name} (${s.url}): ${s.detail}`);
  return { stackName: synth.stackName, outputs, changed, smoke };
}

function suspects(template: CfnTemplate, failure: ToolkitFailure): ResourceFailure[] {
  return suspectResources(template, failure).map((r) => ({
    ...r,
    status: 'FAILED',
    reason: 'named by the error above',
  }));
}

/** The message for a failed deploy: each failed resource with CloudFormation's reason, then what to do next. */
export function deployFailure(stackName: string, message: string, failures: readonly ResourceFailure[]): string {
  const named = failures.map((f) => `  ${f.logicalId} (${f.type}) ${f.status}: ${f.reason}`).join('\n');
  return `deploying ${stackName} failed: ${message}${named ? `\nfailed resources:\n${named}` : ''}\nFix the cause and run oar deploy again (CloudFormation rolled back; a stack that never created is replaced), or remove it with oar destroy.`;
}
