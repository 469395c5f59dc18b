import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { UpdaterAlarms } from './alarms.ts';
import type { Parameters } from './parameters.generated.ts';

export interface InstanceTagDnsStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The instance states whose notifications trigger the function, as the entry describes. */
export const STATE_CHANGES = ['running', 'stopped', 'terminated'] as const;

/** The log retention choices offered by the logRetentionDays parameter. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  7: logs.RetentionDays.ONE_WEEK,
  14: logs.RetentionDays.TWO_WEEKS,
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
};

/** CloudFormation's historical limit for inline code, kept so the template stays readable. */
export const INLINE_CODE_LIMIT = 4096;

/**
 * The handler as it ships inline: lambda/index.js without comment lines and indentation.
 * Inline Node.js code becomes index.js, which Lambda loads as CommonJS.
 */
export function inlineHandlerSource(): string {
  const file = readFileSync(new URL('../lambda/index.js', import.meta.url), 'utf8');
  return file
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('/*'))
    .join('\n');
}

/**
 * DNS records maintained from EC2 instance tags: EC2 state-change and tag-change events,
 * and an optional schedule, invoke one function that keeps an A record per running tagged
 * instance in a hosted zone, remembering each record in a DynamoDB table.
 */
export default class InstanceTagDnsStack extends Stack {
  constructor(scope: Construct, id: string, props: InstanceTagDnsStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const vpcIds = p.vpcIds === '' ? [] : p.vpcIds.split(',');

    // The stack owns the zone. With VPCs it is private to them; without, it is public.
    // (L1, because the L2 zone wants VPC constructs and this stack only has ids, no lookups.)
    // A public zone keeps a copy in us-west-2 with accelerated recovery, so record changes resume within about an
    // hour of a us-east-1 impairment; it must be on before the event, and private zones do not offer it.
    const zone = new route53.CfnHostedZone(this, 'Zone', {
      name: p.zoneName,
      hostedZoneConfig: { comment: `A records kept from the ${p.tagKey} tag of EC2 instances (instance-tag-dns)` },
      ...(vpcIds.length > 0 && { vpcs: vpcIds.map((vpcId) => ({ vpcId, vpcRegion: this.region })) }),
      ...(vpcIds.length === 0 &&
        p.acceleratedRecovery && { hostedZoneFeatures: { enableAcceleratedRecovery: true } }),
    });
    // Names that clients resolve must not vanish with a stack deletion or replacement.
    zone.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const zoneArn = this.formatArn({
      service: 'route53',
      region: '',
      account: '',
      resource: 'hostedzone',
      resourceName: zone.ref,
    });

    // Which record each instance got: terminated instances no longer report their address.
    const table = new dynamodb.Table(this, 'RecordTable', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Kept with the zone: without it, the records in the retained zone could not be cleaned up.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      // A reconcile redoes whatever a parked event was for, so nothing in the queue is worth keeping without the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(deadLetterQueue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter queue of the function (its DeadLetterConfig); a DLQ needs no DLQ of its own.',
      },
      {
        id: 'AwsSolutions-SQS4',
        reason:
          'No queue policy at all: only IAM principals of this account with sqs permissions reach the queue, over the HTTPS SDK endpoints. A deny-non-TLS statement needs an AWS::SQS::QueuePolicy, which this entry leaves out so the local emulator deploys every resource.',
      },
    );

    const retention = RETENTION[p.logRetentionDays];
    if (retention === undefined) {
      throw new Error(
        `logRetentionDays is ${p.logRetentionDays}; use one of ${Object.keys(RETENTION).join(', ')} (architecture.yaml)`,
      );
    }
    const logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'instance-tag-dns record updater: describe instances, change A records in one zone, its table',
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ChangeARecordsInTheZone',
        actions: ['route53:ChangeResourceRecordSets'],
        resources: [zoneArn],
        conditions: {
          'ForAllValues:StringEquals': {
            'route53:ChangeResourceRecordSetsRecordTypes': ['A'],
            'route53:ChangeResourceRecordSetsActions': ['CREATE', 'UPSERT', 'DELETE'],
          },
          // Names below the zone only: never the apex, its NS or SOA records.
          'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': [`*.${p.zoneName}`] },
        },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'RememberRecords',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
        resources: [table.tableArn],
      }),
    );
    const describeInstances = new iam.Policy(this, 'DescribeInstancesPolicy', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['ec2:DescribeInstances'], resources: ['*'] })],
    });
    Validations.of(describeInstances).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ec2:DescribeInstances does not support resource-level permissions or tag conditions; IAM only accepts Resource "*" for it. It is read-only and alone in this policy.',
    });

    const source = inlineHandlerSource();
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(
        `lambda/index.js ships ${source.length} characters inline, over ${INLINE_CODE_LIMIT}; shorten the code`,
      );
    }
    const fn = new lambda.Function(this, 'RecordUpdater', {
      description: `Keeps A records in ${p.zoneName} in step with the ${p.tagKey} tag of EC2 instances`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      role,
      logGroup,
      memorySize: 256,
      // Room for a full reconcile; a single event takes well under a second.
      timeout: Duration.minutes(2),
      // One at a time: changes to a name are serialized, and the zone sees at most one writer.
      reservedConcurrentExecutions: 1,
      deadLetterQueue,
      environment: {
        TABLE_NAME: table.tableName,
        ZONE_ID: zone.ref,
        ZONE_NAME: p.zoneName,
        TAG_KEY: p.tagKey,
        RECORD_TTL: String(p.recordTtlSeconds),
        ADDRESS_TYPE: p.addressType,
      },
    });
    // The separate policy must exist before the first event arrives (the role's default policy already does).
    fn.node.addDependency(describeInstances);

    new events.Rule(this, 'InstanceStateRule', {
      description: 'EC2 instances that reach running, stopped or terminated',
      eventPattern: {
        source: ['aws.ec2'],
        detailType: ['EC2 Instance State-change Notification'],
        detail: { state: [...STATE_CHANGES] },
      },
      targets: [new targets.LambdaFunction(fn)],
    });
    new events.Rule(this, 'TagChangeRule', {
      description: `EC2 instances whose ${p.tagKey} tag is added, changed or removed`,
      eventPattern: {
        source: ['aws.tag'],
        detailType: ['Tag Change on Resource'],
        detail: { service: ['ec2'], 'resource-type': ['instance'], 'changed-tag-keys': [p.tagKey] },
      },
      targets: [new targets.LambdaFunction(fn)],
    });
    if (p.reconcileIntervalMinutes > 0) {
      new events.Rule(this, 'ReconcileSchedule', {
        description: 'Repairs records after lost events: every tagged instance and every remembered record',
        schedule: events.Schedule.rate(Duration.minutes(p.reconcileIntervalMinutes)),
        targets: [new targets.LambdaFunction(fn)],
      });
    }

    // Errors, parked and lost events and a backlog notify an encrypted topic, which emails alarmEmail when set.
    const alarms = new UpdaterAlarms(this, 'Alarms', { fn, deadLetterQueue, alarmEmail: p.alarmEmail });

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Events handled and failed',
            left: [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()],
          }),
          new cloudwatch.GraphWidget({
            title: 'Backlog: age of the oldest queued event (ms)',
            left: [fn.metric('AsyncEventAge', { statistic: 'Maximum' })],
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queue: events that failed every retry',
            left: [deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })],
          }),
        ],
        [
          new cloudwatch.LogQueryWidget({
            title: 'Record changes',
            width: 24,
            logGroupNames: [logGroup.logGroupName],
            queryLines: [
              'fields @timestamp, msg, id, fqdn, ip, error',
              'filter ispresent(msg) and msg != "reconciled"',
              'sort @timestamp desc',
              'limit 50',
            ],
          }),
        ],
      ],
    });

    new CfnOutput(this, 'HostedZoneId', {
      value: zone.ref,
      description: 'Id of the hosted zone that holds the records',
    });
    new CfnOutput(this, 'ZoneName', { value: p.zoneName, description: 'Domain under which instances get names' });
    new CfnOutput(this, 'RecordTableName', {
      value: table.tableName,
      description: 'DynamoDB table that remembers the record of each instance',
    });
    new CfnOutput(this, 'FunctionName', { value: fn.functionName, description: 'The record updater function' });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: deadLetterQueue.queueUrl,
      description: 'Events that failed every retry',
    });
    new CfnOutput(this, 'LogGroupName', {
      value: logGroup.logGroupName,
      description: 'Log group of the function, one JSON line per record change',
    });
    new CfnOutput(this, 'DashboardName', { value: dashboard.dashboardName, description: 'CloudWatch dashboard' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'SNS topic the alarms notify; subscribe your paging tool to it',
    });
  }
}
