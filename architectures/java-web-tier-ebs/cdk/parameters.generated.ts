// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** EC2 instance type of the Java nodes (x86_64). Default: "m6i.large". */
  readonly instanceType: "t3.medium" | "m6i.large" | "m6i.xlarge" | "m7i.large" | "m7i.xlarge" | "c6i.large" | "c7i.large" | "r6i.large";
  /** Baked AMI with Java and the application; empty uses the latest Amazon Linux 2023 and installs Java at boot. Default: "". */
  readonly amiId: string;
  /** Amazon Corretto major version installed at boot when amiId is empty. Default: "21". */
  readonly javaVersion: "17" | "21" | "25";
  /** s3 or https URL of the executable JAR to run; empty starts a placeholder that answers the health check path. Default: "". */
  readonly appArtifactUrl: string;
  /** Port the Java process listens on; only the load balancer may reach it. Default: 8080. */
  readonly appPort: number;
  /** HTTP path the load balancer probes; it should return 200 only when the node can serve. Default: "/actuator/health". */
  readonly healthCheckPath: string;
  /** Minimum number of nodes; keep at least one per Availability Zone, or 0 for a pilot-light stack that runs no nodes until you raise it (1 is refused). Default: 2. */
  readonly minCapacity: number;
  /** Maximum number of nodes the Auto Scaling group may run. Default: 6. */
  readonly maxCapacity: number;
  /** Average CPU utilisation that target tracking scaling aims for. Default: 50. */
  readonly cpuTargetPercent: number;
  /** Nodes older than this are replaced, launch before terminate, which bounds hand-made changes and the age of their patches. Default: 30. */
  readonly maxInstanceLifetimeDays: number;
  /** Size of the gp3 root volume of each node. Default: 20. */
  readonly rootVolumeSizeGiB: number;
  /** Size of the gp3 data volume of each node, mounted for application working data and logs. Default: 50. */
  readonly dataVolumeSizeGiB: number;
  /** Provisioned IOPS of the gp3 data volume; gp3 allows 80,000 since 2025, but the instance types offered burst to 40,000 at most, so this entry caps it at 16,000. Default: 3000. */
  readonly dataVolumeIops: number;
  /** Provisioned throughput of the gp3 data volume in MiB/s; gp3 allows 2,000 since 2025, this entry caps it at 1,000, under the 1,250 MB/s burst of the instance types offered. Default: 125. */
  readonly dataVolumeThroughputMiBps: number;
  /** Number of Availability Zones to spread subnets and nodes over. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR block of the VPC. Default: "10.0.0.0/16". */
  readonly vpcCidr: string;
  /** Use one NAT gateway for all zones to save cost outside production; egress then fails with that zone. Default: false. */
  readonly singleNatGateway: boolean;
  /** IPv4 CIDR allowed to reach the load balancer listeners. Default: "0.0.0.0/0". */
  readonly allowedIngressCidr: string;
  /** ACM certificate ARN for an HTTPS listener; when set, port 80 redirects to 443 except for healthCheckPath. Empty serves HTTP only. Default: "". */
  readonly certificateArn: string;
  /** Retention of the application and flow log groups in CloudWatch Logs, and of the load balancer access logs in S3. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
