import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The prefixes of the exchange bucket; a partner's files sit under `<prefix><partner>/`. */
export const PREFIX = {
  incoming: 'incoming/',
  clean: 'clean/',
  quarantine: 'quarantine/',
  outbound: 'outbound/',
} as const;

export interface ExchangeStorageProps {
  readonly quarantineRetentionDays: number;
  readonly accessLogRetentionDays: number;
  readonly retainData: boolean;
}

/**
 * The exchange bucket, encrypted with its own customer managed key, versioned, private, TLS only, with
 * EventBridge notifications on; and the bucket that receives its server access logs.
 */
export class ExchangeStorage extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ExchangeStorageProps) {
    super(scope, id);
    // Grant S3 log delivery through the access-log bucket's policy rather than the legacy LogDeliveryWrite ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the partner file exchange bucket',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to buckets with SSE-S3 default encryption.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives the exchange bucket’s server access logs; logging access to it would need another bucket whose logs nobody reads.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exchange/',
      lifecycleRules: [
        { id: 'quarantine', prefix: PREFIX.quarantine, expiration: Duration.days(props.quarantineRetentionDays) },
        { id: 'noncurrent', noncurrentVersionExpiration: Duration.days(7), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    // S3 sends every object event to EventBridge; CDK's eventBridgeEnabled would add a custom resource for this.
    (this.bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
      true,
    );
  }

  /**
   * Nobody but the scanner and, if given, the security team's role reads quarantined files; uploads must use
   * the bucket's key.
   */
  guardQuarantine(scannerRole: iam.IRole, quarantineReaderRoleArn: string): void {
    const allowed = [scannerRole.roleArn, ...(quarantineReaderRoleArn === '' ? [] : [quarantineReaderRoleArn])];
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'QuarantineIsSealed',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects(`${PREFIX.quarantine}*`)],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': allowed } },
      }),
    );
  }
}
