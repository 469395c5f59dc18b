// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Root id (r-…) of the existing organization; empty creates the organization in this stack (a standalone account, and the local emulator). Default: "". */
  readonly organizationRootId: string;
  /** Id of the existing log-archive account; empty when there is none yet or createAccounts is true. Default: "". */
  readonly logArchiveAccountId: string;
  /** Id of the existing audit (security tooling) account, which may read the logs; empty when there is none yet or createAccounts is true. Default: "". */
  readonly auditAccountId: string;
  /** Create the log-archive and audit accounts in the Security OU; they are retained, never closed, when the stack is deleted. Default: false. */
  readonly createAccounts: boolean;
  /** Root email address of the log-archive account to create (only with createAccounts); it must not belong to any other AWS account. Default: "". */
  readonly logArchiveEmail: string;
  /** Root email address of the audit account to create (only with createAccounts). Default: "". */
  readonly auditEmail: string;
  /** Comma-separated Regions member accounts may use; global services are exempt. Keep the home Region of the trail in the list. Default: "us-east-1,us-west-2". */
  readonly allowedRegions: string;
  /** Name of the IAM role, in any account, that the guardrails and the region deny spare; create it only in the accounts that need it and guard it closely. Default: "LandingZoneBreakGlass". */
  readonly breakGlassRoleName: string;
  /** Days each log file is locked (S3 Object Lock, compliance mode) and kept; it expires the day after. Default: 365. */
  readonly logRetentionDays: number;
}
