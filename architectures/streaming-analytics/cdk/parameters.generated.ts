// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Capacity mode of the stream; ON_DEMAND scales by itself and bills per GB, PROVISIONED bills per shard-hour. Default: "ON_DEMAND". */
  readonly streamMode: "ON_DEMAND" | "PROVISIONED";
  /** Shards of a PROVISIONED stream (each 1 MB/s or 1,000 records/s in, 2 MB/s out); ignored on demand. Default: 2. */
  readonly shardCount: number;
  /** Hours the stream keeps records, which is how far back the job can replay; beyond 24 hours is billed as extended retention. Default: 168. */
  readonly retentionHours: number;
  /** Existing S3 bucket that holds the job JAR; empty creates a versioned artifact bucket, to which the JAR must be uploaded before the application is created. Default: "". */
  readonly codeBucketName: string;
  /** S3 key of the job JAR; give each release its own key so a rollback names the previous one. Default: "flink/stream-to-iceberg.jar". */
  readonly codeKey: string;
  /** Managed Service for Apache Flink runtime the JAR was built for. Default: "FLINK-1_20". */
  readonly flinkRuntime: "FLINK-1_20" | "FLINK-1_19";
  /** Starting (and minimum) parallelism of the job; autoscaling never goes below it. Default: 2. */
  readonly parallelism: number;
  /** Parallel tasks per KPU (1 vCPU, 4 GB); 1 for CPU-heavy jobs, up to 8 for jobs that mostly wait on I/O. Default: 1. */
  readonly parallelismPerKpu: number;
  /** Let the service double the parallelism under sustained CPU load and halve it after six quiet hours. Default: true. */
  readonly autoScaling: boolean;
  /** Seconds between checkpoints, which are the Iceberg commits; shorter is fresher data and more small files. Default: 60. */
  readonly checkpointIntervalSeconds: number;
  /** Name of the Iceberg table in the stack's Glue database. Default: "events". */
  readonly tableName: string;
  /** Create Glue table optimizers (compaction, snapshot retention, orphan file deletion) for the table; turn it on in production. Default: false. */
  readonly tableOptimizers: boolean;
  /** Days of Iceberg snapshots the retention optimizer keeps, which is how far back the table can be rolled back. Default: 5. */
  readonly snapshotRetentionDays: number;
  /** Minutes the oldest unread record may wait before the lag alarm fires. Default: 10. */
  readonly iteratorAgeAlarmMinutes: number;
  /** Email address subscribed to the alert topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
  /** Days a deleted or overwritten table file or JAR version is kept and can be restored. Default: 7. */
  readonly noncurrentVersionDays: number;
  /** Days S3 server access logs are kept. Default: 365. */
  readonly accessLogRetentionDays: number;
  /** Retention of the Flink application's log group in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Keep the buckets and the data key when the stack is deleted; false deletes them, but only if the buckets are empty. Default: true. */
  readonly retainData: boolean;
}
