import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TelemetryStorage } from './storage.ts';

export interface TelemetryIngestProps {
  readonly name: string;
  /** Devices publish telemetry to dt/<topicRoot>/<thing name>/telemetry. */
  readonly topicRoot: string;
  readonly retentionHours: number;
  readonly bufferSeconds: number;
  readonly storage: TelemetryStorage;
  readonly firehoseLogGroup: logs.LogGroup;
}

/** The topic filter the telemetry rule selects from. */
export const telemetryTopic = (root: string): string => `dt/${root}/+/telemetry`;

/**
 * The rule path: an IoT topic rule selects every device's telemetry, adds the thing name and the receive
 * time, and puts it into an encrypted on-demand Kinesis data stream keyed by thing name; messages the rule
 * cannot deliver go to errors/ in the telemetry bucket. Firehose reads the stream and writes it, batched
 * and compressed, below telemetry/ in the same bucket, partitioned by day of arrival.
 */
export class TelemetryIngest extends Construct {
  readonly stream: kinesis.Stream;
  readonly rule: iot.CfnTopicRule;
  readonly ruleRole: iam.Role;
  readonly deliveryStream: firehose.CfnDeliveryStream;

  constructor(scope: Construct, id: string, props: TelemetryIngestProps) {
    super(scope, id);
    const { storage } = props;
    const stack = Stack.of(this);
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: props.name,
      streamMode: kinesis.StreamMode.ON_DEMAND,
      retentionPeriod: Duration.hours(props.retentionHours),
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: storage.dataKey,
    });
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason:
        'The stream uses the customer managed data key instead of aws/kinesis on purpose: one key with rotation and a policy this stack controls encrypts the stream, the archive and the alerts.',
    });

    // --- The rule's role: put records into this stream, and write failed messages below errors/.
    this.ruleRole = new iam.Role(this, 'RuleRole', {
      description: `IoT rule actions of ${props.name}`,
      assumedBy: new iam.ServicePrincipal('iot.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    this.ruleRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PutTelemetry',
        actions: ['kinesis:PutRecord'],
        resources: [this.stream.streamArn],
      }),
    );
    this.ruleRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PutFailedMessages',
        actions: ['s3:PutObject'],
        resources: [storage.bucket.arnForObjects('errors/*')],
      }),
    );
    this.ruleRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'Encrypt', actions: ['kms:GenerateDataKey'], resources: [storage.dataKey.keyArn] }),
    );
    Validations.of(this.ruleRole.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(storage.bucket.node.defaultChild as never)}.Arn>/errors/*]`,
      reason: 'The error action writes one object per failed message, named after the rule, the time and the message id, below errors/ only.',
    });

    const ruleName = props.name.replace(/[^A-Za-z0-9_]/gu, '_') + '_telemetry';
    this.rule = new iot.CfnTopicRule(this, 'TelemetryRule', {
      ruleName,
      topicRulePayload: {
        description: `Telemetry of every device to ${props.name}`,
        awsIotSqlVersion: '2016-03-23',
        ruleDisabled: false,
        sql: `SELECT *, topic(3) AS thing_name, timestamp() AS received_at FROM '${telemetryTopic(props.topicRoot)}'`,
        actions: [
          {
            kinesis: {
              streamName: this.stream.streamName,
              partitionKey: '${topic(3)}',
              roleArn: this.ruleRole.roleArn,
            },
          },
        ],
        errorAction: {
          s3: {
            bucketName: storage.bucket.bucketName,
            key: 'errors/${parse_time("yyyy-MM-dd", timestamp())}/${topic(3)}/${newuuid()}.json',
            roleArn: this.ruleRole.roleArn,
          },
        },
      },
    });

    // --- Firehose: stream to the telemetry bucket, compressed, one prefix per day.
    const firehoseRole = new iam.Role(this, 'FirehoseRole', {
      description: `Firehose of ${props.name}: reads the stream, writes telemetry/ in the bucket`,
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': Aws.ACCOUNT_ID } },
      }),
    });
    const firehosePolicy = new iam.Policy(this, 'FirehosePolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadTheStream',
          actions: ['kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords', 'kinesis:ListShards'],
          resources: [this.stream.streamArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteTelemetry',
          actions: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
          resources: [storage.bucket.bucketArn, storage.bucket.arnForObjects('telemetry/*'), storage.bucket.arnForObjects('firehose-errors/*')],
        }),
        new iam.PolicyStatement({
          sid: 'DataKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [storage.dataKey.keyArn],
        }),
        new iam.PolicyStatement({
          sid: 'Log',
          actions: ['logs:PutLogEvents'],
          resources: [props.firehoseLogGroup.logGroupArn],
        }),
      ],
    });
    firehosePolicy.attachToRole(firehoseRole);
    const bucketRef = `<${stack.getLogicalId(storage.bucket.node.defaultChild as never)}.Arn>`;
    for (const prefix of ['telemetry', 'firehose-errors'])
      Validations.of(firehosePolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/${prefix}/*]`,
        reason: `Firehose names each object it writes below ${prefix}/ itself (day prefix, delivery stream name and a random suffix).`,
      });

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'Archive', {
      deliveryStreamName: `${props.name}-archive`,
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: this.stream.streamArn, roleArn: firehoseRole.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: storage.bucket.bucketArn,
        roleArn: firehoseRole.roleArn,
        prefix: 'telemetry/dt=!{timestamp:yyyy-MM-dd}/',
        errorOutputPrefix: 'firehose-errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
        bufferingHints: { intervalInSeconds: props.bufferSeconds, sizeInMBs: 64 },
        compressionFormat: 'GZIP',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: storage.dataKey.keyArn } },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: props.firehoseLogGroup.logGroupName,
          logStreamName: 'S3Delivery',
        },
      },
    });
    this.deliveryStream.node.addDependency(firehosePolicy);
    // Firehose with a Kinesis stream as its source cannot use its own server-side encryption; the stream
    // is encrypted with the data key, and so is every object it writes.
    Validations.of(this.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason:
        'A delivery stream whose source is a Kinesis data stream cannot enable Firehose server-side encryption; the source stream and the S3 objects are both encrypted with the data key.',
    });
  }
}
