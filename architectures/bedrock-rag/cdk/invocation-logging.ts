import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * What Bedrock model invocation logging needs: an encrypted log group and the role Bedrock assumes to write to it.
 * The logging switch itself (PutModelInvocationLoggingConfiguration) is one setting per account and Region with
 * no CloudFormation resource, so the README's runbook turns it on with these two.
 */
export class InvocationLogging extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: { readonly logGroup: logs.ILogGroup }) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: `Bedrock model invocation logging into ${stack.stackName}'s invocation log group`,
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'bedrock', resource: '*' }) },
        },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteInvocationLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [props.logGroup.logGroupArn],
      }),
    );
  }
}
