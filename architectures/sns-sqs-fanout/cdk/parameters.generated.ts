// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated consumer names, 1 to 10, lowercase; each gets a queue, two dead-letter queues, a worker and three alarms. Default: "billing,email,analytics". */
  readonly consumers: string;
  /** JSON object from consumer name to SNS filter policy, e.g. {"billing":{"type":["order.placed"]}}; consumers not named receive every message. Default: "". */
  readonly filterPolicies: string;
  /** Whether the filter policies match message attributes or the JSON message body. Default: "MessageAttributes". */
  readonly filterPolicyScope: "MessageAttributes" | "MessageBody";
  /** Receives after which a message moves to the consumer's dead-letter queue; keep 5 or more so throttling alone does not move messages. Default: 5. */
  readonly maxReceiveCount: number;
  /** Timeout of each worker invocation; the queue's visibility timeout is six times this plus the batching window. Default: 30. */
  readonly workerTimeoutSeconds: number;
  /** Memory of each worker function, which also sets its CPU share. Default: 256. */
  readonly workerMemoryMiB: 128 | 256 | 512 | 1024 | 2048;
  /** Most messages per worker invocation; above 10 needs maxBatchingWindowSeconds of at least 1. Default: 10. */
  readonly batchSize: number;
  /** Seconds Lambda may wait to fill a batch; 0 invokes as soon as messages are there. Default: 0. */
  readonly maxBatchingWindowSeconds: number;
  /** Most concurrent invocations per worker; the backpressure towards each consumer's downstream. Default: 5. */
  readonly maxConcurrency: number;
  /** How long a message may wait in a consumer queue; dead-letter queues keep messages for 14 days. Default: 4. */
  readonly messageRetentionDays: number;
  /** Days an idempotency record lives; at least messageRetentionDays, and 14 also covers redrives from a dead-letter queue. Default: 14. */
  readonly idempotencyTtlDays: number;
  /** Age of the oldest message in a consumer queue, held for 5 minutes, that raises the backlog alarm. Default: 600. */
  readonly oldestMessageAlarmSeconds: number;
  /** Email address subscribed to the alarm topic; the recipient must confirm. Empty subscribes nobody. Default: "". */
  readonly alarmEmail: string;
  /** Retention of the worker log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
