import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag AwsSolutions-IAM5 finding (the resource as cdk-nag prints it) and why it is acceptable. */
export type WildcardReason = readonly [resource: string, reason: string];

/** Acknowledges each listed wildcard resource on one construct, so any other wildcard still fails. */
export function acknowledgeWildcards(construct: IConstruct, findings: readonly WildcardReason[]): void {
  for (const [resource, reason] of findings) {
    Validations.of(construct).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  }
}

/** How cdk-nag prints the ARN of a resource of this stack: <LogicalId.Arn>. */
export function arnOf(resource: CfnResource): string {
  return `<${Stack.of(resource).getLogicalId(resource)}.Arn>`;
}

/** How cdk-nag prints an ARN built with formatArn from the pseudo parameters. */
export function regionalArn(service: string, rest: string): string {
  return `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${rest}`;
}
