// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR of the VPC; each zone gets a /24 public subnet for its NAT gateway and a /20 private subnet for instances. Default: "10.80.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones; more zones mean more Spot capacity pools and fewer interruptions. Default: 2. */
  readonly azCount: number;
  /** One NAT gateway in every zone so a zone failure leaves the others their egress; false uses one NAT gateway and saves about 32.85 USD a month per zone. Default: true. */
  readonly natGatewayPerAz: boolean;
  /** Comma-separated instance families or types the environments may launch; diversify widely for Spot, and keep to one architecture (all x86 or all Graviton). Default: "m6i,m6a,m5,m5a,c6i,c6a,c5,r6i,r5". */
  readonly instanceTypes: string;
  /** Upper limit of vCPUs the Spot compute environment runs at once; keep it within the account's Spot vCPU quota. Default: 256. */
  readonly spotMaxVcpus: number;
  /** vCPUs of an On-Demand compute environment placed after the Spot one in the queue; 0 creates none. Default: 0. */
  readonly onDemandMaxVcpus: number;
  /** Size of each instance's encrypted gp3 root volume, which holds the images and every job's scratch space. Default: 50. */
  readonly rootVolumeSizeGiB: number;
  /** Container image of the job definition; a private ECR repository of this account and Region also works. Default: "public.ecr.aws/aws-cli/aws-cli:2.31.23". */
  readonly containerImage: string;
  /** Command of the job definition, split on spaces; Ref::name takes a job parameter; empty uses the image's own command. Default: "s3 cp Ref::inputUri Ref::outputUri". */
  readonly jobCommand: string;
  /** vCPUs reserved for each job; AWS Batch fits several jobs on one instance. Default: 1. */
  readonly jobVcpus: number;
  /** Memory reserved for each job in MiB; a job that uses more is stopped by the container runtime. Default: 2048. */
  readonly jobMemoryMiB: number;
  /** Attempts per job in all; attempts after the first happen only when the host went away, such as a Spot interruption. Default: 3. */
  readonly retryAttempts: number;
  /** Each attempt is stopped after this many minutes and the job fails without retry. Default: 60. */
  readonly attemptTimeoutMinutes: number;
  /** Cancel a job that has waited this long at the head of the queue for capacity or because no instance fits it; 0 waits forever. Default: 60. */
  readonly runnableTimeoutMinutes: 0 | 10 | 30 | 60 | 240 | 1440;
  /** Retention of the job log group in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Email address subscribed to the alert topic (the address must confirm); empty subscribes nobody. Default: "". */
  readonly alertEmail: string;
  /** Keep the buckets, the job log group and the key when the stack is deleted; false deletes them (buckets must be empty). Default: true. */
  readonly retainData: boolean;
}
