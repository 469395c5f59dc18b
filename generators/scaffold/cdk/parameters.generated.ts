// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Number of Availability Zones; each gets a public and an isolated subnet. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR allowed to reach the load balancer. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** Retention of the log groups in CloudWatch Logs, and of the access logs in S3. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
