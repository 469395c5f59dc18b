import type { ICloudAssemblySource, StackSelector, Toolkit, ToolkitError } from '@aws-cdk/toolkit-lib';
import { foreignAnswer } from './foreign-answer.ts';
import { OarError } from '../../lib/diagnostics.ts';
import { formatDiagnostic } from '../../lib/report/format-diagnostics.ts';
import type { SynthResult } from '../synth/synth-entry.ts';
import { OarIoHost } from './io-host.ts';

/** A toolkit-lib Toolkit wired to oar's terminal output, and the cloud assembly of one synthesized stack. */
export async function openAssembly(
  synth: SynthResult,
  print: (line: string) => void,
  verbose: boolean,
): Promise<{ toolkit: Toolkit; host: OarIoHost; cx: ICloudAssemblySource; stacks: StackSelector }> {
  const lib = await import('@aws-cdk/toolkit-lib');
  const host = new OarIoHost(print, verbose);
  const toolkit = new lib.Toolkit({ ioHost: host, color: false, emojis: false });
  const cx = await toolkit.fromAssemblyDirectory(synth.outdir);
  const stacks = { strategy: lib.StackSelectionStrategy.PATTERN_MUST_MATCH_SINGLE, patterns: [synth.stackName] };
  return { toolkit, host, cx, stacks };
}

/** Refuses to go on when the synthesized stack has unacknowledged errors: they would fail review, or the deploy. */
export function requireClean(synth: SynthResult): void {
  const errors = synth.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n');
  throw new OarError(
    'OAR307',
    `${synth.stackName} has ${errors.length} unresolved finding(s); run oar check ${synth.id}:\n${lines}`,
  );
}

/**
 * toolkit-lib's error class, whose static guards (isToolkitError, isDeploymentError…) tell
 * its errors apart. Callers pass the one they loaded: toolkit-lib loads only when a
 * deploy or destroy gets that far.
 */
export type ToolkitErrors = typeof ToolkitError;

/** What a toolkit-lib call failed with, in the parts oar acts on. */
export interface ToolkitFailure {
  /** The first line of the underlying error, e.g. `InvalidSubnet.Range: The CIDR '192.168.0.0/24' is invalid.` */
  readonly message: string;
  /** The AWS error code of an AWS service error, e.g. InvalidSubnet.Range. */
  readonly awsCode?: string;
  /** toolkit-lib's code for a failed stack operation: the first failed resource's type and error, e.g. EC2VPC:DependencyViolation. */
  readonly deploymentCode?: string;
}

/**
 * The failure under a toolkit-lib error: a stack's failure comes wrapped as the
 * cause of toolkit-lib's own "❌  <stack> failed: …" error, so the cause is what
 * went wrong. The AWS SDK names a service error by its code, and toolkit-lib's
 * DeploymentError carries one of its own.
 */
export function toolkitFailure(error: unknown, errors: ToolkitErrors, failedCall?: string): ToolkitFailure {
  const cause = errors.isToolkitError(error) && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return { message: firstLine(String(cause)) };
  const foreign = foreignAnswer(cause, failedCall) ?? (cause === error ? undefined : foreignAnswer(error, failedCall));
  if (foreign !== undefined) return { message: foreign };
  // An AWS SDK ServiceException: it carries the response's $metadata, and its name is the error code.
  const awsCode = '$metadata' in cause && cause.name !== 'Error' ? cause.name : undefined;
  return {
    message: firstLine(awsCode === undefined ? cause.message : `${awsCode}: ${cause.message}`),
    ...(awsCode === undefined ? {} : { awsCode }),
    ...(errors.isDeploymentError(cause) ? { deploymentCode: cause.deploymentErrorCode } : {}),
  };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
