import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { StreamAlarms } from './alarms.ts';
import { StreamingJob } from './flink.ts';
import { LogKey, retentionOf } from './logs.ts';
import type { Parameters } from './parameters.generated.ts';
import { StreamStorage } from './storage.ts';
import { EventStream } from './stream.ts';
import { IcebergTable } from './table.ts';

export interface StreamingAnalyticsStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Glue database names must be lowercase; Athena prefers letters, digits and underscores. */
export function databaseNameOf(stackName: string): string {
  return stackName
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '');
}

/**
 * Real-time streaming into a lakehouse table: producers put records into an encrypted Kinesis data stream,
 * a Managed Service for Apache Flink application reads it and commits rows to an Apache Iceberg table in
 * S3, registered in the Glue Data Catalog, at every checkpoint. Alarms watch how far the job lags the
 * stream, whether records near their retention, throttling, downtime, restarts and failed or slow commits.
 */
export default class StreamingAnalyticsStack extends Stack {
  constructor(scope: Construct, id: string, props: StreamingAnalyticsStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const name = this.stackName;
    const databaseName = databaseNameOf(name);

    const storage = new StreamStorage(this, 'Storage', {
      stackName: name,
      codeBucketName: p.codeBucketName,
      noncurrentVersionDays: p.noncurrentVersionDays,
      accessLogRetentionDays: p.accessLogRetentionDays,
      retainData: p.retainData,
    });

    // --- Ingest: the stream and the producers' policy.
    const events = new EventStream(this, 'Ingest', {
      streamName: name,
      mode: p.streamMode === 'PROVISIONED' ? 'PROVISIONED' : 'ON_DEMAND',
      shardCount: p.shardCount,
      retentionHours: p.retentionHours,
      key: storage.dataKey,
    });

    // --- Landing: the Iceberg table in the Glue Data Catalog.
    const table = new IcebergTable(this, 'Lake', {
      databaseName,
      tableName: p.tableName,
      warehouse: storage.warehouseBucket,
      key: storage.dataKey,
      optimizers: p.tableOptimizers,
      snapshotRetentionDays: p.snapshotRetentionDays,
    });

    // --- Processing: the Flink application, logging to its own encrypted log group.
    const logGroupName = `/aws/kinesis-analytics/${name}`;
    const logKey = new LogKey(this, 'Logs', { logGroupNames: [logGroupName] });
    const job = new StreamingJob(this, 'Job', {
      applicationName: name,
      runtime: p.flinkRuntime,
      codeBucket: storage.codeBucket,
      codeKey: p.codeKey,
      stream: events.stream,
      table,
      databaseName,
      tableName: p.tableName,
      warehouse: storage.warehouseBucket,
      dataKey: storage.dataKey,
      parallelism: p.parallelism,
      parallelismPerKpu: p.parallelismPerKpu,
      autoScaling: p.autoScaling,
      checkpointIntervalSeconds: p.checkpointIntervalSeconds,
      logGroup: logKey.logGroup('LogGroup', logGroupName, retentionOf(p.logRetentionDays)),
    });
    // The job commits to the table; it must exist before the application can start.
    job.application.addResourceDependency(table.table);

    // --- Alarms.
    const alarms = new StreamAlarms(this, 'Alarms', {
      stream: events.stream,
      applicationName: job.application.ref,
      key: storage.dataKey,
      alertEmail: p.alertEmail,
      iteratorAgeMinutes: p.iteratorAgeAlarmMinutes,
      retentionHours: p.retentionHours,
      checkpointIntervalSeconds: p.checkpointIntervalSeconds,
    });

    // --- Outputs: one CfnOutput per output in architecture.yaml, with the same id.
    const out = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    out('StreamName', events.stream.streamName, 'Kinesis data stream that producers write to');
    out('StreamArn', events.stream.streamArn, 'ARN of the stream');
    out('ProducerPolicyArn', events.producerPolicy.managedPolicyArn, 'Managed policy to attach to producer roles');
    out('ApplicationName', job.application.ref, 'Managed Service for Apache Flink application; start it after the first deploy');
    out('ApplicationRoleArn', job.role.roleArn, 'Role the Flink application runs as');
    out('CodeLocation', `s3://${storage.codeBucket.bucketName}/${p.codeKey}`, 'Where the application reads its JAR');
    out('WarehouseBucketName', storage.warehouseBucket.bucketName, 'Bucket with the Iceberg data and metadata files');
    out('DatabaseName', table.database.ref, 'Glue database of the Iceberg table');
    out('TableName', table.table.ref, 'Iceberg table the job commits to');
    out('TableLocation', table.location, 'S3 location of the Iceberg table');
    out('DataKeyArn', storage.dataKey.keyArn, 'KMS key of the stream, the buckets, the Flink state and the alert topic');
    out('LogGroupName', logGroupName, 'CloudWatch Logs log group of the Flink application');
    out('AlertTopicArn', alarms.topic.topicArn, 'SNS topic the alarms notify');
  }
}
