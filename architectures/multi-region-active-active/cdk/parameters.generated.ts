// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** primary in the Region deployed first, which creates the global table and, without hostedZoneId, the hosted zone; secondary in the other Region. Both serve reads and writes. Never change it on a deployed stack. Default: "primary". */
  readonly role: "primary" | "secondary";
  /** The other serving Region of the pair; for the primary, where the second replica is created, and under eventual consistency the target of the replication latency alarm. With consistency STRONG it must be in the same Region set as this Region and witnessRegion. Default: "us-west-2". */
  readonly peerRegion: string;
  /** Name clients use; each Region's latency record is created for it. Without hostedZoneId, the primary creates a public hosted zone of this name. Default: "app.example.com". */
  readonly domainName: string;
  /** Public hosted zone that holds domainName; required for the secondary (the primary's HostedZoneId output). Empty in the primary creates the zone. Default: "". */
  readonly hostedZoneId: string;
  /** Turn on Route 53 accelerated recovery for the zone the primary creates, so its records can change within about 60 minutes of a us-east-1 outage; a zone passed in hostedZoneId is turned on with the CLI. The zone cannot be deleted until it is turned off. Default: true. */
  readonly acceleratedRecovery: boolean;
  /** ACM certificate in this Region covering domainName, for an HTTPS listener; each Region needs its own. Empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** Name of the global table, the same in both stacks; empty derives it from the stack name, which matches when both Regions use the same oar environment name. Default: "". */
  readonly tableName: string;
  /** Multi-Region consistency of the global table, fixed when it is created. STRONG (MRSC) acknowledges a write only once a second Region holds it, so there are no silent conflicts and no lost writes, at the price of slower writes and a witness Region; EVENTUAL (MREC) replicates asynchronously with last writer wins. Default: "STRONG". */
  readonly consistency: "STRONG" | "EVENTUAL";
  /** Region of the global table's witness under consistency STRONG (primary stack only); it holds replication data but serves no requests, and must differ from both serving Regions and share their Region set. Ignored with EVENTUAL. Default: "us-east-2". */
  readonly witnessRegion: string;
  /** Deletion protection on both replicas of the global table (primary stack only); the table is also retained when the stack is deleted. Default: true. */
  readonly tableDeletionProtection: boolean;
  /** Seconds between Route 53 health checks of this Region's load balancer; 10 detects failure three times faster for 1 USD more a month per Region. Default: 30. */
  readonly healthCheckIntervalSeconds: 10 | 30;
  /** Consecutive failed checks before Route 53 considers this Region unhealthy (and successes before healthy again). Default: 3. */
  readonly healthCheckFailureThreshold: number;
  /** IPv4 CIDR of this Region's VPC, which holds only the load balancer's public subnets (one /24 per zone). Default: "10.80.0.0/16". */
  readonly vpcCidr: string;
  /** Availability Zones the load balancer spans. Default: 2. */
  readonly azCount: number;
  /** Memory of the web tier function in MB; CPU grows with it. Default: 256. */
  readonly functionMemoryMb: 256 | 512 | 1024;
  /** Retention of the function and flow log groups, and of the access logs in S3. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Email address subscribed to this Region's alarm topic; empty subscribes nobody. Default: "". */
  readonly alarmEmail: string;
}
