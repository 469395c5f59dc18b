import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeDestinationsCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Every Allow statement of the inline policies of a role of the stack, by its logical id prefix. */
async function allowedOf(stack: DeployedStack, rolePrefix: string): Promise<Statement[]> {
  const iam = new IAMClient(stack.aws);
  const RoleName = stack.physicalId('AWS::IAM::Role', rolePrefix);
  const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName }));
  const statements: Statement[] = [];
  for (const PolicyName of PolicyNames) {
    const { PolicyDocument = '{}' } = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
    const document = JSON.parse(decodeURIComponent(PolicyDocument)) as { Statement: Statement | Statement[] };
    statements.push(...(Array.isArray(document.Statement) ? document.Statement : [document.Statement]));
  }
  return statements.filter((s) => s.Effect === 'Allow');
}

async function streamOf(stack: DeployedStack) {
  const firehose = new FirehoseClient(stack.aws);
  const { DeliveryStreamDescription } = await firehose.send(
    new DescribeDeliveryStreamCommand({ DeliveryStreamName: stack.outputs['DeliveryStreamName'] }),
  );
  return DeliveryStreamDescription;
}

export default [
  readBack(
    "Log events reach the archive bucket through a Direct PUT stream whose only processors are Firehose's own",
    async (stack) => {
      const stream = await streamOf(stack);
      expect(stream?.DeliveryStreamType).toBe('DirectPut');
      const s3 = stream?.Destinations?.[0]?.ExtendedS3DestinationDescription;
      expect(s3?.BucketARN).toBe(`arn:aws:s3:::${stack.outputs['ArchiveBucketName']}`);
      expect(s3?.ProcessingConfiguration?.Enabled).toBe(true);
      expect(s3?.ProcessingConfiguration?.Processors?.map((p) => p.Type)).toEqual([
        'Decompression',
        'AppendDelimiterToRecord',
      ]);
    },
    'archive-path-is-regional',
  ),
  readBack(
    'The stream is encrypted with the stack key, writes compressed objects encrypted with it, and logs delivery errors to its encrypted log group',
    async (stack) => {
      const stream = await streamOf(stack);
      expect(stream?.DeliveryStreamEncryptionConfiguration?.KeyType).toBe('CUSTOMER_MANAGED_CMK');
      expect(stream?.DeliveryStreamEncryptionConfiguration?.KeyARN).toBe(stack.outputs['KmsKeyArn']);
      const s3 = stream?.Destinations?.[0]?.ExtendedS3DestinationDescription;
      expect(s3?.CompressionFormat).toBe('GZIP');
      expect(s3?.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN).toBe(stack.outputs['KmsKeyArn']);
      const logging = s3?.CloudWatchLoggingOptions;
      expect(logging?.Enabled).toBe(true);
      expect(logging?.LogGroupName).toBe(stack.outputs['FirehoseErrorLogGroupName']);
      const logs = new CloudWatchLogsClient(stack.aws);
      const { logGroups = [] } = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: logging?.LogGroupName }),
      );
      expect(logGroups.map((g) => [g.logGroupName, g.kmsKeyId, g.retentionInDays])).toEqual([
        [logging?.LogGroupName, stack.outputs['KmsKeyArn'], 30],
      ]);
      const { logStreams = [] } = await logs.send(
        new DescribeLogStreamsCommand({ logGroupName: logging?.LogGroupName }),
      );
      expect(logStreams.map((s) => s.logStreamName)).toEqual([logging?.LogStreamName]);
    },
  ),
  readBack(
    'Records Firehose cannot process are written under errors/ with their error type, and the delivery role may write there',
    async (stack) => {
      const stream = await streamOf(stack);
      const s3 = stream?.Destinations?.[0]?.ExtendedS3DestinationDescription;
      expect(s3?.ErrorOutputPrefix).toMatch(/^errors\/!\{firehose:error-output-type\}\//u);
      expect(s3?.Prefix).toMatch(/^logs\//u);
      const writes = (await allowedOf(stack, 'DeliveryDeliveryRole')).filter((s) =>
        list(s.Action).includes('s3:PutObject'),
      );
      expect(writes.flatMap((s) => list(s.Resource))).toContain(
        `arn:aws:s3:::${stack.outputs['ArchiveBucketName']}/errors/*`,
      );
    },
    'failed-records-kept-under-errors',
  ),
  readBack(
    "Firehose's role may write objects only under logs/ and errors/, and may not delete objects or change the bucket",
    async (stack) => {
      const statements = await allowedOf(stack, 'DeliveryDeliveryRole');
      for (const a of statements.flatMap((s) => list(s.Action)))
        expect(a).not.toMatch(/\*|Delete|Retention|LegalHold|PutBucket|PutLifecycle/u);
      for (const s of statements.filter((x) => list(x.Action).includes('s3:PutObject')))
        for (const r of list(s.Resource)) expect(r).toMatch(/\/(logs|errors)\/\*$/u);
    },
    'writers-cannot-delete',
  ),
  readBack(
    'The destination forwards to the stream through a role that may only put records into it, and admits no other account',
    async (stack) => {
      const logs = new CloudWatchLogsClient(stack.aws);
      const { destinations = [] } = await logs.send(
        new DescribeDestinationsCommand({ DestinationNamePrefix: stack.physicalId('AWS::Logs::Destination') }),
      );
      const [destination] = destinations;
      const stream = await streamOf(stack);
      expect(destination?.arn).toBe(stack.outputs['DestinationArn']);
      expect(destination?.targetArn).toBe(stream?.DeliveryStreamARN);
      expect(destination?.roleArn).toBe(stack.outputs['LogsRoleArn']);
      expect(destination?.accessPolicy ?? undefined).toBeUndefined();
      const statements = await allowedOf(stack, 'SourcesLogsToFirehoseRole');
      expect(statements.flatMap((s) => list(s.Action)).sort()).toEqual([
        'firehose:PutRecord',
        'firehose:PutRecordBatch',
      ]);
      for (const s of statements) expect(list(s.Resource)).toEqual([stream?.DeliveryStreamARN]);
    },
    'senders-only-add-events',
  ),
  readBack(
    'Alarms on stale records, failed deliveries and throttled records watch the stream and notify the alert topic',
    async (stack) => {
      const cw = new CloudWatchClient(stack.aws);
      const { MetricAlarms = [] } = await cw.send(
        new DescribeAlarmsCommand({ AlarmNames: stack.physicalIds('AWS::CloudWatch::Alarm') }),
      );
      const byMetric = new Map(MetricAlarms.map((a) => [a.MetricName, a]));
      // bufferIntervalSeconds' default plus ten minutes.
      expect(byMetric.get('DeliveryToS3.DataFreshness')?.Threshold).toBe(300 + 600);
      expect(byMetric.get('DeliveryToS3.Success')?.ComparisonOperator).toBe('LessThanThreshold');
      expect(byMetric.get('DeliveryToS3.Success')?.Threshold).toBe(1);
      expect(byMetric.get('ThrottledRecords')?.ComparisonOperator).toBe('GreaterThanThreshold');
      expect(byMetric.get('ThrottledRecords')?.Threshold).toBe(0);
      expect(MetricAlarms).toHaveLength(3);
      for (const alarm of MetricAlarms) {
        expect(alarm.Namespace).toBe('AWS/Firehose');
        expect(alarm.Dimensions).toEqual([{ Name: 'DeliveryStreamName', Value: stack.outputs['DeliveryStreamName'] }]);
        expect(alarm.AlarmActions).toEqual([stack.outputs['AlertTopicArn']]);
      }
    },
    'delivery-alarms-notify',
  ),
  readBack(
    'The archive bucket is versioned',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: stack.outputs['ArchiveBucketName'] }));
      expect(Status).toBe('Enabled');
    },
    'archive-versioned-and-locked',
  ),
];
