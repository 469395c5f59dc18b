// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Private ASN of the Amazon side of BGP sessions (VPN, Direct Connect, Connect), 64512 to 65534 or 4200000000 to 4294967294; it must differ from every on-premises ASN. Default: 64512. */
  readonly amazonSideAsn: number;
  /** Number of Availability Zones for every VPC; each zone gets a NAT gateway in the egress VPC and an attachment subnet in every VPC. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR block of the egress VPC, /16 to /24; each zone takes a quarter for its public subnet and a /28 for its attachment subnet. Default: "10.0.0.0/24". */
  readonly egressVpcCidr: string;
  /** One to four spoke VPCs as name=cidr pairs, comma-separated, each /16 to /24; names are lowercase words joined by hyphens, and no two blocks (egress VPC included) may overlap. Default: "app=10.1.0.0/16,analytics=10.2.0.0/16". */
  readonly spokes: string;
  /** Propagate every spoke into the spokes' route table so spokes reach each other directly; false keeps them isolated with blackhole routes. Default: false. */
  readonly spokeToSpoke: boolean;
  /** Add free S3 and DynamoDB gateway endpoints to every spoke, so that traffic to them bypasses the transit gateway and the NAT gateways. Default: true. */
  readonly spokeGatewayEndpoints: boolean;
  /** Record VPC flow logs of every VPC in addition to the transit gateway flow log, which is always on. Default: true. */
  readonly vpcFlowLogs: boolean;
  /** Retention of the flow log groups in CloudWatch Logs. Default: 90. */
  readonly flowLogRetentionDays: 30 | 90 | 180 | 365 | 731;
}
