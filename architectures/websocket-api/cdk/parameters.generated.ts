// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Name of the WebSocket stage, the path of the wss:// URL. Default: "live". */
  readonly stageName: string;
  /** Steady messages and connection requests per second the stage accepts before it refuses more. Default: 500. */
  readonly throttlingRateLimit: number;
  /** Requests the stage accepts at once above the steady rate. Default: 1000. */
  readonly throttlingBurstLimit: number;
  /** Deliveries of a broadcast to the broadcaster before it moves to the dead-letter queue. Default: 5. */
  readonly maxReceiveCount: number;
  /** Retention of the access and function log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** ARN of an SNS topic in this Region that the alarms notify; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
}
