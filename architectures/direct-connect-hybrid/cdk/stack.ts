import { ArnFormat, Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { cidrList, covers, overlaps } from './cidr.ts';
import { DirectConnect } from './direct-connect.ts';
import { VpnSite } from './vpn-site.ts';
import type { Parameters } from './parameters.generated.ts';

export interface DirectConnectHybridStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** The logRetentionDays values that architecture.yaml allows, as CloudWatch Logs retention. */
const RETENTION: Readonly<Record<number, logs.RetentionDays>> = {
  30: logs.RetentionDays.ONE_MONTH,
  90: logs.RetentionDays.THREE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
  731: logs.RetentionDays.TWO_YEARS,
};

/**
 * A private VPC reached from an on-premises data centre over AWS Direct Connect (a Direct Connect gateway
 * associated with a transit gateway, and a transit virtual interface once the circuit exists), with AWS
 * Site-to-Site VPN over the internet to the same transit gateway as the backup path. Both paths use BGP,
 * and the transit gateway prefers the routes it learns from Direct Connect.
 */
export default class DirectConnectHybridStack extends Stack {
  /** How many zones the VPC spans; read by the availabilityZones override below. */
  private zoneCount = 2;

  constructor(scope: Construct, id: string, props: DirectConnectHybridStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const onPremCidrs = cidrList(p.onPremCidrs);
    const allowedPrefixes = cidrList(p.allowedPrefixes);
    checkParameters(p, onPremCidrs, allowedPrefixes);
    this.zoneCount = p.azCount;
    const stackName = this.stackName;
    const alarmActions = p.alarmTopicArn === '' ? [] : [p.alarmTopicArn];

    // --- Network: private subnets only, and /28 subnets for the transit gateway's interfaces.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(p.vpcCidr),
      maxAzs: p.azCount,
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: 'Attachment', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 },
      ],
      // The restricting feature is a custom resource; the default group is left unused instead.
      restrictDefaultSecurityGroup: false,
    });
    const privateSubnets = vpc.selectSubnets({ subnetGroupName: 'Private' }).subnets;

    // --- Transit gateway. Its default route table is used on purpose: CloudFormation returns no attachment id
    // for the VPN connection or the Direct Connect gateway, so only default association and propagation can
    // put their routes in a table. The one VPC and the two paths to the data centre share that table.
    const tgw = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: `Hybrid hub of ${stackName}: Direct Connect first, Site-to-Site VPN as backup`,
      amazonSideAsn: p.amazonSideAsn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      dnsSupport: 'enable',
      // Both tunnels of the backup VPN carry traffic at once (up to about 2.5 Gbps) when BGP offers equal paths.
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
      tags: [{ key: 'Name', value: stackName }],
    });
    const attachment = new ec2.CfnTransitGatewayAttachment(this, 'VpcAttachment', {
      transitGatewayId: tgw.ref,
      vpcId: vpc.vpcId,
      subnetIds: vpc.selectSubnets({ subnetGroupName: 'Attachment' }).subnetIds,
      options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
      tags: [{ key: 'Name', value: `${stackName}-vpc` }],
    });
    // A transit gateway does not propagate into VPC route tables: the data centre's networks are static routes.
    for (const subnet of privateSubnets) {
      if (!(subnet instanceof ec2.Subnet)) throw new Error(`${subnet.node.path} is not a subnet this stack created`);
      onPremCidrs.forEach((cidr, i) => {
        const routeId = `ToOnPrem${i + 1}`;
        subnet.addRoute(routeId, {
          routerType: ec2.RouterType.TRANSIT_GATEWAY,
          routerId: tgw.ref,
          destinationCidrBlock: cidr,
        });
        subnet.node.findChild(routeId).node.addDependency(attachment);
      });
    }

    // --- Direct Connect: the gateway, its association with the transit gateway, and the transit VIF once a
    // connection exists.
    const directConnect = new DirectConnect(this, 'DirectConnect', {
      name: stackName,
      gatewayAsn: p.dxGatewayAsn,
      transitGatewayId: tgw.ref,
      allowedPrefixes,
      connectionId: p.dxConnectionId,
      vlan: p.vifVlan,
      mtu: p.vifMtu,
      siteAsn: p.onPremBgpAsn,
      alarmActions,
    });

    // --- One key and two log groups: tunnel logs (IKE, DPD, BGP events) and VPC flow logs.
    const tunnelLogGroupName = `/site-to-site-vpn/${stackName}/tunnels`;
    const flowLogGroupName = `/vpc-flow-logs/${stackName}`;
    const logGroupArn = (name: string): string =>
      this.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const key = new kms.Key(this, 'LogKey', {
      description: `Encrypts the VPN tunnel logs and VPC flow logs of ${stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisStacksLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': [logGroupArn(tunnelLogGroupName), logGroupArn(flowLogGroupName)],
          },
        },
      }),
    );
    const retention = RETENTION[p.logRetentionDays];
    if (retention === undefined) throw new Error(`logRetentionDays ${p.logRetentionDays} is not allowed`);
    const tunnelLogs = new logs.LogGroup(this, 'TunnelLogs', {
      logGroupName: tunnelLogGroupName,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: flowLogGroupName,
      encryptionKey: key,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    // --- The backup path: a VPN connection from the data centre's device to the transit gateway, BGP only.
    const backup = new VpnSite(this, 'OnPrem', {
      siteName: 'on-premises data centre',
      transitGatewayId: tgw.ref,
      publicIp: p.onPremPublicIp,
      bgpAsn: p.onPremBgpAsn,
      dpdTimeoutAction: p.dpdTimeoutAction,
      startupAction: p.startupAction,
      preSharedKeyStorage: p.preSharedKeyStorage,
      tunnelLogGroupArn: tunnelLogs.logGroupArn,
      alarmActions,
    });

    // --- Workloads join this group: reachable from the data centre's networks only, and talking only to them.
    const sg = new ec2.SecurityGroup(this, 'OnPremAccessSecurityGroup', {
      vpc,
      description: 'Workloads: inbound only from the on-premises networks, outbound only to them and the VPC',
      allowAllOutbound: false,
    });
    const ports = p.allowedTcpPorts === '' ? [] : p.allowedTcpPorts.split(',').map(Number);
    for (const cidr of onPremCidrs) {
      const peer = ec2.Peer.ipv4(cidr);
      for (const port of ports) sg.addIngressRule(peer, ec2.Port.tcp(port), `TCP ${port} from ${cidr}`);
      if (p.allowIcmp) sg.addIngressRule(peer, ec2.Port.icmpPing(), `ping from ${cidr}, for path tests`);
      sg.addEgressRule(peer, ec2.Port.allTraffic(), `to ${cidr} over Direct Connect or the VPN`);
    }
    sg.addEgressRule(ec2.Peer.ipv4(p.vpcCidr), ec2.Port.allTraffic(), 'inside the VPC');

    // --- Outputs.
    const outputs: [string, string, string][] = [
      ['VpcId', vpc.vpcId, 'Id of the VPC.'],
      [
        'PrivateSubnetIds',
        Fn.join(
          ',',
          privateSubnets.map((s) => s.subnetId),
        ),
        'Private subnet ids.',
      ],
      ['TransitGatewayId', tgw.ref, 'Id of the transit gateway.'],
      ['DirectConnectGatewayId', directConnect.gateway.attrDirectConnectGatewayId, 'Id of the Direct Connect gateway.'],
      ['DirectConnectGatewayAssociationId', directConnect.association.attrAssociationId, 'Association with the transit gateway.'],
      [
        'TransitVirtualInterfaceId',
        directConnect.virtualInterface?.attrVirtualInterfaceId ?? 'none',
        'Transit VIF, or none until dxConnectionId is set.',
      ],
      ['CustomerGatewayId', backup.customerGateway.ref, 'Customer gateway of the data centre.'],
      ['VpnConnectionId', backup.connection.ref, 'Backup VPN connection.'],
      ['OnPremAccessSecurityGroupId', sg.securityGroupId, 'Security group for workloads.'],
      ['TunnelLogGroupName', tunnelLogs.logGroupName, 'Tunnel log group.'],
      ['FlowLogGroupName', flowLogs.logGroupName, 'VPC flow log group.'],
      ['LogKeyArn', key.keyArn, 'KMS key of both log groups.'],
    ];
    for (const [name, value, description] of outputs) new CfnOutput(this, name, { value, description });
  }

  /**
   * An environment-agnostic stack gets two zones from CDK; this one uses azCount zones of the
   * Region it is deployed to, resolved by CloudFormation.
   */
  override get availabilityZones(): string[] {
    return Array.from({ length: this.zoneCount }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
}

/** Throws on parameter combinations that the schema cannot express, naming the fix. */
function checkParameters(p: Parameters, onPremCidrs: readonly string[], allowedPrefixes: readonly string[]): void {
  const problems = overlaps({ vpcCidr: [p.vpcCidr], onPremCidrs }).map(
    (o) => `${o}; the VPC and the data centre need distinct address ranges`,
  );
  if (onPremCidrs.length === 0) problems.push('onPremCidrs is empty; list the data centre networks');
  if (allowedPrefixes.length === 0) problems.push('allowedPrefixes is empty; list the prefixes to advertise, at least vpcCidr');
  if (!allowedPrefixes.some((a) => covers(a, p.vpcCidr))) {
    problems.push(`no allowed prefix covers vpcCidr ${p.vpcCidr}; the data centre could not reach the VPC over Direct Connect`);
  }
  const asns: [string, number][] = [
    ['amazonSideAsn', p.amazonSideAsn],
    ['dxGatewayAsn', p.dxGatewayAsn],
    ['onPremBgpAsn', p.onPremBgpAsn],
  ];
  asns.forEach(([a, x], i) => {
    for (const [b, y] of asns.slice(i + 1)) if (x === y) problems.push(`${a} equals ${b} ${x}; every BGP speaker needs its own ASN`);
  });
  for (const [name, asn] of asns.slice(0, 2)) {
    if (asn > 65534 && asn < 4200000000) {
      problems.push(`${name} ${asn} is not a private ASN; use 64512 to 65534 or 4200000000 to 4294967294`);
    }
  }
  if (p.dxConnectionId !== '' && !/^dx(con|lag)-[a-z0-9]{8}$/u.test(p.dxConnectionId)) {
    problems.push(`dxConnectionId ${p.dxConnectionId} is not a connection or LAG id such as dxcon-ffabc123`);
  }
  const badPorts = cidrList(p.allowedTcpPorts).filter((port) => Number(port) < 1 || Number(port) > 65535);
  if (badPorts.length > 0) problems.push(`allowedTcpPorts ${badPorts.join(', ')} is not a port from 1 to 65535`);
  if (problems.length > 0) throw new Error(`direct-connect-hybrid: ${problems.join('; ')}`);
}
