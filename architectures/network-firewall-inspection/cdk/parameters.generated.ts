// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** Private ASN of the Amazon side of BGP sessions (VPN, Direct Connect, Connect), 64512 to 65534 or 4200000000 to 4294967294; it must differ from every on-premises ASN. Default: 64512. */
  readonly amazonSideAsn: number;
  /** Number of Availability Zones for every VPC; each zone gets a firewall endpoint, a NAT gateway and an attachment subnet in every VPC. Default: 2. */
  readonly azCount: number;
  /** IPv4 CIDR block of the inspection VPC, /16 to /24; each zone takes an eighth for its public subnet and a /28 each for its firewall and attachment subnets. Default: "10.0.0.0/24". */
  readonly inspectionVpcCidr: string;
  /** One to four spoke VPCs as name=cidr pairs, comma-separated, each /16 to /24; names are lowercase words joined by hyphens, and no two blocks (inspection VPC included) may overlap. The spokes' CIDRs are the firewall's HOME_NET. Default: "app=10.1.0.0/16,analytics=10.2.0.0/16". */
  readonly spokes: string;
  /** Domains the spokes may reach over TLS (matched on the SNI) or HTTP (on the Host header), comma-separated, at most 50; a leading dot allows every subdomain. Everything else to the internet is dropped and alerted. Default: ".amazonaws.com". */
  readonly allowedDomains: string;
  /** Let the firewall pass traffic between spokes (recorded in the flow log); false drops it and writes an alert. Either way it crosses the firewall. Default: false. */
  readonly spokeToSpoke: boolean;
  /** Add free S3 and DynamoDB gateway endpoints to every spoke; that traffic then bypasses the transit gateway, the firewall and the NAT gateways. Default: true. */
  readonly spokeGatewayEndpoints: boolean;
  /** Record VPC flow logs of every VPC in addition to the transit gateway flow log and the firewall logs, which are always on. Default: true. */
  readonly vpcFlowLogs: boolean;
  /** Retention of the firewall alert and flow log groups and of the flow log groups in CloudWatch Logs. Default: 365. */
  readonly logRetentionDays: 90 | 180 | 365 | 731 | 1827;
  /** Turn on delete protection for every firewall; set it to false and deploy before destroying the stack. Default: true. */
  readonly firewallDeleteProtection: boolean;
}
