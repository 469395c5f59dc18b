import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { expect } from 'vitest';
import { readBack, type DeployedStack } from '../readback.ts';

// The defaults in architecture.yaml, which the emulator suite deploys with.
const WEEK = 604_800;

async function alarms(stack: DeployedStack): Promise<MetricAlarm[]> {
  const cw = new CloudWatchClient(stack.aws);
  const { MetricAlarms = [] } = await cw.send(
    new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
  );
  return MetricAlarms;
}

const topics = (stack: DeployedStack) => [stack.outputs['ReportTopicArn'] ?? '', stack.outputs['AlarmTopicArn'] ?? ''];

export default [
  readBack(
    'One alarm sums failed, timed-out and stopped runs of the state machine and failed starts of the schedule, and notifies the alarm topic on the first',
    async (stack) => {
      const alarm = (await alarms(stack)).find((a) =>
        a.Metrics?.some((m) => m.MetricStat?.Metric?.MetricName === 'ExecutionsFailed'),
      );
      expect(alarm, 'no alarm counts failed runs').toBeDefined();
      const metrics = alarm?.Metrics ?? [];
      const expression = metrics.find((m) => m.Expression !== undefined)?.Expression ?? '';
      const counted = (name: string, dimension: string, value: string | undefined) => {
        const m = metrics.find((x) => x.MetricStat?.Metric?.MetricName === name);
        expect(m, `the alarm does not count ${name}`).toBeDefined();
        expect(expression).toContain(m?.Id ?? '?');
        expect(m?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: dimension, Value: value }]);
      };
      for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'])
        counted(name, 'StateMachineArn', stack.outputs['StateMachineArn']);
      counted('FailedInvocations', 'RuleName', stack.outputs['ScheduleRuleName']);
      expect([alarm?.Threshold, alarm?.ComparisonOperator]).toEqual([1, 'GreaterThanOrEqualToThreshold']);
      expect(alarm?.AlarmActions).toEqual([stack.outputs['AlarmTopicArn']]);
    },
    'run-failure-alarm',
  ),
  readBack(
    'An alarm notifies the alarm topic when fewer than one run of the state machine succeeded in a week, counting a week without data',
    async (stack) => {
      const missed = (await alarms(stack)).filter((a) => a.MetricName === 'ExecutionsSucceeded');
      expect(missed).toHaveLength(1);
      const a = missed[0];
      expect(a?.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: stack.outputs['StateMachineArn'] }]);
      expect([a?.Statistic, a?.ComparisonOperator, a?.Threshold, a?.EvaluationPeriods, a?.Period]).toEqual([
        'Sum',
        'LessThanThreshold',
        1,
        1,
        WEEK,
      ]);
      expect(a?.TreatMissingData).toBe('breaching');
      expect(a?.AlarmActions).toEqual([stack.outputs['AlarmTopicArn']]);
    },
    'missed-run-alarm',
  ),
  readBack(
    'The history bucket is versioned and keeps overwritten objects for 90 days (the series table half of the claim is not read back: the emulator does not apply point-in-time recovery)',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const Bucket = stack.outputs['HistoryBucketName'];
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
      expect(Rules.some((r) => r.Status === 'Enabled' && r.NoncurrentVersionExpiration?.NoncurrentDays === 90)).toBe(
        true,
      );
    },
    'history-recoverable',
  ),
  readBack('The history bucket blocks every kind of public access', async (stack) => {
    const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
    const { PublicAccessBlockConfiguration } = await s3.send(
      new GetPublicAccessBlockCommand({ Bucket: stack.outputs['HistoryBucketName'] }),
    );
    expect(PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
  }),
  readBack(
    'Both topics are encrypted with the stack key, which rotates, and refuse publishing over plain HTTP',
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      const keyId = stack.physicalId('AWS::KMS::Key');
      const { KeyRotationEnabled } = await new KMSClient(stack.aws).send(
        new GetKeyRotationStatusCommand({ KeyId: keyId }),
      );
      expect(KeyRotationEnabled).toBe(true);
      for (const TopicArn of topics(stack)) {
        const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
        expect(Attributes['KmsMasterKeyId']?.endsWith(`:key/${keyId}`), TopicArn).toBe(true);
        const statements = (
          JSON.parse(Attributes['Policy'] ?? '{}') as { Statement: { Effect: string; Condition?: unknown }[] }
        ).Statement;
        expect(
          statements.some(
            (s) =>
              s.Effect === 'Deny' &&
              JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
          ),
          `${TopicArn} accepts plain HTTP`,
        ).toBe(true);
      }
    },
    'topics-encrypted',
  ),
  readBack(
    'The topics have no subscribers, as no report or alarm address is given',
    async (stack) => {
      const sns = new SNSClient(stack.aws);
      for (const TopicArn of topics(stack)) {
        const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
        expect(Subscriptions, TopicArn).toEqual([]);
      }
    },
    'subscribers-only-given',
  ),
  readBack(
    'The gather, compute and store steps run on Node.js 24',
    async (stack) => {
      const lambda = new LambdaClient(stack.aws);
      const names = (stack.outputs['StepFunctionNames'] ?? '').split(',');
      expect(names).toHaveLength(3);
      const steps = await Promise.all(
        names.map((FunctionName) => lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))),
      );
      expect(steps.map((s) => s.Description?.split(':')[0])).toEqual([
        'metrics-pipeline gather',
        'metrics-pipeline compute',
        'metrics-pipeline store',
      ]);
      for (const s of steps) expect(s.Runtime, s.FunctionName).toBe('nodejs24.x');
    },
    'functions-run-shipped-code',
  ),
];
