// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Attempts of each step on a transient error (Lambda throttling or service errors), with exponential backoff and full jitter; compensations get twice as many. Default: 3. */
  readonly retryAttempts: number;
  /** Seconds before the first retry of a step; each further retry waits up to twice as long, at most 60 seconds. Default: 2. */
  readonly retryIntervalSeconds: number;
  /** Minutes after which an execution that has not ended is stopped and counted as timed out. Default: 15. */
  readonly executionTimeoutMinutes: number;
  /** Days an idempotency key is remembered; a duplicate OrderPlaced event older than that starts a new saga. Default: 7. */
  readonly idempotencyTtlDays: number;
  /** Days the event archive keeps every order event on the bus for replay. Default: 30. */
  readonly archiveRetentionDays: number;
  /** Failed, timed-out or aborted executions in 5 minutes that set off the alarm. Default: 1. */
  readonly failedExecutionsThreshold: number;
  /** Turn on AWS X-Ray tracing for the state machine and the participants function, billed per trace. Default: true. */
  readonly tracing: boolean;
  /** Keep the ledger table, with deletion protection, when the stack is deleted; false deletes it, for throwaway environments. Default: true. */
  readonly retainData: boolean;
  /** Retention of the execution history and function log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
