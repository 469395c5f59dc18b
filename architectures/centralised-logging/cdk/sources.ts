import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface LogSourcesProps {
  readonly streamArn: string;
  readonly logGroupNames: readonly string[];
  readonly accountWideSubscription: boolean;
  /** Log groups the account-wide policy leaves out: the pipeline's own, to avoid a feedback loop. */
  readonly excludedLogGroupNames: readonly string[];
  readonly filterPattern: string;
  readonly organizationId: string;
  readonly sourceAccountIds: readonly string[];
}

/**
 * Everything that sends CloudWatch Logs into the Firehose stream: the role CloudWatch Logs assumes, a
 * CloudWatch Logs destination for other accounts, subscription filters on listed log groups of this
 * account, and an optional account-wide subscription filter policy.
 */
export class LogSources extends Construct {
  readonly destination: logs.CfnDestination;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LogSourcesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logsArn = (account: string) => `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${account}:*`;
    // CloudWatch Logs assumes the role on behalf of the account that owns the subscribed log group.
    const senders =
      props.organizationId !== ''
        ? [logsArn('*')]
        : [logsArn(Aws.ACCOUNT_ID), ...props.sourceAccountIds.map((a) => logsArn(a))];
    this.role = new iam.Role(this, 'LogsToFirehoseRole', {
      assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', {
        conditions: { StringLike: { 'aws:SourceArn': senders } },
      }),
      description: `CloudWatch Logs puts subscribed log events into the Firehose stream of ${stack.stackName}`,
    });
    const putRecords = new iam.Policy(this, 'PutRecordsPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'PutIntoTheStream',
          actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          resources: [props.streamArn],
        }),
      ],
    });

    // Other accounts (of the organization, or listed) subscribe their log groups to this destination.
    const destinationName = `${stack.stackName}-logs`;
    const destinationArn = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:destination:${destinationName}`;
    const principals =
      props.organizationId !== ''
        ? { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': [props.organizationId] } } }
        : props.sourceAccountIds.length > 0
          ? { Principal: { AWS: [...props.sourceAccountIds] } }
          : undefined;
    this.destination = new logs.CfnDestination(this, 'Destination', {
      destinationName,
      roleArn: this.role.roleArn,
      targetArn: props.streamArn,
      ...(principals && {
        destinationPolicy: stack.toJsonString({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'SubscribeFromOtherAccounts',
              Effect: 'Allow',
              ...principals,
              Action: 'logs:PutSubscriptionFilter',
              Resource: destinationArn,
            },
          ],
        }),
      }),
    });
    // CloudWatch Logs sends a test record when the destination is created; the role must be able to put it.
    this.destination.node.addDependency(putRecords);

    props.logGroupNames.forEach((logGroupName, i) => {
      const filter = new logs.CfnSubscriptionFilter(this, `SubscriptionFilter${i + 1}`, {
        logGroupName,
        destinationArn: props.streamArn,
        roleArn: this.role.roleArn,
        filterPattern: props.filterPattern,
      });
      filter.node.addDependency(putRecords);
    });

    if (props.accountWideSubscription) {
      const policy = new logs.CfnAccountPolicy(this, 'AccountSubscriptionPolicy', {
        policyName: `${stack.stackName}-all-log-groups`,
        policyType: 'SUBSCRIPTION_FILTER_POLICY',
        scope: 'ALL',
        policyDocument: stack.toJsonString({
          DestinationArn: props.streamArn,
          RoleArn: this.role.roleArn,
          FilterPattern: props.filterPattern,
        }),
        selectionCriteria: `LogGroupName NOT IN [${props.excludedLogGroupNames.map((n) => JSON.stringify(n)).join(', ')}]`,
      });
      policy.node.addDependency(putRecords);
    }
  }
}
