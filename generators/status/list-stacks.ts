import { CloudFormationClient, paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import { foreignAnswer } from '../deploy/foreign-answer.ts';
import { OarError } from '../../lib/diagnostics.ts';
import type { ListedStack } from './stack-status.ts';

/** Where to look, as the AWS CLI's --region and --profile say; unset means the SDK's default chain. */
export interface AwsTarget {
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
}

// An unreachable endpoint fails within seconds instead of the SDK's unlimited connect wait; a page of a large
// account's DescribeStacks still has room.
const TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000 } as const;

const HINT =
  'check the credentials (--profile, AWS_PROFILE or AWS_ACCESS_KEY_ID; they need cloudformation:DescribeStacks), the region (--region or AWS_REGION) and the endpoint (AWS_ENDPOINT_URL_CLOUDFORMATION or AWS_ENDPOINT_URL)';

/** The endpoint the environment sets for CloudFormation, as the SDK picks it; undefined for AWS itself. */
function endpointOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['AWS_ENDPOINT_URL_CLOUDFORMATION'] || env['AWS_ENDPOINT_URL'] || undefined;
}

/** What the SDK or AWS said, on one line: the error's name and message, and the HTTP status when there was one. */
function whatWasSaid(error: unknown, endpoint: string): string {
  const foreign = foreignAnswer(error, 'CloudFormation.DescribeStacks', endpoint);
  if (foreign !== undefined) return foreign;
  if (!(error instanceof Error)) return String(error);
  const message = (error.message.split('\n')[0] ?? '').trim();
  const named = message.includes(error.name) || error.name === 'Error' ? message : `${error.name}: ${message}`;
  const status = (error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined ? named : `${named} (HTTP ${String(status)})`;
}

/**
 * Every stack in the account and region (DescribeStacks, page after page), with its status and tags.
 * The SDK honours AWS_ENDPOINT_URL(_CLOUDFORMATION), so an emulator answers when one is set. Anything
 * that stops the listing (no region, no credentials, an unknown profile, an endpoint that does not
 * answer) is OAR342, quoting what was said.
 */
export async function listStacks(target: AwsTarget): Promise<{ region: string; stacks: ListedStack[] }> {
  const client = new CloudFormationClient({
    ...(target.region === undefined ? {} : { region: target.region }),
    ...(target.profile === undefined ? {} : { profile: target.profile }),
    requestHandler: TIMEOUTS,
  });
  const profile = target.profile === undefined ? '' : ` with profile ${JSON.stringify(target.profile)}`;
  try {
    let region: string;
    try {
      region = await client.config.region();
    } catch (error) {
      throw new OarError(
        'OAR342',
        `could not list the CloudFormation stacks: no AWS region is set${profile} (${whatWasSaid(error, 'AWS')}); pass --region, or set AWS_REGION or a region in the profile`,
      );
    }
    const endpoint = endpointOf();
    const at = endpoint === undefined ? '' : ` at ${endpoint}`;
    const stacks: ListedStack[] = [];
    try {
      for await (const page of paginateDescribeStacks({ client }, {})) {
        for (const s of page.Stacks ?? []) {
          const tags = Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
          stacks.push({ name: s.StackName ?? '', status: s.StackStatus ?? '', tags });
        }
      }
    } catch (error) {
      throw new OarError(
        'OAR342',
        `could not list the CloudFormation stacks in ${region}${at}${profile}: ${whatWasSaid(error, endpoint ?? `the CloudFormation endpoint of ${region}`)}; ${HINT}`,
      );
    }
    return { region, stacks };
  } finally {
    client.destroy();
  }
}
