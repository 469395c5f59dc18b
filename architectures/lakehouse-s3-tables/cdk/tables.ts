import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3tables from 'aws-cdk-lib/aws-s3tables';
import { Construct } from 'constructs';

export interface CuratedTablesProps {
  /** Name of the table bucket: 3 to 63 lowercase letters, digits and hyphens. */
  readonly tableBucketName: string;
  /** Namespace of the curated tables: lowercase letters, digits and underscores. */
  readonly namespace: string;
  readonly dataKey: kms.Key;
  /** Days after which S3 Tables marks files that no table snapshot references as noncurrent. */
  readonly unreferencedDays: number;
  /** Days after which noncurrent files are deleted for good. */
  readonly noncurrentDays: number;
  readonly retainData: boolean;
}

/**
 * The curated side of the lakehouse: an S3 Tables table bucket and one namespace, whose Apache Iceberg
 * tables the Glue job creates and replaces day by day. S3 Tables maintains every table in the bucket:
 * it compacts small files and expires old snapshots (on by default for each table), and the bucket
 * removes files that no snapshot references any more. Everything is encrypted with the data key.
 */
export class CuratedTables extends Construct {
  readonly tableBucket: s3tables.CfnTableBucket;
  readonly namespace: s3tables.CfnNamespace;
  readonly tableBucketArn: string;

  constructor(scope: Construct, id: string, props: CuratedTablesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.tableBucket = new s3tables.CfnTableBucket(this, 'TableBucket', {
      tableBucketName: props.tableBucketName,
      encryptionConfiguration: { sseAlgorithm: 'aws:kms', kmsKeyArn: props.dataKey.keyArn },
      unreferencedFileRemoval: {
        status: 'Enabled',
        unreferencedDays: props.unreferencedDays,
        noncurrentDays: props.noncurrentDays,
      },
    });
    this.tableBucket.applyRemovalPolicy(props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    this.tableBucketArn = this.tableBucket.attrTableBucketArn;

    this.namespace = new s3tables.CfnNamespace(this, 'Namespace', {
      tableBucketArn: this.tableBucketArn,
      namespace: props.namespace,
    });
    this.namespace.applyRemovalPolicy(props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);

    // S3 Tables runs compaction, snapshot expiry and unreferenced file removal as its maintenance
    // principal; with SSE-KMS it must be able to use the key for this account's table buckets.
    props.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3TablesMaintenance',
        principals: [new iam.ServicePrincipal('maintenance.s3tables.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          StringLike: {
            'kms:EncryptionContext:aws:s3:arn': stack.formatArn({
              service: 's3tables',
              resource: 'bucket',
              resourceName: `${props.tableBucketName}/*`,
            }),
          },
        },
      }),
    );
  }
}
