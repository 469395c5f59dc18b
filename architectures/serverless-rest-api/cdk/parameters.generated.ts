// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Name of the API Gateway stage, which is the first segment of every URL path. Default: "v1". */
  readonly stageName: string;
  /** Steady requests per second the stage accepts across all clients before it answers 429. Default: 100. */
  readonly throttlingRateLimit: number;
  /** Requests the stage accepts at once above the steady rate (token bucket size). Default: 200. */
  readonly throttlingBurstLimit: number;
  /** Concurrent executions reserved for the function, which are also its maximum; 0 leaves it in the unreserved pool of the account. Default: 0. */
  readonly reservedConcurrency: number;
  /** Memory of the function in MB; CPU grows with it. Default: 256. */
  readonly memorySizeMb: 128 | 256 | 512 | 1024;
  /** How a deployment moves the live alias to a new version; the canary and linear choices shift traffic through CodeDeploy over 10 minutes and move it back when the 5xx alarm goes off, AllAtOnce moves it in one step without CodeDeploy. Default: "Canary10Percent10Minutes". */
  readonly trafficShifting: "Canary10Percent10Minutes" | "Linear10PercentEvery1Minute" | "AllAtOnce";
  /** Turn on AWS X-Ray active tracing for the stage and the function, which is billed per trace. Default: false. */
  readonly tracing: boolean;
  /** Days back to which point-in-time recovery can restore the table. Default: 35. */
  readonly pitrRecoveryDays: number;
  /** Turn on deletion protection and keep the table when the stack is deleted; false deletes it with the stack, for throwaway environments. Default: true. */
  readonly retainTable: boolean;
  /** Set API Gateway's account-level CloudWatch Logs role for this Region, which logging needs; false when the account already has one. Default: true. */
  readonly configureAccountLogging: boolean;
  /** Retention of the access, execution and function log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
