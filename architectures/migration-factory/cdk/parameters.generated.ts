// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated schemas (or databases, for MySQL) of this wave; one DMS task each, at most 20. Default: "sales,inventory". */
  readonly waveSchemas: string;
  /** DMS engine of the source database. Default: "postgres". */
  readonly sourceEngine: "postgres" | "mysql" | "sqlserver" | "oracle";
  /** Name of the source database. Default: "app". */
  readonly sourceDatabase: string;
  /** DMS engine of the target database. Default: "aurora-postgresql". */
  readonly targetEngine: "aurora-postgresql" | "postgres" | "aurora-mysql" | "mysql" | "sqlserver";
  /** Name of the target database. Default: "app". */
  readonly targetDatabase: string;
  /** full-load-and-cdc copies the data and then every change until cutover; full-load copies once; cdc only changes. Default: "full-load-and-cdc". */
  readonly migrationType: "full-load-and-cdc" | "full-load" | "cdc";
  /** Class of the DMS replication instance. Default: "dms.r5.large". */
  readonly replicationInstanceClass: "dms.t3.medium" | "dms.r5.large" | "dms.r5.xlarge" | "dms.c5.xlarge" | "dms.r5.2xlarge";
  /** Storage of the replication instance for cached changes and logs. Default: 100. */
  readonly replicationStorageGiB: number;
  /** IPv4 CIDR of the source network (the data centre), reached over VPN or Direct Connect. Default: "10.0.0.0/16". */
  readonly sourceCidr: string;
  /** Create the account's dms-vpc-role, which DMS requires; false when the account already has it. Default: true. */
  readonly createDmsVpcRole: boolean;
  /** Retention of the VPC flow log group. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
