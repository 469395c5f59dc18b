import { OarError } from '../../lib/diagnostics.ts';
import type { ResolvedEntry } from '../../lib/resolve/resolve-catalogue.ts';
import { synthRequestFor } from '../synth/request.ts';
import { checkEnvName } from '../synth/stack-name.ts';
import { synthOne } from '../synth/synth-pool.ts';
import { describeStateful, statefulResources, type StatefulResource } from '../synth/stateful.ts';
import { retainedResources } from '../synth/template.ts';
import { requireConfirmable, type DeployUi } from '../deploy/deploy-entry.ts';
import type { ResourceFailure } from '../deploy/io-host.ts';
import { openAssembly, toolkitFailure, type ToolkitErrors, type ToolkitFailure } from '../deploy/toolkit.ts';

/** What a destroy did. */
export interface DestroyReport {
  readonly stackName: string;
  readonly existed: boolean;
  /** Resources CloudFormation leaves in place because of their retain policy. */
  readonly retained: readonly { logicalId: string; type: string }[];
  /** Resources holding data that the destroy deleted (or snapshotted, then deleted). */
  readonly deleted: readonly StatefulResource[];
}

const ATTEMPTS = 3;

/**
 * Deletes an entry's environment after confirmation. A VPC's first delete can
 * fail while ENIs of deleted resources are still detaching, so a dependency
 * failure is retried. Resources with a retain policy are listed, never hidden.
 */
export async function destroyEntry(
  root: string,
  entry: ResolvedEntry,
  req: { env: string; params: readonly string[]; yes: boolean },
  ui: DeployUi,
): Promise<DestroyReport | undefined> {
  checkEnvName(req.env);
  requireConfirmable('destroy', req.yes, ui);
  const synth = await synthOne({
    ...synthRequestFor(root, entry, req.params, { env: req.env }),
    nag: false,
    cfnValidation: false,
  });
  const retained = retainedResources(synth.template);
  const stateful = statefulResources(synth.template);
  // Printed with --yes too, so a log shows what went.
  if (stateful.length > 0)
    ui.print(`destroying ${synth.stackName} deletes this data:\n${describeStateful(stateful).join('\n')}`);
  if (retained.length > 0) {
    ui.print(`kept, because of a retain policy:\n${retained.map((r) => `  ${r.logicalId} (${r.type})`).join('\n')}`);
  }
  if (!req.yes && !(await ui.confirm(`destroy ${synth.stackName} and every resource in it?`))) {
    ui.print('not destroyed');
    return undefined;
  }
  const { toolkit, host, cx, stacks } = await openAssembly(synth, ui.print, ui.verbose);
  const { ToolkitError } = await import('@aws-cdk/toolkit-lib');
  const { result, attempt } = await destroyRetrying(() => toolkit.destroy(cx, { stacks }), {
    stackName: synth.stackName,
    print: ui.print,
    errors: ToolkitError,
    failures: () => host.failures,
    failedCall: () => host.lastFailedCall,
  });
  // A retried delete may find the stack already gone: the earlier attempt finished after reporting failure.
  const existed = attempt > 1 || (result.stacks[0]?.stackExisted ?? false);
  ui.print(existed ? `destroyed ${synth.stackName}` : `${synth.stackName} does not exist; nothing to destroy`);
  for (const r of existed ? retained : [])
    ui.print(`  retained ${r.logicalId} (${r.type}): delete it yourself when it is no longer needed`);
  return {
    stackName: synth.stackName,
    existed,
    retained: existed ? retained : [],
    deleted: existed ? stateful : [],
  };
}

/** How a destroy is retried and reported. */
export interface RetryContext {
  readonly stackName: string;
  readonly print: (line: string) => void;
  readonly errors: ToolkitErrors;
  /** The resources CloudFormation reported failing, so far. */
  readonly failures: () => readonly ResourceFailure[];
  /** The last AWS call that failed (toolkit-lib's SDK trace), to name when an answer was not AWS's. */
  readonly failedCall?: () => string | undefined;
  /** Waits between attempts; tests pass one that does not. */
  readonly wait?: (ms: number) => Promise<void>;
}

/**
 * Runs `destroy`, again when a delete was blocked by a dependency (a VPC's first
 * delete can fail while ENIs of deleted resources still detach), up to three times.
 * Any other failure, or the last, is OAR313 with the resources that failed.
 */
export async function destroyRetrying<T>(
  destroy: () => Promise<T>,
  ctx: RetryContext,
): Promise<{ readonly result: T; readonly attempt: number }> {
  const wait = ctx.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await destroy(), attempt };
    } catch (error) {
      const failure = toolkitFailure(error, ctx.errors, ctx.failedCall?.());
      if (attempt < ATTEMPTS && blockedByDependency(failure)) {
        ctx.print(`  delete blocked by a dependency (${failure.message}); retrying (${attempt}/${ATTEMPTS - 1})`);
        await wait(2000 * attempt);
        continue;
      }
      const named = ctx
        .failures()
        .map((f) => `  ${f.logicalId} (${f.type}) ${f.status}: ${f.reason}`)
        .join('\n');
      throw new OarError(
        'OAR313',
        `destroying ${ctx.stackName} failed: ${failure.message}${named ? `\n${named}` : ''}\nRun oar destroy again, or delete the stack in the CloudFormation console.`,
      );
    }
  }
}

/** Whether a delete failed only because something still depends on a resource, which passes with time. */
function blockedByDependency(failure: ToolkitFailure): boolean {
  // toolkit-lib's code for the first failed resource, when CloudFormation's reason names its error code.
  if (failure.deploymentCode?.endsWith(':DependencyViolation')) return true;
  // Cloud Control reports it as GeneralServiceException, and moto gives no code: only the text says so.
  return /DependencyViolation|has dependencies/iu.test(failure.message);
}
