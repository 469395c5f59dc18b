import { readFileSync } from 'node:fs';
import { foreignAnswer } from './foreign-answer.ts';
import { join } from 'node:path';
import { OarError } from '../../lib/diagnostics.ts';

/** The stack `cdk bootstrap` creates in each account and region, and the parameter where it records its version. */
export const TOOLKIT_STACK = 'CDKToolkit';
const DEFAULT_VERSION_PARAMETER = '/cdk-bootstrap/hnb659fds/version';

/** What the target account and region hold of the CDK bootstrap, read without changing anything. */
export interface BootstrapState {
  readonly region: string;
  /** The bootstrap version in the SSM parameter the stack checks; undefined when there is none. */
  readonly version?: number;
  /** Why the version could not be read, e.g. credentials allowed only to assume the CDK's roles. */
  readonly unreadable?: string;
}

/** What a stack needs of the bootstrap: a version, kept in an SSM parameter, as its cloud assembly says. */
export interface BootstrapNeed {
  readonly version: number;
  readonly parameter: string;
}

const POLICY_ARN = /^arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:iam::(?:aws|\d{12}):policy\/[\w+=,.@/-]{1,512}$/u;

/** Checks each --execution-policy: an IAM managed policy ARN (OAR317 otherwise). */
export function checkExecutionPolicies(policies: readonly string[]): readonly string[] {
  for (const p of policies) {
    if (!POLICY_ARN.test(p)) {
      throw new OarError(
        'OAR317',
        `--execution-policy ${JSON.stringify(p)} is not an IAM managed policy ARN; write e.g. --execution-policy arn:aws:iam::123456789012:policy/deploy-queue-workers, a policy that allows only the services the entry uses`,
      );
    }
  }
  return policies;
}

/** The partition of a region, for the ARN of the policy toolkit-lib attaches by default. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The policies the CloudFormation execution role gets when oar bootstraps: the given ones, else toolkit-lib's default. */
export function executionPolicies(region: string, given: readonly string[]): readonly string[] {
  return given.length > 0 ? given : [`arn:${partitionOf(region)}:iam::aws:policy/AdministratorAccess`];
}

/** The bootstrap version `stackName` needs and the SSM parameter holding the deployed one, from its cloud assembly. */
export function bootstrapNeed(assemblyDir: string, stackName: string): BootstrapNeed {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<
      string,
      { properties?: { requiresBootstrapStackVersion?: unknown; bootstrapStackVersionSsmParameter?: unknown } }
    >;
  };
  const props = manifest.artifacts?.[stackName]?.properties ?? {};
  const version = props.requiresBootstrapStackVersion;
  const parameter = props.bootstrapStackVersionSsmParameter;
  return {
    version: typeof version === 'number' && Number.isInteger(version) ? version : 6,
    parameter:
      typeof parameter === 'string' && /^\/[\w./-]{1,200}$/u.test(parameter) ? parameter : DEFAULT_VERSION_PARAMETER,
  };
}

/**
 * Reads the bootstrap version of the account and region the AWS SDK's default
 * chain points at (AWS_PROFILE, AWS_REGION, --region) from the SSM parameter
 * that CDKToolkit writes and every deploy checks: one GetParameter call, so
 * nothing is created or changed before the person running oar agrees.
 */
export async function readBootstrapState(need: BootstrapNeed): Promise<BootstrapState> {
  const { SSMClient, GetParameterCommand, ParameterNotFound } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({});
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    throw new OarError(
      'OAR312',
      'no AWS region is set; pass --region, or set AWS_REGION or a region in your AWS profile',
    );
  }
  try {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: need.parameter }));
    const version = Number(Parameter?.Value);
    return { region, ...(Number.isInteger(version) ? { version } : {}) };
  } catch (error) {
    if (error instanceof ParameterNotFound) return { region };
    const message =
      foreignAnswer(error, 'SSM.GetParameter') ?? (error instanceof Error ? error.message : String(error));
    // Least-privilege credentials may only assume the CDK's roles; the deploy role then checks the version itself.
    if (error instanceof Error && error.name === 'AccessDeniedException') return { region, unreadable: message };
    throw new OarError(
      'OAR312',
      `could not read the bootstrap version (SSM parameter ${need.parameter}) in ${region}: ${message}; check your AWS credentials and region (AWS_PROFILE, AWS_REGION or --region)`,
    );
  } finally {
    client.destroy();
  }
}

/**
 * What bootstrapping would do, in words for the confirmation, or undefined when
 * the account and region are bootstrapped at `required` or later and oar leaves
 * CDKToolkit alone (it never upgrades a bootstrap stack that is good enough).
 */
export function bootstrapPlan(
  state: BootstrapState,
  need: BootstrapNeed,
  policies: readonly string[],
): string | undefined {
  if (state.unreadable !== undefined || (state.version !== undefined && state.version >= need.version))
    return undefined;
  const what = `an S3 bucket and an ECR repository for assets, and IAM roles that the CDK and CloudFormation assume; the CloudFormation execution role gets ${executionPolicies(state.region, policies).join(', ')}`;
  if (state.version !== undefined) {
    return `the ${TOOLKIT_STACK} stack in ${state.region} is at bootstrap version ${state.version}, and this stack needs ${need.version} or later: deploying will first update ${TOOLKIT_STACK} (${what})`;
  }
  return `this account and region (${state.region}) are not bootstrapped for the CDK: deploying will first create the ${TOOLKIT_STACK} stack: ${what}`;
}
