import { OarError } from '../../lib/diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { synthRequestFor } from '../cdk/request.ts';
import { checkEnvName } from '../cdk/stack-name.ts';
import { synthOne } from '../cdk/synth-pool.ts';
import type { CfnTemplate } from '../cdk/template.ts';
import type { ResourceFailure } from './io-host.ts';
import { gitCommit } from './git-commit.ts';
import { suspectResources } from './suspects.ts';
import { runSmokeTests, type SmokeResult } from './smoke-tests.ts';
import { openAssembly, requireClean, toolkitMessage } from './toolkit.ts';

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
}

/** What a deploy produced. */
export interface DeployReport {
  readonly stackName: string;
  readonly outputs: Readonly<Record<string, string>>;
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
 * Synthesizes the entry with deploy tags, bootstraps the environment when needed,
 * shows the diff, asks, deploys through toolkit-lib, prints outputs and runs the
 * entry's smoke tests. A failed deploy names the resources that failed and why.
 */
export async function deployEntry(
  root: string,
  entry: ResolvedEntry,
  req: DeployRequest,
  ui: DeployUi,
): Promise<DeployReport | undefined> {
  checkEnvName(req.env);
  requireConfirmable('deploy', req.yes, ui);
  const tags = {
    'oar:entry': entry.id,
    'oar:version': entry.meta.version,
    'oar:env': req.env,
    'oar:commit': gitCommit(root),
  };
  const request = synthRequestFor(root, entry, req.params, { env: req.env });
  ui.print(`synthesizing ${request.stackName}…`);
  const synth = await synthOne(request);
  requireClean(synth);
  const lib = await import('@aws-cdk/toolkit-lib');
  const { toolkit, host, cx, stacks } = await openAssembly(synth, ui.print, ui.verbose);
  ui.print('checking the CDK bootstrap stack of the target account and region…');
  try {
    await toolkit.bootstrap(lib.BootstrapEnvironments.fromCloudAssemblySource(cx), {});
  } catch (error) {
    throw new OarError(
      'OAR312',
      `could not bootstrap the target environment: ${toolkitMessage(error)}; check your AWS credentials and region (AWS_PROFILE, AWS_REGION or --region)`,
    );
  }
  await toolkit.diff(cx, { stacks });
  ui.print(host.diffText.join('\n').trim() || 'no differences from what is deployed');
  if (!req.yes && !(await ui.confirm(`deploy ${synth.stackName}?`))) {
    ui.print('not deployed');
    return undefined;
  }
  let outputs: Record<string, string>;
  try {
    // Stack-level tags, as `cdk deploy --tags` sets them: CloudFormation copies them to every resource that takes tags.
    const stackTags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    const result = await toolkit.deploy(cx, { stacks, tags: stackTags, deploymentMethod: { method: req.method } });
    outputs = result.stacks[0]?.outputs ?? {};
  } catch (error) {
    const message = toolkitMessage(error);
    const failures = host.failures.length > 0 ? host.failures : suspects(synth.template, message);
    throw new OarError('OAR312', deployFailure(synth.stackName, message, failures));
  }
  ui.print(`deployed ${synth.stackName}`);
  for (const [k, v] of Object.entries(outputs)) ui.print(`  ${k} = ${v}`);
  const smoke = req.smokeTests
    ? await runSmokeTests(entry.meta.smokeTests ?? [], outputs, {
        ...(req.smokeTimeoutMs === undefined ? {} : { timeoutMs: req.smokeTimeoutMs }),
        onAttempt: ui.print,
      })
    : [];
  for (const s of smoke) ui.print(`smoke test ${s.ok ? 'passed' : 'FAILED'}: ${s.name} (${s.url}): ${s.detail}`);
  return { stackName: synth.stackName, outputs, smoke };
}

function suspects(template: CfnTemplate, message: string): ResourceFailure[] {
  return suspectResources(template, message).map((r) => ({
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
