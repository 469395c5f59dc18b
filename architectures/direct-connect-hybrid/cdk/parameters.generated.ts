// Generated from the parameters in architecture.yaml by `npm run entries:derive`; change them there, not here.

/** The values of the parameters declared in architecture.yaml, defaults filled in. */
export interface Parameters {
  /** IPv4 CIDR block of the VPC; each private subnet takes a /24 and each attachment subnet a /28. It must not overlap the data centre's networks. Default: "10.50.0.0/16". */
  readonly vpcCidr: string;
  /** Number of Availability Zones, each with a private subnet and a transit gateway attachment subnet. Default: 2. */
  readonly azCount: number;
  /** Comma-separated data centre networks; they become the VPC's routes to the transit gateway and the only allowed sources of the security group. Default: "10.100.0.0/16". */
  readonly onPremCidrs: string;
  /** BGP ASN of the data centre's routers, on the Direct Connect VIF and on the VPN. Default: 65000. */
  readonly onPremBgpAsn: number;
  /** Private BGP ASN of the transit gateway, the AWS side of the VPN. Default: 64512. */
  readonly amazonSideAsn: number;
  /** Private BGP ASN of the Direct Connect gateway, the AWS side of the transit VIF; it must differ from amazonSideAsn and onPremBgpAsn. Default: 64513. */
  readonly dxGatewayAsn: number;
  /** Comma-separated prefixes the Direct Connect gateway advertises to the data centre for this transit gateway; one must cover vpcCidr. Default: "10.50.0.0/16". */
  readonly allowedPrefixes: string;
  /** Id of an available Direct Connect connection or LAG (dxcon-… or dxlag-…) for the transit virtual interface; empty until the circuit is up, which leaves the VIF and its alarm out. Default: "". */
  readonly dxConnectionId: string;
  /** 802.1Q VLAN of the transit virtual interface on the connection, agreed with the partner for a hosted connection. Default: 101. */
  readonly vifVlan: number;
  /** MTU of the transit virtual interface; 8500 enables jumbo frames if every hop on premises supports them. Default: 1500. */
  readonly vifMtu: 1500 | 8500;
  /** Static public IPv4 address of the data centre's VPN device for the backup path; the default is a documentation address that must be replaced. Default: "203.0.113.10". */
  readonly onPremPublicIp: string;
  /** What AWS does when dead peer detection times out after 30 seconds on a VPN tunnel. Default: "restart". */
  readonly dpdTimeoutAction: "restart" | "clear" | "none";
  /** Who starts the IKE negotiation of the VPN tunnels; start lets AWS bring them up, add waits for the device. Default: "start". */
  readonly startupAction: "start" | "add";
  /** Where the AWS-generated tunnel keys are kept; Standard in the VPN service, SecretsManager in a secret the service creates. Default: "Standard". */
  readonly preSharedKeyStorage: "Standard" | "SecretsManager";
  /** Comma-separated TCP ports that workloads in the security group accept from the data centre's networks; empty allows no TCP port. Default: "443". */
  readonly allowedTcpPorts: string;
  /** Let the data centre's networks ping workloads in the security group, for path tests. Default: true. */
  readonly allowIcmp: boolean;
  /** Existing SNS topic that the connection and tunnel alarms notify on ALARM and OK; empty creates the alarms without actions. Default: "". */
  readonly alarmTopicArn: string;
  /** Retention of the tunnel and flow log groups in CloudWatch Logs. Default: 90. */
  readonly logRetentionDays: 30 | 90 | 180 | 365 | 731;
}
