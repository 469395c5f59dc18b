// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC; each isolated subnet takes a /24 from it and the rest stays free. Default: "10.60.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones; each gets one isolated subnet and one network interface per endpoint. Default: 2. */
  readonly azCount: number;
  /** Number of sample managed instances, spread over the zones in turn; 0 builds only the network, endpoints, logging and policies. Default: 1. */
  readonly instanceCount: number;
  /** EC2 instance type of the sample instances; Graviton types (t4g, m7g) get the arm64 Amazon Linux 2023 image. Default: "t3.micro". */
  readonly instanceType: "t3.micro" | "t3.small" | "t3.medium" | "t4g.micro" | "t4g.small" | "t4g.medium" | "m7i.large" | "m7g.large";
  /** Size of the encrypted gp3 root volume of each sample instance. Default: 10. */
  readonly rootVolumeSizeGiB: number;
  /** Name of the Session Manager preferences document; empty derives the stack name followed by -SessionPreferences. SSM-SessionManagerRunShell makes it the account default in the Region, if that document does not exist yet. Default: "". */
  readonly sessionDocumentName: string;
  /** Minutes without input after which Session Manager ends a shell session. Default: 20. */
  readonly idleSessionTimeoutMinutes: number;
  /** Maximum length of a shell session in minutes, whether idle or not. Default: 120. */
  readonly maxSessionDurationMinutes: number;
  /** Operating system user that sessions run as (Run As); empty runs sessions as ssm-user. The user must exist on every instance. Default: "". */
  readonly runAsDefaultUser: string;
  /** Let the operator policy start port-forwarding sessions (to the instance and, through it, to other hosts in the VPC); their content is not logged. Default: true. */
  readonly allowPortForwarding: boolean;
  /** Retention of the session transcripts in CloudWatch Logs. Default: 365. */
  readonly sessionLogRetentionDays: 90 | 180 | 365 | 731 | 1827 | 3653;
  /** Retention of the VPC flow log group in CloudWatch Logs. Default: 90. */
  readonly flowLogRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Keep the session log group and its KMS key when the stack is deleted; false deletes both, for throwaway environments. Default: true. */
  readonly retainSessionLogs: boolean;
}
