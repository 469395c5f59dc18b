// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Comma-separated names of existing log groups in this account and Region that get a subscription filter to the stream. Default: "". */
  readonly logGroupNames: string;
  /** Subscribe every log group of this account and Region with an account-level subscription filter policy, except the pipeline's own log groups. Default: false. */
  readonly accountWideSubscription: boolean;
  /** CloudWatch Logs filter pattern of the subscriptions this stack creates; empty forwards every event. Default: "". */
  readonly filterPattern: string;
  /** AWS Organizations id whose accounts may subscribe to the destination; empty allows only sourceAccountIds. Default: "". */
  readonly organizationId: string;
  /** Comma-separated 12-digit ids of further accounts allowed to subscribe to the destination when organizationId is empty. Default: "". */
  readonly sourceAccountIds: string;
  /** Longest time Firehose buffers records before it writes an object. Default: 300. */
  readonly bufferIntervalSeconds: number;
  /** Size of decompressed records at which Firehose writes an object before the interval ends. Default: 64. */
  readonly bufferSizeMiB: number;
  /** Keep only the message text of each event (Firehose message extraction) and drop owner, log group and stream; not allowed with OpenSearch. Default: false. */
  readonly extractMessages: boolean;
  /** Days after which archived objects move to S3 Glacier Flexible Retrieval; 0 keeps them in S3 Standard. Default: 90. */
  readonly glacierTransitionDays: number;
  /** Days after which archived objects expire; must be greater than glacierTransitionDays. Default: 365. */
  readonly expirationDays: number;
  /** S3 Object Lock default retention of the archive; set it only when creating the bucket, and COMPLIANCE cannot be undone. Default: "none". */
  readonly objectLockMode: "none" | "GOVERNANCE" | "COMPLIANCE";
  /** Days each archived object is locked when objectLockMode is not none. Default: 365. */
  readonly objectLockRetentionDays: number;
  /** Retention of the pipeline's own log groups (Firehose errors and, with OpenSearch, indexer and domain logs). Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Email address subscribed to the alarm topic (the address must confirm); empty subscribes nobody. Default: "". */
  readonly alertEmail: string;
  /** Keep the archive and access log buckets and the key when the stack is deleted; false deletes them (buckets must be empty). Default: true. */
  readonly retainArchive: boolean;
  /** Add an OpenSearch Service domain in a new VPC and an indexer that loads every archived object into it. Default: false. */
  readonly openSearchEnabled: boolean;
  /** IAM role that becomes the master user of the domain's fine-grained access control; required with openSearchEnabled. Default: "". */
  readonly openSearchAdminRoleArn: string;
  /** IPv4 CIDR of the VPC of the domain and the indexer; each zone gets a /24 isolated subnet. Default: "10.90.0.0/22". */
  readonly openSearchVpcCidr: string;
  /** Availability Zones the domain spreads its nodes and replicas over (zone awareness). Default: 2. */
  readonly openSearchAzCount: number;
  /** Instance type of the data nodes. Default: "m6g.large.search". */
  readonly openSearchInstanceType: "m6g.large.search" | "m6g.xlarge.search" | "r6g.large.search" | "r6g.xlarge.search" | "m7g.large.search" | "r7g.large.search";
  /** Number of data nodes; a multiple of openSearchAzCount. Default: 2. */
  readonly openSearchDataNodes: number;
  /** gp3 volume per data node in GiB. Default: 100. */
  readonly openSearchVolumeGiB: number;
  /** Add three dedicated master nodes (m6g.large.search), recommended above a few data nodes. Default: false. */
  readonly openSearchDedicatedMasters: boolean;
  /** Most indexer functions that run at once, so a backlog cannot overload the domain. Default: 2. */
  readonly indexerMaxConcurrency: number;
}
