import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { DescribeThingTypeCommand, GetPolicyCommand, GetTopicRuleCommand, IoTClient } from '@aws-sdk/client-iot';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { GetBucketLifecycleConfigurationCommand, GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect } from 'vitest';
import { readBack } from '../readback.ts';

const THING = '${iot:Connection.Thing.ThingName}';

export default [
  readBack(
    'The device policy lets a certificate connect only as the thing it is attached to, and publish and receive only below its own thing name',
    async (stack) => {
      const iot = new IoTClient(stack.aws);
      const policy = await iot.send(new GetPolicyCommand({ policyName: stack.outputs['DevicePolicyName'] }));
      const document = JSON.parse(policy.policyDocument ?? '{}') as {
        Statement: { Action: string | string[]; Resource: string | string[]; Condition?: unknown }[];
      };
      const connect = document.Statement.find((s) => [s.Action].flat().includes('iot:Connect'));
      expect([connect?.Resource].flat()).toEqual([
        expect.stringMatching(/:client\/\$\{iot:Connection\.Thing\.ThingName\}$/u),
      ]);
      expect(connect?.Condition).toEqual({ Bool: { 'iot:Connection.Thing.IsAttached': 'true' } });
      for (const s of document.Statement) for (const r of [s.Resource].flat()) expect(r).toContain(THING);
    },
    'device-policy-scoped-by-thing-name',
  ),
  readBack(
    'The telemetry rule puts every message into the stream keyed by thing name, and writes what it cannot deliver below errors/',
    async (stack) => {
      const iot = new IoTClient(stack.aws);
      const { rule } = await iot.send(new GetTopicRuleCommand({ ruleName: stack.outputs['TopicRuleName'] }));
      expect(rule?.sql).toContain(`FROM '${stack.outputs['TelemetryTopicFilter'] ?? ''}'`);
      expect(rule?.ruleDisabled).toBe(false);
      expect(rule?.actions?.[0]?.kinesis).toMatchObject({
        streamName: stack.outputs['StreamName'],
        partitionKey: '${topic(3)}',
      });
      expect(rule?.errorAction?.s3?.bucketName).toBe(stack.outputs['TelemetryBucketName']);
      expect(rule?.errorAction?.s3?.key).toMatch(/^errors\//u);
    },
    'failed-messages-are-kept',
  ),
  readBack(
    'The stream is on-demand and encrypted with the data key',
    async (stack) => {
      // The Kinesis client speaks HTTP/2 by default (for SubscribeToShard); the emulator speaks HTTP/1.1.
      const kinesis = new KinesisClient({ ...stack.aws, requestHandler: new NodeHttpHandler() });
      const { StreamDescriptionSummary: s } = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName: stack.outputs['StreamName'] }),
      );
      expect(s?.StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
      expect(s?.EncryptionType).toBe('KMS');
      expect(s?.KeyId).toBe(stack.outputs['DataKeyArn']);
    },
    'encrypted-with-the-data-key',
  ),
  readBack(
    'Firehose reads the stream and writes GZIP objects below telemetry/ in the bucket, encrypted with the data key',
    async (stack) => {
      const firehose = new FirehoseClient(stack.aws);
      const { DeliveryStreamDescription: d } = await firehose.send(
        new DescribeDeliveryStreamCommand({ DeliveryStreamName: stack.outputs['DeliveryStreamName'] }),
      );
      expect(d?.DeliveryStreamType).toBe('KinesisStreamAsSource');
      expect(d?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN).toBe(stack.outputs['StreamArn']);
      const s3 = d?.Destinations?.[0]?.ExtendedS3DestinationDescription;
      expect(s3?.BucketARN).toBe(`arn:aws:s3:::${stack.outputs['TelemetryBucketName'] ?? ''}`);
      expect(s3?.Prefix).toBe('telemetry/dt=!{timestamp:yyyy-MM-dd}/');
      expect(s3?.CompressionFormat).toBe('GZIP');
      expect(s3?.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN).toBe(stack.outputs['DataKeyArn']);
    },
    'encrypted-with-the-data-key',
  ),
  readBack(
    'The telemetry bucket is versioned and keeps old versions for 30 days; nothing current expires',
    async (stack) => {
      const s3 = new S3Client({ ...stack.aws, forcePathStyle: true });
      const bucket = stack.outputs['TelemetryBucketName'];
      const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      expect(Status).toBe('Enabled');
      const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      expect(Rules.map((r) => r.NoncurrentVersionExpiration?.NoncurrentDays)).toEqual([30]);
      expect(Rules.some((r) => r.Expiration !== undefined)).toBe(false);
    },
    'archive-is-versioned',
  ),
  readBack(
    'An alarm fires when the error action fails for the telemetry rule, and notifies the alert topic',
    async (stack) => {
      const cloudwatch = new CloudWatchClient(stack.aws);
      const name = stack.physicalId('AWS::CloudWatch::Alarm', 'AlarmsErrorActionFailures');
      const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      const [a] = MetricAlarms;
      expect(a?.Namespace).toBe('AWS/IoT');
      expect(a?.MetricName).toBe('ErrorActionFailure');
      expect(a?.Dimensions).toEqual(
        expect.arrayContaining([{ Name: 'RuleName', Value: stack.outputs['TopicRuleName'] }]),
      );
      expect(a?.AlarmActions).toEqual([stack.outputs['AlertTopicArn']]);
    },
    'rule-alarms',
  ),
  readBack('The fleet thing type makes serial number and site searchable', async (stack) => {
    const iot = new IoTClient(stack.aws);
    const type = await iot.send(new DescribeThingTypeCommand({ thingTypeName: stack.outputs['ThingTypeName'] }));
    expect(type.thingTypeProperties?.searchableAttributes).toEqual(['serialNumber', 'site']);
  }),
];
