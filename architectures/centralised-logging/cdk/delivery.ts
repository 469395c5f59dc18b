import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_PREFIX, ERROR_PREFIX } from './archive.ts';

export interface LogDeliveryProps {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
  readonly errorLogGroup: logs.ILogGroup;
  readonly bufferIntervalSeconds: number;
  readonly bufferSizeMiB: number;
  readonly extractMessages: boolean;
}

/** Hive-style date partitions of the arrival time (UTC), which Athena partition projection can read. */
export const DATA_PREFIX = `${ARCHIVE_PREFIX}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
export const ERROR_OUTPUT_PREFIX = `${ERROR_PREFIX}!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`;

/** Firehose's own processors: decompress, optionally extract the message, and end every record with a newline. */
export function processorsOf(extractMessages: boolean): firehose.CfnDeliveryStream.ProcessorProperty[] {
  return [
    { type: 'Decompression', parameters: [{ parameterName: 'CompressionFormat', parameterValue: 'GZIP' }] },
    // Message extraction keeps only the message text and drops owner, log group and log stream.
    ...(extractMessages
      ? [
          {
            type: 'CloudWatchLogProcessing',
            parameters: [{ parameterName: 'DataMessageExtraction', parameterValue: 'true' }],
          },
        ]
      : []),
    { type: 'AppendDelimiterToRecord', parameters: [] },
  ];
}

/**
 * The Firehose stream: CloudWatch Logs records in, decompressed by Firehose's own processor (no Lambda),
 * one record per line, gzip objects into the archive bucket under date prefixes, failures under errors/.
 */
export class LogDelivery extends Construct {
  readonly stream: firehose.CfnDeliveryStream;
  readonly role: iam.Role;
  readonly streamName: string;

  constructor(scope: Construct, id: string, props: LogDeliveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The actions Firehose documents for an S3 destination with SSE-KMS and error logging, and no more.
    this.role = new iam.Role(this, 'DeliveryRole', {
      // The trust the Firehose documentation gives: the external id is the account id.
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': Aws.ACCOUNT_ID } },
      }),
      description: `Firehose writes the log archive of ${stack.stackName}`,
    });
    const policy = new iam.Policy(this, 'DeliveryPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'Bucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [props.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteObjects',
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          resources: [props.bucket.arnForObjects(`${ARCHIVE_PREFIX}*`), props.bucket.arnForObjects(`${ERROR_PREFIX}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptObjects',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.key.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` },
            // With an S3 bucket key the encryption context is the bucket ARN, without one the object ARN.
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': [props.bucket.bucketArn, `${props.bucket.bucketArn}/*`] },
          },
        }),
        new iam.PolicyStatement({
          sid: 'ReportErrors',
          actions: ['logs:PutLogEvents'],
          resources: [props.errorLogGroup.logGroupArn],
        }),
      ],
    });

    const errorStream = new logs.LogStream(this, 'ErrorLogStream', {
      logGroup: props.errorLogGroup,
      logStreamName: 'S3Delivery',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.streamName = `${stack.stackName}-archive`;
    this.stream = new firehose.CfnDeliveryStream(this, 'Stream', {
      deliveryStreamName: this.streamName,
      deliveryStreamType: 'DirectPut',
      // Records are encrypted at rest inside Firehose with the stack key as well.
      deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: props.key.keyArn },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.role.roleArn,
        prefix: DATA_PREFIX,
        errorOutputPrefix: ERROR_OUTPUT_PREFIX,
        bufferingHints: { intervalInSeconds: props.bufferIntervalSeconds, sizeInMBs: props.bufferSizeMiB },
        compressionFormat: 'GZIP',
        fileExtension: '.json.gz',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: props.key.keyArn } },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: props.errorLogGroup.logGroupName,
          logStreamName: errorStream.logStreamName,
        },
        processingConfiguration: { enabled: true, processors: processorsOf(props.extractMessages) },
      },
    });
    this.stream.node.addDependency(policy);
    const bucketId = stack.getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of [ARCHIVE_PREFIX, ERROR_PREFIX]) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Firehose names each object it writes below ${prefix} after the arrival time and a random suffix, so the keys cannot be listed in advance; no delete rights.`,
      });
    }
  }

  /** Alarms on the delivery to S3: late data, failed deliveries and throttled input. */
  alarms(bufferIntervalSeconds: number): cloudwatch.Alarm[] {
    const stack = Stack.of(this).stackName;
    const metric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName,
        dimensionsMap: { DeliveryStreamName: this.streamName },
        statistic,
        period: Duration.minutes(5),
      });
    return [
      new cloudwatch.Alarm(this, 'DataFreshnessAlarm', {
        alarmDescription: `${stack}: the oldest record in Firehose is older than the buffer interval plus 10 minutes; delivery to S3 is failing or falling behind`,
        metric: metric('DeliveryToS3.DataFreshness', 'Maximum'),
        threshold: bufferIntervalSeconds + 600,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'DeliveryFailureAlarm', {
        alarmDescription: `${stack}: Firehose could not put objects into the archive bucket (permissions, KMS key or bucket policy)`,
        metric: metric('DeliveryToS3.Success', 'Minimum'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ThrottledRecordsAlarm', {
        alarmDescription: `${stack}: Firehose throttled incoming records; CloudWatch Logs retries for up to 24 hours, then drops them. Ask for a higher Firehose quota`,
        metric: metric('ThrottledRecords', 'Sum'),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
