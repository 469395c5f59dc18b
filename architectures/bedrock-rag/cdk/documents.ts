import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface DocumentsProps {
  /** The key that encrypts the documents; the knowledge base role may decrypt with it. */
  readonly key: kms.IKey;
  /** Keep the documents bucket when the stack is deleted. */
  readonly retain: boolean;
  /** Days the server access logs and noncurrent document versions are kept. */
  readonly retentionDays: number;
}

/**
 * The source of truth: a versioned, KMS-encrypted bucket of documents that the knowledge base ingests, and the
 * bucket that records who read or changed them. The vector index is derived from it and can be rebuilt by a sync.
 */
export class Documents extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);
    // Log delivery is granted by a bucket policy, not the legacy LogDeliveryWrite ACL, so ACLs can stay disabled.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removal = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to buckets with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
      removalPolicy: removal,
      autoDeleteObjects: false,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives the documents bucket server access logs; logging access to it would need another bucket whose logs nobody reads.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // A document deleted or overwritten by mistake can be restored, then re-ingested by the next sync.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(props.retentionDays) }],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      removalPolicy: removal,
    });
  }
}
