import { ArnFormat, Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface BatchStorageProps {
  readonly jobLogGroupName: string;
  readonly logRetention: logs.RetentionDays;
  readonly retainData: boolean;
}

/** Key prefixes of the data bucket; the job role is scoped to them. */
export const PREFIX = { input: 'input/', output: 'output/', checkpoints: 'checkpoints/' } as const;

/**
 * Encryption key, the data bucket for job input, output and checkpoints, the log bucket for S3 access
 * logs and the VPC flow log, and the job log group.
 */
export class BatchStorage extends Construct {
  readonly key: kms.Key;
  readonly dataBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly jobLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BatchStorageProps) {
    super(scope, id);
    const dataRemoval = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts job data, job logs and alerts of ${Stack.of(this).stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // The key must live as long as the data it protects.
      removalPolicy: dataRemoval,
    });
    const jobLogGroupArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: props.jobLogGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForTheJobLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': jobLogGroupArn } },
      }),
    );

    // Server access logs and flow logs. S3 access log delivery supports only SSE-S3 on the target bucket.
    this.logBucket = new s3.Bucket(this, 'LogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'ExpireLogs', expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: dataRemoval,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access log bucket itself; logging it into itself would log every log delivery. Its objects are written only by the S3 logging and VPC flow log services.',
    });

    this.dataBucket = new s3.Bucket(this, 'DataBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket instead of per object: far fewer KMS requests from jobs.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A rerun that overwrites output by mistake can be undone for 30 days.
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'data-bucket-access/',
      lifecycleRules: [
        { id: 'ExpireCheckpoints', prefix: PREFIX.checkpoints, expiration: Duration.days(14) },
        { id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'AbortUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: dataRemoval,
    });

    this.jobLogGroup = new logs.LogGroup(this, 'JobLogGroup', {
      logGroupName: props.jobLogGroupName,
      encryptionKey: this.key,
      retention: props.logRetention,
      removalPolicy: dataRemoval,
    });
  }
}
