// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated partner names, each a user and a set of folders; lowercase letters, digits and hyphens, 3 to 32 characters, at most 20. Default: "partner-a,partner-b". */
  readonly partners: string;
  /** Give the endpoint one Elastic IP per zone so partners reach it over the internet; false keeps it private to the VPC, for partners on VPN or Direct Connect. Default: true. */
  readonly internetFacing: boolean;
  /** IPv4 CIDR allowed to open port 22; narrow it to the partners' ranges where they have fixed ones. Default: "0.0.0.0/0". */
  readonly allowedClientCidr: string;
  /** Transfer Family security policy that fixes the SSH ciphers, key exchanges and MACs; the FIPS one for FIPS 140 endpoints. Default: "TransferSecurityPolicy-2024-01". */
  readonly securityPolicyName: "TransferSecurityPolicy-2024-01" | "TransferSecurityPolicy-FIPS-2024-01";
  /** guardduty scans every upload with GuardDuty Malware Protection for S3 (use it in production); signature-check is a built-in content check for executables and the EICAR test file, not antivirus. Default: "signature-check". */
  readonly malwareScanner: "signature-check" | "guardduty";
  /** Largest file the signature-check scanner reads; larger files are quarantined unscanned. Default: 100. */
  readonly maxScanSizeMb: number;
  /** Days a quarantined file is kept before it expires. Default: 90. */
  readonly quarantineRetentionDays: number;
  /** ARN of the security team's IAM role that may read quarantined files; empty lets only the scanner read them. Default: "". */
  readonly quarantineReaderRoleArn: string;
  /** Keep the exchange bucket and its key when the stack is deleted; false deletes them, for test environments. Default: true. */
  readonly retainData: boolean;
  /** Availability Zones of the endpoint; each gets a public and an isolated subnet, and an Elastic IP when internet-facing. Default: 2. */
  readonly azCount: number;
  /** Retention of the server, scanner and flow log groups, and of the S3 access logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
