// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR of the VPC; each zone gets a /22 application subnet and a /24 database subnet from it. Default: "10.70.0.0/16". */
  readonly vpcCidr: string;
  /** Availability Zones for the subnets and instances; the writer starts in the first, readers follow in turn. Default: 2. */
  readonly azCount: number;
  /** Aurora PostgreSQL version; the newest minor of each major version in standard support. A higher major version needs a blue/green upgrade, see the README. Default: "17.9". */
  readonly engineVersion: "15.17" | "16.13" | "17.9" | "18.6";
  /** DB instance class of the writer and every reader; the alarm thresholds follow its memory. Default: "db.r7g.large". */
  readonly instanceClass: "db.r6g.large" | "db.r6g.xlarge" | "db.r7g.large" | "db.r7g.xlarge" | "db.r7g.2xlarge" | "db.r7g.4xlarge" | "db.r8g.large" | "db.r8g.xlarge" | "db.r8g.2xlarge" | "db.r7i.large" | "db.r7i.xlarge";
  /** Number of reader instances; each is a failover target in another zone and serves the reader endpoint. Default: 1. */
  readonly readerCount: number;
  /** Aurora Standard (storage and I/O billed separately) or I/O-Optimized (no I/O charge, higher instance and storage prices). Default: "standard". */
  readonly storageType: "standard" | "io-optimized";
  /** Name of the database created with the cluster. Default: "app". */
  readonly databaseName: string;
  /** Name of the master (administrator) user whose password Secrets Manager generates and rotates. Default: "dbadmin". */
  readonly masterUsername: string;
  /** Database user the IAM connect policy is for; create it with CREATE USER and GRANT rds_iam. Default: "app". */
  readonly iamDbUser: string;
  /** Days between automatic rotations of the master password. Default: 30. */
  readonly rotationDays: number;
  /** Days of automated backups, and so how far back point-in-time recovery reaches. Default: 14. */
  readonly backupRetentionDays: number;
  /** Daily UTC window for the automated backup, hh24:mi-hh24:mi, at least 30 minutes, not overlapping the maintenance window. Default: "03:00-03:30". */
  readonly preferredBackupWindow: string;
  /** Weekly UTC window for patches and minor version upgrades, ddd:hh24:mi-ddd:hh24:mi, at least 30 minutes. Default: "sun:04:00-sun:04:30". */
  readonly preferredMaintenanceWindow: string;
  /** Refuse to delete the cluster, through CloudFormation or otherwise, until this is turned off. Default: true. */
  readonly deletionProtection: boolean;
  /** What a stack deletion does to the cluster; snapshot takes a final snapshot and keeps the secret and the key, destroy deletes all three. Default: "snapshot". */
  readonly removalPolicy: "snapshot" | "destroy";
  /** Database Insights mode; advanced keeps 15 months of Performance Insights and adds per-query and lock analysis, billed per vCPU-hour. Default: "standard". */
  readonly databaseInsightsMode: "standard" | "advanced";
  /** Interval of enhanced monitoring (operating system metrics) in seconds. Default: 60. */
  readonly monitoringIntervalSeconds: 1 | 5 | 10 | 15 | 30 | 60;
  /** Retention of the PostgreSQL log group and the VPC flow log group. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Days AWS Backup keeps each daily snapshot; 0 creates no backup vault or plan. Default: 90. */
  readonly awsBackupRetentionDays: 0 | 35 | 90 | 180 | 365 | 730;
  /** Email address subscribed to the alarm topic; empty subscribes nobody (subscribe your paging tool instead). Default: "". */
  readonly alarmEmail: string;
}
