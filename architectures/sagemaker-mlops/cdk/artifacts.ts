import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArtifactsProps {
  readonly key: kms.IKey;
  readonly retain: boolean;
  /** Days the access logs, noncurrent object versions and captured requests are kept. */
  readonly retentionDays: number;
}

/** Prefixes of the artifacts bucket: training data in, model artifacts out, endpoint traffic captured. */
export const PREFIX = { train: 'data/train/', validation: 'data/validation/', models: 'models/', capture: 'data-capture/' };

/**
 * The one bucket of the ML lifecycle: training and validation data, the model artifacts training writes, and the
 * requests and responses the endpoint captures for monitoring. Versioned, encrypted with the data key, access-logged.
 */
export class Artifacts extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArtifactsProps) {
    super(scope, id);
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removal = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to buckets with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
      removalPolicy: removal,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket only receives the artifacts bucket server access logs; logging access to it would need another bucket whose logs nobody reads.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Training data and model artifacts are evidence of what a registered model was built from.
      versioned: true,
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(props.retentionDays) },
        { prefix: PREFIX.capture, expiration: Duration.days(props.retentionDays) },
      ],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      removalPolicy: removal,
    });
  }
}
