// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** EventBridge schedule expression in UTC that starts a run; the default reports the Monday-to-Sunday week every Tuesday at 06:00 UTC. Default: "cron(0 6 ? * TUE *)". */
  readonly schedule: string;
  /** Days between the end of the reported 7-day period and the run date, so that Cost Explorer has settled the last day. Default: 1. */
  readonly dataLagDays: number;
  /** Gather cost per environment from Cost Explorer; false reports users only. Default: true. */
  readonly costReport: boolean;
  /** Cost allocation tag whose values are the environments; oar deploy tags every resource with oar:env. Default: "oar:env". */
  readonly costTagKey: string;
  /** Cost Explorer metric; AmortizedCost spreads Savings Plans and Reserved Instance fees over the days they cover. Default: "AmortizedCost". */
  readonly costMetric: "AmortizedCost" | "UnblendedCost" | "NetAmortizedCost" | "NetUnblendedCost";
  /** DynamoDB table in this account and Region with one item per user; empty turns user growth off. Default: "". */
  readonly usersTableName: string;
  /** describe reads DynamoDB's ItemCount (free, up to six hours old); scan counts every item (exact, reads the whole table). Default: "describe". */
  readonly userCountMethod: "describe" | "scan";
  /** CloudWatch namespace of the custom metrics; the store role may publish only to it. Default: "OAR/Metrics". */
  readonly metricNamespace: string;
  /** Create the CloudWatch dashboard output. Default: true. */
  readonly createDashboard: boolean;
  /** Host name or IP address of a Graphite/Carbon plaintext receiver; empty turns the Graphite output off. Default: "". */
  readonly graphiteHost: string;
  /** TCP port of the Carbon plaintext receiver. Default: 2003. */
  readonly graphitePort: number;
  /** First component of every Graphite path, e.g. oar.users.total and oar.cost.prod. Default: "oar". */
  readonly graphitePrefix: string;
  /** Comma-separated subnets to attach the Graphite writer to when Carbon is private; empty runs it outside a VPC. It needs no AWS API, so no NAT gateway. Default: "". */
  readonly graphiteSubnetIds: string;
  /** Comma-separated security groups for the Graphite writer in your subnets; they must allow TCP out to graphitePort. Default: "". */
  readonly graphiteSecurityGroupIds: string;
  /** Email address subscribed to the report topic (it must confirm); empty creates the topic without subscribers. Default: "". */
  readonly reportEmail: string;
  /** Email address subscribed to the alarm topic for failed runs; empty creates the topic without subscribers. Default: "". */
  readonly alarmEmail: string;
  /** Days after which run history expires from the bucket and the table; 0 keeps it forever. Default: 0. */
  readonly historyRetentionDays: number;
  /** Calendar window in UTC (day or week) in which at least one run must succeed, or the missed-run alarm fires; none turns that alarm off, for schedules that run less often than weekly. Default: "week". */
  readonly missedRunWindow: "day" | "week" | "none";
  /** Retention of the function and state machine log groups. Default: 90. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Keep the history bucket and the series table when the stack is deleted. Default: true. */
  readonly retainHistory: boolean;
}
