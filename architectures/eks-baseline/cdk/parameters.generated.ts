// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC, /16 to /18; the private subnets take three quarters of it, because every pod takes a VPC address. Default: "10.40.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones; each gets a public and a private subnet, and Auto Mode spreads nodes over them. Default: 3. */
  readonly azCount: number;
  /** NAT gateways for node and pod egress; one per zone (equal to azCount) survives a zone outage, 1 saves cost but makes egress depend on one zone. Default: 3. */
  readonly natGateways: number;
  /** Kubernetes minor version of the control plane; Auto Mode nodes follow it. Upgrade one minor version at a time. Default: "1.36". */
  readonly kubernetesVersion: "1.35" | "1.36" | "1.37";
  /** Where the Kubernetes API answers; private always answers inside the VPC, public-and-private also from publicAccessCidr over the internet. Default: "public-and-private". */
  readonly endpointAccess: "public-and-private" | "private";
  /** IPv4 CIDR allowed to reach the public API endpoint with endpointAccess public-and-private; every request still needs an IAM identity with an access entry. Default: "0.0.0.0/0". */
  readonly publicAccessCidr: string;
  /** IAM role of the platform team that gets a cluster-administrator access entry; empty creates none, and nobody can use kubectl until an access entry exists. Default: "". */
  readonly adminRoleArn: string;
  /** namespace/serviceaccount of a workload that gets its own empty IAM role through EKS Pod Identity, for example shop/web; empty creates none. Default: "". */
  readonly podIdentityServiceAccount: string;
  /** Install the Amazon CloudWatch Observability managed add-on (Container Insights metrics and container logs), its agent authorised through Pod Identity. Default: false. */
  readonly observabilityAddon: boolean;
  /** Refuse DeleteCluster, including from a stack deletion, until it is switched off again. Default: false. */
  readonly deletionProtection: boolean;
  /** Retention of the control-plane and VPC flow log groups in CloudWatch Logs. Default: 30. */
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 180 | 365;
}
