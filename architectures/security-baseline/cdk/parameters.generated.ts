// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated Security Hub CSPM standards to subscribe - fsbp (AWS Foundational Security Best Practices), cis (CIS AWS Foundations 3.0), nist (NIST 800-53 rev 5), pci (PCI DSS 4.0.1). Default: "fsbp,cis". */
  readonly securityHubStandards: string;
  /** Turn on GuardDuty Runtime Monitoring with automated agent management for EKS, ECS Fargate and EC2. Default: true. */
  readonly guardDutyRuntimeMonitoring: boolean;
  /** GuardDuty findings at or above this severity (7 is High, 4 Medium) are sent to the findings topic. Default: 7. */
  readonly minGuardDutySeverity: number;
  /** Access keys older than this are non-compliant in the conformance pack. Default: 90. */
  readonly maxAccessKeyAgeDays: number;
  /** Comma-separated member accounts the conformance pack skips (for example sandboxes). Default: "". */
  readonly excludedAccountIds: string;
  /** Days AWS Config snapshots and history files are kept in the bucket. Default: 365. */
  readonly configRetentionDays: number;
  /** Email address subscribed to the findings topic (the recipient must confirm); empty creates the topic without a subscription. Default: "". */
  readonly alertEmail: string;
}
