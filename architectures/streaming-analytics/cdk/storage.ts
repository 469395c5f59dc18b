import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

export interface StreamStorageProps {
  /** Used in key descriptions. */
  readonly stackName: string;
  /** An existing bucket that holds the job JAR; empty creates an artifact bucket. */
  readonly codeBucketName: string;
  /** Days a replaced or deleted object version is kept before it expires. */
  readonly noncurrentVersionDays: number;
  readonly accessLogRetentionDays: number;
  /** Keep the warehouse, artifact and access log buckets and the data key when the stack is deleted. */
  readonly retainData: boolean;
}

/**
 * The data key and the buckets. The key encrypts the stream, the Iceberg warehouse, the artifact bucket,
 * the Flink application's running state and snapshots, and the alert topic. Every bucket blocks public
 * access, is versioned, refuses plain HTTP and TLS below 1.2, and logs its requests to the access log bucket,
 * which uses SSE-S3 because S3 delivers server access logs only to such a bucket.
 */
export class StreamStorage extends Construct {
  readonly dataKey: kms.Key;
  readonly warehouseBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  /** The bucket of the job JAR: the artifact bucket this stack creates, or codeBucketName. */
  readonly codeBucket: s3.IBucket;
  /** The artifact bucket, when the stack creates it. */
  readonly artifactBucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: StreamStorageProps) {
    super(scope, id);
    // Grant log delivery with a bucket policy (logging.s3.amazonaws.com, limited to these buckets), not
    // with the legacy LogDeliveryWrite ACL, which cannot be used with bucket-owner-enforced ownership.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Stream, Iceberg warehouse, Flink state and alerts of ${props.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });
    // Managed Service for Apache Flink validates the key and encrypts running state and snapshots through
    // these two service principals; it rejects a customer managed key whose policy does not name them.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ManagedFlinkApplicationState',
        principals: [
          new iam.ServicePrincipal('kinesisanalytics.amazonaws.com'),
          new iam.ServicePrincipal('infrastructure.kinesisanalytics.amazonaws.com'),
        ],
        actions: ['kms:DescribeKey', 'kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:CreateGrant'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    // CloudWatch alarms publish to the encrypted alert topic.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToTheAlertTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      // S3 server access logging delivers only to buckets encrypted with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(props.accessLogRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the other buckets; logging it into itself would log every log delivery, in a loop.',
    });

    const common = (prefix: string): Partial<s3.BucketProps> => ({
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: `${prefix}/`,
      removalPolicy,
    });

    // Iceberg data and metadata files. Iceberg deletes files only through snapshot expiry and orphan file
    // removal; versioning keeps what those delete for noncurrentVersionDays, as an undo.
    this.warehouseBucket = new s3.Bucket(this, 'WarehouseBucket', {
      ...common('warehouse'),
      lifecycleRules: [
        {
          id: 'ExpireReplacedVersions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    if (props.codeBucketName === '') {
      // Every job JAR ever uploaded stays as a version, so a rollback can name the one that ran before.
      this.artifactBucket = new s3.Bucket(this, 'ArtifactBucket', {
        ...common('artifacts'),
        lifecycleRules: [{ id: 'AbortUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      });
      this.codeBucket = this.artifactBucket;
    } else {
      this.codeBucket = s3.Bucket.fromBucketName(this, 'CodeBucket', props.codeBucketName);
    }
  }
}
