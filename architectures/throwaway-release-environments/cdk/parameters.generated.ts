// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Build number of the release, from the CI system; tagged on every resource and node, passed to the application and returned as an output. Default: "local". */
  readonly buildNumber: string;
  /** Git commit of the release (7 to 40 hex digits); tagged on every resource and node, passed to the application and returned as an output. Default: "unknown". */
  readonly gitCommit: string;
  /** What this stack is; release builds one release's environment, traffic holds the weighted records of every live release under recordName, so a weight change deploys only the traffic stack. Default: "release". */
  readonly stackKind: "release" | "traffic";
  /** Traffic stack only; id of the existing public or private hosted zone that holds recordName. Default: "". */
  readonly hostedZoneId: string;
  /** Traffic stack only; the shared DNS name, such as app.example.com, that gets one weighted alias record per release in weights. Default: "". */
  readonly recordName: string;
  /** Traffic stack only; the weight from 0 to 255 of each live release, as release=weight pairs separated by commas, such as r-41=100,r-42=10; a release left out has no record. Default: "". */
  readonly weights: string;
  /** Create a Route 53 health check that probes SmokeTestUrl from the internet every 30 seconds; needs allowedIngressCidr 0.0.0.0/0, because the checkers come from the internet. Default: true. */
  readonly externalHealthCheck: boolean;
  /** EC2 instance type with NVMe instance store; types with g in the family name are Graviton and use an arm64 image. Default: "m6id.large". */
  readonly instanceType: "m6id.large" | "m6id.xlarge" | "c6id.large" | "c6id.xlarge" | "r6id.large" | "m5d.large" | "m6gd.large" | "m6gd.xlarge" | "c6gd.large" | "m7gd.large";
  /** Baked AMI with git, the OpenVox agent and Java for the instance type's architecture; empty uses the latest Amazon Linux 2023 when the release is created and installs them at each boot. Default: "". */
  readonly amiId: string;
  /** Git URL of the Puppet configuration repository cloned at boot; empty uses the sample code in this entry's bootstrap folder, shipped as an S3 asset. Default: "". */
  readonly configRepoUrl: string;
  /** Branch or tag of the configuration repository to check out; set it to the release tag, so that every node of the release gets the same commit. Default: "main". */
  readonly configRepoBranch: string;
  /** Name of an existing Secrets Manager secret with a read-only deploy key or token for a private repository; empty for a public repository. Default: "". */
  readonly configRepoCredentialsSecretName: string;
  /** Name of the Puppet role that puppet apply assigns to the node, applied as class role::java_web by default. Default: "java_web". */
  readonly puppetRole: string;
  /** Amazon Corretto major version the Puppet role installs when the AMI does not include it. Default: "21". */
  readonly javaVersion: "17" | "21" | "25";
  /** s3 or https URL of the release's executable JAR; empty starts a placeholder that answers the health check path and reports the release. Default: "". */
  readonly appArtifactUrl: string;
  /** Port the Java process listens on; only the load balancer may reach it. Default: 8080. */
  readonly appPort: number;
  /** HTTP path that the load balancer, the smoke test and the Route 53 health check probe, over plain HTTP on the public load balancer; it should write and read a file on the instance store, return 200 only when the node can serve, and show no component details. Default: "/actuator/health". */
  readonly healthCheckPath: string;
  /** Minimum number of nodes, and the number that must bootstrap and signal before the release's stack is created; for a release that will take all traffic, set it to the live release's current group size so that it is not cold. Default: 2. */
  readonly minCapacity: number;
  /** Maximum number of nodes the Auto Scaling group may run. Default: 6. */
  readonly maxCapacity: number;
  /** Average CPU utilisation that target tracking scaling aims for. Default: 50. */
  readonly cpuTargetPercent: number;
  /** Time a new node has to clone, run puppet apply and pass its local health check before the launch lifecycle hook abandons it; the release's stack waits twice this plus 5 minutes for its nodes' signals. Default: 900. */
  readonly bootstrapTimeoutSeconds: number;
  /** Nodes older than this are replaced inside their release, each replacement in service before the old node goes, which bounds the age of packages when releases are rare. Default: 7. */
  readonly maxInstanceLifetimeDays: number;
  /** Number of Availability Zones to spread subnets and nodes over. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR block of the release's VPC; alternate between two ranges for consecutive releases if they must reach shared state in another VPC. Default: "10.0.0.0/16". */
  readonly vpcCidr: string;
  /** Use one NAT gateway for all zones, for releases that never take production traffic; egress and new nodes then depend on that zone. Default: false. */
  readonly singleNatGateway: boolean;
  /** IPv4 CIDR allowed to reach the load balancer listeners; anything narrower needs externalHealthCheck=false. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** ACM certificate ARN for recordName and an HTTPS listener; port 80 then redirects to 443, except for the health check path. Empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** Existing shared S3 bucket, outside every environment, for load balancer access logs under a prefix per release; empty turns access logs off. Default: "". */
  readonly accessLogBucketName: string;
  /** Retention of the bootstrap, application and flow log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
  /** Keep the release's log groups when its environment is deleted, until their retention empties them; false deletes them with the environment. Default: true. */
  readonly retainLogs: boolean;
}
