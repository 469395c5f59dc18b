import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

export interface LakeStorageProps {
  /** Used in key descriptions. */
  readonly stackName: string;
  /** Days after which raw objects move to S3 Glacier Flexible Retrieval; 0 keeps them in S3 Standard. */
  readonly rawArchiveAfterDays: number;
  /** Days a replaced or deleted object version is kept before it expires. */
  readonly noncurrentVersionDays: number;
  readonly queryResultRetentionDays: number;
  readonly accessLogRetentionDays: number;
  /** Keep buckets and keys when the stack is deleted. */
  readonly retainData: boolean;
}

/**
 * The general purpose storage of the lake: two customer managed keys and three buckets (raw files,
 * query results, server access logs); curated tables live in S3 Tables (tables.ts). Every bucket blocks
 * public access, is versioned, refuses plain HTTP and TLS below 1.2, and logs its requests to the access
 * log bucket. Server access logs can only be delivered to a bucket with SSE-S3, so that one bucket
 * uses S3 managed keys.
 */
export class LakeStorage extends Construct {
  /** Encrypts raw data, the table bucket, Glue job output, job bookmarks and Glue logs. */
  readonly dataKey: kms.Key;
  /** Encrypts Athena query results and the alert topic; analysts get this key only. */
  readonly analyticsKey: kms.Key;
  readonly rawBucket: s3.Bucket;
  readonly resultsBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LakeStorageProps) {
    super(scope, id);
    // Grant log delivery with a bucket policy (logging.s3.amazonaws.com, limited to these buckets), not
    // with the legacy LogDeliveryWrite ACL, which cannot be used with bucket-owner-enforced ownership.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const noncurrent = Duration.days(props.noncurrentVersionDays);
    const abortUploads = Duration.days(7);

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Raw data and curated tables of ${props.stackName}: S3, S3 Tables, Glue job output, bookmarks and logs`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });
    this.analyticsKey = new kms.Key(this, 'AnalyticsKey', {
      description: `Athena query results and alerts of ${props.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      // S3 server access logging delivers only to buckets encrypted with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // Bucket owner enforced: delivery is granted by a bucket policy, not by ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(props.accessLogRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: abortUploads,
        },
      ],
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the other three; logging it into itself would log every log delivery, in a loop.',
    });

    const common = (prefix: string): Partial<s3.BucketProps> => ({
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: `${prefix}/`,
      removalPolicy,
    });

    const rawTransitions: s3.Transition[] =
      props.rawArchiveAfterDays > 0
        ? [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.rawArchiveAfterDays) }]
        : [];
    this.rawBucket = new s3.Bucket(this, 'RawBucket', {
      ...common('raw'),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      // One data key per bucket for a while instead of one KMS call per object: fewer requests, lower cost.
      bucketKeyEnabled: true,
      lifecycleRules: [
        {
          id: 'ArchiveRawAndExpireOldVersions',
          transitions: rawTransitions,
          noncurrentVersionExpiration: noncurrent,
          abortIncompleteMultipartUploadAfter: abortUploads,
        },
      ],
    });

    this.resultsBucket = new s3.Bucket(this, 'QueryResultsBucket', {
      ...common('query-results'),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.analyticsKey,
      bucketKeyEnabled: true,
      lifecycleRules: [
        {
          id: 'ExpireQueryResults',
          expiration: Duration.days(props.queryResultRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
