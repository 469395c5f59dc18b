// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC; each private subnet takes a /24. It must not overlap any site's networks. Default: "10.50.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones, each with one private subnet. Default: 2. */
  readonly azCount: number;
  /** Static public IPv4 address of the data centre's VPN device; the default is a documentation address that must be replaced. Default: "203.0.113.10". */
  readonly onPremPublicIp: string;
  /** BGP ASN of the data centre's device; the API requires one for static routing too. Default: 65000. */
  readonly onPremBgpAsn: number;
  /** Comma-separated data centre networks; they become static routes with routingType static, and the only allowed sources of the security group. Default: "10.100.0.0/16". */
  readonly onPremCidrs: string;
  /** How the data centre's routes reach the VPC; bgp learns them from the device and fails over between tunnels on its own, static uses onPremCidrs. Default: "bgp". */
  readonly routingType: "bgp" | "static";
  /** BGP ASN of the virtual private gateway, a private ASN (64512 to 65534, or 4200000000 to 4294967294) that differs from every site's ASN. Default: 64512. */
  readonly amazonSideAsn: number;
  /** What AWS does when dead peer detection times out after 30 seconds; restart renegotiates at once, clear waits for the device, none keeps the tunnel. Default: "restart". */
  readonly dpdTimeoutAction: "restart" | "clear" | "none";
  /** Who starts the IKE negotiation; start lets AWS bring the tunnels up, add waits for the device to start it. Default: "start". */
  readonly startupAction: "start" | "add";
  /** Where the AWS-generated tunnel keys are kept; Standard in the VPN service, SecretsManager in a secret that the service creates in Secrets Manager. Default: "Standard". */
  readonly preSharedKeyStorage: "Standard" | "SecretsManager";
  /** Name of the second site, used in tags and alarm descriptions; a placeholder until you name the real network. Default: "A.N.Other network". */
  readonly spokeName: string;
  /** Static public IPv4 address of the second site's VPN device; empty leaves the spoke, its customer gateway, connection and alarms out. Default: "198.51.100.20". */
  readonly spokePublicIp: string;
  /** BGP ASN of the second site's device; a value different from onPremBgpAsn lets the gateway pass routes between the two sites. Default: 65010. */
  readonly spokeBgpAsn: number;
  /** Comma-separated networks of the second site; static routes with spokeRoutingType static, and allowed sources of the security group. Default: "10.110.0.0/16". */
  readonly spokeCidrs: string;
  /** How the second site's routes reach the VPC, bgp or static with spokeCidrs. Default: "bgp". */
  readonly spokeRoutingType: "bgp" | "static";
  /** Comma-separated TCP ports that workloads in the security group accept from the sites' networks; empty allows no TCP port. Default: "443". */
  readonly allowedTcpPorts: string;
  /** Let the sites' networks ping workloads in the security group, for path tests. Default: true. */
  readonly allowIcmp: boolean;
  /** Existing SNS topic that the tunnel alarms notify on ALARM and OK; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
  /** Retention of the tunnel and flow log groups in CloudWatch Logs. Default: 90. */
  readonly logRetentionDays: 30 | 90 | 180 | 365 | 731;
}
