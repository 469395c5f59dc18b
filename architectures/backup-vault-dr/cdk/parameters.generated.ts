// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Tag key that selects resources for backup and restore tests. Default: "backup-plan". */
  readonly selectionTagKey: string;
  /** Value of the tag that selects resources. Default: "daily". */
  readonly selectionTagValue: string;
  /** Days each daily recovery point (and its DR-Region and cross-account copies) is kept. Default: 35. */
  readonly dailyRetentionDays: number;
  /** Days each monthly recovery point is kept. Default: 365. */
  readonly monthlyRetentionDays: number;
  /** Vault Lock mode of the primary vault; compliance becomes immutable 3 days after the deploy, governance can be removed by privileged users. Default: "compliance". */
  readonly lockMode: "compliance" | "governance";
  /** No recovery point in the primary vault can be deleted or expire sooner than this; must not exceed dailyRetentionDays. Default: 7. */
  readonly lockMinRetentionDays: number;
  /** No recovery point can be kept longer than this in the primary vault; must be at least monthlyRetentionDays. Default: 3650. */
  readonly lockMaxRetentionDays: number;
  /** Minimum retention of the logically air-gapped vault (its lock, in compliance mode from the start). Default: 7. */
  readonly airGappedMinRetentionDays: number;
  /** Days each copy in the air-gapped vault is kept; also the vault's maximum retention. Default: 35. */
  readonly airGappedRetentionDays: number;
  /** Region of the DR vault that daily recovery points are copied to (ignored when crossRegionVaultArn is set). Default: "us-west-2". */
  readonly drRegion: string;
  /** Name of the vault in drRegion, in this account. Default: "backup-dr". */
  readonly drVaultName: string;
  /** ARN of the DR vault, for a vault in another account's DR Region; empty builds it from drRegion and drVaultName. Default: "". */
  readonly crossRegionVaultArn: string;
  /** ARN of a vault in another account (a central backup account) that daily recovery points are also copied to; empty for none. Default: "". */
  readonly crossAccountVaultArn: string;
  /** Comma-separated resource types restore-tested every week (AWS Backup ProtectedResourceType values such as DynamoDB, EBS, RDS, Aurora, EFS, S3, EC2). Default: "DynamoDB,EBS". */
  readonly restoreTestResourceTypes: string;
  /** Hours a restored resource is kept for validation before AWS Backup deletes it. Default: 2. */
  readonly restoreValidationHours: number;
  /** Email address subscribed to the alert topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
}
