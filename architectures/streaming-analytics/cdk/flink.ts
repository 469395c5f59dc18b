import { ArnFormat, Aws, RemovalPolicy, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as flink from 'aws-cdk-lib/aws-kinesisanalyticsv2';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { IcebergTable } from './table.ts';

export interface StreamingJobProps {
  readonly applicationName: string;
  readonly runtime: string;
  readonly codeBucket: s3.IBucket;
  readonly codeKey: string;
  readonly stream: kinesis.IStream;
  readonly table: IcebergTable;
  readonly databaseName: string;
  readonly tableName: string;
  readonly warehouse: s3.IBucket;
  readonly dataKey: kms.IKey;
  readonly parallelism: number;
  readonly parallelismPerKpu: number;
  readonly autoScaling: boolean;
  readonly checkpointIntervalSeconds: number;
  /** The job's log group (encrypted, with retention), which the application writes to through one log stream. */
  readonly logGroup: logs.LogGroup;
}

/** The property group the job reads at start (KinesisAnalyticsRuntime.getApplicationProperties()). */
export const PROPERTY_GROUP = 'StreamToIceberg';

/**
 * The Managed Service for Apache Flink application that reads the stream and commits rows to the Iceberg
 * table at every checkpoint. It runs the job JAR from S3, checkpoints on a fixed interval, takes a
 * snapshot whenever it stops or is updated and restores from the latest one, rolls back an update that
 * fails to start, scales its parallelism with CPU, and encrypts its state with the data key. Its role may
 * read the JAR, read the stream, write below the table's location, commit to that one table, and log.
 */
export class StreamingJob extends Construct {
  readonly application: flink.CfnApplication;
  readonly role: iam.Role;
  readonly logStream: logs.LogStream;
  readonly loggingOption: flink.CfnApplicationCloudWatchLoggingOption;

  constructor(scope: Construct, id: string, props: StreamingJobProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const applicationArn = stack.formatArn({
      service: 'kinesisanalytics',
      resource: 'application',
      resourceName: props.applicationName,
    });

    this.role = new iam.Role(this, 'Role', {
      description: `Runs the Flink application ${props.applicationName}`,
      assumedBy: new iam.ServicePrincipal('kinesisanalytics.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': applicationArn },
        },
      }),
    });
    const tablePrefix = `${props.databaseName}/${props.tableName}`;
    const policy = new iam.Policy(this, 'Policy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadTheJobJar',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [props.codeBucket.arnForObjects(props.codeKey)],
        }),
        new iam.PolicyStatement({
          sid: 'ReadTheStream',
          actions: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetRecords',
            'kinesis:GetShardIterator',
            'kinesis:ListShards',
          ],
          resources: [props.stream.streamArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteTheTableFiles',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          resources: [props.warehouse.arnForObjects(`${tablePrefix}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ListTheTableFiles',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [props.warehouse.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'CommitToTheTable',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:UpdateTable'],
          resources: [
            stack.formatArn({ service: 'glue', resource: 'catalog' }),
            stack.formatArn({ service: 'glue', resource: 'database', resourceName: props.databaseName }),
            stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${props.databaseName}/${props.tableName}` }),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'DataKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.dataKey.keyArn],
        }),
        new iam.PolicyStatement({
          sid: 'FindTheLogGroup',
          actions: ['logs:DescribeLogGroups'],
          resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
        new iam.PolicyStatement({
          sid: 'WriteTheLogStream',
          actions: ['logs:DescribeLogStreams', 'logs:PutLogEvents'],
          resources: [props.logGroup.logGroupArn],
        }),
      ],
    });
    policy.attachToRole(this.role);
    Validations.of(policy).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.warehouse.node.defaultChild as CfnResource)}.Arn>/${tablePrefix}/*]`,
        reason: 'Iceberg writes data and metadata files under new names at every commit; the grant is limited to the table location.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
        reason: 'DescribeLogGroups takes no log group in its resource; it lists names only, and writing is limited to this log group.',
      },
    );

    this.logStream = new logs.LogStream(this, 'LogStream', {
      logGroup: props.logGroup,
      logStreamName: 'application',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const interval = props.checkpointIntervalSeconds * 1000;
    this.application = new flink.CfnApplication(this, 'Application', {
      applicationName: props.applicationName,
      applicationDescription: `Reads ${props.stream.streamName} and commits rows to ${props.databaseName}.${props.tableName} at each checkpoint`,
      runtimeEnvironment: props.runtime,
      serviceExecutionRole: this.role.roleArn,
      applicationConfiguration: {
        applicationCodeConfiguration: {
          codeContentType: 'ZIPFILE',
          codeContent: { s3ContentLocation: { bucketArn: props.codeBucket.bucketArn, fileKey: props.codeKey } },
        },
        applicationSnapshotConfiguration: { snapshotsEnabled: true },
        applicationSystemRollbackConfiguration: { rollbackEnabled: true },
        applicationEncryptionConfiguration: { keyType: 'CUSTOMER_MANAGED_KEY', keyId: props.dataKey.keyArn },
        environmentProperties: {
          propertyGroups: [
            {
              propertyGroupId: PROPERTY_GROUP,
              propertyMap: {
                'stream.arn': props.stream.streamArn,
                'stream.initial.position': 'TRIM_HORIZON',
                'iceberg.catalog': 'glue',
                'iceberg.warehouse': `s3://${props.warehouse.bucketName}/`,
                'iceberg.database': props.databaseName,
                'iceberg.table': props.tableName,
                'aws.region': Aws.REGION,
              },
            },
          ],
        },
        flinkApplicationConfiguration: {
          checkpointConfiguration: {
            configurationType: 'CUSTOM',
            checkpointingEnabled: true,
            checkpointInterval: interval,
            minPauseBetweenCheckpoints: Math.floor(interval / 2),
          },
          monitoringConfiguration: { configurationType: 'CUSTOM', metricsLevel: 'APPLICATION', logLevel: 'INFO' },
          parallelismConfiguration: {
            configurationType: 'CUSTOM',
            parallelism: props.parallelism,
            parallelismPerKpu: props.parallelismPerKpu,
            autoScalingEnabled: props.autoScaling,
          },
        },
      },
      runConfiguration: {
        applicationRestoreConfiguration: { applicationRestoreType: 'RESTORE_FROM_LATEST_SNAPSHOT' },
        flinkRunConfiguration: { allowNonRestoredState: false },
      },
    });
    // The service checks at creation that the role can read the JAR and the stream.
    this.application.node.addDependency(policy);

    this.loggingOption = new flink.CfnApplicationCloudWatchLoggingOption(this, 'Logging', {
      applicationName: this.application.ref,
      cloudWatchLoggingOption: {
        logStreamArn: stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: `${props.logGroup.logGroupName}:log-stream:${this.logStream.logStreamName}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    });
  }
}
