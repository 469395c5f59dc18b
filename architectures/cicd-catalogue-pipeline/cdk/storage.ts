import { ArnFormat, Aws, Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/** The object in the source bucket that the pipeline deploys from, when there is no GitHub connection. */
export const SOURCE_OBJECT_KEY = 'source.zip';

export interface PipelineStorageProps {
  readonly stackName: string;
  /** Log groups that CloudWatch Logs may encrypt with the key. */
  readonly logGroupNames: readonly string[];
  readonly artifactRetentionDays: number;
  /** Create the versioned source bucket (when the source is not GitHub). */
  readonly withSourceBucket: boolean;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * One customer managed key for everything the pipeline stores (artifacts, source zips, build logs,
 * alerts), the artifacts bucket, an optional source bucket, and the bucket their server access logs go to.
 */
export class PipelineStorage extends Construct {
  readonly key: kms.Key;
  readonly accessLogsBucket: s3.Bucket;
  readonly artifactsBucket: s3.Bucket;
  readonly sourceBucket: s3.Bucket | undefined;

  constructor(scope: Construct, id: string, props: PipelineStorageProps) {
    super(scope, id);
    // Grant log delivery with a bucket policy instead of the LogDeliveryWrite ACL (ACLs are disabled).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const { removalPolicy } = props;

    this.key = new kms.Key(this, 'PipelineKey', {
      description: `Artifacts, source, build logs and alerts of pipeline ${props.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForTheBuildLogs',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': props.logGroupNames.map((name) =>
              Stack.of(this).formatArn({
                service: 'logs',
                resource: 'log-group',
                resourceName: name,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ),
          },
        },
      }),
    );

    const secure = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy,
    };

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      ...secure,
      // S3 server access logging delivers only to buckets encrypted with SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ id: 'ExpireAccessLogs', expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server access log bucket of the artifacts and source buckets; logging it into itself would log every log delivery, in a loop.',
    });

    this.artifactsBucket = new s3.Bucket(this, 'ArtifactsBucket', {
      ...secure,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'artifacts/',
      lifecycleRules: [
        {
          id: 'ExpireArtifacts',
          expiration: Duration.days(props.artifactRetentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    if (props.withSourceBucket) {
      const bucket = new s3.Bucket(this, 'SourceBucket', {
        ...secure,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        // CodePipeline's S3 source needs versioning; each upload is a new version the pipeline can pin.
        versioned: true,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: 'source/',
        lifecycleRules: [
          {
            id: 'ExpireOldSourceVersions',
            noncurrentVersionExpiration: Duration.days(props.artifactRetentionDays),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
        ],
      });
      // Object Created events go to EventBridge, which starts the pipeline (no polling, no CloudTrail trail).
      // Set on the L1 resource: the L2 option adds a notifications custom resource with a Lambda function.
      (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
      this.sourceBucket = bucket;
    }
  }
}
