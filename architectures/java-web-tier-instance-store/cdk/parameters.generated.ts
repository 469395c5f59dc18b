// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** EC2 instance type with NVMe instance store; types with g in the family name are Graviton and use an arm64 image. Default: "m6id.large". */
  readonly instanceType: "m6id.large" | "m6id.xlarge" | "c6id.large" | "c6id.xlarge" | "r6id.large" | "m5d.large" | "m6gd.large" | "m6gd.xlarge" | "c6gd.large" | "m7gd.large";
  /** Baked AMI with git, the OpenVox agent and Java for the instance type's architecture; empty uses the latest Amazon Linux 2023 and installs them at boot. Default: "". */
  readonly amiId: string;
  /** Git URL of the Puppet configuration repository cloned at boot; empty uses the sample code in this entry's bootstrap folder, shipped as an S3 asset. Default: "". */
  readonly configRepoUrl: string;
  /** Branch or tag of the configuration repository to check out; pin a release tag in production. Default: "main". */
  readonly configRepoBranch: string;
  /** Name of an existing Secrets Manager secret with a read-only deploy key or token for a private repository; empty for a public repository. Default: "". */
  readonly configRepoCredentialsSecretName: string;
  /** Name of the Puppet role that puppet apply assigns to the node, applied as class role::java_web by default. Default: "java_web". */
  readonly puppetRole: string;
  /** Amazon Corretto major version the Puppet role installs when the AMI does not include it. Default: "21". */
  readonly javaVersion: "17" | "21" | "25";
  /** s3 or https URL of the executable JAR the Puppet role deploys; empty starts a placeholder that answers the health check path. Default: "". */
  readonly appArtifactUrl: string;
  /** Port the Java process listens on; only the load balancer may reach it. Default: 8080. */
  readonly appPort: number;
  /** HTTP path the load balancer probes; it should write and read a file on the instance store and return 200 only when the node can serve. Default: "/actuator/health". */
  readonly healthCheckPath: string;
  /** Minimum number of nodes; size it so the nodes left after losing one zone carry peak load, because replacements may not launch during an EBS event. 0 makes a pilot-light stack with no nodes (1 is refused). Default: 2. */
  readonly minCapacity: number;
  /** Maximum number of nodes the Auto Scaling group may run. Default: 6. */
  readonly maxCapacity: number;
  /** Average CPU utilisation that target tracking scaling aims for. Default: 50. */
  readonly cpuTargetPercent: number;
  /** Time a new node has to clone, run puppet apply and pass its local health check before the launch lifecycle hook abandons it. Default: 900. */
  readonly bootstrapTimeoutSeconds: number;
  /** Nodes older than this are replaced, launch before terminate, which bounds how old a node's configuration commit and packages can be. Default: 7. */
  readonly maxInstanceLifetimeDays: number;
  /** Number of Availability Zones to spread subnets and nodes over. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR block of the VPC. Default: "10.0.0.0/16". */
  readonly vpcCidr: string;
  /** Use one NAT gateway for all zones to save cost outside production; egress and therefore new nodes then depend on that zone. Default: false. */
  readonly singleNatGateway: boolean;
  /** IPv4 CIDR allowed to reach the load balancer listeners. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** ACM certificate ARN for an HTTPS listener; when set, port 80 redirects to 443 except for healthCheckPath. Empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** Retention of the bootstrap, application and flow log groups in CloudWatch Logs, and of the load balancer access logs in S3. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
