import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const ZONE_NAME = 'hosts.corp.internal';
const RECORD_TTL_SECONDS = 60;
const ADDRESS_TYPE = 'private';

async function functionConfig(stack: DeployedStack) {
  return new LambdaClient(stack.aws).send(
    new GetFunctionConfigurationCommand({ FunctionName: stack.outputs['FunctionName'] }),
  );
}

async function alarmOn(stack: DeployedStack, metricName: string): Promise<MetricAlarm | undefined> {
  const cw = new CloudWatchClient(stack.aws);
  const { MetricAlarms = [] } = await cw.send(
    new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
  );
  const found = MetricAlarms.filter((a) => a.MetricName === metricName);
  expect(found, `alarms on ${metricName}`).toHaveLength(1);
  return found[0];
}

/** What an alarm watches and when it fires: 5-minute periods, above the threshold, in `periods` periods in a row. */
function expectAlarm(
  stack: DeployedStack,
  a: MetricAlarm | undefined,
  watches: { namespace: string; dimension: string; value: string | undefined; statistic: string },
  fires: { threshold: number; periods: number; missing: string },
) {
  expect([a?.Namespace, a?.Dimensions, a?.Statistic]).toEqual([
    watches.namespace,
    [{ Name: watches.dimension, Value: watches.value }],
    watches.statistic,
  ]);
  expect([
    a?.Period,
    a?.ComparisonOperator,
    a?.Threshold,
    a?.EvaluationPeriods,
    a?.DatapointsToAlarm ?? a?.EvaluationPeriods,
  ]).toEqual([300, 'GreaterThanThreshold', fires.threshold, fires.periods, fires.periods]);
  expect(a?.TreatMissingData).toBe(fires.missing);
  expect(a?.AlarmActions).toEqual([stack.outputs['AlarmTopicArn']]);
  expect(a?.OKActions).toEqual([stack.outputs['AlarmTopicArn']]);
}

const lambdaMetric = (stack: DeployedStack, statistic: string) => ({
  namespace: 'AWS/Lambda',
  dimension: 'FunctionName',
  value: stack.outputs['FunctionName'],
  statistic,
});

export default [
  readBack(
    'The function writes records with the TTL of recordTtlSeconds, pointing at the address addressType names, in the stack’s zone and table',
    async (stack) => {
      const env = (await functionConfig(stack)).Environment?.Variables ?? {};
      expect(env['RECORD_TTL']).toBe(String(RECORD_TTL_SECONDS));
      expect(env['ADDRESS_TYPE']).toBe(ADDRESS_TYPE);
      expect([env['ZONE_ID'], env['ZONE_NAME'], env['TABLE_NAME']]).toEqual([
        stack.outputs['HostedZoneId'],
        ZONE_NAME,
        stack.outputs['RecordTableName'],
      ]);
    },
    'record-ttl-follows-the-parameter',
  ),
  readBack(
    'The function runs one event at a time',
    async (stack) => {
      const lambda = new LambdaClient(stack.aws);
      const { ReservedConcurrentExecutions } = await lambda.send(
        new GetFunctionConcurrencyCommand({ FunctionName: stack.outputs['FunctionName'] }),
      );
      expect(ReservedConcurrentExecutions).toBe(1);
    },
    'one-change-at-a-time',
  ),
  readBack(
    'The function runs outside any VPC',
    async (stack) => {
      const vpc = (await functionConfig(stack)).VpcConfig;
      expect(vpc?.SubnetIds ?? []).toEqual([]);
    },
    'no-zonal-resources',
  ),
  readBack(
    'Without vpcIds the zone is public',
    async (stack) => {
      const r53 = new Route53Client(stack.aws);
      const { HostedZone, VPCs } = await r53.send(new GetHostedZoneCommand({ Id: stack.outputs['HostedZoneId'] }));
      expect(HostedZone?.Name?.replace(/\.$/u, '')).toBe(ZONE_NAME);
      expect(HostedZone?.Config?.PrivateZone).toBe(false);
      expect(VPCs ?? []).toEqual([]);
    },
    'private-zone-with-vpc-ids',
  ),
  readBack(
    'The dead-letter queue keeps failed events for 14 days, encrypted (the function’s dead-letter setting is not read back: the emulator does not keep it)',
    async (stack) => {
      const sqs = new SQSClient(stack.aws);
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: stack.outputs['DeadLetterQueueUrl'], AttributeNames: ['All'] }),
      );
      expect(Number(Attributes['MessageRetentionPeriod'])).toBe(14 * 86_400);
      expect(Attributes['SqsManagedSseEnabled']).toBe('true');
    },
    'failed-events-retried-then-parked',
  ),
  readBack(
    'The dashboard graphs the age of the oldest queued event, errors, throttles and the dead-letter queue',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { DashboardBody } = await cw.send(
        new GetDashboardCommand({ DashboardName: stack.outputs['DashboardName'] }),
      );
      const widgets = (JSON.parse(DashboardBody ?? '{}') as { widgets: { properties: { metrics?: string[][] } }[] })
        .widgets;
      const metrics = widgets.flatMap((w) => w.properties.metrics ?? []).map((m) => `${m[0] ?? ''} ${m[1] ?? ''}`);
      for (const m of [
        'AWS/Lambda AsyncEventAge',
        'AWS/Lambda Errors',
        'AWS/Lambda Throttles',
        'AWS/SQS ApproximateNumberOfMessagesVisible',
      ])
        expect(metrics).toContain(m);
    },
    'dashboard-shows-the-backlog',
  ),
  readBack(
    'An alarm notifies the alarm topic when the function fails in each of three 5-minute periods in a row',
    async (stack) => {
      expectAlarm(stack, await alarmOn(stack, 'Errors'), lambdaMetric(stack, 'Sum'), {
        threshold: 0,
        periods: 3,
        missing: 'notBreaching',
      });
    },
    'errors-alarm',
  ),
  readBack(
    'An alarm notifies the alarm topic when an event waits in the dead-letter queue, keeping its state while the queue reports nothing',
    async (stack) => {
      const queueName = stack.outputs['DeadLetterQueueUrl']?.split('/').pop();
      expectAlarm(
        stack,
        await alarmOn(stack, 'ApproximateNumberOfMessagesVisible'),
        { namespace: 'AWS/SQS', dimension: 'QueueName', value: queueName, statistic: 'Maximum' },
        { threshold: 0, periods: 1, missing: 'ignore' },
      );
    },
    'dead-letter-queue-alarm',
  ),
  readBack(
    'An alarm notifies the alarm topic when Lambda could not send a failed event to the dead-letter queue',
    async (stack) => {
      expectAlarm(stack, await alarmOn(stack, 'DeadLetterErrors'), lambdaMetric(stack, 'Sum'), {
        threshold: 0,
        periods: 1,
        missing: 'notBreaching',
      });
    },
    'lost-events-alarm',
  ),
  readBack(
    'An alarm notifies the alarm topic when events wait more than five minutes in two 5-minute periods in a row',
    async (stack) => {
      expectAlarm(stack, await alarmOn(stack, 'AsyncEventAge'), lambdaMetric(stack, 'Maximum'), {
        threshold: 300_000,
        periods: 2,
        missing: 'notBreaching',
      });
    },
    'backlog-alarm',
  ),
  readBack(
    'The alarm topic is encrypted with a rotated key that CloudWatch may use for this account, lets this account’s alarms publish over TLS only, and has no subscriber without alarmEmail',
    async (stack) => {
      const TopicArn = stack.outputs['AlarmTopicArn'];
      const [, partition, , region, account] = TopicArn?.split(':') ?? [];
      const keyId = stack.physicalId('AWS::KMS::Key');
      const kms = new KMSClient(stack.aws);
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
      type Statement = { Effect: string; Principal?: { Service?: string }; Action?: unknown; Condition?: unknown };
      const keyPolicy = JSON.parse(
        (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy ?? '{}',
      ) as { Statement: Statement[] };
      expect(keyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
      const sns = new SNSClient(stack.aws);
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
      expect(Attributes['KmsMasterKeyId']?.endsWith(`:key/${keyId}`)).toBe(true);
      const statements = (JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: Statement[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` } },
        }),
      );
      expect(
        statements.some(
          (s) =>
            s.Effect === 'Deny' &&
            JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
        ),
        'the topic accepts plain HTTP',
      ).toBe(true);
      const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
      expect(Subscriptions).toEqual([]);
    },
    'alarms-notify-an-encrypted-topic',
  ),
];
