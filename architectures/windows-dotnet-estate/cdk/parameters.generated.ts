// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Fully qualified name of the Active Directory domain; its first label, upper-cased, is the NetBIOS name. Default: "corp.example.com". */
  readonly domainName: string;
  /** Edition of AWS Managed Microsoft AD; Enterprise for more than about 30,000 objects or multi-Region replication. Default: "Standard". */
  readonly directoryEdition: "Standard" | "Enterprise";
  /** Instance type of the web servers. Default: "m6i.large". */
  readonly instanceType: "m6i.large" | "m6i.xlarge" | "m7i.large" | "m7i.xlarge" | "r6i.large";
  /** A tested Windows Server AMI in this Region; empty takes the newest Windows Server 2022 Full Base at each launch. Default: "". */
  readonly amiId: string;
  /** Fewest web servers, at least one per zone. Default: 2. */
  readonly minCapacity: number;
  /** Most web servers the group scales out to. Default: 6. */
  readonly maxCapacity: number;
  /** IPv4 CIDR allowed to reach the load balancer. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** ACM certificate for HTTPS on the load balancer; empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** SSD storage of the file system in GiB (32 is the minimum). Default: 32. */
  readonly fileStorageGiB: number;
  /** Throughput capacity of the file system in MB/s. Default: 32. */
  readonly fileThroughputMBps: 32 | 64 | 128 | 256 | 512 | 1024 | 2048;
  /** RDS engine, license included; sqlserver-web only for public web workloads its licence terms allow. Default: "sqlserver-se". */
  readonly sqlServerEdition: "sqlserver-se" | "sqlserver-ee" | "sqlserver-web";
  /** Instance class of the SQL Server database. Default: "db.m6i.xlarge". */
  readonly databaseInstanceType: "db.m6i.large" | "db.m6i.xlarge" | "db.m6i.2xlarge" | "db.r6i.xlarge" | "db.r6i.2xlarge";
  /** gp3 storage of the database in GiB. Default: 100. */
  readonly databaseStorageGiB: number;
  /** Days of automated backups of the file system and the database. Default: 7. */
  readonly backupRetentionDays: number;
  /** Protect the database from deletion, snapshot it when the stack is deleted, and keep the data key; false for test estates. Default: true. */
  readonly deletionProtection: boolean;
  /** Retention of the flow log and file audit log groups, and of the load balancer access logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
