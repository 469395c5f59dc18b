import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { DescribeApplicationCommand, KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect } from 'vitest';
import type { DeployedStack } from '../readback.ts';
import { readBack } from '../readback.ts';

/** The defaults of retentionHours, checkpointIntervalSeconds, parallelism and iteratorAgeAlarmMinutes. */
const RETENTION_HOURS = 168;
const CHECKPOINT_MS = 60_000;
const PARALLELISM = 2;
const LAG_MS = 10 * 60_000;

async function application(stack: DeployedStack) {
  const flink = new KinesisAnalyticsV2Client(stack.aws);
  const { ApplicationDetail } = await flink.send(
    new DescribeApplicationCommand({ ApplicationName: stack.outputs['ApplicationName'] }),
  );
  return ApplicationDetail;
}

async function alarm(stack: DeployedStack, prefix: string) {
  const cloudwatch = new CloudWatchClient(stack.aws);
  const name = stack.physicalId('AWS::CloudWatch::Alarm', `Alarms${prefix}`);
  const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  expect(MetricAlarms).toHaveLength(1);
  return MetricAlarms[0];
}

export default [
  readBack(
    'The stream is on-demand, encrypted with the data key, and keeps records for a week',
    async (stack) => {
      // The Kinesis client speaks HTTP/2 by default (for SubscribeToShard); the emulator speaks HTTP/1.1.
      const kinesis = new KinesisClient({ ...stack.aws, requestHandler: new NodeHttpHandler() });
      const { StreamDescriptionSummary: s } = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName: stack.outputs['StreamName'] }),
      );
      expect(s?.StreamARN).toBe(stack.outputs['StreamArn']);
      expect(s?.StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
      expect(s?.EncryptionType).toBe('KMS');
      expect(s?.KeyId).toBe(stack.outputs['DataKeyArn']);
      expect(s?.RetentionPeriodHours).toBe(RETENTION_HOURS);
    },
    'encrypted-with-the-data-key',
  ),
  readBack(
    'The Flink application checkpoints every 60 seconds with a pause between checkpoints, and its state is encrypted with the data key',
    async (stack) => {
      const app = await application(stack);
      const config = app?.ApplicationConfigurationDescription;
      const checkpoints = config?.FlinkApplicationConfigurationDescription?.CheckpointConfigurationDescription;
      expect(checkpoints?.ConfigurationType).toBe('CUSTOM');
      expect(checkpoints?.CheckpointingEnabled).toBe(true);
      expect(checkpoints?.CheckpointInterval).toBe(CHECKPOINT_MS);
      expect(checkpoints?.MinPauseBetweenCheckpoints).toBe(CHECKPOINT_MS / 2);
      expect(config?.ApplicationEncryptionConfigurationDescription).toEqual({
        KeyType: 'CUSTOMER_MANAGED_KEY',
        KeyId: stack.outputs['DataKeyArn'],
      });
    },
    'checkpoints-are-commits',
  ),
  readBack(
    'The application takes snapshots and the service rolls back an update that fails to start',
    async (stack) => {
      const config = (await application(stack))?.ApplicationConfigurationDescription;
      expect(config?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled).toBe(true);
      expect(config?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled).toBe(true);
    },
    'updates-roll-back-and-restore-state',
  ),
  readBack(
    'The job starts at parallelism 2, one task per KPU, with autoscaling on, on Flink 1.20, as the job role',
    async (stack) => {
      const app = await application(stack);
      expect(app?.RuntimeEnvironment).toBe('FLINK-1_20');
      expect(app?.ServiceExecutionRole).toBe(stack.outputs['ApplicationRoleArn']);
      const p =
        app?.ApplicationConfigurationDescription?.FlinkApplicationConfigurationDescription
          ?.ParallelismConfigurationDescription;
      expect(p?.ConfigurationType).toBe('CUSTOM');
      expect(p?.Parallelism).toBe(PARALLELISM);
      expect(p?.ParallelismPerKPU).toBe(1);
      expect(p?.AutoScalingEnabled).toBe(true);
    },
    'job-autoscales',
  ),
  readBack(
    'The application runs the JAR at CodeLocation, in a versioned artifact bucket',
    async (stack) => {
      const code = (await application(stack))?.ApplicationConfigurationDescription
        ?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
      const bucket = stack.physicalId('AWS::S3::Bucket', 'StorageArtifactBucket');
      expect(code?.BucketARN).toBe(`arn:aws:s3:::${bucket}`);
      expect(`s3://${bucket}/${code?.FileKey}`).toBe(stack.outputs['CodeLocation']);
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      expect(Status).toBe('Enabled');
    },
    'job-code-is-versioned',
  ),
  readBack('The application logs to its log stream in the stack log group', async (stack) => {
    const [option] = (await application(stack))?.CloudWatchLoggingOptionDescriptions ?? [];
    expect(option?.LogStreamARN).toMatch(
      new RegExp(`:log-group:${stack.outputs['LogGroupName'] ?? ''}:log-stream:application$`, 'u'),
    );
  }),
  readBack(
    'The table is an Iceberg table at TableLocation with the declared columns and the event_date partition',
    async (stack) => {
      const glue = new GlueClient(stack.aws);
      const { Table } = await glue.send(
        new GetTableCommand({ DatabaseName: stack.outputs['DatabaseName'], Name: stack.outputs['TableName'] }),
      );
      expect(Table?.Parameters?.['table_type']).toBe('ICEBERG');
      expect(Table?.StorageDescriptor?.Location).toBe(stack.outputs['TableLocation']);
      expect(Table?.StorageDescriptor?.Columns?.map((c) => c.Name)).toContain('event_id');
      expect(Table?.PartitionKeys?.map((c) => c.Name)).toEqual(['event_date']);
    },
  ),
  readBack(
    'The warehouse bucket is versioned and keeps replaced table files for 7 days',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['WarehouseBucketName'];
      const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      expect(Status).toBe('Enabled');
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      expect(Rules.map((r) => r.NoncurrentVersionExpiration?.NoncurrentDays)).toEqual([7]);
      expect(Rules.some((r) => r.Expiration !== undefined)).toBe(false);
    },
    'warehouse-is-versioned',
  ),
  readBack(
    'The lag alarm fires after 5 minutes more than 10 minutes behind, or when nothing reads the stream, and notifies the encrypted topic',
    async (stack) => {
      const a = await alarm(stack, 'IteratorAge');
      expect(a?.MetricName).toBe('GetRecords.IteratorAgeMilliseconds');
      expect(a?.Dimensions).toEqual([{ Name: 'StreamName', Value: stack.outputs['StreamName'] }]);
      expect(a?.Threshold).toBe(LAG_MS);
      expect(a?.EvaluationPeriods).toBe(5);
      expect(a?.TreatMissingData).toBe('breaching');
      expect(a?.AlarmActions).toEqual([stack.outputs['AlertTopicArn']]);
      const sns = new SNSClient(stack.aws);
      const { Attributes } = await sns.send(
        new GetTopicAttributesCommand({ TopicArn: stack.outputs['AlertTopicArn'] }),
      );
      expect(Attributes?.['KmsMasterKeyId']).toBe(stack.outputs['DataKeyArn']);
    },
    'lag-alarm-watches-the-stream',
  ),
  readBack(
    'The retention alarm fires when unread records are older than half the retention',
    async (stack) => {
      const a = await alarm(stack, 'RetentionRisk');
      expect(a?.MetricName).toBe('GetRecords.IteratorAgeMilliseconds');
      expect(a?.Threshold).toBe((RETENTION_HOURS * 3_600_000) / 2);
      expect(a?.AlarmActions).toEqual([stack.outputs['AlertTopicArn']]);
    },
    'replay-window',
  ),
  readBack(
    'The failed-checkpoint alarm watches the increase of numberOfFailedCheckpoints of this application',
    async (stack) => {
      const a = await alarm(stack, 'FailedCheckpoints');
      const metric = a?.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Metric;
      expect(metric?.MetricName).toBe('numberOfFailedCheckpoints');
      expect(metric?.Dimensions).toEqual([{ Name: 'Application', Value: stack.outputs['ApplicationName'] }]);
      expect(a?.Metrics?.find((m) => m.Expression)?.Expression).toBe('DIFF(m)');
    },
    'commit-failures-alarm',
  ),
  readBack(
    'The producer policy allows putting records into this stream and nothing that reads',
    async (stack) => {
      const iam = new IAMClient(stack.aws);
      const arn = stack.outputs['ProducerPolicyArn'];
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
      );
      const document = JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? '{}')) as {
        Statement: { Action: string | string[]; Resource: string | string[] }[];
      };
      const actions = document.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(actions).toContain('kinesis:PutRecords');
      expect(actions.filter((a) => /Get|Subscribe|Decrypt|\*/u.test(a))).toEqual([]);
      const put = document.Statement.find((s) => [s.Action].flat().includes('kinesis:PutRecords'));
      expect([put?.Resource].flat()).toEqual([stack.outputs['StreamArn']]);
    },
    'producers-only-put-records',
  ),
];
