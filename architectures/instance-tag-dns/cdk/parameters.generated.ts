// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Domain of the hosted zone the stack creates; instances get names below it, e.g. web-1.hosts.corp.internal. Default: "hosts.corp.internal". */
  readonly zoneName: string;
  /** Comma-separated ids of VPCs in this Region that the zone is private to; empty creates a public zone instead. Default: "". */
  readonly vpcIds: string;
  /** Turn on Route 53 accelerated recovery for the public zone, so record changes resume within about 60 minutes of a us-east-1 outage; private zones do not offer it. The zone cannot be deleted until it is turned off. Default: true. */
  readonly acceleratedRecovery: boolean;
  /** Tag key whose value is the instance's name below the zone, one or more DNS labels such as web-1 or api.eu. Default: "dns:name". */
  readonly tagKey: string;
  /** Which IPv4 address of the instance the A record points to; public suits dynamic DNS in a public zone. Default: "private". */
  readonly addressType: "private" | "public";
  /** TTL of each A record; how long clients may keep using the address of a stopped or replaced instance. Default: 60. */
  readonly recordTtlSeconds: number;
  /** How often a scheduled run compares every tagged instance and every remembered record and repairs them; 0 turns it off. Default: 60. */
  readonly reconcileIntervalMinutes: 0 | 15 | 60 | 360 | 1440;
  /** Retention of the function's log group in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Email address subscribed to the alarm topic; empty subscribes nobody (subscribe your paging tool to the AlarmTopicArn output instead). Default: "". */
  readonly alarmEmail: string;
}
