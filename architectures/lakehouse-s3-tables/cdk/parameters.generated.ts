// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Name of the dataset; the raw prefix, the raw table and the curated table are all called this. Default: "events". */
  readonly datasetName: string;
  /** Glue cron expression (UTC) of the workflow that crawls raw and then runs the job; the default runs daily at 02:00 UTC. Default: "cron(0 2 * * ? *)". */
  readonly ingestSchedule: string;
  /** Crawl only dt= folders added since the last crawl (cheaper; the raw table keeps its first columns); false crawls everything and merges new columns. Default: true. */
  readonly crawlNewFoldersOnly: boolean;
  /** Glue worker type of the Spark job; G.1X is 1 DPU (4 vCPU, 16 GB), G.2X 2 DPU, G.4X 4 DPU. Default: "G.1X". */
  readonly etlWorkerType: "G.1X" | "G.2X" | "G.4X";
  /** Number of workers of the Spark job, including the driver. Default: 2. */
  readonly etlWorkers: number;
  /** Minutes after which a job run is stopped and reported as TIMEOUT. Default: 120. */
  readonly etlTimeoutMinutes: number;
  /** Athena cancels any query in the workgroup that scans more than this many GB (10 GB is at most 0.05 USD). Default: 10. */
  readonly maxScanGbPerQuery: number;
  /** Comma-separated IAM role or user ARNs to add as Lake Formation administrators, besides the CDK deployment role. Default: "". */
  readonly dataLakeAdminArns: string;
  /** Comma-separated IAM role ARNs that get DESCRIBE on the curated namespace and SELECT on all its tables (the S3 Tables integration must be on); attach AnalystPolicyArn to them too. Default: "". */
  readonly analystRoleArns: string;
  /** Email address subscribed to the alert topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
  /** Days after which raw files move to S3 Glacier Flexible Retrieval; 0 keeps them in S3 Standard. Default: 365. */
  readonly rawArchiveAfterDays: 0 | 90 | 180 | 365 | 730;
  /** Days an overwritten or deleted raw object version, or a noncurrent table file, is kept before it is deleted for good. Default: 30. */
  readonly noncurrentVersionDays: number;
  /** Days Athena query results are kept in the results bucket. Default: 30. */
  readonly queryResultRetentionDays: number;
  /** Days S3 server access logs are kept. Default: 365. */
  readonly accessLogRetentionDays: number;
  /** Keep the three buckets, the table bucket with its namespace, and both KMS keys when the stack is deleted; false deletes them, but only if they are empty. Default: true. */
  readonly retainData: boolean;
  /** Days after which S3 Tables marks table files that no snapshot references as noncurrent; they are deleted noncurrentVersionDays later. Default: 3. */
  readonly unreferencedFileDays: number;
  /** Add a Redshift Serverless namespace and workgroup over the same tables; needs redshiftSubnetIds and the S3 Tables integration. Default: false. */
  readonly redshiftServerless: boolean;
  /** Base capacity of the Redshift Serverless workgroup in RPUs, in steps of 8. Default: 8. */
  readonly redshiftBaseCapacity: 8 | 16 | 32 | 64 | 128;
  /** Comma-separated private subnet ids, in at least three Availability Zones of one VPC, for the Redshift Serverless workgroup. Default: "". */
  readonly redshiftSubnetIds: string;
  /** Comma-separated security group ids of the Redshift Serverless workgroup; empty uses the VPC's default security group. Default: "". */
  readonly redshiftSecurityGroupIds: string;
}
