import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface LogArchiveProps {
  readonly key: kms.IKey;
  /** Days until objects move to S3 Glacier Flexible Retrieval; 0 keeps them in S3 Standard. */
  readonly glacierTransitionDays: number;
  readonly expirationDays: number;
  readonly objectLockMode: string;
  readonly objectLockRetentionDays: number;
  readonly retain: boolean;
  /** Route Object Created events of this bucket to the default event bus (for the OpenSearch indexer). */
  readonly eventBridge: boolean;
}

/** Prefixes Firehose writes to: records by arrival hour, and records it could not process. */
export const ARCHIVE_PREFIX = 'logs/';
export const ERROR_PREFIX = 'errors/';

/**
 * The archive bucket (KMS, versioned, optional Object Lock, lifecycle to Glacier and expiry) and the bucket
 * that receives its server access logs.
 */
export class LogArchive extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // S3 server access log delivery supports only SSE-S3 on the target bucket.
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'ExpireAccessLogs',
          expiration: Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the server access logs of the archive bucket (and the flow log of the OpenSearch VPC); logging it into itself would log every log delivery.',
    });

    const locked = props.objectLockMode !== 'none';
    const lifecycleRules: s3.LifecycleRule[] = [
      {
        id: 'ArchiveAndExpire',
        transitions:
          props.glacierTransitionDays > 0
            ? [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.glacierTransitionDays) }]
            : [],
        expiration: Duration.days(props.expirationDays),
        // Versions replaced or deleted by mistake stay recoverable for 30 days (longer under Object Lock).
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
      // A delete marker whose versions have all expired is removed, so expired prefixes stay empty.
      { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
    ];
    this.bucket = new s3.Bucket(this, 'ArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      // One data key per bucket instead of per object: far fewer KMS requests from Firehose and readers.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: locked,
      ...(locked && {
        objectLockDefaultRetention:
          props.objectLockMode === 'COMPLIANCE'
            ? s3.ObjectLockRetention.compliance(Duration.days(props.objectLockRetentionDays))
            : s3.ObjectLockRetention.governance(Duration.days(props.objectLockRetentionDays)),
      }),
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'archive-bucket-access/',
      lifecycleRules,
      removalPolicy,
    });
    if (props.eventBridge) {
      // Native CloudFormation notification setting: CDK's eventBridgeEnabled adds a custom resource instead.
      (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }
  }
}
